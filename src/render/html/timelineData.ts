/**
 * The data the HTML report's timeline is drawn from: one compact entry per pod,
 * times relative to one origin, durations in ms (the page formats them with
 * the text report's `humanizeMs`, bundled into its script).
 */
import { STAGES, TIMESTAMP_NAMES, type EpochMs, type PodReport, type Report } from "../../types.js";
import { formatTime } from "../../kube/time.js";
import { compareText } from "../../compareText.js";
import type { TimelineData } from "./pageData.js";

/** Pods the timeline holds unless `top` asks for more. */
export const DEFAULT_TIMELINE_PODS = 500;

/**
 * How many pods the timeline holds. The CLI's `--top` defaults to 10 for the
 * text lists, far too few for a timeline, so `top` only raises the cap:
 * `--top 20000` puts every pod of a large capture in the page.
 */
export function timelineLimit(top: number | undefined): number {
  return Math.max(DEFAULT_TIMELINE_PODS, top ?? 0);
}

/**
 * Created to ready; for a pod already ready when first seen, the most that can
 * have been; for a pod never ready, created to the end of what was seen of it (a lower bound).
 */
export function slowness(p: PodReport, spanEnd: EpochMs | null): number | null {
  if (p.durationsMs.startup !== null) return p.durationsMs.startup;
  const bound = p.boundsMs.startup;
  if (bound !== undefined && "atMost" in bound) return bound.atMost;
  const created = p.timestamps.created;
  const end = p.timestamps.deleted ?? p.timestamps.finished ?? spanEnd;
  return created === null || end === null ? null : Math.max(0, end - created);
}

/** Slowest first; pods without a figure last; namespace/name breaks ties. */
export function bySlowness(a: { slow: number | null; key: string }, b: { slow: number | null; key: string }): number {
  if (a.slow !== b.slow) {
    if (a.slow === null) return 1;
    if (b.slow === null) return -1;
    return b.slow - a.slow;
  }
  return compareText(a.key, b.key);
}

/** The timeline's pods: the `limit` slowest (see `slowness`), in that order. */
export function buildTimelineData(report: Report, limit: number): TimelineData | null {
  const origin = report.span.start ?? minOf(report.pods.map((p) => p.timestamps.created));
  if (origin === null) return null;
  const ranked = report.pods
    .map((p) => ({ p, slow: slowness(p, report.span.end), key: `${p.namespace}/${p.name}` }))
    .sort(bySlowness)
    .slice(0, limit);
  const rel = (t: EpochMs | null): number | null => (t === null ? null : t - origin);
  const iso = (t: EpochMs | null): string | null => (t === null ? null : formatTime(t));
  return {
    origin,
    originIso: formatTime(origin),
    spanEnd: rel(report.span.end),
    totalPods: report.pods.length,
    pods: ranked.map(({ p, slow }, rank) => ({
      ns: p.namespace,
      name: p.name,
      node: p.node,
      owner: p.owner,
      outcome: p.outcome,
      stuckIn: p.stuckIn,
      partial: p.partial,
      rank,
      slow,
      t: mapNames(TIMESTAMP_NAMES, (n) => rel(p.timestamps[n])),
      iso: mapNames(TIMESTAMP_NAMES, (n) => iso(p.timestamps[n])),
      end: rel(p.timestamps.deleted ?? p.timestamps.finished ?? report.span.end),
      d: mapNames(STAGES, (s) => p.durationsMs[s]),
      failures: p.failures.map((f) => ({
        reason: f.reason,
        category: f.category,
        container: f.container,
        count: f.count,
        first: rel(f.firstSeen),
        firstIso: iso(f.firstSeen),
        lastIso: iso(f.lastSeen),
        message: f.message,
        exitCodes: f.exitCodes,
      })),
      containers: p.containers.map((c) => ({
        name: c.name,
        init: c.init,
        image: c.image,
        pullMs: c.imagePullMs,
        cached: c.cached,
        restarts: c.restarts,
      })),
    })),
  };
}

function mapNames<K extends string, V>(names: readonly K[], f: (name: K) => V): Record<K, V> {
  return Object.fromEntries(names.map((n) => [n, f(n)])) as Record<K, V>;
}

function minOf(values: readonly (number | null)[]): number | null {
  let min: number | null = null;
  for (const v of values) if (v !== null && (min === null || v < min)) min = v;
  return min;
}
