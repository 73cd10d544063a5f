#!/usr/bin/env node
// What `-j N` would give on a machine with free cores for every thread, from
// this one: each piece of the work of a parallel read measured alone, one
// after another, then the run replayed on N threads. Build first.
//
//   node test/bench/cores.mjs FILE.jsonl [--threads 1,2,4,8] [--rounds 3] [--part-mb M] [--json]
//
// What is measured (median of --rounds, each piece alone on the machine):
//   - each job of the plan `-j N` makes (parallel.ts `planJobs`), read as a
//     worker thread reads it: into a reconstruction of its own, then encoded
//     as its partial's lines (`readJob`), warm;
//   - the same job read straight into the run's reconstruction, as the main
//     thread reads the jobs it takes itself;
//   - merging each job's lines into the run's reconstruction (what the main
//     thread does when a worker's lines arrive);
//   - deriving and rendering the JSON report once (`buildReport`, `renderChunks`);
//   - a worker thread's start, and its first job cold against warm (the
//     compiler's warm-up that every thread pays);
//   - the start of the command on an empty file.
// The replay hands jobs out largest first to the first free thread, as
// `runJobs` does. The main thread reads jobs too and merges each worker's
// lines as they arrive, before its next piece of reading; it then derives
// and renders. Each thread is taken to have a core of its own, plus what its
// collector and compiler threads use (about 0.4 of a core here: `-j`'s
// default is one thread per two cores), and memory bandwidth to spare.
//
// The merged report is checked against the report of one thread reading the
// whole file, for every N (same length, same CRC-32).

import { performance } from "node:perf_hooks";
import { statSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { crc32 } from "node:zlib";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = (p) => import(join(ROOT, "dist", p));
// The heap the command runs with (young generation kept small, old generation grown in steps), before anything is read.
(await dist("cli/heapFlags.js")).boundHeap(process.execArgv, process.env.NODE_OPTIONS);
const { readInputs } = await dist("analyze.js");
const { buildReport } = await dist("report.js");
const { renderChunks } = await dist("render/index.js");
const { planJobs, readJob, WORKER_YOUNG_GENERATION_MB } = await dist("parallel.js");
const { fileRange } = await dist("input/index.js");
const { Reconstruction } = await dist("reconstruct/reconstruction.js");
const { PartialDecoder } = await dist("reconstruct/partialCodec.js");

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { threads: { type: "string", default: "1,2,4,8" }, rounds: { type: "string", default: "3" }, "part-mb": { type: "string" }, json: { type: "boolean", default: false } },
});
if (positionals.length !== 1) {
  process.stderr.write("usage: cores.mjs FILE.jsonl [--threads 1,2,4,8] [--rounds 3] [--part-mb M] [--json]\n");
  process.exit(2);
}
const file = resolve(positionals[0]);
const threadCounts = values.threads.split(",").map(Number);
const rounds = Number(values.rounds);
const size = statSync(file).size;
// --part-mb: another least size of a part than the command's (MiB), to see what it would change.
const minPartBytes = values["part-mb"] === undefined ? undefined : Number(values["part-mb"]) * 1024 * 1024;
const source = { name: file, size, file, open: fileRange(file, file, 0, Number.POSITIVE_INFINITY).open };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timed = async (f) => {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
};
const best = async (f) => {
  const runs = [];
  let value;
  for (let r = 0; r < rounds; r++) {
    const t = await timed(f);
    runs.push(t.ms);
    value = t.value;
  }
  return { ms: median(runs), value };
};
const readPart = (part, firstLine, into, onProgress) => readInputs([part], { firstLine, onProgress }, into);
/** The JSON report, chunk by chunk as the command writes it: its CRC-32 (bytes the same as one thread's, or not) and length. */
const renderJson = (reconstruction) => {
  let crc = 0;
  let chars = 0;
  for (const chunk of renderChunks(buildReport(reconstruction.finish()), "json")) {
    crc = crc32(chunk, crc);
    chars += chunk.length;
  }
  return `${crc}/${chars}`;
};

/** A job as a worker reads it (read, then encoded): its partial's lines. */
async function workerRead(job) {
  const texts = [];
  await readJob(job, readPart, fileRange, (m) => {
    if (m.kind === "lines") texts.push(m.text);
  });
  return texts;
}

/** Merging a job's lines, as runJobs does. */
function mergeInto(into, texts) {
  const merge = into.entryMerger();
  const decoder = new PartialDecoder();
  for (const text of texts) for (const line of text.split("\n")) merge(decoder.entry(JSON.parse(line)));
}

/**
 * A worker thread of the command's (dist/cli/readWorker.js, bundled as the
 * command is, with the command's limit: parallel.ts): its start until it runs,
 * and a job read twice in it, cold then warm. The difference is what every
 * thread pays once: loading the code, the compiler's warm-up.
 */
async function coldWorker(job) {
  const t0 = performance.now();
  const worker = new Worker(new URL(join("file://", ROOT, "dist/cli/readWorker.js")), { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  await new Promise((ok) => worker.once("online", ok));
  const startMs = performance.now() - t0;
  const run = async () => {
    const t1 = performance.now();
    await new Promise((ok, fail) => {
      const listen = (m) => {
        if (m.kind === "lines" || m.kind === "progress") return;
        worker.off("message", listen);
        if (m.kind === "done") ok();
        else fail(new Error(m.message ?? m.kind));
      };
      worker.on("message", listen);
      worker.postMessage({ job, read: {} });
    });
    return performance.now() - t1;
  };
  const coldMs = await run();
  const warmMs = await run();
  await worker.terminate();
  return { startMs, penaltyMs: Math.max(0, coldMs - warmMs) };
}

function startUp() {
  const empty = join(tmpdir(), `podtrail-cores-empty-${process.pid}.jsonl`);
  writeFileSync(empty, "");
  const runs = [];
  for (let r = 0; r < Math.max(3, rounds); r++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [join(ROOT, "dist/cli/main.js"), "analyze", empty, "-o", "json", "-q"], { stdio: "ignore" });
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

/**
 * The run on `threads` threads, replayed: jobs largest first to the first
 * free thread. Thread 0, the main one, reads the jobs it takes straight into
 * the run's reconstruction and merges each worker's lines as they arrive,
 * before its next piece of its own reading; when all is merged it derives
 * and renders. Every thread pays the compiler's warm-up on its first job,
 * and a worker its start before it.
 */
function replay(jobs, threads, cost) {
  let next = 0;
  let clock = 0; // the main thread's time
  let merging = 0; // merges waiting for the main thread
  // What is left of the job the main thread is reading: the largest, first, with its own warm-up.
  let own = cost.coldPenaltyMs + cost.jobs.get(jobs[next++].id).directMs;
  const advance = (until) => {
    while (clock < until) {
      if (merging > 0 || own > 0) {
        const d = Math.min(merging > 0 ? merging : own, until - clock);
        if (merging > 0) merging -= d;
        else own -= d;
        clock += d;
      } else if (next < jobs.length) own = cost.jobs.get(jobs[next++].id).directMs;
      else if (until === Number.POSITIVE_INFINITY) return;
      else clock = until;
    }
  };
  // Workers, by the time each is free: a worker takes the next job then and, once done, sends its lines.
  const free = Array.from({ length: threads - 1 }, () => ({ at: cost.workerStartMs, job: null, warm: false }));
  let merged = 0;
  for (;;) {
    const w = free.filter((f) => f.at !== Number.POSITIVE_INFINITY).sort((a, b) => a.at - b.at)[0];
    if (w === undefined) break;
    advance(w.at);
    if (w.job !== null) {
      merging += cost.jobs.get(w.job.id).mergeMs;
      merged += cost.jobs.get(w.job.id).mergeMs;
    }
    if (next < jobs.length) {
      w.job = jobs[next++];
      w.at += cost.jobs.get(w.job.id).workerMs + (w.warm ? 0 : cost.coldPenaltyMs);
      w.warm = true;
    } else w.at = Number.POSITIVE_INFINITY;
  }
  advance(Number.POSITIVE_INFINITY);
  return { wallMs: cost.startUpMs + clock + cost.finalMs, readEnd: clock, mergedMs: merged };
}

// One thread reading the whole file (what -j 1 does), then deriving and rendering: the report every replay must give.
const wholeMs = [];
const renderMs = [];
let expected = null;
for (let r = 0; r < rounds; r++) {
  const read = await timed(async () => readInputs([source], {}, new Reconstruction()));
  const rendered = await timed(() => renderJson(read.value));
  if (expected !== null && rendered.value !== expected) throw new Error("two reads of the same file gave different reports");
  expected = rendered.value;
  wholeMs.push(read.ms);
  renderMs.push(rendered.ms);
}
const wholeReadMs = median(wholeMs);
const finalMs = median(renderMs);
const startUpMs = startUp();
// Every thread's warm-up, the main one's too: measured once, on the smallest part -j 2 would read.
const cold = await coldWorker(planJobs([source], size, 2, {}).at(-1));

const rows = [];
for (const threads of threadCounts) {
  if (threads === 1) {
    // -j 1 reads the file in this thread, whole: no jobs, nothing to merge.
    rows.push({ threads, cores: 2, jobs: 1, wallMs: Math.round(startUpMs + cold.penaltyMs + wholeReadMs + finalMs), readMs: Math.round(cold.penaltyMs + wholeReadMs), mergeMs: 0, workerReadMs: 0, directReadMs: Math.round(wholeReadMs), workerStartMs: 0, coldPenaltyMs: Math.round(cold.penaltyMs), sameReport: true });
    continue;
  }
  const jobs = planJobs([source], size, threads, {}, minPartBytes);
  const costs = new Map();
  const merged = new Reconstruction();
  for (const job of jobs) {
    const worker = await best(() => workerRead(job));
    const direct = await best(async () => {
      const into = new Reconstruction();
      const range = fileRange(job.name, job.path, job.start, job.end ?? Number.POSITIVE_INFINITY);
      await readPart(range, job.firstLine, into, () => undefined);
    });
    const merge = await best(() => mergeInto(new Reconstruction(), worker.value));
    mergeInto(merged, worker.value);
    costs.set(job.id, { workerMs: worker.ms, directMs: direct.ms, mergeMs: merge.ms });
  }
  const same = renderJson(merged) === expected;
  const cost = { jobs: costs, startUpMs, finalMs, workerStartMs: cold.startMs, coldPenaltyMs: cold.penaltyMs };
  const r = replay(jobs, threads, cost);
  const sum = (k) => [...costs.values()].reduce((n, c) => n + c[k], 0);
  rows.push({
    threads,
    cores: 2 * threads,
    jobs: jobs.length,
    wallMs: Math.round(r.wallMs),
    readMs: Math.round(r.readEnd),
    mergeMs: Math.round(r.mergedMs),
    workerReadMs: Math.round(sum("workerMs")),
    directReadMs: Math.round(sum("directMs")),
    workerStartMs: Math.round(cold.startMs),
    coldPenaltyMs: Math.round(cost.coldPenaltyMs),
    sameReport: same,
  });
}
// The command itself on this machine, -j 1 and -j 2 in turns: the replay's -j 1 against the real one (the main
// thread's own warm-up is in the real run only), and what -j 2 gives where its threads share two cores.
const measured = new Map(threadCounts.filter((t) => t <= 2).map((t) => [t, []]));
for (let r = 0; r < rounds; r++) {
  for (const t of measured.keys()) {
    const t0 = performance.now();
    spawnSync(process.execPath, [join(ROOT, "dist/cli/main.js"), "analyze", file, "-o", "json", "-j", String(t)], { stdio: "ignore" });
    measured.get(t).push(performance.now() - t0);
  }
}
for (const r of rows) r.measuredHereMs = measured.has(r.threads) ? Math.round(median(measured.get(r.threads))) : null;
const base = rows.find((r) => r.threads === 1)?.wallMs ?? rows[0].wallMs;
for (const r of rows) r.speedup = Number((base / r.wallMs).toFixed(2));
const summary = { file, mb: Number((size / 1e6).toFixed(1)), startUpMs: Math.round(startUpMs), finalMs: Math.round(finalMs), rows };
if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
else {
  process.stdout.write(`${summary.mb} MB; start-up ${summary.startUpMs} ms; derive and render ${summary.finalMs} ms (each once, on the main thread)\n`);
  process.stdout.write("| threads (-j) | cores | jobs | replayed wall ms | speed-up vs -j 1 | reading ms | merging ms | worker start, cold first job ms | same report | measured here ms |\n|---|---|---|---|---|---|---|---|---|---|\n");
  for (const r of rows) process.stdout.write(`| ${r.threads} | ${r.cores} | ${r.jobs} | ${r.wallMs} | ${r.speedup}x | ${r.readMs} | ${r.mergeMs} | ${r.workerStartMs}, +${r.coldPenaltyMs} | ${r.sameReport ? "yes" : "NO"} | ${r.measuredHereMs ?? "-"} |\n`);
}
if (rows.some((r) => !r.sameReport)) process.exit(1);
