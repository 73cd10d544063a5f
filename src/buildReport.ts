import type { GroupBy, InputSummary, PodReport, Report, Warning } from "./types.js";
import type { CaptureContents } from "./reconstruct/capture.js";
import { matchEvents } from "./reconstruct/matchEvents.js";
import { derivePod } from "./derive/derivePod.js";
import { summarize } from "./summarize/summarize.js";
import { filterPods, type PodFilter } from "./summarize/podFilter.js";
import { summarizeGroups } from "./summarize/groups.js";
import { evaluateThresholds, type Threshold } from "./summarize/thresholds.js";
import { compareText } from "./compareText.js";

/** Derives every pod, orders everything deterministically and summarizes. */
export interface ReportOptions {
  readonly filter?: PodFilter;
  readonly groupBy?: GroupBy;
  readonly thresholds?: readonly Threshold[];
}

export function buildReport(contents: CaptureContents, inputs: readonly InputSummary[], options: ReportOptions = {}): Report {
  const { pods: sources, eventsByPod } = matchEvents(contents.pods, contents.events);
  const eventCount = contents.events.length;
  const eventTimes = timeBounds(contents.events.flatMap((e) => [e.firstTime, e.time]));
  // The capture is consumed: each pod's records are let go once it is derived.
  contents.pods.length = 0;
  contents.events.length = 0;
  const pods: PodReport[] = [];
  const warnings: Warning[] = [...contents.warnings];
  // One history at a time: each is built, derived and dropped.
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    sources[i] = undefined;
    const events = eventsByPod.get(source.key) ?? [];
    eventsByPod.delete(source.key);
    const { pod, warnings: podWarnings } = derivePod(source.finish(), events);
    pods.push(pod);
    warnings.push(...podWarnings);
  }
  pods.sort(comparePods);
  const span = captureSpan(pods, eventTimes);
  const selected = options.filter === undefined ? pods : filterPods(pods, options.filter, span.end);
  const summary = summarize(selected);
  const duplicates = inputs.reduce((n, i) => n + i.duplicates, 0);
  return {
    schemaVersion: 1,
    inputs: [...inputs].sort((a, b) => compareText(a.name, b.name)),
    span,
    totals: {
      records: inputs.reduce((n, i) => n + i.records, 0),
      duplicates,
      skipped: inputs.reduce((n, i) => n + i.skipped, 0),
      podRecords: contents.podRecords,
      eventRecords: contents.eventRecords,
      events: eventCount,
      skippedKinds: contents.skippedKinds,
    },
    gaps: [...contents.gaps].sort((a, b) => compareText(a.input, b.input) || a.line - b.line),
    podsSeen: pods.length,
    pods: selected,
    summary,
    groupBy: options.groupBy ?? null,
    groups: options.groupBy === undefined ? [] : summarizeGroups(selected, options.groupBy),
    thresholds: evaluateThresholds(summary, options.thresholds ?? []),
    warnings: warnings.sort((a, b) => compareText(a.input, b.input) || (a.line ?? 0) - (b.line ?? 0) || compareText(a.message, b.message)),
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
  return compareText(a.namespace, b.namespace) || compareText(a.name, b.name) || compareText(a.uid ?? "", b.uid ?? "");
}

/** Earliest and latest of some times. */
function timeBounds(times: Iterable<number | null>): Report["span"] {
  let start: number | null = null;
  let end: number | null = null;
  for (const t of times) {
    if (t === null) continue;
    if (start === null || t < start) start = t;
    if (end === null || t > end) end = t;
  }
  return { start, end };
}

/** Earliest and latest time the capture shows: pod figures and all events (matched or not). */
function captureSpan(pods: readonly PodReport[], events: Report["span"]): Report["span"] {
  function* times(): Generator<number | null> {
    yield events.start;
    yield events.end;
    for (const p of pods) {
      yield* Object.values(p.timestamps);
      for (const c of p.conditions) yield c.at;
      for (const f of p.failures) {
        yield f.firstSeen;
        yield f.lastSeen;
      }
    }
  }
  return timeBounds(times());
}
