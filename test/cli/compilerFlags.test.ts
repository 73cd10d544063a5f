import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { merge, partial } from "../../src/merge.js";

/*
 * Once reading ends the bin sets TurboFan's inlining budget low, at run time
 * (src/cli/compilerFlags.ts). V8 reads it as each compile job starts: this
 * holds that it does, in a node as the bin runs, by the inlinings V8 traces
 * for a hot caller of a mid-sized function compiled after the call.
 */
const COMPILER_FLAGS = resolve("dist/cli/compilerFlags.js");

const LOAD = `
const { compileLeanerAfterReading } = await import(process.env.COMPILER_FLAGS);
const afterReading = compileLeanerAfterReading(process.execArgv);
if (process.env.READ_ENDS === "1") afterReading();
const callee = new Function("x", "let s = 0; for (let i = 0; i < 3; i++) { s += (x * i) % 7; s ^= x >> i; s += x & 3; s -= (x | i) % 5; s += Math.max(x, i) - Math.min(x, i); } return s;");
const caller = new Function("callee", "n", "let t = 0; for (let i = 0; i < n; i++) t += callee(i); return t;");
let t = 0;
for (let k = 0; k < 20; k++) t += caller(callee, 200000);
console.log("done", t);
`;

/** How many inlinings V8 traced. */
function inlinings(readEnds: boolean, nodeArgs: string[] = []): number {
  const r = spawnSync(process.execPath, [...nodeArgs, "--trace-turbo-inlining", "--input-type=module", "-e", LOAD], {
    env: { ...process.env, COMPILER_FLAGS, READ_ENDS: readEnds ? "1" : "0", NODE_OPTIONS: "" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain("done");
  return r.stdout.split("\n").filter((l) => l.startsWith("Inlining ")).length;
}

describe("the compiler's inlining budget after reading", () => {
  it("is the default while reading, and small once reading ends", () => {
    expect(inlinings(false)).toBeGreaterThan(0);
    expect(inlinings(true)).toBe(0);
  });

  it("is left as the user set it on node's command line (NODE_OPTIONS does not take it)", () => {
    expect(inlinings(true, ["--max-inlined-bytecode-size-cumulative=920"])).toBeGreaterThan(0);
    expect(inlinings(true, ["--max_inlined_bytecode_size_cumulative=920"])).toBeGreaterThan(0);
    expect(inlinings(true, ["--turbo-inlining"])).toBeGreaterThan(0);
  });

  it("is set when analyze has read its inputs, once, before the report is built", async () => {
    const calls: number[] = [];
    const report = await analyze(["samples/crashloop-oomkilled/input"], { onReadEnd: () => calls.push(Date.now()) });
    expect(calls).toHaveLength(1);
    expect(report.pods.length).toBeGreaterThan(0);
    await expect(analyze(["samples/crashloop-oomkilled/input"])).resolves.toEqual(report);
  });

  it("is set when merge has read its partials, once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "podtrail-lean-"));
    const file = join(dir, "a.partial");
    const chunks: Buffer[] = [];
    for await (const chunk of partial(["samples/crashloop-oomkilled/input"])) chunks.push(chunk);
    writeFileSync(file, Buffer.concat(chunks));
    let calls = 0;
    const merged = await merge([file], { onReadEnd: () => calls++ });
    expect(calls).toBe(1);
    expect(merged.pods).toEqual((await analyze(["samples/crashloop-oomkilled/input"])).pods);
  });
});
