import { describe, expect, it } from "vitest";
import * as podtrail from "../../src/index.js";

describe("the library's public surface", () => {
  it("exports a small, deliberate set of values", () => {
    expect(Object.keys(podtrail).sort()).toEqual(
      [
        "FAILURE_CATEGORIES",
        "GROUP_BYS",
        "INPUT_FORMATS",
        "KNOWN_REASONS",
        "OUTCOMES",
        "OUTPUT_FORMATS",
        "PARTIAL_FORMAT",
        "PARTIAL_VERSION",
        "REASONS",
        "REASONS_ZH",
        "STAGES",
        "TIMESTAMP_NAMES",
        "UserError",
        "analyze",
        "compare",
        "COMPARE_FORMATS",
        "COMPARED_STATS",
        "loadSides",
        "parseTolerance",
        "readJsonReport",
        "renderComparison",
        "categoryOf",
        "isUserError",
        "lookupReason",
        "notReadyPods",
        "parseLabelSelector",
        "noCaptureMessage",
        "merge",
        "mergePartials",
        "partial",
        "parseShard",
        "parseThreshold",
        "parseTimeBound",
        "render",
        "renderChunks",
        "renderExplain",
        "reportSchema",
        "selectShard",
        "timeline",
        "toJsonReport",
        "validateJsonReport",
      ].sort(),
    );
  });

  it("analyzes the same inputs twice to the same report (nothing is consumed between calls)", async () => {
    const inputs = ["samples/pods-and-events/input"];
    const first = podtrail.render(await podtrail.analyze(inputs), "json");
    const second = podtrail.render(await podtrail.analyze(inputs), "json");
    expect(JSON.parse(first).pods.length).toBeGreaterThan(0);
    expect(second).toBe(first);
  });

  it("renders a JSON report that its own schema accepts, typed as JsonReport", async () => {
    const report: podtrail.JsonReport = podtrail.toJsonReport(await podtrail.analyze(["samples/crashloop-oomkilled/input"]));
    expect(podtrail.validateJsonReport(report)).toEqual([]);
    expect(report.pods.map((p) => p.outcome)).toEqual(["Running"]);
  });
});
