import type { Stage, TimestampName } from "../types.js";

/*
 * Pods that never reached a stage (docs/spec.md §7.5). A summary holds the
 * figures it has, so a pod stuck Unschedulable adds nothing to startup's
 * percentiles, and a gate over them alone passes on a run whose pods never
 * started. Gates and comparisons count such pods as slower than any limit
 * instead; this module says which pods they are.
 */

/** The moment each stage ends at: a pod that never reached it has no figure for the stage, and never will. */
export const STAGE_END: Readonly<Record<Stage, TimestampName>> = {
  scheduling: "scheduled",
  imagePull: "containersStarted",
  containerStart: "containersStarted",
  scheduledToRunning: "containersStarted",
  readiness: "ready",
  startup: "ready",
  startupSLI: "containersStarted",
  createdToSandboxReady: "sandboxReady",
  createdToInitialized: "initialized",
  createdToContainersStarted: "containersStarted",
  createdToContainersReady: "containersReady",
};

/**
 * What the rule reads of a pod: a report's pod (times as epoch ms) and a
 * JSON report's (times as strings) both have it, so comparisons apply the
 * same rule to a report read back.
 */
export interface PodProgress {
  readonly namespace: string;
  readonly name: string;
  readonly observations: number;
  readonly phases: readonly { readonly phase: string }[];
  readonly conditions: readonly { readonly type: string; readonly status: string }[];
  /** Null when the capture did not see the moment. */
  readonly timestamps: { readonly [K in TimestampName]: unknown };
  readonly notAfter: { readonly [K in TimestampName]?: unknown };
  readonly durationsMs: { readonly [S in Stage]: number | null };
  readonly boundsMs: { readonly [S in Stage]?: { readonly atMost?: number; readonly atLeast?: number } };
}

/** The pod reached this moment: measured, or known to have happened before the capture saw it. */
export function reached(pod: PodProgress, moment: TimestampName): boolean {
  return pod.timestamps[moment] !== null || pod.notAfter[moment] !== undefined;
}

/**
 * A pod ran to completion without needing the stages it skipped: it
 * Succeeded, or it Failed after its containers ran (a batch pod that
 * exited non-zero: a failure, counted by the failure gates, not a start-up
 * that never ended). A pod known only from events was never seen at all.
 */
function exempt(pod: PodProgress): boolean {
  if (pod.observations === 0) return true;
  let failed = false;
  for (const p of pod.phases) {
    if (p.phase === "Succeeded") return true;
    if (p.phase === "Failed") failed = true;
  }
  return failed && reached(pod, "containersStarted");
}

/**
 * Whether a pod never reached a stage: it has no figure or bound for it,
 * did not reach the moment the stage ends at, and did not run to completion.
 * `PodReadyToStartContainers` exists only on kubelets of 1.29 and later
 * (PodHasNetwork before, behind a gate), so a pod that lacks the condition
 * counts as unfinished for `createdToSandboxReady` only when it was never
 * scheduled: a kubelet that does not write it says nothing about the pod.
 */
export function unfinished(pod: PodProgress, stage: Stage): boolean {
  if (pod.durationsMs[stage] !== null || pod.boundsMs[stage] !== undefined) return false;
  const end = STAGE_END[stage];
  if (reached(pod, end) || exempt(pod)) return false;
  if (end === "sandboxReady") return !reached(pod, "scheduled") || pod.conditions.some((c) => c.type === "PodReadyToStartContainers");
  return true;
}

/** The pods that never reached a stage, in the order given. */
export function unfinishedPods<P extends PodProgress>(pods: readonly P[], stage: Stage): P[] {
  return pods.filter((p) => unfinished(p, stage));
}
