import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * The bin loads its command from the code cache `npm run build` made
 * (src/cli/loadCommand.ts, src/cli/codeCache.build.mjs), and a run is the
 * same whether the cache is used, missing, another build's, or refused by
 * V8. Each case runs the built bin in a child node, in a copy of the
 * package whose cache file is changed.
 */
const ROOT = resolve(".");
const SAMPLE = resolve("samples/crashloop-oomkilled/input");
const EVENTS = resolve("samples/pods-and-events/input");

/** How the command loads in a node set up as the bin sets it (heap flags first), from the package at `root`. */
const PROBE = `
const { boundHeap } = await import(process.env.ROOT + "/dist/cli/heapFlags.js");
const { loadCommand } = await import(process.env.ROOT + "/dist/cli/loadCommand.js");
boundHeap(process.execArgv, process.env.NODE_OPTIONS);
console.log((await loadCommand()).cache);
process.exit(0);
`;

/** Without NODE_OPTIONS (a runner's would be flags the cache was not made under). */
function env(root: string): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ROOT: root };
  delete e["NODE_OPTIONS"];
  return e;
}

function cacheUse(root: string): string {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", PROBE], { env: env(root), encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

function report(root: string, args: string[]): string {
  const r = spawnSync(process.execPath, [join(root, "dist/cli/main.js"), ...args], { env: env(root), encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

const copies: string[] = [];
/** A copy of the built package (dist, schemas, package.json; node_modules linked) with its cache file as `change` leaves it. */
function copyWith(change: (cache: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "podtrail-cache-"));
  copies.push(dir);
  for (const part of ["dist", "schemas", "package.json"]) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  change(join(dir, "dist/cli/run.cjs.cache"));
  return dir;
}
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe("the command's code cache", () => {
  const args = ["analyze", SAMPLE, EVENTS, "-o", "json"];
  let asBuilt = "";
  beforeAll(() => {
    asBuilt = report(ROOT, args);
  });

  it("is what the built bin loads its command from", () => {
    expect(cacheUse(ROOT)).toBe("used");
    expect(readFileSync(join(ROOT, "dist/cli/run.cjs.cache")).length).toBeGreaterThan(100_000);
  });

  it("is not used when it was made for another build, and the run is the same", () => {
    const dir = copyWith((cache) => {
      const bytes = readFileSync(cache);
      const newline = bytes.indexOf(0x0a);
      // The same V8 data, under another build's token: V8 alone would take it (it checks the script's length only).
      writeFileSync(cache, Buffer.concat([Buffer.from("//# podtrail-build 0123456789abcdef0123456789abcdef"), bytes.subarray(newline)]));
    });
    expect(cacheUse(dir)).toBe("stale");
    expect(report(dir, args)).toBe(asBuilt);
  });

  it("refused by V8 (damaged), or missing, the command is compiled and the run is the same", () => {
    const damaged = copyWith((cache) => {
      const bytes = readFileSync(cache);
      const newline = bytes.indexOf(0x0a);
      writeFileSync(cache, Buffer.concat([bytes.subarray(0, newline + 1), Buffer.alloc(bytes.length - newline - 1, 7)]));
    });
    expect(cacheUse(damaged)).toBe("rejected");
    expect(report(damaged, args)).toBe(asBuilt);
    const missing = copyWith((cache) => rmSync(cache));
    expect(cacheUse(missing)).toBe("absent");
    expect(report(missing, args)).toBe(asBuilt);
  });

  it("is refused under flags it was not made with, and the run is the same", () => {
    const r = spawnSync(process.execPath, ["--heap-growing-percent=30", "--input-type=module", "-e", PROBE], { env: env(ROOT), encoding: "utf8" });
    expect(r.stdout.trim()).toBe("rejected");
    const run = spawnSync(process.execPath, ["--heap-growing-percent=30", join(ROOT, "dist/cli/main.js"), ...args], { env: env(ROOT), encoding: "utf8" });
    expect(run.stdout).toBe(asBuilt);
  });
});
