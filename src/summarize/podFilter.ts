import type { EpochMs, PodReport } from "../types.js";
import { parseTime } from "../kube/time.js";
import { parseGoDuration } from "../kube/goDuration.js";
import { UserError } from "../errors.js";
import { matchesSelector, type LabelSelector } from "../kube/labelSelector.js";

/**
 * Which pods a report covers. Every part is optional; all given parts must
 * hold. Values come parsed (`parseLabelSelector`, `parseTimeBound`), so a
 * mistake in them is found before any input is read.
 */
export interface PodFilter {
  readonly namespaces?: readonly string[];
  readonly selector?: LabelSelector;
  /** Pod names, uids or unique prefixes of either. */
  readonly pods?: readonly string[];
  /** Pods created at or after this time. */
  readonly since?: TimeBound;
  /** Pods created at or before this time. */
  readonly until?: TimeBound;
}

/** A time bound: absolute (epoch ms), or this many milliseconds before the end of the capture. */
export type TimeBound = { readonly at: EpochMs } | { readonly beforeEnd: number };

/** Parses an RFC 3339 time or a Go duration (`30m`, counted back from the capture's end); `UserError` naming the text otherwise. */
export function parseTimeBound(text: string): TimeBound {
  const at = parseTime(text);
  if (at !== null) return { at };
  const ms = parseGoDuration(text);
  if (ms !== null && ms >= 0) return { beforeEnd: ms };
  throw new UserError(`'${text}': expected an RFC 3339 time (2024-05-01T10:00:00Z) or a duration (30m)`);
}

/**
 * Keeps the pods the filter selects. The time window applies to a pod's
 * creation (or, without one, its earliest known time).
 */
export function filterPods(pods: readonly PodReport[], filter: PodFilter, captureEnd: EpochMs | null): PodReport[] {
  const selector = filter.selector ?? null;
  const since = filter.since === undefined ? null : resolve(filter.since, captureEnd);
  const until = filter.until === undefined ? null : resolve(filter.until, captureEnd);
  return pods.filter((p) => {
    if (filter.namespaces !== undefined && filter.namespaces.length > 0 && !filter.namespaces.includes(p.namespace)) return false;
    if (selector !== null && !matchesSelector(selector, p.labels)) return false;
    if (filter.pods !== undefined && filter.pods.length > 0 && !filter.pods.some((q) => matchesPod(p, q))) return false;
    if (since !== null || until !== null) {
      const t = referenceTime(p);
      if (t === null) return false;
      if (since !== null && t < since) return false;
      if (until !== null && t > until) return false;
    }
    return true;
  });
}

/** A pod matches its exact name, its uid, or a prefix of either, optionally as `namespace/name`. */
export function matchesPod(p: { readonly namespace: string; readonly name: string; readonly uid: string | null }, query: string): boolean {
  const slash = query.indexOf("/");
  if (slash > 0) return p.namespace === query.slice(0, slash) && p.name.startsWith(query.slice(slash + 1));
  return p.name.startsWith(query) || p.uid?.startsWith(query) === true;
}

function resolve(bound: TimeBound, end: EpochMs | null): EpochMs | null {
  if ("at" in bound) return bound.at;
  return end === null ? null : end - bound.beforeEnd;
}

function referenceTime(p: PodReport): EpochMs | null {
  if (p.timestamps.created !== null) return p.timestamps.created;
  let min: EpochMs | null = null;
  for (const t of Object.values(p.timestamps)) if (t !== null && (min === null || t < min)) min = t;
  for (const f of p.failures) if (f.firstSeen !== null && (min === null || f.firstSeen < min)) min = f.firstSeen;
  return min;
}
