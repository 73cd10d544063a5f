#!/usr/bin/env node
// Where podtrail allocates: runs `analyze FILE... -o json` in this process
// under V8's sampling heap profiler, counting objects the collector has
// already freed too (what the young generation's scavenges pay for), and
// prints the bytes allocated by function and by pipeline stage (the nearest
// enclosing stage function: decode, normalize, rebuild, derive, render).
//
//   node test/bench/alloc.mjs FILE... [-j 1] [--top 30] [--interval 4096] [--stage derive]
//
// --stage adds a table of that stage's functions (its name's start: `derive`,
// `render`), a built-in (`next`, `Map`, `slice`) named with the podtrail
// function that called it, as a built-in's bytes are its caller's doing.
//
// Build first (`npm run build`): it runs the bundled command (dist/cli/run.cjs), loaded as the bin loads it.

import { Session } from "node:inspector/promises";
import { dirname, resolve } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "30" }, interval: { type: "string", default: "4096" }, j: { type: "string", short: "j", default: "1" }, stage: { type: "string" } },
});
if (positionals.length === 0) throw new Error("usage: alloc.mjs FILE... [-j 1] [--top 30] [--interval 4096] [--stage derive]");

/**
 * Function names (as esbuild keeps them in dist/cli/run.cjs) that open a stage, in pipeline order. A name opens its
 * stage only below an earlier one: the names are common ones (`apply`, `find`), and one called from a later stage
 * (deriving replays a history through another `apply`) belongs to that stage.
 */
const STAGES = [
  ["readFile", "read"],
  ["find", "decode (find records)"],
  // parseRecord is often inlined into its caller: its callee names the stage as well.
  ["parseRecord", "decode (parse)"],
  ["parseTrimmed", "decode (parse)"],
  ["normalizeValue", "normalize"],
  // Reconstruction.apply, called with each normalized record.
  ["apply", "rebuild"],
  ["buildReport", "derive and summarize"],
  ["renderJsonChunks", "render"],
].map(([name, stage], order) => ({ name, stage, order }));
const stageOf = new Map(STAGES.map((s) => [s.name, s]));

const session = new Session();
session.connect();
await session.post("HeapProfiler.enable");
const { loadCommand } = await import(pathToFileURL(resolve(ROOT, "dist/cli/loadCommand.js")).href);
const {
  command: { main },
} = await loadCommand();
await session.post("HeapProfiler.startSampling", {
  samplingInterval: Number(values.interval),
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
const status = await main(["analyze", ...positionals, "-o", "json", "-j", values.j], { stdout: discard, stderr: process.stderr });
const { profile } = await session.post("HeapProfiler.stopSampling");
if (status !== 0 && status !== 1) throw new Error(`podtrail exited ${status}`);

const byFunction = new Map();
const byStage = new Map();
const inStage = new Map();
const add = (map, key, bytes) => map.set(key, (map.get(key) ?? 0) + bytes);
let total = 0;
// `caller` is the nearest enclosing function that is not a built-in (one with a script).
const walk = (node, stage, caller) => {
  const name = node.callFrame.functionName || "(anonymous)";
  const opened = stageOf.get(name);
  const here = opened !== undefined && opened.order > stage.order ? opened : stage;
  const file = node.callFrame.url.split("/").pop();
  const key = `${name}  ${file}${file ? `:${node.callFrame.lineNumber + 1}` : ""}`;
  total += node.selfSize;
  add(byFunction, key, node.selfSize);
  add(byStage, here.stage, node.selfSize);
  if (values.stage !== undefined && here.stage.startsWith(values.stage)) add(inStage, file ? key : `${name} <- ${caller}`, node.selfSize);
  for (const child of node.children) walk(child, here, file ? key : caller);
};
walk(profile.head, { stage: "(start-up, outside the stages)", order: -1 }, "(none)");

const top = Number(values.top) || 30;
const print = (title, map) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${(bytes / 1e6).toFixed(1).padStart(8)} MB ${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${key}\n`);
  }
};
process.stdout.write(`allocated (sampled every ${values.interval} bytes, freed objects included): ${(total / 1e6).toFixed(1)} MB\n`);
print("by stage", byStage);
print("by function", byFunction);
if (values.stage !== undefined) print(`in the stage ${values.stage}, a built-in named with its caller`, inStage);
