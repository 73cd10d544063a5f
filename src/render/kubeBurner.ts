import type { PodReport, Report, Stage } from "../types.js";
import { formatTimeOrNull } from "../kube/time.js";
import { summarizeValues } from "../summarize/percentiles.js";
import { compareText } from "../compareText.js";

/*
 * `-o kube-burner`: kube-burner's podLatency documents, as its local
 * indexer writes them (a JSON array, indented by two spaces): one
 * `podLatencyMeasurement` per pod, then the `podLatencyQuantilesMeasurement`
 * of each pod condition, per job, so that the dashboards and comparison
 * tools that read kube-burner's indices read podtrail's figures. The shape
 * is kube-burner 1.x's flat one (one document per pod with every latency);
 * docs/outputs.md gives each field, the fields a capture cannot fill and
 * how podtrail's figures differ from kube-burner's own.
 *
 * Like kube-burner, only pods that became ready (a measured startup)
 * count. Each latency is podtrail's stage from creation, null where the
 * capture has no measured figure (kube-burner writes 0 there). Quantiles are
 * nearest rank over the documents' figures, as every podtrail figure is;
 * `avg` is truncated to whole milliseconds as kube-burner's integer field is.
 */

/** kube-burner's latency fields, its quantile names, and podtrail's stages behind them (docs/spec.md §11). */
const LATENCIES = [
  ["schedulingLatency", "PodScheduled", "scheduling"],
  ["readyToStartContainersLatency", "PodReadyToStartContainers", "createdToSandboxReady"],
  ["initializedLatency", "Initialized", "createdToInitialized"],
  ["containersStartedLatency", "ContainersStarted", "createdToContainersStarted"],
  ["containersReadyLatency", "ContainersReady", "createdToContainersReady"],
  ["podReadyLatency", "Ready", "startup"],
] as const satisfies readonly (readonly [string, string, Stage])[];

/** The labels kube-burner puts on the objects it creates: 1.x's `kube-burner.io/...`, and the older unprefixed ones. */
const LABELS = {
  uuid: ["kube-burner.io/uuid", "kube-burner-uuid"],
  job: ["kube-burner.io/job", "kube-burner-job"],
  iteration: ["kube-burner.io/job-iteration", "kube-burner-index"],
  replica: ["kube-burner.io/replica"],
} as const;

function label(p: PodReport, names: readonly string[]): string | null {
  for (const n of names) {
    const v = p.labels[n];
    if (v !== undefined) return v;
  }
  return null;
}

function whole(text: string | null): number {
  return text !== null && /^\d+$/.test(text) ? Number(text) : 0;
}

export function kubeBurnerDocuments(report: Report): Record<string, unknown>[] {
  const ready = report.pods.filter((p) => p.durationsMs.startup !== null);
  const docs: Record<string, unknown>[] = ready.map((p) => ({
    timestamp: formatTimeOrNull(p.timestamps.created),
    ...Object.fromEntries(LATENCIES.map(([field, , stage]) => [field, p.durationsMs[stage]])),
    metricName: "podLatencyMeasurement",
    uuid: label(p, LABELS.uuid) ?? "",
    jobName: label(p, LABELS.job) ?? "",
    jobIteration: whole(label(p, LABELS.iteration)),
    replica: whole(label(p, LABELS.replica)),
    namespace: p.namespace,
    podName: p.name,
    nodeName: p.node ?? "",
  }));
  // One set of quantiles per run and job, as kube-burner indexes them at the end of each job.
  const jobs = new Map<string, { uuid: string; jobName: string; pods: PodReport[] }>();
  for (const p of ready) {
    const uuid = label(p, LABELS.uuid) ?? "";
    const jobName = label(p, LABELS.job) ?? "";
    const key = JSON.stringify([uuid, jobName]);
    const job = jobs.get(key) ?? { uuid, jobName, pods: [] };
    job.pods.push(p);
    jobs.set(key, job);
  }
  const timestamp = formatTimeOrNull(report.span.end);
  const ordered = [...jobs.values()].sort((a, b) => compareText(a.uuid, b.uuid) || compareText(a.jobName, b.jobName));
  for (const job of ordered) {
    for (const [, quantileName, stage] of LATENCIES) {
      const values = job.pods.flatMap((p) => (p.durationsMs[stage] === null ? [] : [p.durationsMs[stage]]));
      if (values.length === 0) continue;
      const s = summarizeValues(values);
      docs.push({ quantileName, uuid: job.uuid, P99: s.p99, P95: s.p95, P50: s.p50, max: s.max, avg: Math.trunc(s.mean ?? 0), timestamp, metricName: "podLatencyQuantilesMeasurement", jobName: job.jobName });
    }
  }
  return docs;
}

export function renderKubeBurner(report: Report): string {
  return `${JSON.stringify(kubeBurnerDocuments(report), null, 2)}\n`;
}
