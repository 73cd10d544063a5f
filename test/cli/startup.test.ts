import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

/*
 * What the command loads is what the run needs (src/cli/bundle.build.mjs,
 * src/builtins.ts): the help layout's string-width (its Intl.Segmenters and
 * Unicode property expressions) only when help is laid out, gzip only for a
 * .gz input or a partial file, hashing only for partial files. Each costs
 * start-up on every run otherwise (docs/performance.md). The bundle built by
 * `npm run build` runs in a child node, loaded as the bin loads it
 * (loadCommand.ts), which counts the Segmenters made and lists the built-ins loaded.
 */
const LOADER = resolve("dist/cli/loadCommand.js");
const SAMPLE = resolve("samples/crashloop-oomkilled/input/pods.jsonl");

const PROBE = `
let segmenters = 0;
const Real = Intl.Segmenter;
Intl.Segmenter = class extends Real { constructor(...a) { super(...a); segmenters++; } };
const { loadCommand } = await import(process.env.LOADER);
const { command: { main } } = await loadCommand();
const { Writable } = await import("node:stream");
let out = "";
const stdout = new Writable({ write: (c, _e, done) => { out += c; done(); } });
const stderr = new Writable({ write: (_c, _e, done) => done() });
const code = await main(JSON.parse(process.env.ARGS), { stdout, stderr });
const builtins = process.moduleLoadList.filter((m) => /^NativeModule (zlib|crypto|worker_threads)$/.test(m)).map((m) => m.slice("NativeModule ".length));
console.log(JSON.stringify({ code, segmenters, builtins, out: out.length }));
`;

function probe(args: string[]): { code: number; segmenters: number; builtins: string[]; out: number } {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", PROBE], { env: { ...process.env, LOADER, ARGS: JSON.stringify(args) }, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

describe("start-up loads what the run needs", () => {
  it("a report of a plain capture lays out no help and loads neither gzip, hashing nor threads", () => {
    const r = probe(["analyze", SAMPLE, "-o", "json"]);
    expect(r.code).toBe(0);
    expect(r.out).toBeGreaterThan(1000);
    expect(r.segmenters).toBe(0);
    expect(r.builtins).toEqual([]);
  });

  it("--help loads string-width, and its layout is the package's", () => {
    const r = probe(["analyze", "--help"]);
    expect(r.code).toBe(0);
    expect(r.segmenters).toBeGreaterThan(0);
    // yargs lays out the options in columns, from the widths string-width gives: every description starts in one column.
    const help = spawnSync(process.execPath, [resolve("dist/cli/main.js"), "analyze", "--help"], { encoding: "utf8" }).stdout;
    const columns = help
      .split("\n")
      .map((l) => /^( +-.*? {2,})\S/.exec(l)?.[1]?.length)
      .filter((c) => c !== undefined);
    expect(columns.length).toBeGreaterThan(10);
    expect(new Set(columns).size).toBe(1);
  });

  it("a .gz input loads gzip, a partial file hashing too", () => {
    const dir = mkdtempSync(join(tmpdir(), "podtrail-startup-"));
    const gz = join(dir, "pods.jsonl.gz");
    writeFileSync(gz, gzipSync(readFileSync(SAMPLE)));
    expect(probe(["analyze", gz, "-o", "json"]).builtins).toEqual(["zlib"]);
    expect(probe(["analyze", SAMPLE, "--partial", join(dir, "p.ptp"), "-q"]).builtins.sort()).toEqual(["crypto", "zlib"]);
  });
});
