import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("--include-partial", () => {
  it("counts the bounds of pods first seen late in the summaries only when asked", async () => {
    const measured = await runCli(["analyze", "samples/list-snapshot/input", "-o", "json"]);
    const included = await runCli(["analyze", "samples/list-snapshot/input", "-o", "json", "--include-partial"]);
    expect([measured.code, included.code]).toEqual([0, 0]);
    const a = JSON.parse(measured.stdout) as { summary: { includePartial: boolean; stages: { startup: { count: number; leftOut: number } } } };
    const b = JSON.parse(included.stdout) as typeof a;
    expect(a.summary.includePartial).toBe(false);
    expect(b.summary.includePartial).toBe(true);
    // cart was Ready when the List was taken: its startup is at most 11 s, a bound.
    expect(a.summary.stages.startup).toMatchObject({ count: 0, leftOut: 1 });
    expect(b.summary.stages.startup).toMatchObject({ count: 1, leftOut: 0 });
  });
});
