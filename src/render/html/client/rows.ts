/** The timeline's rows: each pod's bars, search text and orderings, and the axis' extent for a set of rows. */
import { TIMESTAMP_NAMES } from "../../../types.js";
import type { PagePod } from "../pageData.js";
import { isNum } from "./dom.js";
import { searchText } from "./filter.js";

/** Bar classes: the stages, plus the spans drawn when the stages do not cover a pod's life. */
export type SegmentClass = "scheduling" | "imagePull" | "containerStart" | "runUnknown" | "readiness" | "ran" | "waiting";

export interface Segment {
  readonly cls: SegmentClass;
  readonly from: number;
  readonly to: number;
}

export interface Row {
  readonly pod: PagePod;
  /** Index in the page data, the row's `data-idx`. */
  readonly idx: number;
  /** namespace/name */
  readonly key: string;
  readonly segs: readonly Segment[];
  /** What the filter searches (`searchText`). */
  readonly search: string;
}

export type Mode = "absolute" | "aligned";
export type SortKey = "slowest" | "created" | "name";

export function toRows(pods: readonly PagePod[]): Row[] {
  return pods.map((pod, idx) => ({ pod, idx, key: `${pod.ns}/${pod.name}`, segs: segments(pod), search: searchText(pod) }));
}

/** The earliest time known of the pod, ms since the data origin. */
export function firstKnown(p: PagePod): number | null {
  let best: number | null = null;
  for (const n of TIMESTAMP_NAMES) {
    const t = p.t[n];
    if (isNum(t) && (best === null || t < best)) best = t;
  }
  return best;
}

/** Bars of one pod, in ms since the data origin. Image pull has no times of its own: it sits right after scheduling. */
function segments(p: PagePod): Segment[] {
  const out: Segment[] = [];
  const { created: c, scheduled: s, containersStarted: cs, ready: r, finished } = p.t;
  const pull = p.d.imagePull;
  let last = isNum(c) ? c : null;
  const push = (cls: SegmentClass, from: number, to: number): void => {
    if (to < from) return;
    out.push({ cls, from, to });
    last = last === null ? to : Math.max(last, to);
  };
  if (isNum(c) && isNum(s)) push("scheduling", c, s);
  if (isNum(s) && isNum(cs) && cs >= s) {
    if (isNum(pull)) {
      const pulled = Math.min(s + pull, cs);
      push("imagePull", s, pulled);
      push("containerStart", pulled, cs);
    } else push("runUnknown", s, cs);
  } else if (isNum(s) && isNum(pull)) push("imagePull", s, s + pull);
  if (isNum(cs) && isNum(r)) push("readiness", cs, r);
  // Ready before the capture saw it (a bound): not waiting.
  if (!isNum(r) && !isNum(p.notAfter.ready)) {
    if ((p.outcome === "Succeeded" || p.outcome === "Failed") && isNum(cs) && isNum(finished)) push("ran", cs, finished);
    else if (last !== null && isNum(p.end) && p.end > last) push("waiting", last, p.end);
  }
  return out;
}

/** Where the row's x = 0 is: the data origin, or the pod's creation when rows are aligned. */
export function shiftOf(row: Row, mode: Mode): number | null {
  if (mode === "absolute") return 0;
  const c = row.pod.t.created;
  return isNum(c) ? c : firstKnown(row.pod);
}

export interface Domain {
  readonly min: number;
  readonly max: number;
}

/** The axis' extent over the rows shown; in absolute mode at least the capture's span. */
export function domain(rows: readonly Row[], mode: Mode, spanEnd: number | null): Domain {
  let min = 0;
  let max = mode === "absolute" && isNum(spanEnd) ? spanEnd : 0;
  for (const row of rows) {
    const sh = shiftOf(row, mode);
    if (sh === null) continue;
    for (const g of row.segs) {
      min = Math.min(min, g.from - sh);
      max = Math.max(max, g.to - sh);
    }
    for (const f of row.pod.failures) if (isNum(f.first)) max = Math.max(max, f.first - sh);
    if (mode === "absolute") {
      for (const t of [row.pod.t.deleted, row.pod.t.finished]) if (isNum(t)) max = Math.max(max, t - sh);
    }
  }
  if (max - min < 1) max = min + 1000;
  return { min, max };
}

const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5, 36e5, 72e5, 108e5, 216e5, 432e5, 864e5];

/** A round tick step giving at most about 8 ticks over the range. */
export function niceStep(range: number): number {
  for (const step of STEPS) if (range / step <= 8) return step;
  return Math.ceil(range / 8 / 864e5) * 864e5;
}

// Natural order: web-2 before web-10.
const collator = new Intl.Collator("en", { numeric: true });

export const SORTS: Readonly<Record<SortKey, (a: Row, b: Row) => number>> = {
  slowest: (a, b) => a.pod.rank - b.pod.rank,
  created: (a, b) => {
    const x = a.pod.t.created;
    const y = b.pod.t.created;
    if (x !== y) {
      if (!isNum(x)) return 1;
      if (!isNum(y)) return -1;
      return x - y;
    }
    return a.pod.rank - b.pod.rank;
  },
  name: (a, b) => collator.compare(a.key, b.key) || a.pod.rank - b.pod.rank,
};
