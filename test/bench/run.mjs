#!/usr/bin/env node
// `npm run bench`: podtrail end to end against the bare JSON.parse loop (and jq),
// on generated captures of a busy cluster. See test/bench/README.md.
//
//   npm run bench [-- --quick] [--json] [--only a,b] [--repeat N] [--dir PATH] [--strict] [--scale F]
//
// Data goes to $PODTRAIL_BENCH_DIR or <repo>/bench-data, generated on first use
// and reused (the cache key covers the parameters and the generator's source).

import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, readSync, renameSync, statSync, rmSync, writeSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const CLI = join(ROOT, "dist/cli/main.js");
const GENERATOR = join(HERE, "generate.mjs");
const BASELINE = join(HERE, "baseline.mjs");

const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    only: { type: "string" },
    repeat: { type: "string", default: "auto" }, // auto: best of 3 up to 200 MB, else 1
    dir: { type: "string" },
    "no-jq": { type: "boolean", default: false },
    scale: { type: "string", default: "1" },
    strict: { type: "boolean", default: false },
    table: { type: "string" }, // print the table of a saved --json result
  },
});
const DATA = resolve(opts.dir ?? process.env.PODTRAIL_BENCH_DIR ?? join(ROOT, "bench-data"));
const REPEAT = opts.repeat === "auto" ? null : Math.max(1, Number(opts.repeat) || 1);
const CORES = availableParallelism();
const log = (s) => process.stderr.write(`${s}\n`);

// ---------------------------------------------------------------- targets

// The targets of issue 19 (and, for the 1 GB RSS and the 4 files, of the issues before it).
const TARGETS = {
  jsonlVsBare: 1.0,
  vsJq: 2.5,
  prettyObjectsVsBare: 0.8, // against the bare pretty loop on the same pretty file
  listVsWholeParse: 0.6,
  listVsJq: 1.0,
  duplicatesVsBare: 1.5,
  gzVsPlain: 0.9,
  rss1GB: 400,
  samePodsRss: 1.15, // 5x distinct records of the same pods against 1x
  onePodRssMB: 100, // 2M records of one pod
  multiFile: 1.6,
  jobs2VsJobs1: 1.3,
  jobs2VsHalves: 0.85,
};
/** Records of the one-pod case. */
const ONE_POD_RECORDS = Math.max(1000, Math.round(2_000_000 * (Number(opts.scale) || 1)));

// ---------------------------------------------------------------- datasets

/** name -> generator parameters. One generation writes every listed format. */
function datasets(quick) {
  const scale = Number(opts.scale) || 1; // --scale 0.05: a smoke test of the bench itself
  const scaled = (d) => (scale === 1 ? d : { ...d, size: `${Math.max(1, Math.round(parseFloat(d.size) * (d.size.endsWith("GB") ? 1000 : 1) * scale))}MB`, ...(d.pods ? { pods: Math.max(10, Math.round(d.pods * scale)) } : {}) });
  const all = {
    "jsonl-100MB": { size: "100MB", pods: 1700, formats: "jsonl,gz,parts4" },
    "jsonl-1GB": { size: "1GB", pods: 20000, formats: "jsonl,parts4" },
    "objects-100MB": { size: "100MB", formats: "objects" },
    "watch-100MB": { size: "100MB", formats: "watch" },
    "array-100MB": { size: "100MB", formats: "array" },
    "list-100MB": { size: "100MB", formats: "list" },
    "list-1GB": { size: "1GB", formats: "list" },
    // same pods, 5x the records: 1x/5x share --pods and --seed
    "same-1x": quick ? { size: "10MB", pods: 170, formats: "jsonl", samePods: true } : { size: "100MB", pods: 1700, formats: "jsonl", samePods: true },
    "same-5x": quick ? { size: "50MB", pods: 170, formats: "jsonl", samePods: true } : { size: "500MB", pods: 1700, formats: "jsonl", samePods: true },
  };
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, scaled(v)]));
}

const generatorHash = createHash("sha256").update(readFileSync(GENERATOR)).digest("hex").slice(0, 8);

async function ensureDataset(dataset, params) {
  // A scaled-down smoke test keeps its data apart: it must not replace (and delete) the full-size generation.
  const scale = Number(opts.scale) || 1;
  const name = scale === 1 ? dataset : `${dataset}-x${scale}`;
  const key = createHash("sha256").update(JSON.stringify({ ...params, generatorHash })).digest("hex").slice(0, 8);
  const dir = join(DATA, `${name}-${key}`);
  const out = join(dir, "data");
  const metaPath = `${out}.meta.json`;
  if (!existsSync(metaPath)) {
    rmSync(dir, { recursive: true, force: true });
    // stale generations of the same dataset (other parameters or generator)
    for (const old of readdirSync(DATA)) if (old.startsWith(`${name}-`) && /^[0-9a-f]{8}$/.test(old.slice(name.length + 1))) rmSync(join(DATA, old), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(`generating ${name} (${JSON.stringify(params)}) in ${dir}`);
    const args = [GENERATOR, "--out", out, "--size", params.size, "--formats", params.formats, "--seed", String(params.seed ?? 1)];
    if (params.pods) args.push("--pods", String(params.pods));
    if (params.samePods) args.push("--same-pods");
    const r = spawnSync(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"] });
    if (r.status !== 0) throw new Error(`generator failed for ${name}`);
  }
  const meta = JSON.parse(readFileSync(metaPath, "utf8"));
  const file = (suffix) => `${out}${suffix}`;
  return {
    name, dir, meta,
    jsonl: file(".jsonl"),
    gz: file(".jsonl.gz"),
    parts: meta.files.parts4?.paths ?? [],
    pretty: { objects: file(".objects.json"), watch: file(".watch.json"), array: file(".array.json"), list: file(".list.json") },
  };
}

// ---------------------------------------------------------------- measuring

const bytesOf = (files) => files.reduce((n, f) => n + statSync(f).size, 0);

/** Reads files once so every measured run starts from the page cache. */
async function warm(files) {
  for (const f of files) {
    await new Promise((res, rej) => createReadStream(f, { highWaterMark: 1 << 20 }).on("data", () => {}).on("end", res).on("error", rej));
  }
}

/**
 * Samples, while they run, each process below `pid`: its peak RSS (VmHWM)
 * and its private memory (kB). /usr/bin/time reports the peak of the
 * largest process of the tree only, so a command that starts node again
 * (the bin did until it set its V8 flags at run time) would hide the first
 * node's memory. `extraKB()` is what the other processes add: their private pages
 * (their shared pages, node's code, are the largest process's too).
 */
function treeMemory(pid) {
  const seen = new Map(); // pid -> { hwm, priv }
  const children = (p) => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const kB = (text, field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
  const sample = () => {
    const todo = children(pid);
    while (todo.length > 0) {
      const p = todo.pop();
      try {
        const hwm = kB(readFileSync(`/proc/${p}/status`, "utf8"), "VmHWM");
        const rollup = readFileSync(`/proc/${p}/smaps_rollup`, "utf8");
        const priv = kB(rollup, "Private_Clean") + kB(rollup, "Private_Dirty");
        const o = seen.get(p) ?? { hwm: 0, priv: 0 };
        seen.set(p, { hwm: Math.max(o.hwm, hwm), priv: Math.max(o.priv, priv) });
      } catch { /* ended */ }
      todo.push(...children(p));
    }
  };
  const timer = setInterval(sample, 20);
  return {
    extraKB() {
      clearInterval(timer);
      const all = [...seen.values()].sort((a, b) => b.hwm - a.hwm);
      return all.slice(1).reduce((n, m) => n + m.priv, 0);
    },
  };
}

/**
 * Runs argv under /usr/bin/time -v; stdout to /dev/null. Returns wall seconds,
 * max RSS MB (of the whole process tree: the largest process as time measured
 * it, plus the private memory of the others), status.
 */
let timedRuns = 0;
function timed(argv) {
  const timeOut = join(tmpdir(), `podtrail-bench-time-${process.pid}-${timedRuns++}.txt`);
  const devnull = openSync("/dev/null", "w");
  const t0 = process.hrtime.bigint();
  return new Promise((res) => {
    const child = spawn("/usr/bin/time", ["-v", "-o", timeOut, ...argv], { stdio: ["ignore", devnull, "pipe"] });
    const tree = treeMemory(child.pid);
    let stderr = "";
    child.stderr.on("data", (d) => { if (stderr.length < 20000) stderr += d; });
    child.on("close", (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      const others = tree.extraKB();
      closeSync(devnull);
      let rssMB = null, elapsed = null, cpu = null;
      try {
        const t = readFileSync(timeOut, "utf8");
        const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(t);
        if (rss) rssMB = (Number(rss[1]) + others) / 1024;
        const el = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(t);
        if (el) elapsed = el[1].split(":").reduce((acc, x) => acc * 60 + Number(x), 0);
        const user = /User time \(seconds\): ([\d.]+)/.exec(t), sys = /System time \(seconds\): ([\d.]+)/.exec(t);
        if (user && sys) cpu = Number(user[1]) + Number(sys[1]);
        rmSync(timeOut, { force: true });
      } catch { /* time failed */ }
      res({ code, wall, elapsed, cpu, rssMB, stderr: stderr.trim().split("\n").slice(-3).join(" | ") });
    });
  });
}

/** Runs several commands at once, one process each: wall until the last ends, CPU summed, RSS the largest. */
async function timedTogether(argvs) {
  const t0 = process.hrtime.bigint();
  const runs = await Promise.all(argvs.map(timed));
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const bad = runs.find((r) => r.code !== 0 && r.code !== 1);
  const cpu = runs.every((r) => r.cpu !== null) ? runs.reduce((n, r) => n + r.cpu, 0) : null;
  return { ...(bad ?? runs[0]), wall, cpu, rssMB: Math.max(...runs.map((r) => r.rssMB ?? 0)) };
}

/**
 * Best (fastest) of REPEAT runs of each command, taken in turns (a, b, a, b,
 * ...): on a shared machine the load drifts, and runs made one after the
 * other see it alike. RSS is the max over a command's runs.
 */
async function bestInTurns(commands, inputBytes) {
  const out = commands.map(() => null);
  const n = REPEAT ?? (inputBytes <= 200e6 ? 3 : 1);
  const crashed = (x) => x.code !== 0 && x.code !== 1;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < commands.length; k++) {
      // A command is an argv, or a list of argvs run together.
      const r = await (Array.isArray(commands[k][0]) ? timedTogether(commands[k]) : timed(commands[k]));
      const o = out[k];
      const runs = [...(o?.runs ?? []), r];
      if (o !== null && crashed(o)) continue; // a crash is the result
      if (o === null || crashed(r) || (r.code === o.code && r.wall < o.wall)) out[k] = { ...r, rssMB: Math.max(r.rssMB ?? 0, o?.rssMB ?? 0), runs };
      else o.runs = runs;
    }
  }
  return out;
}

/**
 * A ratio in each round of `bestInTurns` (the runs of one round were taken one
 * after another, so they saw the same load): `f` of the i-th run of each command.
 */
function perRound(commands, f) {
  const n = Math.min(...commands.map((c) => c.runs?.length ?? 0));
  const values = [];
  for (let i = 0; i < n; i++) {
    const runs = commands.map((c) => c.runs[i]);
    if (runs.every((r) => r.code === 0 || r.code === 1)) values.push(f(...runs));
  }
  return values;
}

// One thread unless said otherwise: the cases against the bare loop and jq measure what one thread does.
const podtrailCommand = (files, jobs = 1) => [process.execPath, CLI, "analyze", ...files, "-o", "json", "-j", String(jobs)];
const partialCommand = (files, out, jobs = 1) => [process.execPath, CLI, "analyze", ...files, "--partial", out, "-j", String(jobs), "-q"];
const mergeCommand = (partials) => [process.execPath, CLI, "merge", ...partials, "-o", "json"];
const baselineCommand = (file, gunzip = false) => [process.execPath, BASELINE, file, ...(gunzip ? ["--gunzip"] : [])];
const baselineFilesCommand = (files) => [process.execPath, BASELINE, ...files];
const HAVE_JQ = !opts["no-jq"] && spawnSync("jq", ["--version"]).status === 0;
const jqCommand = (file) => ["jq", "-c", ".object.metadata.uid", file];
const jqItemsCommand = (file) => ["jq", "-c", ".items[]", file];
const bareModeCommand = (file, mode) => [process.execPath, BASELINE, file, mode];

const mbps = (bytes, run) => (run && (run.code === 0 || run.code === 1) ? bytes / 1e6 / run.wall : null);

// ---------------------------------------------------------------- cases

function caseList(quick) {
  const all = [
    { id: "jsonl-100MB", ds: "jsonl-100MB", kind: "jsonl" },
    { id: "jsonl-1GB", ds: "jsonl-1GB", kind: "jsonl", full: true, rssTarget: true },
    { id: "objects-pretty-100MB", ds: "objects-100MB", kind: "pretty", format: "objects", target: TARGETS.prettyObjectsVsBare },
    { id: "watch-pretty-100MB", ds: "watch-100MB", kind: "pretty", format: "watch" },
    { id: "array-100MB", ds: "array-100MB", kind: "pretty", format: "array" },
    { id: "list-100MB", ds: "list-100MB", kind: "pretty", format: "list", quickOnly: true },
    { id: "list-1GB", ds: "list-1GB", kind: "pretty", format: "list", full: true, rssTarget: true },
    { id: "gz-jsonl-100MB", ds: "jsonl-100MB", kind: "gz" },
    { id: "duplicates-5x", ds: "jsonl-100MB", kind: "dup" },
    { id: "same-pods-5x", kind: "same" },
    { id: "one-pod-2M", kind: "onePod" },
    { id: quick ? "multi-file-4x25MB" : "multi-file-4x250MB", ds: quick ? "jsonl-100MB" : "jsonl-1GB", kind: "multi" },
    { id: "jobs-100MB", ds: "jsonl-100MB", kind: "jobs" },
    { id: "jobs-1GB", ds: "jsonl-1GB", kind: "jobs", full: true },
    { id: "partial-100MB", ds: "jsonl-100MB", kind: "partial" },
    { id: "partial-1GB", ds: "jsonl-1GB", kind: "partial", full: true },
    { id: "week-100MB", ds: "jsonl-100MB", kind: "week" },
    { id: "week-1GB", ds: "jsonl-1GB", kind: "week", full: true },
  ];
  return all.filter((c) => (quick ? !c.full : !c.quickOnly));
}

const fmt = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? "-" : x.toFixed(d));
/** Whether a figure meets its check's target (for the range: every round, or the median only). */
const within = (k, v) => (k.unit === "MB" ? v < k.target : k.name.startsWith("RSS") ? v <= k.target : k.name.includes("jq -c .items") ? v > k.target : v >= k.target);

async function runCase(c, ds, single) {
  const load = loadavg()[0];
  const res = { case: c.id, loadAvg1m: Number(load.toFixed(2)), checks: [] };
  // `value` is one figure, or the figure of each round (then shown as median and range, judged by the median).
  const check = (name, value, target, ok, unit = "x") => {
    if (Array.isArray(value)) {
      const sorted = [...value].sort((a, b) => a - b);
      const median = sorted.length === 0 ? null : sorted[Math.floor((sorted.length - 1) / 2)];
      const pass = typeof ok === "function" ? (median === null ? false : ok(median)) : ok;
      res.checks.push({ name, value: median, min: sorted[0] ?? null, max: sorted[sorted.length - 1] ?? null, rounds: sorted.length, target, unit, pass });
    } else res.checks.push({ name, value, target, unit, pass: typeof ok === "function" ? (value === null ? false : ok(value)) : ok });
  };
  const atLeast = (t) => (v) => v >= t;
  const atMost = (t) => (v) => v <= t;
  const failed = (r) => r && r.code !== 0 && r.code !== 1;

  if (c.kind === "jsonl" || c.kind === "pretty") {
    const d = await ensureDataset(c.ds, ds[c.ds]);
    const input = c.kind === "jsonl" ? d.jsonl : d.pretty[c.format];
    await warm([input, d.jsonl]);
    const bytes = bytesOf([input]);
    const eqBytes = bytesOf([d.jsonl]);
    Object.assign(res, { input, bytes, pods: d.meta.podsCreated, records: d.meta.records, baselineInput: d.jsonl, baselineBytes: eqBytes });
    log(`[${c.id}] podtrail on ${(bytes / 1e6).toFixed(0)} MB and the bare baseline on the JSONL (${(eqBytes / 1e6).toFixed(0)} MB), in turns${c.kind === "jsonl" && HAVE_JQ ? ", with jq" : ""} ...`);
    // jq (JSONL cases) takes its turns too, on the same JSONL
    const withJq = (c.kind === "jsonl" || c.format === "list") && HAVE_JQ;
    // Pretty objects: the bare pretty loop on the same file too; a List: one JSON.parse of the whole file.
    const extra = c.format === "objects" ? [bareModeCommand(input, "--pretty")] : c.format === "list" ? [bareModeCommand(input, "--whole")] : [];
    const jq = c.format === "list" ? jqItemsCommand(input) : jqCommand(d.jsonl);
    const [p, b, ...more] = await bestInTurns([podtrailCommand([input]), baselineCommand(d.jsonl), ...extra, ...(withJq ? [jq] : [])], bytes);
    const x = extra.length > 0 ? more[0] : null;
    const j = withJq ? more[more.length - 1] : null;
    // Both rates over the records' JSONL bytes would favour neither side; the
    // ratio compares wall time over the same records (pretty: podtrail reads more bytes).
    res.podtrail = { wall: p.wall, cpu: p.cpu, rssMB: p.rssMB, code: p.code, mbps: mbps(bytes, p), error: failed(p) ? p.stderr : undefined };
    res.baseline = { wall: b.wall, cpu: b.cpu, rssMB: b.rssMB, mbps: mbps(eqBytes, b) };
    res.ratio = failed(p) ? null : b.wall / p.wall;
    const ratio = (base) => (failed(p) ? [] : perRound([p, base], (pp, bb) => bb.wall / pp.wall));
    if (c.kind === "jsonl") {
      check("podtrail / bare JSON.parse loop", ratio(b), TARGETS.jsonlVsBare, atLeast(TARGETS.jsonlVsBare));
      if (withJq) {
        res.jq = { wall: j.wall, cpu: j.cpu, rssMB: j.rssMB, mbps: mbps(eqBytes, j) };
        check("podtrail / jq -c .object.metadata.uid", ratio(j), TARGETS.vsJq, atLeast(TARGETS.vsJq));
      }
    } else if (c.format === "objects") {
      check("podtrail (pretty) / bare pretty loop on the same file", ratio(x), TARGETS.prettyObjectsVsBare, atLeast(TARGETS.prettyObjectsVsBare));
      check("podtrail (pretty) / bare loop on same records as JSONL (no target)", ratio(b), null, null);
    } else if (c.format === "list") {
      check("podtrail (List) / whole-file JSON.parse", ratio(x), TARGETS.listVsWholeParse, atLeast(TARGETS.listVsWholeParse));
      if (withJq) {
        res.jq = { wall: j.wall, cpu: j.cpu, rssMB: j.rssMB, mbps: mbps(bytes, j) };
        check("podtrail (List) / jq -c .items[]", ratio(j), TARGETS.listVsJq, (v) => v > TARGETS.listVsJq);
      }
      check("podtrail / bare loop on same records as JSONL (no target)", ratio(b), null, null);
    } else {
      check("podtrail / bare loop on same records as JSONL (no target)", ratio(b), null, null);
    }
    if (c.rssTarget) check(`peak RSS, ${d.meta.podsCreated} pods`, p.rssMB, TARGETS.rss1GB, p.rssMB !== null && !failed(p) && p.rssMB < TARGETS.rss1GB, "MB");
    if (c.id.startsWith("jsonl")) single[c.ds] = res;
  } else if (c.kind === "gz") {
    const d = await ensureDataset(c.ds, ds[c.ds]);
    await warm([d.gz, d.jsonl]);
    const bytes = bytesOf([d.gz]);
    const raw = bytesOf([d.jsonl]);
    Object.assign(res, { input: d.gz, bytes, uncompressedBytes: raw, pods: d.meta.podsCreated, records: d.meta.records });
    // podtrail on the gz, the bare loop with gunzip and podtrail on the uncompressed JSONL, in turns: all see the same load
    log(`[${c.id}] podtrail on ${(bytes / 1e6).toFixed(0)} MB gz, the bare baseline with gunzip, podtrail on the uncompressed JSONL, in turns ...`);
    const [p, b, q] = await bestInTurns([podtrailCommand([d.gz]), baselineCommand(d.gz, true), podtrailCommand([d.jsonl])], raw);
    const plain = { wall: q.wall, mbps: mbps(raw, q) };
    res.podtrail = { wall: p.wall, cpu: p.cpu, rssMB: p.rssMB, code: p.code, mbps: mbps(bytes, p), mbpsUncompressed: mbps(raw, p), error: failed(p) ? p.stderr : undefined };
    res.baseline = { wall: b.wall, cpu: b.cpu, rssMB: b.rssMB, mbps: mbps(bytes, b), mbpsUncompressed: mbps(raw, b) };
    res.ratio = failed(p) ? null : b.wall / p.wall;
    res.plainPodtrailMbps = plain.mbps;
    check("podtrail .gz / podtrail plain JSONL (wall)", failed(p) ? [] : perRound([p, q], (pp, qq) => qq.wall / pp.wall), TARGETS.gzVsPlain, atLeast(TARGETS.gzVsPlain));
  } else if (c.kind === "dup") {
    // The same capture 5 times (relists, overlapping captures): a quarter of the JSONL, concatenated 5 times.
    const d = await ensureDataset(c.ds, ds[c.ds]);
    const five = await repeatedOf(d, 5);
    const one = d.parts[0];
    await warm([five, one]);
    const bytes = bytesOf([five]);
    Object.assign(res, { input: five, bytes, pods: null, records: null });
    log(`[${c.id}] podtrail and the bare loop on ${(bytes / 1e6).toFixed(0)} MB (one quarter of the JSONL, 5 times), podtrail on the quarter once, in turns ...`);
    const [p, b, p1] = await bestInTurns([podtrailCommand([five]), baselineCommand(five), podtrailCommand([one])], bytes);
    res.podtrail = { wall: p.wall, cpu: p.cpu, rssMB: p.rssMB, code: p.code, mbps: mbps(bytes, p), error: failed(p) ? p.stderr : undefined };
    res.baseline = { wall: b.wall, cpu: b.cpu, rssMB: b.rssMB, mbps: mbps(bytes, b) };
    res.ratio = failed(p) ? null : b.wall / p.wall;
    check("podtrail 5x / bare loop 5x", failed(p) ? [] : perRound([p, b], (pp, bb) => bb.wall / pp.wall), TARGETS.duplicatesVsBare, atLeast(TARGETS.duplicatesVsBare));
    check("podtrail 5x / podtrail 1x, wall (no target)", failed(p) ? [] : perRound([p, p1], (pp, qq) => pp.wall / qq.wall), null, null);
  } else if (c.kind === "onePod") {
    const file = onePodFile(ONE_POD_RECORDS);
    await warm([file]);
    const bytes = bytesOf([file]);
    Object.assign(res, { input: file, bytes, pods: 1, records: ONE_POD_RECORDS });
    log(`[${c.id}] podtrail on ${ONE_POD_RECORDS} records of one pod (${(bytes / 1e6).toFixed(0)} MB) and the bare loop, in turns ...`);
    const [p, b] = await bestInTurns([podtrailCommand([file]), baselineCommand(file)], bytes);
    res.podtrail = { wall: p.wall, cpu: p.cpu, rssMB: p.rssMB, code: p.code, mbps: mbps(bytes, p), error: failed(p) ? p.stderr : undefined };
    res.baseline = { wall: b.wall, cpu: b.cpu, rssMB: b.rssMB, mbps: mbps(bytes, b) };
    res.ratio = failed(p) ? null : b.wall / p.wall;
    check(`peak RSS, ${ONE_POD_RECORDS} records of one pod`, failed(p) ? [] : p.runs.map((r) => r.rssMB), TARGETS.onePodRssMB, (v) => v < TARGETS.onePodRssMB, "MB");
  } else if (c.kind === "same") {
    const one = await ensureDataset("same-1x", ds["same-1x"]);
    const ten = await ensureDataset("same-5x", ds["same-5x"]);
    await warm([one.jsonl, ten.jsonl]);
    log(`[${c.id}] podtrail on 1x and 5x and the bare baseline on 5x, in turns ...`);
    const bytes = bytesOf([ten.jsonl]);
    const [p1, p10, b10] = await bestInTurns([podtrailCommand([one.jsonl]), podtrailCommand([ten.jsonl]), baselineCommand(ten.jsonl)], bytes);
    Object.assign(res, { input: ten.jsonl, bytes, pods: ten.meta.podsCreated, records: ten.meta.records, oneX: { input: one.jsonl, bytes: bytesOf([one.jsonl]), pods: one.meta.podsCreated, records: one.meta.records, rssMB: p1.rssMB, mbps: mbps(bytesOf([one.jsonl]), p1) } });
    res.podtrail = { wall: p10.wall, cpu: p10.cpu, rssMB: p10.rssMB, code: p10.code, mbps: mbps(bytes, p10), error: failed(p10) ? p10.stderr : failed(p1) ? p1.stderr : undefined };
    res.baseline = { wall: b10.wall, cpu: b10.cpu, rssMB: b10.rssMB, mbps: mbps(bytes, b10) };
    res.ratio = failed(p10) ? null : b10.wall / p10.wall;
    const r = failed(p1) || failed(p10) ? [] : perRound([p1, p10], (a, b) => b.rssMB / a.rssMB);
    check(`RSS 5x / 1x (max ${fmt(p10.rssMB, 0)} / ${fmt(p1.rssMB, 0)} MB)`, r, TARGETS.samePodsRss, atMost(TARGETS.samePodsRss));
  } else if (c.kind === "multi") {
    const d = await ensureDataset(c.ds, ds[c.ds]);
    await warm(d.parts);
    const bytes = bytesOf(d.parts);
    Object.assign(res, { input: d.parts, bytes, pods: d.meta.podsCreated, records: d.meta.records, cores: CORES });
    // the single-file runs in turns with the multi-file ones: both see the same machine load
    await warm([d.jsonl]);
    // The ceiling of any parallel design on this machine: two independent processes, each over half of the files,
    // against one over all of them; for podtrail and for the bare loop.
    const half = Math.ceil(d.parts.length / 2);
    const halves = [d.parts.slice(0, half), d.parts.slice(half)];
    log(`[${c.id}] podtrail on the single file and on ${d.parts.length} files; two podtrail processes and two bare loops on halves of the files, one bare loop on all, in turns ...`);
    // The 4 files on every core (-j), against one thread on the one file; the halves one thread each.
    const [q, p, ph, b, bh] = await bestInTurns(
      [podtrailCommand([d.jsonl]), podtrailCommand(d.parts, CORES), halves.map((h) => podtrailCommand(h)), baselineFilesCommand(d.parts), halves.map(baselineFilesCommand)],
      bytes,
    );
    const one = { wall: q.wall, mbps: mbps(bytesOf([d.jsonl]), q) };
    res.podtrail = { wall: p.wall, cpu: p.cpu, rssMB: p.rssMB, code: p.code, mbps: mbps(bytes, p), error: failed(p) ? p.stderr : undefined };
    res.baseline = { wall: b.wall, cpu: b.cpu, rssMB: b.rssMB, mbps: mbps(bytes, b) };
    res.ratio = failed(p) ? null : b.wall / p.wall;
    res.singleFileMbps = one.mbps;
    res.halves = { podtrail: { wall: ph.wall, cpu: ph.cpu, code: ph.code }, baseline: { wall: bh.wall, cpu: bh.cpu } };
    const r = res.podtrail.mbps !== null && one.mbps ? res.podtrail.mbps / one.mbps : null;
    check(`${d.parts.length} files / 1 file, ${CORES} cores`, r, TARGETS.multiFile, r === null ? false : r >= TARGETS.multiFile);
    const ceiling = failed(p) || failed(ph) ? null : p.wall / ph.wall;
    check(`ceiling: 2 podtrail processes on halves / 1 on all`, ceiling, null, null);
    check(`ceiling: 2 bare loops on halves / 1 on all`, b.wall / bh.wall, null, null);
  } else if (c.kind === "jobs") {
    // -j 2 against -j 1 on one file, and the ceiling: two processes started together, each (-j 1) on the half
    // of the records in the file's parts, sharing nothing and merging nothing.
    const d = await ensureDataset(c.ds, ds[c.ds]);
    await warm([d.jsonl, ...d.parts]);
    const bytes = bytesOf([d.jsonl]);
    const half = Math.ceil(d.parts.length / 2);
    const halves = [d.parts.slice(0, half), d.parts.slice(half)];
    Object.assign(res, { input: d.jsonl, bytes, pods: d.meta.podsCreated, records: d.meta.records, cores: CORES });
    log(`[${c.id}] podtrail -j 1 and -j 2 on ${(bytes / 1e6).toFixed(0)} MB, and two -j 1 processes on its halves, in turns ...`);
    const [one, two, ph] = await bestInTurns([podtrailCommand([d.jsonl], 1), podtrailCommand([d.jsonl], 2), halves.map((h) => podtrailCommand(h, 1))], bytes);
    res.podtrail = { wall: two.wall, cpu: two.cpu, rssMB: two.rssMB, code: two.code, mbps: mbps(bytes, two), error: failed(two) ? two.stderr : failed(one) ? one.stderr : undefined };
    res.baseline = { wall: one.wall, cpu: one.cpu, rssMB: one.rssMB, mbps: mbps(bytes, one) };
    res.ratio = failed(two) || failed(one) ? null : one.wall / two.wall;
    res.halves = { wall: ph.wall, cpu: ph.cpu, rssMB: ph.rssMB, code: ph.code };
    const ok = !failed(two) && !failed(one) && !failed(ph);
    check("-j 2 / -j 1 (wall)", ok ? perRound([one, two], (a, b) => a.wall / b.wall) : [], TARGETS.jobs2VsJobs1, atLeast(TARGETS.jobs2VsJobs1));
    check("ceiling: 2 processes on halves / 1 on all (-j 1)", ok ? perRound([one, ph], (a, b) => a.wall / b.wall) : [], null, null);
    check("-j 2 / ceiling (2 processes on halves)", ok ? perRound([ph, two], (a, b) => a.wall / b.wall) : [], TARGETS.jobs2VsHalves, atLeast(TARGETS.jobs2VsHalves));
    check(`peak RSS -j 2 (-j 1: ${fmt(one.rssMB, 0)} MB)`, two.rssMB, null, null, "MB");
  } else if (c.kind === "partial") {
    // What a partial costs and weighs against its raw capture: --partial against -o json, one thread each.
    const d = await ensureDataset(c.ds, ds[c.ds]);
    await warm([d.jsonl]);
    const bytes = bytesOf([d.jsonl]);
    const out = join(tmpdir(), `podtrail-bench-${process.pid}-${c.id}.partial`);
    Object.assign(res, { input: d.jsonl, bytes, pods: d.meta.podsCreated, records: d.meta.records });
    log(`[${c.id}] podtrail --partial and -o json on ${(bytes / 1e6).toFixed(0)} MB, in turns ...`);
    const [p, j] = await bestInTurns([partialCommand([d.jsonl], out), podtrailCommand([d.jsonl])], bytes);
    const partialBytes = existsSync(out) ? statSync(out).size : null;
    rmSync(out, { force: true });
    const gzBytes = existsSync(d.gz) ? statSync(d.gz).size : null;
    res.podtrail = { wall: p.wall, cpu: p.cpu, rssMB: p.rssMB, code: p.code, mbps: mbps(bytes, p), error: failed(p) ? p.stderr : undefined };
    res.baseline = { wall: j.wall, cpu: j.cpu, rssMB: j.rssMB, mbps: mbps(bytes, j) };
    res.ratio = failed(p) ? null : j.wall / p.wall;
    res.partialBytes = partialBytes;
    res.gzBytes = gzBytes;
    check("partial size", partialBytes === null ? null : partialBytes / 1e6, null, null, "MB");
    check("raw / partial size", partialBytes === null ? null : bytes / partialBytes, null, null);
    if (gzBytes !== null) check(`raw .gz / partial size (.gz ${fmt(gzBytes / 1e6)} MB)`, partialBytes === null ? null : gzBytes / partialBytes, null, null);
    check("-o json / --partial (wall)", res.ratio, null, null);
  } else if (c.kind === "week") {
    // A week as 7 daily files (the capture cut in 7 at line boundaries): each day's partial made once, as a daily
    // job would; then the week's report merged from the 7 partials, against analyzing the 7 raw days again.
    const d = await ensureDataset(c.ds, ds[c.ds]);
    const days = await daysOf(d, 7);
    await warm(days);
    const bytes = bytesOf(days);
    const dir = mkdtempSync(join(tmpdir(), `podtrail-bench-week-`));
    const partials = days.map((_, i) => join(dir, `day-${i + 1}.partial`));
    log(`[${c.id}] the 7 daily partials of ${(bytes / 1e6).toFixed(0)} MB, then merging them against analyzing the 7 days, in turns ...`);
    let making = 0;
    for (const [i, day] of days.entries()) {
      const r = await timed(partialCommand([day], partials[i]));
      if (r.code !== 0) throw new Error(`podtrail --partial failed on ${day}: ${r.stderr}`);
      making += r.wall;
    }
    const sizes = partials.map((f) => statSync(f).size);
    const same = spawnSync(process.execPath, [CLI, "merge", ...partials, "-o", "json"], { maxBuffer: 1 << 30 }).stdout.equals(spawnSync(process.execPath, [CLI, "analyze", ...days, "-o", "json", "-j", "1"], { maxBuffer: 1 << 30 }).stdout);
    const [m, a, aj] = await bestInTurns([mergeCommand(partials), podtrailCommand(days, 1), podtrailCommand(days, CORES)], bytes);
    rmSync(dir, { recursive: true, force: true });
    Object.assign(res, { input: days, bytes, pods: d.meta.podsCreated, records: d.meta.records, partialBytes: sizes.reduce((n, x) => n + x, 0), makingPartialsWall: making, sameReport: same });
    res.podtrail = { wall: m.wall, cpu: m.cpu, rssMB: m.rssMB, code: m.code, mbps: mbps(bytes, m), error: failed(m) ? m.stderr : !same ? "merge and analyze reports differ" : undefined };
    res.baseline = { wall: a.wall, cpu: a.cpu, rssMB: a.rssMB, mbps: mbps(bytes, a) };
    res.ratio = failed(m) ? null : a.wall / m.wall;
    check("merge 7 partials (wall)", m.wall, null, null, "s");
    check("analyze 7 raw days -j 1 (wall)", a.wall, null, null, "s");
    check(`analyze 7 raw days -j ${CORES} (wall)`, aj.wall, null, null, "s");
    check("analyze -j 1 / merge", res.ratio, null, null);
    check(`7 partials, made in ${fmt(making, 1)} s`, res.partialBytes / 1e6, null, null, "MB");
    check("same report (merge vs analyze)", same ? 1 : 0, null, same, "bool");
  }
  return res;
}

/** The dataset's first quarter (part 1) written `n` times into one file, made once beside the data. */
async function repeatedOf(d, n) {
  const dir = join(DATA, "derived", `${d.name}-${basename(d.dir)}-repeat${n}`);
  const file = join(dir, `part1-x${n}.jsonl`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(`${file}.tmp`);
  for (let i = 0; i < n; i++) {
    await new Promise((res, rej) => createReadStream(d.parts[0]).on("end", res).on("error", rej).pipe(out, { end: false }));
  }
  await new Promise((res) => out.end(res));
  renameSync(`${file}.tmp`, file);
  return file;
}

/**
 * `records` watch records of one pod, made once: a compact pod whose status
 * changes every 1000th record (a restart), every record with its own
 * resourceVersion.
 */
function onePodFile(records) {
  const dir = join(DATA, "derived", `one-pod-${records}`);
  const file = join(dir, "data.jsonl");
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const fd = openSync(`${file}.tmp`, "w");
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  const ts = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const lines = [];
  for (let i = 0; i < records; i++) {
    const restarts = Math.floor(i / 1000);
    const started = ts(t0 + 60_000 + restarts * 30_000);
    const object = {
      kind: "Pod", apiVersion: "v1",
      metadata: { name: "busy-0", namespace: "default", uid: "0b9f5c3e-1d2a-4c8e-9f00-000000000001", resourceVersion: String(1000 + i), creationTimestamp: ts(t0) },
      spec: { nodeName: "node-1", containers: [{ name: "app", image: "busybox:1.36" }] },
      status: {
        phase: "Running",
        conditions: [{ type: "Ready", status: "True", lastTransitionTime: started }],
        containerStatuses: [{ name: "app", ready: true, restartCount: restarts, image: "busybox:1.36", state: { running: { startedAt: started } } }],
      },
    };
    lines.push(JSON.stringify({ type: i === 0 ? "ADDED" : "MODIFIED", object }));
    if (lines.length === 10000 || i === records - 1) {
      writeSync(fd, `${lines.join("\n")}\n`);
      lines.length = 0;
    }
  }
  closeSync(fd);
  renameSync(`${file}.tmp`, file);
  return file;
}

/** The dataset's JSONL cut into `n` consecutive files at line boundaries (7 "days"), made once beside the data. */
async function daysOf(d, n) {
  const dir = join(DATA, "derived", `${d.name}-${basename(d.dir)}-days${n}`);
  const files = Array.from({ length: n }, (_, i) => join(dir, `day-${i + 1}.jsonl`));
  if (files.every((f) => existsSync(f))) return files;
  mkdirSync(dir, { recursive: true });
  const size = statSync(d.jsonl).size;
  const fd = openSync(d.jsonl, "r");
  const cuts = [0];
  const probe = Buffer.alloc(1 << 20);
  for (let k = 1; k < n; k++) {
    const at = Math.floor((size * k) / n);
    const got = readSync(fd, probe, 0, probe.length, at);
    const nl = probe.subarray(0, got).indexOf(10);
    cuts.push(nl < 0 ? at : at + nl + 1);
  }
  cuts.push(size);
  closeSync(fd);
  for (let i = 0; i < n; i++) {
    await new Promise((res, rej) => createReadStream(d.jsonl, { start: cuts[i], end: cuts[i + 1] - 1 }).pipe(createWriteStream(`${files[i]}.tmp`)).on("finish", res).on("error", rej));
    renameSync(`${files[i]}.tmp`, files[i]);
  }
  return files;
}

// ---------------------------------------------------------------- report

function table(results) {
  const head = ["case", "size MB", "pods", "podtrail MB/s", "bare MB/s", "ratio", "ratio cpu", "load", "RSS podtrail MB", "RSS bare MB", "jq MB/s", "check", "value", "target", "result"];
  const rows = [];
  for (const r of results) {
    const size = r.uncompressedBytes ? `${fmt(r.bytes / 1e6, 0)} (${fmt(r.uncompressedBytes / 1e6, 0)} raw)` : fmt(r.bytes / 1e6, 0);
    const ptMbps = r.podtrail?.mbpsUncompressed != null ? `${fmt(r.podtrail.mbps)} (${fmt(r.podtrail.mbpsUncompressed)} raw)` : fmt(r.podtrail?.mbps);
    const bMbps = r.baseline?.mbpsUncompressed != null ? `${fmt(r.baseline.mbps)} (${fmt(r.baseline.mbpsUncompressed)} raw)` : r.baselineBytes && r.baselineBytes !== r.bytes ? `${fmt(r.baseline?.mbps)} (on ${fmt(r.baselineBytes / 1e6, 0)} MB jsonl)` : fmt(r.baseline?.mbps);
    const base = [r.case, size, String(r.pods ?? "-"), r.podtrail?.error ? `ERROR ${r.podtrail.code}` : ptMbps, bMbps, r.ratio != null ? `${fmt(r.ratio, 2)}x` : "-", r.podtrail?.cpu && r.baseline?.cpu && !r.podtrail.error ? `${fmt(r.baseline.cpu / r.podtrail.cpu, 2)}x` : "-", fmt(r.loadAvg1m), fmt(r.podtrail?.rssMB, 0), fmt(r.baseline?.rssMB, 0), fmt(r.jq?.mbps)];
    const checks = r.checks.length ? r.checks : [{ name: "-", value: null, target: null, pass: null }];
    checks.forEach((k, i) => {
      const cells = i === 0 ? base : base.map(() => "");
      const tgt = k.target === null ? "-" : k.unit === "MB" ? `< ${k.target} MB` : k.name.startsWith("RSS") ? `<= ${k.target}x` : k.name.includes("jq -c .items") ? `> ${k.target}x` : `>= ${k.target}x`;
      const one = (v) => (k.unit === "MB" ? `${fmt(v, v < 10 ? 2 : 0)} MB` : k.unit === "s" ? `${fmt(v, 2)} s` : k.unit === "bool" ? (v ? "yes" : "no") : `${fmt(v, 2)}x`);
      const value = k.value === null ? "-" : k.rounds > 1 ? `${one(k.value)} (${one(k.min)}-${one(k.max)}, ${k.rounds} rounds)` : one(k.value);
      rows.push([...cells, k.name, value, tgt, k.pass === null ? "-" : k.pass ? (k.min !== undefined && k.rounds > 1 && !within(k, k.min) ? "met (median)" : "met") : "not met"]);
    });
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

async function main() {
  if (opts.table) return printTable(JSON.parse(readFileSync(opts.table, "utf8")));
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  mkdirSync(DATA, { recursive: true });
  const ds = datasets(opts.quick);
  let cases = caseList(opts.quick);
  if (opts.only) {
    const only = opts.only.split(",");
    cases = cases.filter((c) => only.some((o) => c.id.includes(o)));
  }
  log(`podtrail bench: ${opts.quick ? "quick" : "full"}, ${cases.length} cases, ${CORES} cores, data in ${DATA}, repeat ${REPEAT ?? "auto"}${HAVE_JQ ? "" : ", no jq"}`);
  const results = [];
  const single = {};
  for (const c of cases) {
    try {
      results.push(await runCase(c, ds, single));
    } catch (e) {
      results.push({ case: c.id, error: String(e?.message ?? e), checks: [{ name: "run", value: null, target: null, pass: false }] });
    }
  }
  const summary = { node: process.version, cores: CORES, quick: opts.quick, repeat: REPEAT, targets: TARGETS, results };
  if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else printTable(summary);
  if (opts.strict && results.some((r) => r.checks.some((k) => k.pass === false))) process.exitCode = 1;
}

function printTable({ results, quick }) {
  {
    process.stdout.write(`\npodtrail bench (${process.version}, ${CORES} cores${quick ? ", --quick" : ""}; MB = 10^6 bytes on disk; ratio = bare wall / podtrail wall over the same records; ratio cpu = the same with user+sys CPU seconds; load = 1-min load average when the case started)\n\n`);
    process.stdout.write(`${table(results)}\n`);
    for (const r of results) if (r.error || r.podtrail?.error) process.stdout.write(`\n${r.case}: ${r.error ?? r.podtrail.error}`);
    const all = results.flatMap((r) => r.checks).filter((k) => k.pass !== null);
    process.stdout.write(`\n${all.filter((k) => k.pass).length}/${all.length} checks pass\n`);
  }
}

main().catch((e) => { log(e.stack ?? String(e)); process.exitCode = 2; });
