import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

/*
 * The outputs other tools read, checked the way their consumers check them,
 * on every sample's golden (test/golden/samples.test.ts holds the goldens
 * to what the command writes):
 *
 * - openmetrics: `promtool check metrics`, Prometheus' own parser and
 *   linter (Debian's `prometheus` package; .ci/run installs it). Skipped
 *   with a note when it is not installed, never under CI;
 * - junit: parsed as XML by fast-xml-parser, then read as CI servers read
 *   JUnit (testsuites > testsuite > testcase, counts that add up);
 * - ndjson, kube-burner, clusterloader2: each document against the
 *   schema of its format (schemas/), with ajv.
 */
const CI = process.env["CI"] !== undefined && !["", "0", "false"].includes(process.env["CI"]);
const SAMPLES = readdirSync("samples", { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join("samples", d.name, "input")))
  .map((d) => d.name)
  .sort();

const golden = (sample: string, file: string): string => readFileSync(join("samples", sample, file), "utf8");
const schema = (name: string) => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile(JSON.parse(readFileSync(join("schemas", name), "utf8")));
};
const problems = (validate: ReturnType<typeof schema>, doc: unknown): string[] =>
  validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);

function promtool(): string | null {
  const r = spawnSync("promtool", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? "promtool" : null;
}
const PROMTOOL = promtool();
if (PROMTOOL === null && !CI) {
  // A visible note, not a silent pass: the test below is skipped by name too.
  process.stderr.write("note: promtool is not installed (Debian's prometheus package): the OpenMetrics goldens are not checked by Prometheus' parser here\n");
}

describe("-o openmetrics is read by Prometheus (promtool check metrics)", () => {
  it("promtool is there under CI", () => {
    expect(CI && PROMTOOL === null, "CI must install Debian's prometheus package (.ci/run)").toBe(false);
  });

  it.skipIf(PROMTOOL === null).each(SAMPLES)(`%s: expected.prom passes promtool check metrics${PROMTOOL === null ? " (skipped: promtool not installed)" : ""}`, (sample) => {
    const r = spawnSync(PROMTOOL!, ["check", "metrics"], { input: golden(sample, "expected.prom"), encoding: "utf8" });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it.skipIf(PROMTOOL === null)("promtool rejects an OpenMetrics-style counter, which the Prometheus format reads as another family (so podtrail writes gauges)", () => {
    const broken = "# HELP podtrail_failures Failures.\n# TYPE podtrail_failures counter\npodtrail_failures_total{reason=\"OOMKilled\"} 3\n# EOF\n";
    expect(spawnSync(PROMTOOL!, ["check", "metrics"], { input: broken, encoding: "utf8" }).status).not.toBe(0);
  });
});

/** A list of what the XML parser gives for an element that may occur once or many times. */
const all = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe("-o junit is JUnit XML as CI servers read it", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", parseAttributeValue: false, trimValues: false });
  it.each(SAMPLES)("%s: expected.junit.xml is well-formed, and its counts add up", (sample) => {
    const xml = golden(sample, "expected.junit.xml");
    expect(XMLValidator.validate(xml)).toBe(true);
    type Case = { name: string; classname: string; time: string; failure?: { message: string; type: string } };
    type Suite = { name: string; tests: string; failures: string; errors: string; testcase?: Case | Case[] };
    const doc = parser.parse(xml) as { testsuites: { tests: string; failures: string; testsuite: Suite | Suite[] } };
    const suites = all(doc.testsuites.testsuite);
    expect(suites.map((s) => s.name)).toEqual(["podtrail.gates", "podtrail.stuck"]);
    let tests = 0;
    let failures = 0;
    for (const s of suites) {
      const cases = all(s.testcase);
      expect(Number(s.tests)).toBe(cases.length);
      expect(Number(s.failures)).toBe(cases.filter((c) => c.failure !== undefined).length);
      for (const c of cases) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(Number.isFinite(Number(c.time))).toBe(true);
        if (c.failure !== undefined) expect(c.failure.message.length).toBeGreaterThan(0);
      }
      tests += cases.length;
      failures += Number(s.failures);
    }
    expect([Number(doc.testsuites.tests), Number(doc.testsuites.failures)]).toEqual([tests, failures]);
    // One test case per pod stuck at the end: the JSON report's stuck pods and pods stuck terminating.
    const report = JSON.parse(golden(sample, "expected.json")) as { pods: { stuckIn: string | null; namespace: string; name: string }[]; stuckTerminating: { namespace: string; name: string }[] };
    const stuck = new Set([...report.pods.filter((p) => p.stuckIn !== null), ...report.stuckTerminating].map((p) => `${p.namespace}/${p.name}`));
    expect(all(suites[1]!.testcase).map((c) => c.name).sort()).toEqual([...stuck].sort());
  });

  it("escapes what XML 1.0 cannot hold, so a crafted pod name still gives a document CI can read", async () => {
    const { renderJunit } = await import("../../src/render/junit.js");
    const { reportOf } = await import("../helpers/report.js");
    const { envelope, pod } = await import("../helpers/pods.js");
    const name = 'evil\u001b]0;x\u0007<a href="&">\ud800';
    const report = reportOf([envelope("ADDED", pod({ name, rv: 1, created: 0, phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", at: 0, reason: "Unschedulable" }] }))]);
    const xml = renderJunit(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    // No character XML 1.0 forbids (C0 controls other than tab, LF and CR), even as a reference.
    expect([...xml].filter((c) => c < " " && !"\t\n\r".includes(c))).toEqual([]);
    expect(xml).toContain("evil\\x1b]0;x\\a&lt;a href=&quot;&amp;&quot;&gt;\\ud800");
  });
});

describe("-o ndjson: each line one document of schemas/ndjson.schema.json", () => {
  const validate = schema("ndjson.schema.json");
  it.each(SAMPLES)("%s: every line validates; one pod document per pod, one stage document per stage and group", (sample) => {
    const text = golden(sample, "expected.ndjson");
    expect(text.endsWith("\n")).toBe(true);
    const docs = text.slice(0, -1).split("\n").map((line) => JSON.parse(line) as { type: string });
    for (const [i, d] of docs.entries()) expect({ line: i + 1, problems: problems(validate, d) }).toEqual({ line: i + 1, problems: [] });
    const report = JSON.parse(golden(sample, "expected.json")) as { pods: unknown[]; groups: unknown[]; summary: { stages: object } };
    const stages = Object.keys(report.summary.stages).length;
    expect(docs.filter((d) => d.type === "pod")).toHaveLength(report.pods.length);
    expect(docs.filter((d) => d.type === "stage")).toHaveLength(stages * (1 + report.groups.length));
  });
});

describe("-o kube-burner and -o clusterloader2 against their documents' schemas", () => {
  const kubeBurner = schema("kube-burner.schema.json");
  const cl2 = schema("clusterloader2.schema.json");
  it.each(SAMPLES)("%s: expected.kube-burner.json and expected.clusterloader2.json validate", (sample) => {
    expect(problems(kubeBurner, JSON.parse(golden(sample, "expected.kube-burner.json")))).toEqual([]);
    expect(problems(cl2, JSON.parse(golden(sample, "expected.clusterloader2.json")))).toEqual([]);
  });

  it("the schemas can fail: a kube-burner document with a latency as text, a PerfData item in seconds", () => {
    expect(problems(kubeBurner, [{ metricName: "podLatencyMeasurement", podReadyLatency: "3s" }]).length).toBeGreaterThan(0);
    expect(problems(cl2, { version: "1.0", dataItems: [{ data: { Perc50: 1, Perc90: 2, Perc99: 3 }, unit: "s", labels: { Metric: "pod_startup" } }] }).length).toBeGreaterThan(0);
  });
});

describe("grouped outputs (--group-by storage on the kube-burner-parity sample) pass the same checks", () => {
  const grouped = (format: string) => runCli(["analyze", "samples/kube-burner-parity/input", "--group-by", "storage", "-o", format]);

  it("ndjson: the groups' stage documents validate and carry their group", async () => {
    const validate = schema("ndjson.schema.json");
    const docs = (await grouped("ndjson")).stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { type: string; group: string | null });
    for (const d of docs) expect(problems(validate, d)).toEqual([]);
    expect([...new Set(docs.filter((d) => d.type === "stage").map((d) => d.group))]).toEqual([null, "stateful", "stateless"]);
    expect(docs.filter((d) => d.type === "pod").map((d) => d.group)).toEqual(["stateless", "stateless", "stateful"]);
  });

  it.skipIf(PROMTOOL === null)("openmetrics: promtool accepts the series labelled by group", async () => {
    const text = (await grouped("openmetrics")).stdout;
    expect(text).toContain('podtrail_stage_duration_quantile_seconds{storage="stateful",stage="startup",quantile="0.99"} 12\n');
    const r = spawnSync(PROMTOOL!, ["check", "metrics"], { input: text, encoding: "utf8" });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
  });

  it("clusterloader2: each group's items labelled by the grouping", async () => {
    const doc = JSON.parse((await grouped("clusterloader2")).stdout) as { dataItems: { labels: Record<string, string>; data: { Perc99: number } }[] };
    expect(problems(schema("clusterloader2.schema.json"), doc)).toEqual([]);
    expect(doc.dataItems.find((i) => i.labels["Metric"] === "pod_startup" && i.labels["storage"] === "stateless")!.data.Perc99).toBe(3000);
  });
});
