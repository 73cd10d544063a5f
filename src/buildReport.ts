import type { GroupBy, InputSummary, KubeEvent, PodReport, Report, Warning } from "./types.js";
import type { CaptureContents } from "./reconstruct/capture.js";
import { matchEvents } from "./reconstruct/matchEvents.js";
import { derivePod } from "./derive/derivePod.js";
import { summarize } from "./summarize/summarize.js";
import { filterPods, type PodFilter } from "./summarize/podFilter.js";
import { summarizeGroups } from "./summarize/groups.js";
import { evaluateThresholds, type Threshold } from "./summarize/thresholds.js";

/** Derives every pod, orders everything deterministically and summarizes. */
export interface ReportOptions {
  readonly filter?: PodFilter;
  readonly groupBy?: GroupBy;
  readonly thresholds?: readonly Threshold[];
}

export function buildReport(contents: CaptureContents, inputs: readonly InputSummary[], options: ReportOptions = {}): Report {
  const { histories, eventsByPod } = matchEvents(contents.histories, contents.events);
  const pods: PodReport[] = [];
  const warnings: Warning[] = [...contents.warnings];
  for (const history of histories) {
    const { pod, warnings: podWarnings } = derivePod(history, eventsByPod.get(history.key) ?? []);
    pods.push(pod);
    warnings.push(...podWarnings);
  }
  pods.sort(comparePods);
  const span = captureSpan(pods, contents.events);
  const selected = options.filter === undefined ? pods : filterPods(pods, options.filter, span.end);
  const summary = summarize(selected);
  const duplicates = inputs.reduce((n, i) => n + i.duplicates, 0);
  return {
    schemaVersion: 1,
    inputs: [...inputs].sort((a, b) => cmp(a.name, b.name)),
    span,
    totals: {
      records: inputs.reduce((n, i) => n + i.records, 0),
      duplicates,
      skipped: inputs.reduce((n, i) => n + i.skipped, 0),
      podRecords: contents.podRecords,
      eventRecords: contents.eventRecords,
      events: contents.events.length,
      skippedKinds: contents.skippedKinds,
    },
    gaps: [...contents.gaps].sort((a, b) => cmp(a.input, b.input) || a.line - b.line),
    podsSeen: pods.length,
    pods: selected,
    summary,
    groupBy: options.groupBy ?? null,
    groups: options.groupBy === undefined ? [] : summarizeGroups(selected, options.groupBy),
    thresholds: evaluateThresholds(summary, options.thresholds ?? []),
    warnings: warnings.sort((a, b) => cmp(a.input, b.input) || (a.line ?? 0) - (b.line ?? 0) || cmp(a.message, b.message)),
  };
}

/** Created time, then namespace, then name (SPEC section 8); uid breaks the last ties. */
function comparePods(a: PodReport, b: PodReport): number {
  const ca = a.timestamps.created;
  const cb = b.timestamps.created;
  if (ca !== cb) {
    if (ca === null) return 1;
    if (cb === null) return -1;
    return ca - cb;
  }
  return cmp(a.namespace, b.namespace) || cmp(a.name, b.name) || cmp(a.uid ?? "", b.uid ?? "");
}

function captureSpan(pods: readonly PodReport[], events: readonly KubeEvent[]): Report["span"] {
  let start: number | null = null;
  let end: number | null = null;
  const see = (t: number | null): void => {
    if (t === null) return;
    if (start === null || t < start) start = t;
    if (end === null || t > end) end = t;
  };
  for (const p of pods) {
    for (const t of Object.values(p.timestamps)) see(t);
    for (const c of p.conditions) see(c.at);
    for (const f of p.failures) {
      see(f.firstSeen);
      see(f.lastSeen);
    }
  }
  for (const e of events) {
    see(e.firstTime);
    see(e.time);
  }
  return { start, end };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
