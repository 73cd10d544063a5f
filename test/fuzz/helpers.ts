/**
 * Shared material of the fuzz suite: real-shaped captures (samples/ and the
 * shared corpus) as lists of JSON records, encoders into the formats podtrail
 * reads (JSONL, pretty object streams, Lists, gzip), byte corruptions, and
 * in-memory inputs for `analyze`.
 *
 * Run counts come from FUZZ_RUNS (default: small, so `npm test` stays fast);
 * a long run is `FUZZ_RUNS=2000 npm test -- test/fuzz`. FUZZ_SEED replays
 * the run fast-check printed with a failure.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { constants as zlibConstants, createGunzip } from "node:zlib";
import fc from "fast-check";
import { expect } from "vitest";
import { analyze, type AnalyzeOptions } from "../../src/analyze.js";
import { decompress, type InputSource } from "../../src/input/index.js";
import { INFLATE_CHUNK } from "../../src/input/decompress.js";
import { toJsonReport } from "../../src/render/json.js";
import type { Report } from "../../src/types.js";
import { FIXTURE_CORPUS, filesUnder, readCorpus } from "../helpers/files.js";

export const SAMPLES = "samples";
export const CORPUS = FIXTURE_CORPUS;

/** Runs of one property: FUZZ_RUNS when set, else the property's own (small) default. */
export function runs(defaultRuns: number): number {
  const env = Number(process.env["FUZZ_RUNS"]);
  return Number.isFinite(env) && env > 0 ? Math.floor(env) : defaultRuns;
}

/** fast-check parameters: run count, and FUZZ_SEED to replay a printed failure. */
export function params(defaultRuns: number): fc.Parameters<unknown> {
  const seed = Number(process.env["FUZZ_SEED"]);
  return { numRuns: runs(defaultRuns), ...(Number.isFinite(seed) && process.env["FUZZ_SEED"] !== "" ? { seed } : {}) };
}

/** A per-test timeout that grows with FUZZ_RUNS (ms per run, plus a floor). */
export function timeoutFor(defaultRuns: number, msPerRun: number, floor = 30_000): number {
  return floor + runs(defaultRuns) * msPerRun;
}

// ---------------------------------------------------------------------------
// Captures as records

export type Json = Record<string, unknown>;

/** One input of a capture: its file name and records in file order. */
export interface CaptureFile {
  readonly name: string;
  readonly records: readonly Json[];
}

export interface Capture {
  readonly name: string;
  readonly files: readonly CaptureFile[];
  /**
   * Every pod record carries a decimal resourceVersion and no two records
   * share an identity with different contents (a pod's uid and resourceVersion,
   * an event's uid and count), so any order of the records gives one report.
   * (corpus/argo-gitops-engine-health holds hand-edited copies of one pod
   * version: whichever is read first wins, as SPEC section 2 says.)
   */
  readonly numeric: boolean;
}


/** The records of one capture file, read independently of podtrail's decoder. */
function recordsOf(text: string): Json[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) return (JSON.parse(trimmed) as Json[]).flatMap(unwrapReplay);
  // Concatenated values: compact (one per line) or pretty (each starts with "{" at column 0).
  const parts = trimmed.split(/\n(?=\{)/);
  const values = parts.flatMap((part) => {
    const t = part.trim();
    if (t === "") return [];
    try {
      return [JSON.parse(t) as Json];
    } catch {
      return []; // the deliberately damaged lines of samples/truncated-garbage
    }
  });
  return values.flatMap(itemsOf);
}

/** Items of a List (with the kind a `PodList` implies), or the value itself. */
function itemsOf(value: Json): Json[] {
  const kind = value["kind"];
  if (typeof kind !== "string" || !kind.endsWith("List") || !Array.isArray(value["items"])) return [value];
  const implied = kind === "List" ? null : kind.slice(0, -4);
  return (value["items"] as Json[]).map((item) =>
    implied === null || typeof item["kind"] === "string" ? item : { kind: implied, apiVersion: value["apiVersion"] ?? "v1", ...item },
  );
}

/** The k8s-openapi replay keeps raw watch bodies as strings in `response_body`. */
function unwrapReplay(value: Json): Json[] {
  const body = value["response_body"];
  if (typeof body !== "string" || !("request_url" in value)) return [value];
  return body.split("\n").flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as unknown;
      return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? [parsed as Json] : [];
    } catch {
      return [];
    }
  });
}

/** The kind podtrail reads a record as: its own, else by shape (hand-trimmed captures omit it); null for BOOKMARK and ERROR envelopes. */
export function kindOf(record: Json): string | null {
  if (record["type"] === "BOOKMARK" || record["type"] === "ERROR") return null;
  const o = bare(record);
  if (typeof o["kind"] === "string") return o["kind"];
  if (typeof o["involvedObject"] === "object" || typeof o["regarding"] === "object") return "Event";
  const spec = o["spec"] as Json | undefined;
  const status = o["status"] as Json | undefined;
  if (Array.isArray(spec?.["containers"]) || typeof status?.["phase"] === "string" || Array.isArray(status?.["containerStatuses"])) return "Pod";
  return null;
}

function podOf(record: Json): Json | null {
  return kindOf(record) === "Pod" ? bare(record) : null;
}

function isNumeric(files: readonly CaptureFile[]): boolean {
  const versions = new Map<string, string>();
  const consistent = files.every((f) =>
    f.records.every((r) => {
      const o = bare(r);
      const meta = (o["metadata"] ?? {}) as Json;
      const key = o["kind"] === "Event" ? `e/${String(meta["uid"])}/${String(o["count"])}` : `p/${String(meta["uid"])}/${String(meta["resourceVersion"])}`;
      const text = JSON.stringify(o);
      if ((versions.get(key) ?? text) !== text) return false;
      versions.set(key, text);
      return true;
    }),
  );
  return consistent && files.every((f) =>
    f.records.every((r) => {
      const pod = podOf(r);
      if (pod === null) return true;
      const rv = (pod["metadata"] as Json | undefined)?.["resourceVersion"];
      return typeof rv === "string" && /^(0|[1-9][0-9]*)$/.test(rv);
    }),
  );
}

function capture(name: string, files: CaptureFile[]): Capture {
  // fast-check prints a counterexample's capture by its name, not its records.
  return { name, files, numeric: isNumeric(files), [fc.toStringMethod]: () => JSON.stringify(name) } as Capture;
}

function loadSamples(): Capture[] {
  return readdirSync(SAMPLES)
    .filter((dir) => statSync(join(SAMPLES, dir)).isDirectory())
    // Samples whose input is a tree (must-gather-yaml: YAML, and files that are no capture) are read as they are, not as JSON records; its records are must-gather-watch-jsonl's.
    .filter((dir) => readdirSync(join(SAMPLES, dir, "input")).every((f) => statSync(join(SAMPLES, dir, "input", f)).isFile()))
    .sort()
    .map((dir) =>
      capture(
        `samples/${dir}`,
        readdirSync(join(SAMPLES, dir, "input"))
          .sort()
          .map((file) => ({ name: file, records: recordsOf(readFileSync(join(SAMPLES, dir, "input", file), "utf8")) })),
      ),
    );
}

function loadCorpus(): Capture[] {
  const out: Capture[] = [];
  const replays = join(CORPUS, "k8s-openapi-test-replays");
  for (const path of filesUnder(replays)) out.push(capture(`corpus/${path.slice(CORPUS.length + 1)}`, [{ name: "capture.json", records: recordsOf(readFileSync(path, "utf8")) }]));
  for (const path of filesUnder(join(CORPUS, "pulumi-await-recordings")).filter((p) => p.endsWith(".json"))) {
    out.push(capture(`corpus/${path.slice(CORPUS.length + 1)}`, [{ name: "capture.json", records: recordsOf(readFileSync(path, "utf8")) }]));
  }
  const singles = (dir: string): Json[] => filesUnder(join(CORPUS, dir)).filter((p) => p.endsWith(".json")).flatMap((p) => recordsOf(readFileSync(p, "utf8")));
  out.push(capture("corpus/openshift-insights-sample", [{ name: "pods.json", records: singles("openshift-insights-sample/pods") }]));
  out.push(capture("corpus/argo-gitops-engine-health", [{ name: "pods.json", records: singles("argo-gitops-engine-health/derived-json") }]));
  out.push(capture("corpus/falco-k8s-audit-traces", [{ name: "audit.json", records: singles("falco-k8s-audit-traces") }]));
  // must-gather: 5 MB of events; a slice (a few namespaces' pods and their events) keeps each run fast.
  const pods = recordsOf(readCorpus("openshift-must-gather-clean-aws/pods-all-namespaces.json").toString("utf8")).filter((p) =>
    ["openshift-monitoring", "openshift-cluster-csi-drivers", "openshift-dns"].includes(String((p["metadata"] as Json)["namespace"])),
  ).slice(0, 16);
  const names = new Set(pods.map((p) => `${(p["metadata"] as Json)["namespace"]}/${(p["metadata"] as Json)["name"]}`));
  const events = recordsOf(readCorpus("openshift-must-gather-clean-aws/events-all-namespaces.json").toString("utf8"))
    .filter((e) => {
      const o = e["involvedObject"] as Json | undefined;
      return o !== undefined && names.has(`${o["namespace"]}/${o["name"]}`);
    })
    .slice(0, 120);
  out.push(capture("corpus/openshift-must-gather-clean-aws (slice)", [{ name: "pods.json", records: pods }, { name: "events.json", records: events }]));
  return out;
}

let pool: Capture[] | null = null;

/** Every sample and corpus capture (loaded once per worker). */
export function captures(): Capture[] {
  pool ??= [...loadSamples(), ...loadCorpus()].filter((c) => c.files.some((f) => f.records.length > 0));
  return pool;
}

/** The records of several captures as one input (captures concatenated in the given order). */
export function mergedRecords(chosen: readonly Capture[]): Json[] {
  return chosen.flatMap((c) => c.files.flatMap((f) => f.records));
}

/**
 * `records` with some of them again at the end (`copies` pick which: a
 * relist, or captures that overlap), cut at `cutsAt` (taken modulo the
 * length) into consecutive pieces, piece `i` named `name(i)`: pieces of one
 * name stand for parts of one file, in order.
 */
export function cutWithCopies(records: readonly Json[], copies: readonly number[], cutsAt: readonly number[], name: (i: number) => string): [string, Json[]][] {
  const all: Json[] = [...records, ...copies.filter(() => records.length > 0).map((c) => records[c % records.length]!)];
  const cuts = [...new Set(cutsAt.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
  const pieces: [string, Json[]][] = [];
  let from = 0;
  for (const [i, c] of [...cuts, all.length].entries()) {
    pieces.push([name(i), all.slice(from, c)]);
    from = c;
  }
  return pieces;
}

/**
 * Up to `max` captures whose records, taken together, may come in any order
 * (see `Capture.numeric`; the pulumi fixtures reuse one pod version with
 * different contents across files).
 */
export function arbOrderFreeCaptures(max = 3): fc.Arbitrary<Capture[]> {
  return arbCaptures((c) => c.numeric, max).filter((chosen) => isNumeric(chosen.flatMap((c) => c.files)));
}

/** Up to `max` captures of the pool, distinct. */
export function arbCaptures(filter: (c: Capture) => boolean = () => true, max = 3): fc.Arbitrary<Capture[]> {
  const list = captures().filter(filter);
  return fc.uniqueArray(fc.constantFrom(...list), { minLength: 1, maxLength: Math.min(max, list.length), selector: (c) => c.name });
}

// ---------------------------------------------------------------------------
// Encodings

/** One compact record per line, as watch recorders and `--output-watch-events` write. */
export function toJsonl(records: readonly unknown[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join("");
}

/** Pretty records concatenated, as `kubectl get -w -o json` (4-space indent) or `jq .` (2) print them. */
export function toPretty(records: readonly unknown[], indent = 4): string {
  return records.map((r) => `${JSON.stringify(r, null, indent)}\n`).join("");
}

/** A bare object: the envelope's object (what `kubectl get -w -o json` prints without event types). */
export function bare(record: Json): Json {
  return typeof record["type"] === "string" && record["object"] !== null && typeof record["object"] === "object" ? (record["object"] as Json) : record;
}

/** A `kubectl get -o json` List of bare objects. */
export function toList(records: readonly Json[], indent = 4): string {
  return `${JSON.stringify({ apiVersion: "v1", items: records.map(bare), kind: "List", metadata: { resourceVersion: "" } }, null, indent)}\n`;
}

/** Byte ranges [start, end) of each record of a text built by `toJsonl` or `toPretty` (the record, without its newline). */
export function recordRanges(records: readonly unknown[], encode: (r: unknown) => string): [number, number][] {
  const ranges: [number, number][] = [];
  let at = 0;
  for (const r of records) {
    const text = encode(r);
    const len = Buffer.byteLength(text);
    ranges.push([at, at + len]);
    at += len + 1;
  }
  return ranges;
}

// ---------------------------------------------------------------------------
// In-memory inputs

/** Splits bytes into chunks of the given sizes (cycled), as a file read or a pipe would deliver them. */
export async function* chunked(bytes: Buffer, sizes: readonly number[] = [64 * 1024]): AsyncGenerator<Buffer> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]!);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

/** An input held in memory; gzip is recognised by its magic bytes, as for files. */
export function memorySource(name: string, bytes: Buffer | string, sizes?: readonly number[]): InputSource {
  const buf = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return { name, size: buf.length, open: () => decompress(chunked(buf, sizes)) };
}

export async function analyzeBytes(files: Record<string, Buffer | string>, options: AnalyzeOptions = {}, sizes?: readonly number[]): Promise<Report> {
  return analyze(
    Object.entries(files).map(([name, bytes]) => memorySource(name, bytes, sizes)),
    options,
  );
}

// ---------------------------------------------------------------------------
// Corruption

export type Mutation =
  | { readonly op: "flip"; readonly at: number; readonly bit: number }
  | { readonly op: "delete"; readonly at: number; readonly len: number }
  | { readonly op: "insert"; readonly at: number; readonly bytes: readonly number[] }
  | { readonly op: "overwrite"; readonly at: number; readonly bytes: readonly number[] };

/** Bytes that matter to a JSON scanner, plus NUL, CR, and pieces of invalid UTF-8. */
const NASTY = [0x7b, 0x7d, 0x5b, 0x5d, 0x22, 0x5c, 0x0a, 0x0d, 0x3a, 0x2c, 0x00, 0x80, 0xbf, 0xc0, 0xc3, 0xed, 0xef, 0xff, 0x1f, 0x8b];

const arbGarbage = fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x20, 0x61, 0x30)), { minLength: 1, maxLength: 12 });

/** Positions are fractions of the range corrupted, so the same mutation fits any record. */
export const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), bytes: arbGarbage }),
  fc.record({ op: fc.constant("overwrite" as const), at: fc.nat(), bytes: arbGarbage }),
);

/** Applies mutations to `bytes[start, end)` only (positions taken modulo the range); returns the new bytes. */
export function mutate(bytes: Buffer, start: number, end: number, mutations: readonly Mutation[]): Buffer {
  let buf = bytes;
  let stop = end;
  for (const m of mutations) {
    const span = stop - start;
    if (span <= 0) break;
    const at = start + (m.at % span);
    switch (m.op) {
      case "flip": {
        buf = Buffer.from(buf);
        buf[at] = buf[at]! ^ (1 << m.bit);
        break;
      }
      case "delete": {
        const len = Math.min(m.len, stop - at);
        buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + len)]);
        stop -= len;
        break;
      }
      case "insert": {
        buf = Buffer.concat([buf.subarray(0, at), Buffer.from(m.bytes), buf.subarray(at)]);
        stop += m.bytes.length;
        break;
      }
      case "overwrite": {
        const len = Math.min(m.bytes.length, stop - at);
        buf = Buffer.concat([buf.subarray(0, at), Buffer.from(m.bytes.slice(0, len)), buf.subarray(at + len)]);
        break;
      }
    }
  }
  return buf;
}

/**
 * What a streaming gunzip recovers from damaged bytes before it fails: the
 * reference for "records decoded before the damage point are applied".
 */
export function recoverable(gz: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    // With podtrail's output buffer: a failing zlib call loses what it inflated into it, in both.
    const inflater = createGunzip({ chunkSize: INFLATE_CHUNK, finishFlush: zlibConstants.Z_SYNC_FLUSH });
    inflater.on("data", (chunk: Buffer) => out.push(chunk));
    inflater.on("error", () => resolve(Buffer.concat(out)));
    inflater.on("end", () => resolve(Buffer.concat(out)));
    inflater.end(gz);
  });
}

// ---------------------------------------------------------------------------
// Comparing reports

export type PodJson = Json & { uid: string | null; namespace: string; name: string };

export function podsJson(report: Report): PodJson[] {
  return (toJsonReport(report) as unknown as { pods: PodJson[] }).pods;
}

/** What the report promises regardless of how the capture was split into files: pods, summary, totals. */
export function contentOf(report: Report): unknown {
  const json = toJsonReport(report) as Json;
  return { span: json["span"], totals: json["totals"], podsSeen: json["podsSeen"], pods: json["pods"], summary: json["summary"], groups: json["groups"] };
}

const podKey = (p: PodJson): string => `${p.namespace}/${p.name}/${p.uid ?? ""}/${String((p["timestamps"] as Json)["created"])}`;

/**
 * Every pod of `expected` that no damaged text mentions (neither its uid nor
 * its name) is in `actual`, identical. Returns how many pods were compared.
 */
export function expectUntouchedPodsKept(actual: Report, expected: Report, damaged: readonly string[]): number {
  const got = new Map(podsJson(actual).map((p) => [podKey(p), p]));
  let compared = 0;
  for (const p of podsJson(expected)) {
    if (damaged.some((t) => (p.uid !== null && t.includes(p.uid)) || t.includes(p.name))) continue;
    compared++;
    const mine = got.get(podKey(p));
    if (mine === undefined || JSON.stringify(mine) !== JSON.stringify(p)) expect(mine, `pod ${podKey(p)} untouched by the damage`).toEqual(p);
  }
  return compared;
}
