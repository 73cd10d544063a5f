import type { EpochMs, PodReport } from "../types.js";
import { parseTime } from "../kube/time.js";
import { parseGoDuration } from "../kube/goDuration.js";
import { UserError } from "../errors.js";
import { matchesSelector, parseLabelSelector, type LabelSelector } from "../kube/labelSelector.js";

/** Which pods a report covers. Every part is optional; all given parts must hold. */
export interface PodFilter {
  readonly namespaces?: readonly string[];
  /** kubectl label selector syntax. */
  readonly selector?: string;
  /** Pod names, uids or unique prefixes of either. */
  readonly pods?: readonly string[];
  /** RFC 3339 time, or a duration (`30m`) counted back from the end of the capture. */
  readonly since?: string;
  readonly until?: string;
}

/** A time bound: absolute, or relative to the end of the capture. */
type Bound = { readonly at: EpochMs } | { readonly beforeEnd: number };

/** Parses a `--since`/`--until` value. */
export function parseBound(flag: string, text: string): Bound {
  const at = parseTime(text);
  if (at !== null) return { at };
  const ms = parseGoDuration(text);
  if (ms !== null && ms >= 0) return { beforeEnd: ms };
  throw new UserError(`podtrail: ${flag} '${text}': expected an RFC 3339 time (2024-05-01T10:00:00Z) or a duration (30m)`);
}

/**
 * Keeps the pods the filter selects. The time window applies to a pod's
 * creation (or, without one, its earliest known time).
 */
export function filterPods(pods: readonly PodReport[], filter: PodFilter, captureEnd: EpochMs | null): PodReport[] {
  const selector: LabelSelector | null = filter.selector === undefined ? null : parseLabelSelector(filter.selector);
  const since = filter.since === undefined ? null : resolve(parseBound("--since", filter.since), captureEnd);
  const until = filter.until === undefined ? null : resolve(parseBound("--until", filter.until), captureEnd);
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
  return p.name.startsWith(query) || (p.uid !== null && p.uid.startsWith(query));
}

function resolve(bound: Bound, end: EpochMs | null): EpochMs | null {
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
