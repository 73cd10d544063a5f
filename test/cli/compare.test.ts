import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { analyze, compare, loadSides, parseTolerance, renderComparison } from "../../src/index.js";
import { change } from "../../src/compare/compare.js";
import { isUserError } from "../../src/errors.js";

const PARITY = "samples/kube-burner-parity/input";
const PARITY_REPORT = "samples/kube-burner-parity/expected.json";
const SLOWER = "samples/kube-burner-parity/compare/new";
const EVENTS = "samples/pods-and-events/input";

describe.concurrent("podtrail compare on the command line", () => {
  it("a report compared with itself: no change, exit 0", async () => {
    const r = await runCli(["compare", PARITY_REPORT, PARITY_REPORT, "--fail-if-slower", "0%", "-o", "json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    expect(doc.changed).toBe(false);
    expect(doc.regressions).toEqual([]);
    expect(doc.scopes[0].stages.flatMap((s: { changes: Record<string, { kind: string }> }) => Object.values(s.changes).map((c) => c.kind))).toEqual(
      Array(doc.scopes[0].stages.length * 4).fill("same"),
    );
    expect([doc.base.kind, doc.new.kind]).toEqual(["report", "report"]);
    const text = await runCli(["compare", PARITY_REPORT, PARITY_REPORT]);
    expect(text.stdout).toContain("  verdict  no change\n");
  });

  it("a slower run breaches its tolerance (exit 1, each regression on stderr) and holds a looser one", async () => {
    const tight = await runCli(["compare", PARITY, SLOWER, "--fail-if-slower", "createdToInitialized.p50:50%"]);
    expect(tight.code).toBe(1);
    expect(tight.stderr).toBe("podtrail: slower than tolerated: createdToInitialized.p50 (all pods): 1s → 2s, +1s (+100%); beyond createdToInitialized.p50:50%\n");
    const loose = await runCli(["compare", PARITY, SLOWER, "--fail-if-slower", "createdToInitialized.p50:100%", "--fail-if-slower", "createdToInitialized.p50:1s"]);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain("Regressions beyond the tolerances (createdToInitialized.p50:100%, createdToInitialized.p50:1s)\n  none\n");
  });

  it("counts a pod that never reached the stage as slower, unless --exclude-unfinished", async () => {
    const counted = await runCli(["compare", PARITY, SLOWER, "--fail-if-slower", "startup.max:1000%", "-o", "json"]);
    expect(counted.code).toBe(1);
    expect(JSON.parse(counted.stdout).regressions[0]).toMatchObject({ stage: "startup", stat: "max", base: { ms: 12_000, notReached: false }, new: { ms: null, notReached: true } });
    const excluded = await runCli(["compare", PARITY, SLOWER, "--fail-if-slower", "startup.max:1000%", "--exclude-unfinished", "-o", "json"]);
    expect(excluded.code).toBe(0);
    expect(JSON.parse(excluded.stdout).scopes[0].stages.find((s: { stage: string }) => s.stage === "startup").new.max).toEqual({ ms: 24_000, notReached: false });
  });

  it("refuses a report of another schemaVersion, and one that is not valid, in one line (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "podtrail-compare-"));
    const report = JSON.parse(readFileSync(PARITY_REPORT, "utf8"));
    writeFileSync(join(dir, "v1.json"), JSON.stringify({ ...report, schemaVersion: 1 }));
    writeFileSync(join(dir, "broken.json"), JSON.stringify({ ...report, pods: "none" }));
    const old = await runCli(["compare", join(dir, "v1.json"), PARITY]);
    expect(old.code).toBe(2);
    expect(old.stderr).toBe(
      `podtrail: ${join(dir, "v1.json")}: a podtrail report of schemaVersion 1; this podtrail reads schemaVersion 2: analyze its captures again, or compare with the podtrail that wrote it\n`,
    );
    const broken = await runCli(["compare", PARITY, join(dir, "broken.json")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^podtrail: .*broken\.json: not a valid podtrail report \(schemas\/report\.schema\.json\): \/pods must be array\n$/);
  });

  it("takes exactly two sides and parses tolerances before reading a byte", async () => {
    const one = await runCli(["compare", PARITY]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/^podtrail: compare needs two sides/);
    const three = await runCli(["compare", PARITY, PARITY, PARITY]);
    expect(three.code).toBe(2);
    expect(three.stderr).toBe(`podtrail: compare takes two sides, base and new; got 3: ${PARITY} ${PARITY} ${PARITY} (see podtrail --help)\n`);
    const bare = await runCli(["compare", "missing-a", "missing-b", "--fail-if-slower", "startup.p99:500"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe(
      "podtrail: --fail-if-slower 'startup.p99:500': '500' has no unit: write 500ms, or seconds (5s), minutes (2m), hours (1h); a bare number is not read as milliseconds, or a share of BASE's figure (10%)\n",
    );
  });

  it("lists pods and failure reasons that appeared or went", async () => {
    const doc = JSON.parse((await runCli(["compare", PARITY, SLOWER, "-o", "json"])).stdout);
    expect(doc.podsAppeared).toEqual(["kube-burner-job-0/kubelet-density-3", "kube-burner-job-0/kubelet-density-4"]);
    expect(doc.podsDisappeared).toEqual(["kube-burner-job-0/kubelet-density-1"]);
    expect(doc.failures).toEqual([{ reason: "Unschedulable", category: "scheduling", base: { pods: 0, occurrences: 0 }, new: { pods: 1, occurrences: 1 }, kind: "appeared" }]);
  });
});

describe("compare as a library", () => {
  it("gives the same comparison for a JSON report read back as for its captures", async () => {
    const fromReport = await loadSides(PARITY_REPORT, EVENTS);
    const fromCaptures = await loadSides(PARITY, EVENTS);
    const strip = (c: ReturnType<typeof compare>) => ({ ...c, base: { ...c.base, kind: null } });
    expect(strip(compare(fromReport.base.report, fromReport.head.report))).toEqual(strip(compare(fromCaptures.base.report, fromCaptures.head.report)));
  });

  it("renders what it compares, typed, in every format", async () => {
    const base = await analyze([PARITY]);
    const head = await analyze([SLOWER]);
    const c = compare(base, head, { tolerances: [parseTolerance("10%")] });
    expect(c.regressions.length).toBeGreaterThan(0);
    for (const format of ["text", "json", "markdown", "html"] as const) expect(renderComparison(c, format).length).toBeGreaterThan(0);
  });

  it("words a change exactly: percent of BASE, none from 0, not reached as slower", () => {
    expect(change(5000, 6000)).toEqual({ kind: "slower", deltaMs: 1000, percent: 20 });
    expect(change(0, 1000)).toEqual({ kind: "slower", deltaMs: 1000, percent: null });
    expect(change(0, 0)).toEqual({ kind: "same", deltaMs: 0, percent: 0 });
    expect(change(4000, Number.POSITIVE_INFINITY)).toEqual({ kind: "slower", deltaMs: null, percent: null });
    expect(change(Number.POSITIVE_INFINITY, 4000)).toEqual({ kind: "faster", deltaMs: null, percent: null });
    expect(change(null, 4000).kind).toBe("new");
    expect(change(4000, null).kind).toBe("gone");
  });

  it("parses tolerances: a share or a duration, for every stage, one stage or one statistic", () => {
    expect(parseTolerance("10%")).toEqual({ expression: "10%", stage: null, stat: null, limit: { percent: 10 } });
    expect(parseTolerance("startup.p99:12.5%")).toEqual({ expression: "startup.p99:12.5%", stage: "startup", stat: "p99", limit: { percent: 12.5 } });
    expect(parseTolerance("scheduling:500ms")).toEqual({ expression: "scheduling:500ms", stage: "scheduling", stat: null, limit: { ms: 500 } });
    for (const bad of ["boot:10%", "startup.p95:10%", "startup.p99:fast"]) expect(() => parseTolerance(bad)).toThrow(expect.objectContaining({ name: "UserError" }));
    try {
      parseTolerance("startup.mean:10%");
    } catch (error) {
      expect(isUserError(error) && error.message).toBe("'startup.mean:10%': unknown statistic 'mean' (a comparison shows p50, p90, p99, max)");
    }
  });
});
