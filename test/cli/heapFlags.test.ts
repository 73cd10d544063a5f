import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

/*
 * The bin bounds its heap with V8 flags set at run time (src/cli/heapFlags.ts).
 * V8 reads them at every collection: this holds that it does, in a node as
 * the bin runs (flags set after start-up), with a load shaped like a long
 * read: short-lived records, and a state that grows as pods are found.
 */
const HEAP_FLAGS = resolve("dist/cli/heapFlags.js");

/*
 * With YIELD=1 the load lets the event loop turn between batches, as the engine does
 * between reads; LARGE is the heap that lets the young generation grow.
 * `before` and `after` are its largest size before and after the heap first
 * held LARGE bytes.
 */
const LOAD = `
import v8 from "node:v8";
const { boundHeap } = await import(process.env.HEAP_FLAGS);
const large = process.env.LARGE === undefined ? undefined : Number(process.env.LARGE);
const set = process.env.BOUND === "1" ? boundHeap(process.execArgv, process.env.NODE_OPTIONS, large) : [];
const kept = [];
const youngSize = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size;
let before = 0;
let after = 0;
let crossed = false;
for (let i = 0; i < 2_000_000; i++) {
  const record = JSON.parse('{"metadata":{"name":"p-' + i + '","uid":"' + i + '"},"status":{"phase":"Running"}}');
  if (i % 4 === 0) kept.push({ name: record.metadata.name, phase: record.status.phase });
  if (i % 10_000 === 0) {
    crossed ||= large !== undefined && v8.getHeapStatistics().used_heap_size >= large;
    if (crossed) after = Math.max(after, youngSize());
    else before = Math.max(before, youngSize());
    if (process.env.YIELD === "1") await new Promise((resolve) => setImmediate(resolve));
  }
}
console.log(JSON.stringify({ set, young: Math.max(before, after), before, after, kept: kept.length }));
`;

interface LoadResult {
  readonly set: string[];
  readonly young: number;
  readonly before: number;
  readonly after: number;
  readonly fullCollections: number;
}

function run(bound: boolean, nodeArgs: string[] = [], nodeOptions = "", env: NodeJS.ProcessEnv = {}): LoadResult {
  const r = spawnSync(process.execPath, [...nodeArgs, "--trace-gc", "--input-type=module", "-e", LOAD], {
    env: { ...process.env, HEAP_FLAGS, BOUND: bound ? "1" : "0", NODE_OPTIONS: nodeOptions, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout.trim().split("\n");
  const result = JSON.parse(lines.find((l) => l.startsWith("{"))!) as Omit<LoadResult, "fullCollections">;
  return { ...result, fullCollections: lines.filter((l) => l.includes("Mark-Compact")).length };
}

/** The bound load, yielding between batches, with the young generation let grow at `large` bytes of heap. */
const runYielding = (large: number): LoadResult => run(true, [], "", { YIELD: "1", LARGE: String(large) });

describe("the heap's bounds, set at run time", () => {
  const MiB = 1024 * 1024;
  // The young generation's two semi-spaces at the held size (V8 starts them at 1 MiB, and grows them to 16 MiB).
  const HELD = 8 * MiB;

  it("hold the young generation at semi-spaces of 4 MiB and collect the old one in smaller steps", () => {
    const free = run(false);
    const bound = run(true, [], "", { YIELD: "1" });
    expect(bound.set).toEqual(["--semi-space-growth-factor=4", "--heap-growing-percent=60"]);
    expect(free.young).toBeGreaterThan(HELD); // V8 grows it past the held size on such a load...
    expect(bound.young).toBe(HELD); // ...grown in one step, then held there
    expect(bound.fullCollections).toBeGreaterThan(free.fullCollections);
  });

  it("let the young generation grow once the heap is large, and not before", () => {
    const grows = runYielding(24 * MiB);
    expect(grows.before).toBeGreaterThan(0);
    expect(grows.before).toBeLessThanOrEqual(HELD);
    expect(grows.after).toBeGreaterThan(HELD);
    // A heap that never gets that large keeps it held to the end.
    const stays = runYielding(4096 * MiB);
    expect(stays.after).toBe(0);
    expect(stays.before).toBe(HELD);
  });

  it("leave a flag the user gave node alone, on its command line or in NODE_OPTIONS", () => {
    const given = run(true, ["--max-semi-space-size=8", "--heap_growing_percent=20"], "", { YIELD: "1" });
    expect(given.set).toEqual([]);
    expect(given.young).toBeGreaterThan(HELD);
    // NODE_OPTIONS takes --max-semi-space-size, not --heap-growing-percent.
    const options = run(true, [], " --max-semi-space-size=8  --max-old-space-size=4096", { YIELD: "1" });
    expect(options.set).toEqual(["--heap-growing-percent=60"]);
    expect(options.young).toBeGreaterThan(HELD);
    expect(run(true, [], "--max-old-space-size=4096").set).toEqual(["--semi-space-growth-factor=4", "--heap-growing-percent=60"]);
  });
});
