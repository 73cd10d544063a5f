import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nearestRank, summarizeValues } from "../../src/summarize/percentiles.js";

describe("nearest-rank percentiles", () => {
  it("takes the value at rank ceil(q·n), as clusterloader2 does", () => {
    const sorted = [15, 20, 35, 40, 50];
    expect(nearestRank(sorted, 0.5)).toBe(35); // ceil(2.5) = 3
    expect(nearestRank(sorted, 0.9)).toBe(50); // ceil(4.5) = 5
    expect(nearestRank(sorted, 0.2)).toBe(15); // ceil(1.0) = 1
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([], 0.5)).toBeNull();
  });

  it("summarizes with an exact mean", () => {
    expect(summarizeValues([1000, 2000, 4000])).toEqual({
      count: 3,
      min: 1000,
      p50: 2000,
      p90: 4000,
      p95: 4000,
      p99: 4000,
      max: 4000,
      mean: 7000 / 3,
      leftOut: 0,
      histogram: [
        { fromMs: 1000, toMs: 2000, count: 1 },
        { fromMs: 2000, toMs: 5000, count: 2 },
      ],
    });
  });

  it("always returns a member of the data, ordered by q, whatever the input order", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 200 }), (values) => {
        const s = summarizeValues(values);
        const sorted = [...values].sort((a, b) => a - b);
        for (const v of [s.p50, s.p90, s.p95, s.p99]) expect(values).toContain(v);
        expect(s.min! <= s.p50! && s.p50! <= s.p90! && s.p90! <= s.p95! && s.p95! <= s.p99! && s.p99! <= s.max!).toBe(true);
        // At least q·n values are <= the q-th percentile.
        expect(sorted.filter((v) => v <= s.p90!).length).toBeGreaterThanOrEqual(Math.ceil(0.9 * values.length));
        expect(summarizeValues([...values].reverse())).toEqual(s);
      }),
    );
  });
});
