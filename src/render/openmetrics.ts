import { FAILURE_CATEGORIES, OUTCOMES, STAGES, type PodReport, type Report, type Stage, type Summary } from "../types.js";
import { podsByGroup } from "../summarize/groups.js";
import { stageValues } from "../summarize/summarize.js";
import { unfinished } from "../summarize/unfinished.js";
import { countedPods } from "../summarize/gates.js";

/*
 * `-o openmetrics`: the report as metrics, for a node_exporter textfile
 * collector (`*.prom`) or a Pushgateway (`curl --data-binary @- .../metrics/job/podtrail`).
 * Both read the Prometheus text format (0.0.4); what is written here is
 * also OpenMetrics 1.0 text: gauges, histograms and summaries only, each
 * family's HELP and TYPE first, `# UNIT` for the seconds, `# EOF` last
 * (a comment to the Prometheus parser). No sample has a timestamp: the
 * textfile collector and the Pushgateway refuse them.
 *
 * Counts of one capture are gauges, not counters: a counter must never go
 * down, and the next run's file or push replaces this one's with its own
 * counts, which can be lower. docs/outputs.md lists every family.
 */

/** Seconds, as the kubelet's `kubelet_pod_start_sli_duration_seconds` buckets them: a podtrail histogram lines up with the kubelet's. */
export const BUCKETS_S: readonly number[] = [0.5, 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 45, 60, 120, 180, 240, 300, 360, 480, 600, 900, 1200, 1800, 2700, 3600];

const QUANTILES = [
  ["0.5", "p50"],
  ["0.9", "p90"],
  ["0.95", "p95"],
  ["0.99", "p99"],
] as const;

type Labels = readonly (readonly [string, string])[];

/** A group of pods with its summary: the whole report (no label), then each group (labelled by the grouping). */
interface Scope {
  readonly labels: Labels;
  readonly summary: Summary;
  readonly pods: readonly PodReport[];
}

export function renderOpenMetrics(report: Report): string {
  const by = report.groupBy;
  const scopes: Scope[] = [{ labels: [], summary: report.summary, pods: report.pods }];
  if (by !== null) {
    const members = podsByGroup(report.pods, by);
    for (const g of report.groups) scopes.push({ labels: [[by, g.group]], summary: g.summary, pods: members.get(g.group) ?? [] });
  }
  const out: string[] = [];
  const family = (name: string, type: "gauge" | "histogram" | "summary", help: string, unit: string | null, samples: readonly string[]): void => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    if (unit !== null) out.push(`# UNIT ${name} ${unit}`);
    out.push(...samples);
  };
  const perScope = (f: (s: Scope) => string[]): string[] => scopes.flatMap(f);

  family("podtrail_pods", "gauge", "Pods the report covers, by outcome at the end of the capture.", null, perScope((s) => OUTCOMES.map((o) => sample("podtrail_pods", [...s.labels, ["outcome", o]], s.pods.filter((p) => p.outcome === o).length))));
  family("podtrail_pods_not_ready", "gauge", "Pods that never became ready and did not run to completion.", null, perScope((s) => [sample("podtrail_pods_not_ready", s.labels, s.pods.filter((p) => unfinished(p, "startup")).length)]));
  family("podtrail_pods_stuck", "gauge", "Pods stuck at the end of the capture: starting (stuckIn) or terminating.", null, perScope((s) => [sample("podtrail_pods_stuck", s.labels, countedPods(s.pods, report.stuckTerminating, { subject: "stuck", failure: null }).length)]));
  family("podtrail_pods_partial", "gauge", "Pods first seen after their start-up began.", null, perScope((s) => [sample("podtrail_pods_partial", s.labels, s.pods.filter((p) => p.partial).length)]));

  const stageHelp = (what: string): string => `${what} (measured figures${report.summary.includePartial ? " and bounds" : ""}; docs/spec.md section 4).`;
  family("podtrail_stage_duration_seconds", "histogram", stageHelp("Start-up stage durations of the pods"), "seconds", perScope((s) => STAGES.flatMap((stage) => histogram(s, stage))));
  family("podtrail_stage_duration_quantile_seconds", "summary", stageHelp("Start-up stage percentiles, nearest rank"), "seconds", perScope((s) => STAGES.flatMap((stage) => quantiles(s, stage))));
  family("podtrail_stage_duration_max_seconds", "gauge", stageHelp("The longest start-up stage duration"), "seconds", perScope((s) => STAGES.flatMap((stage) => (s.summary.stages[stage].max === null ? [] : [sample("podtrail_stage_duration_max_seconds", [...s.labels, ["stage", stage]], seconds(s.summary.stages[stage].max))]))));
  family("podtrail_stage_unfinished_pods", "gauge", "Pods that never reached the stage (docs/spec.md section 7.5).", null, perScope((s) => STAGES.map((stage) => sample("podtrail_stage_unfinished_pods", [...s.labels, ["stage", stage]], s.pods.filter((p) => unfinished(p, stage)).length))));
  family("podtrail_stage_left_out_pods", "gauge", "Pods whose stage figure is only a bound, left out of the stage's figures.", null, perScope((s) => STAGES.map((stage) => sample("podtrail_stage_left_out_pods", [...s.labels, ["stage", stage]], s.summary.stages[stage].leftOut))));

  family("podtrail_failure_pods", "gauge", "Pods that showed a failure reason.", null, perScope((s) => s.summary.failures.map((f) => sample("podtrail_failure_pods", [...s.labels, ["reason", f.reason], ["category", f.category]], f.pods))));
  family("podtrail_failure_occurrences", "gauge", "Occurrences of a failure reason over all pods.", null, perScope((s) => s.summary.failures.map((f) => sample("podtrail_failure_occurrences", [...s.labels, ["reason", f.reason], ["category", f.category]], f.occurrences))));
  family("podtrail_failure_category_pods", "gauge", "Pods that showed a failure reason of the category.", null, perScope((s) => FAILURE_CATEGORIES.map((c) => sample("podtrail_failure_category_pods", [...s.labels, ["category", c]], s.pods.filter((p) => p.failures.some((f) => f.category === c)).length))));

  family("podtrail_gate_breached", "gauge", "1 when the --fail-if gate was breached, else 0.", null, report.thresholds.map((t) => sample("podtrail_gate_breached", [["gate", t.expression]], t.breached ? 1 : 0)));
  family("podtrail_capture_quality", "gauge", "The capture-quality verdict: 1 for the report's, 0 for the others.", null, (["reliable", "degraded", "unreliable"] as const).map((v) => sample("podtrail_capture_quality", [["verdict", v]], report.quality.verdict === v ? 1 : 0)));
  family("podtrail_capture_warnings", "gauge", "Warnings about the input.", null, [sample("podtrail_capture_warnings", [], report.warnings.length)]);
  family("podtrail_capture_records", "gauge", "Records read from the inputs.", null, [sample("podtrail_capture_records", [], report.totals.records)]);
  const span = (name: string, which: "start" | "end", help: string): void => {
    const t = report.span[which];
    family(name, "gauge", help, "seconds", t === null ? [] : [sample(name, [], seconds(t))]);
  };
  span("podtrail_capture_start_timestamp_seconds", "start", "The earliest time the capture shows, in seconds since the epoch.");
  span("podtrail_capture_end_timestamp_seconds", "end", "The latest time the capture shows, in seconds since the epoch.");
  out.push("# EOF");
  return `${out.join("\n")}\n`;
}

function histogram(s: Scope, stage: Stage): string[] {
  const { values } = stageValues(s.pods, stage, s.summary.includePartial);
  const labels: Labels = [...s.labels, ["stage", stage]];
  const name = "podtrail_stage_duration_seconds";
  // Compared in milliseconds: 500 ms falls in the 0.5 s bucket exactly, with no float rounding in between.
  const lines = BUCKETS_S.map((le) => sample(`${name}_bucket`, [...labels, ["le", String(le)]], values.filter((v) => v <= le * 1000).length));
  lines.push(sample(`${name}_bucket`, [...labels, ["le", "+Inf"]], values.length), sample(`${name}_count`, labels, values.length), sample(`${name}_sum`, labels, seconds(sumOf(values))));
  return lines;
}

function quantiles(s: Scope, stage: Stage): string[] {
  const summary = s.summary.stages[stage];
  const labels: Labels = [...s.labels, ["stage", stage]];
  const name = "podtrail_stage_duration_quantile_seconds";
  const lines = summary.count === 0 ? [] : QUANTILES.map(([q, stat]) => sample(name, [...labels, ["quantile", q]], seconds(summary[stat])));
  lines.push(sample(`${name}_count`, labels, summary.count), sample(`${name}_sum`, labels, seconds(sumOf(stageValues(s.pods, stage, s.summary.includePartial).values))));
  return lines;
}

/** Integer milliseconds add up exactly; the seconds are divided once, at the end. */
function sumOf(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}

function seconds(ms: number | null): number {
  return (ms ?? 0) / 1000;
}

function sample(name: string, labels: Labels, value: number): string {
  const body = labels.map(([k, v]) => `${k}="${labelValue(v)}"`).join(",");
  return `${name}${body === "" ? "" : `{${body}}`} ${number(value)}`;
}

/** The text formats' escapes for a label value: backslash, double quote, line feed. */
function labelValue(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function number(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "+Inf" : "-Inf";
  return String(v);
}
