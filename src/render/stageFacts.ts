import { QUALITY_CHECKS, type DurationBound, type Interruption, type Outcome, type PodReport, type QualityCheck, type QualityCheckName, type Report, type Stage } from "../types.js";
import { compareText } from "../compareText.js";
import { humanizeMs } from "./humanize.js";

/** How every report names the stages. */
export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  scheduling: "Scheduling",
  imagePull: "Image pull",
  containerStart: "Container start",
  scheduledToRunning: "Scheduled to running",
  readiness: "Readiness",
  startup: "Startup (created to ready)",
  startupSLI: "Start-up SLI",
  createdToSandboxReady: "Created to sandbox ready",
  createdToInitialized: "Created to initialized",
  createdToContainersStarted: "Created to containers started",
  createdToContainersReady: "Created to containers ready",
};

/** What each stage measures, in a few words. */
export const STAGE_HINTS: Readonly<Record<Stage, string>> = {
  scheduling: "created → PodScheduled",
  imagePull: "sum of first completed pulls (kubelet events)",
  containerStart: "scheduled → all containers running, minus image pull",
  scheduledToRunning: "scheduled → all containers running",
  readiness: "containers running → Ready",
  startup: "created → Ready",
  startupSLI: "excludes image pulls and init containers (SLO p99 ≤ 5s)",
  createdToSandboxReady: "created → PodReadyToStartContainers (kube-burner's PodReadyToStartContainers)",
  createdToInitialized: "created → Initialized (kube-burner's Initialized)",
  createdToContainersStarted: "created → all containers running (kube-burner's ContainersStarted)",
  createdToContainersReady: "created → ContainersReady (kube-burner's ContainersReady)",
};

/** Stages that only kubelet events give. */
export const NEEDS_EVENTS: readonly Stage[] = ["imagePull", "containerStart", "startupSLI"];

/** Why the event stages are empty, when they are: the capture has no events, or none matched a pod. */
export function missingEventsReason(report: Report): "no-events" | "none-matched" | null {
  if (report.pods.length === 0) return null;
  if (report.totals.eventRecords === 0) return "no-events";
  return NEEDS_EVENTS.every((s) => report.summary.stages[s].count === 0) ? "none-matched" : null;
}

/** Pods per outcome, most frequent first (name order breaks ties), and how many are partial. */
export function outcomeCounts(pods: readonly PodReport[]): { readonly counts: readonly (readonly [Outcome, number])[]; readonly partial: number } {
  const counts = new Map<Outcome, number>();
  for (const p of pods) counts.set(p.outcome, (counts.get(p.outcome) ?? 0) + 1);
  return {
    counts: [...counts.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])),
    partial: pods.filter((p) => p.partial).length,
  };
}

/** A pod's stage as people read it: the measured figure, `≤ 5s` / `≥ 3s` for a bound, `-` when unknown. */
export function stageFigure(p: PodReport, stage: Stage): string {
  const ms = p.durationsMs[stage];
  if (ms !== null) return humanizeMs(ms);
  const bound = p.boundsMs[stage];
  return bound === undefined ? "-" : boundText(bound);
}

export function boundText(bound: DurationBound): string {
  return "atMost" in bound ? `≤ ${humanizeMs(bound.atMost)}` : `≥ ${humanizeMs(bound.atLeast)}`;
}

/** Pods whose figure for some stage is only a bound, left out of (or, with includePartial, counted in) the summary. */
export function boundedPods(pods: readonly PodReport[]): number {
  return pods.filter((p) => Object.keys(p.boundsMs).length > 0).length;
}

/** Why no pod has a measured startup: none became ready, or those that did were ready before the capture saw them. */
export function noStartupReason(report: Report): string {
  const before = report.summary.stages.startup.leftOut;
  if (before > 0) return `no startup was measured: ${before === 1 ? "1 pod was" : `${before} pods were`} already ready when the capture first saw ${before === 1 ? "it" : "them"}`;
  return "no pod became ready in the capture";
}

/** The report's pods stuck terminating, in its order (longest overdue first), each with how long overdue. */
export function stuckTerminating(report: Report): { readonly pod: PodReport; readonly overdueMs: number }[] {
  const byKey = new Map(report.pods.map((p) => [`${p.namespace}/${p.name}/${p.uid ?? ""}`, p]));
  return report.stuckTerminating.flatMap((t) => {
    const pod = byKey.get(`${t.namespace}/${t.name}/${t.uid ?? ""}`);
    return pod === undefined ? [] : [{ pod, overdueMs: t.overdueMs }];
  });
}

/** What keeps a pod that is stuck terminating: its finalizers, else the kubelet that never confirmed its containers stopped. */
export function heldBy(p: PodReport): string {
  const finalizers = p.terminating?.finalizers ?? [];
  if (finalizers.length > 0) return `finalizer${finalizers.length === 1 ? "" : "s"} ${finalizers.join(", ")}`;
  return `its kubelet${p.node === null ? "" : ` on ${p.node}`} (no finalizers)`;
}

/** The last phase a pod was seen in. */
export function lastPhase(p: PodReport): string {
  return p.phases[p.phases.length - 1]?.phase ?? "-";
}

/** How every report names the quality checks. */
export const QUALITY_LABELS: Readonly<Record<QualityCheckName, string>> = {
  gaps: "Watch gaps",
  holes: "Missing records",
  partialPods: "Partial pods",
  missingEvents: "Events",
  clockSkew: "Clock skew",
  rewrittenConditions: "Condition times",
  duplicates: "Duplicates",
  outOfOrder: "Record order",
};

/** The checks that found something, worst first (report order breaks ties). */
export function qualityFindings(report: Report): { readonly name: QualityCheckName; readonly check: QualityCheck }[] {
  const rank = { bad: 0, warn: 1, info: 2, ok: 3 } as const;
  return QUALITY_CHECKS.map((name) => ({ name, check: report.quality.checks[name] }))
    .filter(({ check }) => check.severity !== "ok")
    .sort((a, b) => rank[a.check.severity] - rank[b.check.severity]);
}

/** The one-line verdict: what makes the figures untrustworthy, or that nothing does. */
export function qualityLine(report: Report): string {
  const findings = qualityFindings(report);
  const serious = findings.filter(({ check }) => check.severity === "bad" || check.severity === "warn");
  const shown = serious.length > 0 ? serious : findings;
  const what = shown.length > 0 ? shown.map(({ check }) => check.summary).join("; ") : "every pod seen from its creation, events for every pod, no gaps, no clock skew";
  return `${report.quality.verdict}: ${what}`;
}

/** Where a quality example points, as `input:line`, pod or node. */
export function exampleWhere(e: { readonly pod: string | null; readonly node: string | null; readonly input: string | null; readonly line: number | null }): string {
  if (e.input !== null) return `${e.input}${e.line === null ? "" : `:${e.line}`}`;
  return e.pod ?? e.node ?? "-";
}

/** `stopped reading - on SIGINT: the report covers what was read (2 inputs not read)`. */
export function interruptedLine(i: Interruption): string {
  const why = i.by === "timeLimit" ? "when --for ran out" : `on ${i.signal ?? "a signal"}`;
  const unread = i.unread.length === 0 ? "" : ` (${i.unread.length} input${i.unread.length === 1 ? "" : "s"} not read: ${i.unread.slice(0, 3).join(", ")}${i.unread.length > 3 ? ", ..." : ""})`;
  return `stopped reading ${i.input} ${why}: the report covers what was read${unread}`;
}
