import { STUCK_TERMINATING_MS, type GroupBy, type Interruption, type PodReport, type Report, type StuckTerminating, type Warning } from "./types.js";
import type { Reconstructed } from "./reconstruct/reconstruction.js";
import { matchEvents } from "./reconstruct/matchEvents.js";
import { derivePod } from "./derive/derivePod.js";
import { deriveContext } from "./derive/deletion.js";
import type { PodQuality } from "./derive/podQuality.js";
import { assessQuality } from "./summarize/quality.js";
import { summarize } from "./summarize/summarize.js";
import { filterPods, type PodFilter } from "./summarize/podFilter.js";
import { summarizeGroups } from "./summarize/groups.js";
import { evaluateGates, type Threshold } from "./summarize/gates.js";
import { compareText } from "./compareText.js";

/** What of a capture a report covers and how it is summarized. */
export interface ReportOptions {
  readonly filter?: PodFilter;
  readonly groupBy?: GroupBy;
  readonly thresholds?: readonly Threshold[];
  /**
   * Summarize figures that are only bounds too (pods first seen after the
   * transition a figure rests on: lists, watches started late). Off by
   * default; the summary counts what it left out per stage.
   */
  readonly includePartial?: boolean;
  /**
   * Gates leave out the pods that never reached a stage. By default they
   * count them as slower than any limit, so that a run whose pods never
   * started cannot pass a latency gate (docs/spec.md §7.5).
   */
  readonly excludeUnfinished?: boolean;
}

/** Derives every pod, orders everything deterministically and summarizes. Takes the reconstruction's pods. */
export function buildReport(contents: Reconstructed, options: ReportOptions = {}, read: { readonly interrupted?: Interruption | null } = {}): Report {
  const inputs = contents.inputs;
  const { pods: sources, eventsByPod } = matchEvents(contents.takePods(), contents.events);
  const eventCount = contents.events.length;
  const eventTimes: Bounds = { start: null, end: null };
  for (const e of contents.events) {
    widen(eventTimes, e.firstTime);
    widen(eventTimes, e.time);
  }
  const pods: PodReport[] = [];
  const facts = new Map<PodReport, PodQuality>();
  const warnings: Warning[] = [...contents.warnings];
  const context = deriveContext(inputs);
  // One history at a time: each is built, derived and dropped.
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    sources[i] = undefined;
    const events = eventsByPod.get(source.key) ?? [];
    eventsByPod.delete(source.key);
    const { pod, warnings: podWarnings, quality } = derivePod(source.finish(), events, context);
    pods.push(pod);
    facts.set(pod, quality);
    warnings.push(...podWarnings);
  }
  pods.sort(comparePods);
  const span = captureSpan(pods, eventTimes);
  const selected = options.filter === undefined ? pods : filterPods(pods, options.filter, span.end);
  const summaryOptions = { includePartial: options.includePartial ?? false };
  const summary = summarize(selected, summaryOptions);
  const stuck = stuckTerminating(selected, span.end);
  const gaps = [...contents.gaps].sort((a, b) => compareText(a.input, b.input) || a.line - b.line);
  return {
    schemaVersion: 2,
    inputs: [...inputs].sort((a, b) => compareText(a.name, b.name)),
    span,
    totals: {
      records: inputs.reduce((n, i) => n + i.records, 0),
      duplicates: contents.duplicates,
      skipped: inputs.reduce((n, i) => n + i.skipped, 0),
      podRecords: contents.podRecords,
      eventRecords: contents.eventRecords,
      events: eventCount,
      skippedKinds: contents.skippedKinds,
    },
    gaps,
    stuckTerminating: stuck,
    podsSeen: pods.length,
    pods: selected,
    summary,
    groupBy: options.groupBy ?? null,
    groups: options.groupBy === undefined ? [] : summarizeGroups(selected, options.groupBy, summaryOptions),
    thresholds: evaluateGates(selected, stuck, options.thresholds ?? [], { ...summaryOptions, excludeUnfinished: options.excludeUnfinished ?? false }),
    quality: assessQuality({ pods: selected.map((pod) => ({ pod, facts: facts.get(pod)! })), gaps, duplicates: contents.duplicates, eventRecords: contents.eventRecords, summary }),
    warnings: warnings.sort((a, b) => compareText(a.input, b.input) || (a.line ?? 0) - (b.line ?? 0) || compareText(a.message, b.message)),
    interrupted: read.interrupted ?? null,
  };
}

/**
 * Terminating pods still there long after their grace period, against the
 * end of the capture: its latest time, the best estimate of when a List was
 * taken or a watch stopped. Longest overdue first, then namespace and name.
 */
function stuckTerminating(pods: readonly PodReport[], end: number | null): StuckTerminating[] {
  if (end === null) return [];
  const stuck: StuckTerminating[] = [];
  for (const p of pods) {
    const deadline = p.terminating?.deadline ?? null;
    if (deadline === null || end - deadline <= STUCK_TERMINATING_MS) continue;
    stuck.push({ namespace: p.namespace, name: p.name, uid: p.uid, deadline, overdueMs: Math.round(end - deadline) });
  }
  return stuck.sort((a, b) => b.overdueMs - a.overdueMs || compareText(a.namespace, b.namespace) || compareText(a.name, b.name));
}

/** Created time, then namespace, then name (docs/spec.md §9.1); uid breaks the last ties. */
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

/** Earliest and latest of the times seen so far. */
interface Bounds {
  start: number | null;
  end: number | null;
}

function widen(span: Bounds, t: number | null): void {
  if (t === null) return;
  if (span.start === null || t < span.start) span.start = t;
  if (span.end === null || t > span.end) span.end = t;
}

/** Earliest and latest time the capture shows: pod figures and all events (matched or not). */
function captureSpan(pods: readonly PodReport[], events: Report["span"]): Report["span"] {
  // Plain loops: generators over every time of every pod cost more than the comparisons.
  const span: Bounds = { start: events.start, end: events.end };
  for (const p of pods) {
    for (const t of Object.values(p.timestamps)) widen(span, t);
    for (const t of Object.values(p.notAfter)) widen(span, t);
    for (const c of p.conditions) widen(span, c.at);
    for (const f of p.failures) {
      widen(span, f.firstSeen);
      widen(span, f.lastSeen);
    }
  }
  return span;
}
