import { describe, expect, it } from "vitest";
import { histogram, summarizeValues } from "../../src/summarize/percentiles.js";
import { axisLegend, sharedAxis, sparkline } from "../../src/render/histogram.js";
import { HISTOGRAM_EDGES_MS } from "../../src/types.js";

describe("stage histograms", () => {
  it("counts values per fixed bucket, lower edge in and upper edge out, from the first bucket holding one to the last", () => {
    expect(histogram([0, 99, 100, 249, 1000, 1999, 2000])).toEqual([
      { fromMs: 0, toMs: 100, count: 2 },
      { fromMs: 100, toMs: 250, count: 2 },
      { fromMs: 250, toMs: 500, count: 0 },
      { fromMs: 500, toMs: 1000, count: 0 },
      { fromMs: 1000, toMs: 2000, count: 2 },
      { fromMs: 2000, toMs: 5000, count: 1 },
    ]);
    expect(histogram([])).toEqual([]);
    // A day and more: the last bucket has no upper edge.
    expect(histogram([90_000_000, 86_400_000])).toEqual([{ fromMs: 86_400_000, toMs: null, count: 2 }]);
  });

  it("is part of every stage summary, and its counts add up to the summary's count", () => {
    const values = [12, 480, 1300, 1300, 5200, 61_000, 61_500, 3_700_000];
    const s = summarizeValues(values);
    expect(s.histogram.reduce((n, b) => n + b.count, 0)).toBe(s.count);
    expect(s.histogram[0]).toEqual({ fromMs: 0, toMs: 100, count: 1 });
    expect(s.histogram.at(-1)).toEqual({ fromMs: 3_600_000, toMs: 7_200_000, count: 1 });
    // The buckets are contiguous.
    for (let i = 1; i < s.histogram.length; i++) expect(s.histogram[i]!.fromMs).toBe(s.histogram[i - 1]!.toMs);
    expect(HISTOGRAM_EDGES_MS).toEqual([...HISTOGRAM_EDGES_MS].sort((a, b) => a - b));
  });

  it("draws one character per bucket of an axis shared by the rows, scaled to each row's fullest bucket", () => {
    const fast = histogram([150, 160, 170, 1200]);
    const slow = histogram([1500, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 25_000]);
    const axis = sharedAxis([fast, slow, []])!;
    // From 100ms-250ms to 20s-30s: eight buckets.
    expect(axis).toEqual({ first: 1, last: 8 });
    expect(sparkline(fast, axis)).toBe("█  ▃    ");
    expect(sparkline(slow, axis)).toBe("   ▂ █ ▂");
    expect(sparkline([], axis)).toBe("        ");
    expect(axisLegend(axis)).toBe("one column per bucket from 100ms to 30s, edges 250ms 500ms 1s 2s 5s 10s 20s");
    expect(sharedAxis([[], []])).toBeNull();
  });
});
