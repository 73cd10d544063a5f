import type { PodReport, Report } from "../types.js";
import { formatTime, formatTimeOrNull } from "../kube/time.js";
import type { JsonReport } from "./jsonReport.js";

export type { JsonReport } from "./jsonReport.js";

type JsonPod = JsonReport["pods"][number];

/**
 * The JSON report of docs/spec.md §8: times as RFC 3339 UTC strings, durations
 * as integer milliseconds. Keys in a fixed order so output is byte-stable.
 */
export function toJsonReport(report: Report): JsonReport {
  return {
    schemaVersion: report.schemaVersion,
    inputs: report.inputs.map((i) => ({ name: i.name, format: i.format, records: i.records, skipped: i.skipped, bytes: i.bytes, ...(i.looksLike === null ? {} : { looksLike: i.looksLike }) })),
    span: { start: formatTimeOrNull(report.span.start), end: formatTimeOrNull(report.span.end) },
    totals: report.totals,
    gaps: report.gaps,
    stuckTerminating: report.stuckTerminating.map((t) => ({ ...t, deadline: formatTime(t.deadline) })),
    podsSeen: report.podsSeen,
    pods: report.pods.map(podJson),
    summary: report.summary,
    groupBy: report.groupBy,
    groups: report.groups,
    thresholds: report.thresholds,
    quality: report.quality,
    warnings: report.warnings.map((w) => ({ input: w.input, line: w.line, message: w.message })),
    interrupted: report.interrupted,
  };
}

/** One pod as the JSON report writes it (the timeline's JSON too). */
export function podJson(p: PodReport): JsonPod {
  return {
    uid: p.uid,
    namespace: p.namespace,
    name: p.name,
    node: p.node,
    owner: p.owner,
    stateful: p.stateful,
    outcome: p.outcome,
    stuckIn: p.stuckIn,
    partial: p.partial,
    terminating: p.terminating === null ? null : { ...p.terminating, deadline: formatTimeOrNull(p.terminating.deadline) },
    phases: p.phases.map((e) => ({ phase: e.phase, at: formatTimeOrNull(e.at) })),
    conditions: p.conditions.map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message, at: formatTimeOrNull(c.at) })),
    timestamps: mapValues(p.timestamps, formatTimeOrNull),
    notAfter: mapValues(p.notAfter, formatTime),
    durationsMs: p.durationsMs,
    boundsMs: p.boundsMs,
    containers: p.containers.map((c) => ({
      name: c.name,
      init: c.init,
      image: c.image,
      imagePullMs: c.imagePullMs,
      cached: c.cached,
      firstStartedAt: formatTimeOrNull(c.firstStartedAt),
      restarts: c.restarts,
      restartReasons: c.restartReasons,
    })),
    failures: p.failures.map((f) => ({
      reason: f.reason,
      category: f.category,
      container: f.container,
      count: f.count,
      firstSeen: formatTimeOrNull(f.firstSeen),
      lastSeen: formatTimeOrNull(f.lastSeen),
      message: f.message,
      exitCodes: f.exitCodes,
    })),
    notReadyAtEnd:
      p.notReadyAtEnd === null
        ? null
        : {
            ...p.notReadyAtEnd,
            since: formatTimeOrNull(p.notReadyAtEnd.since),
            cause: p.notReadyAtEnd.cause === null ? null : { ...p.notReadyAtEnd.cause, at: formatTimeOrNull(p.notReadyAtEnd.cause.at) },
          },
    observations: p.observations,
    events: p.events,
  };
}

function mapValues<K extends string, A, B>(record: Readonly<Record<K, A>>, f: (a: A) => B): Record<K, B>;
function mapValues<K extends string, A, B>(record: Readonly<Partial<Record<K, A>>>, f: (a: A) => B): Partial<Record<K, B>>;
function mapValues<K extends string, A, B>(record: Readonly<Partial<Record<K, A>>>, f: (a: A) => B): Partial<Record<K, B>> {
  const out: Partial<Record<K, B>> = {};
  for (const key of Object.keys(record) as K[]) out[key] = f(record[key] as A);
  return out;
}

/**
 * The JSON report as text, identical to `JSON.stringify(toJsonReport(r), null, 2)`
 * but made pod by pod: a capture of many pods never holds the whole report
 * twice, as objects and as one string.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  // A placeholder in the pods' place (assignment keeps the key's position); no JSON string holds a raw NUL.
  const doc: Record<string, unknown> = { ...toJsonReport({ ...report, pods: [] }), pods: PLACEHOLDER };
  const text = JSON.stringify(doc, null, 2);
  const at = text.indexOf(JSON.stringify(PLACEHOLDER));
  yield text.slice(0, at);
  if (report.pods.length === 0) yield "[]";
  else {
    yield "[\n";
    let first = true;
    for (const pod of report.pods) {
      // Each pod at depth 2 of the document, as the only element of an array that is a key's value: JSON.stringify
      // indents its lines by four spaces itself (no second pass over the text to indent it).
      const wrapped = JSON.stringify({ p: [podJson(pod)] }, null, 2);
      yield `${first ? "" : ",\n"}${wrapped.slice(WRAP_HEAD.length, wrapped.length - WRAP_TAIL.length)}`;
      first = false;
    }
    yield "\n  ]";
  }
  yield `${text.slice(at + JSON.stringify(PLACEHOLDER).length)}\n`;
}

export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join("");
}

const PLACEHOLDER = "\u0000pods";
const WRAP_HEAD = '{\n  "p": [\n';
const WRAP_TAIL = "\n  ]\n}";
