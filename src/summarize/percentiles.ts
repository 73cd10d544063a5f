import { HISTOGRAM_EDGES_MS, type HistogramBucket, type StageSummary } from "../types.js";

/**
 * Nearest-rank percentile of sorted values: the value at rank ceil(q·n)
 * (1-based), as clusterloader2 computes it. Null for no values.
 */
export function nearestRank(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** count, min, p50, p90, p95, p99, max and exact mean of some durations; `leftOut` counts the figures not among them. */
export function summarizeValues(values: readonly number[], leftOut = 0): StageSummary {
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    min: sorted[0] ?? null,
    p50: nearestRank(sorted, 0.5),
    p90: nearestRank(sorted, 0.9),
    p95: nearestRank(sorted, 0.95),
    p99: nearestRank(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? null,
    mean: sorted.length === 0 ? null : sum / sorted.length,
    leftOut,
    histogram: histogram(sorted),
  };
}

/** Counts of sorted values per bucket of `HISTOGRAM_EDGES_MS`, from the first bucket that holds one to the last. */
export function histogram(sorted: readonly number[]): HistogramBucket[] {
  if (sorted.length === 0) return [];
  const counts = new Array<number>(HISTOGRAM_EDGES_MS.length + 1).fill(0);
  let bucket = 0;
  // One pass: the values are sorted, so the bucket only moves up.
  for (const v of sorted) {
    while (bucket < HISTOGRAM_EDGES_MS.length && v >= HISTOGRAM_EDGES_MS[bucket]!) bucket++;
    counts[bucket]!++;
  }
  const first = counts.findIndex((c) => c > 0);
  const last = counts.findLastIndex((c) => c > 0);
  const out: HistogramBucket[] = [];
  for (let i = first; i <= last; i++) out.push({ fromMs: i === 0 ? 0 : HISTOGRAM_EDGES_MS[i - 1]!, toMs: HISTOGRAM_EDGES_MS[i] ?? null, count: counts[i]! });
  return out;
}
