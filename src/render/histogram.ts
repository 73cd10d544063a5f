import { HISTOGRAM_EDGES_MS, type HistogramBucket } from "../types.js";

/*
 * Histograms as text: one character per bucket (docs/spec.md §7.1), on an
 * axis shared by the rows of a table so that the columns line up. No Node
 * import: the HTML page's script may bundle it.
 */

const LEVELS = "▁▂▃▄▅▆▇█";

/** The bucket index of a histogram bucket (by its lower edge). */
function indexOf(b: HistogramBucket): number {
  return b.fromMs === 0 ? 0 : HISTOGRAM_EDGES_MS.indexOf(b.fromMs) + 1;
}

/** The buckets from the lowest any histogram holds to the highest: the shared axis; null when all are empty. */
export function sharedAxis(histograms: readonly (readonly HistogramBucket[])[]): { readonly first: number; readonly last: number } | null {
  let first = Infinity;
  let last = -Infinity;
  for (const h of histograms) {
    if (h.length === 0) continue;
    first = Math.min(first, indexOf(h[0]!));
    last = Math.max(last, indexOf(h[h.length - 1]!));
  }
  return first === Infinity ? null : { first, last };
}

/**
 * One character per bucket of the axis: a block whose height is the count
 * relative to the histogram's fullest bucket (any value at least `▁`), a
 * space for an empty bucket.
 */
export function sparkline(h: readonly HistogramBucket[], axis: { readonly first: number; readonly last: number }): string {
  const counts = new Map(h.map((b) => [indexOf(b), b.count]));
  const max = Math.max(0, ...h.map((b) => b.count));
  let out = "";
  for (let i = axis.first; i <= axis.last; i++) {
    const c = counts.get(i) ?? 0;
    out += c === 0 ? " " : LEVELS[Math.max(0, Math.ceil((c / max) * LEVELS.length) - 1)]!;
  }
  return out;
}

/** Every bucket of the axis, empty ones included, with the histogram's counts: what a chart draws one bar for. */
export function axisBuckets(h: readonly HistogramBucket[], axis: { readonly first: number; readonly last: number }): HistogramBucket[] {
  const counts = new Map(h.map((b) => [indexOf(b), b.count]));
  const out: HistogramBucket[] = [];
  for (let i = axis.first; i <= axis.last; i++) {
    out.push({ fromMs: i === 0 ? 0 : HISTOGRAM_EDGES_MS[i - 1]!, toMs: HISTOGRAM_EDGES_MS[i] ?? null, count: counts.get(i) ?? 0 });
  }
  return out;
}

/** An edge as people write it: `250ms`, `30s`, `2m`, `6h`, `1d`. */
export function edgeLabel(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${ms / 1000}s`;
  if (ms < 3_600_000) return `${ms / 60_000}m`;
  if (ms < 86_400_000) return `${ms / 3_600_000}h`;
  return `${ms / 86_400_000}d`;
}

/** `one column per bucket from 1s to 5m; edges 2s 5s 10s ...`: what the columns of the shared axis stand for. */
export function axisLegend(axis: { readonly first: number; readonly last: number }): string {
  const lower = (i: number): string => (i === 0 ? "0" : edgeLabel(HISTOGRAM_EDGES_MS[i - 1]!));
  const top = axis.last >= HISTOGRAM_EDGES_MS.length ? "beyond" : `to ${edgeLabel(HISTOGRAM_EDGES_MS[axis.last]!)}`;
  const inner = HISTOGRAM_EDGES_MS.slice(axis.first, axis.last).map(edgeLabel);
  return `one column per bucket from ${lower(axis.first)} ${top}${inner.length === 0 ? "" : `, edges ${inner.join(" ")}`}`;
}
