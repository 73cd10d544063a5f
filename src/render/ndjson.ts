import { STAGES, TIMESTAMP_NAMES, type GroupBy, type PodReport, type Report, type Stage, type StageSummary } from "../types.js";
import { formatTime, formatTimeOrNull } from "../kube/time.js";
import { groupOf, podsByGroup } from "../summarize/groups.js";
import { unfinished } from "../summarize/unfinished.js";

/*
 * `-o ndjson`: one JSON document per line, for bulk loaders that take
 * newline-delimited JSON as it is: Elasticsearch and OpenSearch (`_bulk`
 * through a shipper, Logstash, `elasticdump`), BigQuery
 * (`NEWLINE_DELIMITED_JSON`), ClickHouse (`JSONEachRow`), Loki (a line per
 * entry, `| json`). Every pod is one document (`type: "pod"`), then every
 * stage summary (`type: "stage"`), the report's and each group's. The
 * contract is `schemas/ndjson.schema.json` (docs/outputs.md).
 *
 * Loaders infer one column per field: every document of a type has every
 * field of its type, in one order, null when unknown; field names are
 * camelCase letters and digits (BigQuery's rules); times are RFC 3339 UTC,
 * durations integer milliseconds, as in the JSON report.
 */

/** The version of these documents' shape, in each document: a loader can tell an old line from a new one. */
export const NDJSON_VERSION = 1;

type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

/** One line per document, each ending in `\n`. */
export function* renderNdjsonChunks(report: Report): Generator<string> {
  const run = { captureStart: formatTimeOrNull(report.span.start), captureEnd: formatTimeOrNull(report.span.end) };
  for (const pod of report.pods) yield `${JSON.stringify(podDocument(pod, report.groupBy, run))}\n`;
  for (const stage of STAGES) yield `${JSON.stringify(stageDocument(stage, report.summary.stages[stage], report.summary.includePartial, report.pods, null, null, run))}\n`;
  if (report.groupBy !== null) {
    const by = report.groupBy;
    const members = podsByGroup(report.pods, by);
    for (const g of report.groups) {
      for (const stage of STAGES) yield `${JSON.stringify(stageDocument(stage, g.summary.stages[stage], g.summary.includePartial, members.get(g.group) ?? [], by, g.group, run))}\n`;
    }
  }
}

export function renderNdjson(report: Report): string {
  return [...renderNdjsonChunks(report)].join("");
}

interface Run {
  readonly captureStart: string | null;
  readonly captureEnd: string | null;
}

/** The earliest time a pod shows: its creation, else the first it is known by. */
function podTime(p: PodReport): number | null {
  if (p.timestamps.created !== null) return p.timestamps.created;
  let first: number | null = null;
  for (const t of [...Object.values(p.timestamps), ...Object.values(p.notAfter), ...p.phases.map((e) => e.at)]) {
    if (t !== null && t !== undefined && (first === null || t < first)) first = t;
  }
  return first;
}

function podDocument(p: PodReport, groupBy: GroupBy | null, run: Run): Json {
  const times: Record<string, Json> = {};
  for (const n of TIMESTAMP_NAMES) times[n] = formatTimeOrNull(p.timestamps[n]);
  const notAfter: Record<string, Json> = {};
  for (const n of TIMESTAMP_NAMES) notAfter[n] = p.notAfter[n] === undefined ? null : formatTime(p.notAfter[n]);
  const durations: Record<string, Json> = {};
  for (const s of STAGES) durations[`${s}Ms`] = p.durationsMs[s];
  const bounds: Record<string, Json> = {};
  for (const s of STAGES) {
    const b = p.boundsMs[s];
    bounds[s] = b === undefined ? null : "atMost" in b ? { atMost: b.atMost, atLeast: null } : { atMost: null, atLeast: b.atLeast };
  }
  return {
    type: "pod",
    version: NDJSON_VERSION,
    timestamp: formatTimeOrNull(podTime(p)),
    ...run,
    groupBy,
    group: groupBy === null ? null : groupOf(p, groupBy),
    namespace: p.namespace,
    name: p.name,
    uid: p.uid,
    node: p.node,
    owner: p.owner,
    stateful: p.stateful,
    outcome: p.outcome,
    stuckIn: p.stuckIn,
    partial: p.partial,
    notReady: unfinished(p, "startup"),
    labels: { ...p.labels },
    ...times,
    notAfter,
    ...durations,
    boundsMs: bounds,
    restarts: p.containers.reduce((sum, c) => sum + c.restarts, 0),
    failures: p.failures.map((f) => ({
      reason: f.reason,
      category: f.category,
      container: f.container,
      count: f.count,
      firstSeen: formatTimeOrNull(f.firstSeen),
      lastSeen: formatTimeOrNull(f.lastSeen),
    })),
  };
}

function stageDocument(stage: Stage, s: StageSummary, includePartial: boolean, pods: readonly PodReport[], groupBy: GroupBy | null, group: string | null, run: Run): Json {
  return {
    type: "stage",
    version: NDJSON_VERSION,
    timestamp: run.captureEnd,
    ...run,
    groupBy,
    group,
    stage,
    pods: pods.length,
    count: s.count,
    leftOut: s.leftOut,
    unfinished: pods.filter((p) => unfinished(p, stage)).length,
    includePartial,
    min: s.min,
    p50: s.p50,
    p90: s.p90,
    p95: s.p95,
    p99: s.p99,
    max: s.max,
    mean: s.mean,
  };
}
