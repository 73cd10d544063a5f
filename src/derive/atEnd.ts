import type { NotReadyAtEnd, NotReadyCause, Outcome, PodFailure } from "../types.js";
import type { ContainerObservation, PodObservation } from "../records.js";
import { PROGRESS_WAITING_REASONS } from "./failures.js";

/** Outcomes of pods that may be broken at the end; Ready, Succeeded, Deleted and Terminating pods are not (docs/spec.md §6.7). */
const BROKEN_OUTCOMES: ReadonlySet<Outcome> = new Set<Outcome>(["Pending", "Running", "Failed", "Unknown"]);

/** Reasons that say only that the kubelet waits before trying again: never the cause of anything. */
const BACK_OFFS: ReadonlySet<string> = new Set(["BackOff", "CrashLoopBackOff", "ImagePullBackOff"]);

/** The kubelet's `Failed` event that only names a waiting reason (`Error: ImagePullBackOff`) says nothing the reason does not. */
const NAMES_ONLY = /^Error: [A-Za-z]+$/;

type Found = Omit<NotReadyAtEnd, "since" | "wasReady" | "cause">;

/**
 * What a pod not Ready at the end of the capture showed in its last record,
 * and the failure behind it (docs/spec.md §6.7). Null for pods that are
 * Ready, ended well (Succeeded), are gone or going (Deleted, Terminating),
 * or are known only from events.
 */
export function deriveNotReadyAtEnd(observations: readonly PodObservation[], outcome: Outcome, wasReady: boolean, failures: readonly PodFailure[]): NotReadyAtEnd | null {
  const last = observations[observations.length - 1];
  if (last === undefined || !BROKEN_OUTCOMES.has(outcome)) return null;
  const found = currentReason(last, outcome);
  const ready = last.conditions.find((c) => c.type === "Ready");
  const scheduled = last.conditions.find((c) => c.type === "PodScheduled" && c.status === "False");
  // A pod never scheduled may have no Ready condition: it has been held since PodScheduled turned False.
  const since = (ready !== undefined && ready.status !== "True" ? ready.lastTransitionTime : null) ?? scheduled?.lastTransitionTime ?? null;
  // Keys in the report's order.
  return { reason: found.reason, container: found.container, message: found.message, exitCode: found.exitCode, since, wasReady, cause: causeOf(found, last, failures) };
}

/** The first of: PodScheduled=False, `status.reason`, a failing waiting state, a failed termination, a progress waiting state, an unready running container, the Ready condition, the phase. */
function currentReason(last: PodObservation, outcome: Outcome): Found {
  const none = { container: null, exitCode: null };
  const scheduled = last.conditions.find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False") return { ...none, reason: scheduled.reason ?? "PodScheduled=False", message: scheduled.message };
  if (last.reason !== null) return { ...none, reason: last.reason, message: last.message };
  // `containers` lists init containers first: an init container holding the pod comes before the regular ones.
  const waiting = (progress: boolean): Found | null => {
    for (const c of last.containers) {
      if (c.state.kind !== "waiting" || c.state.reason === null || PROGRESS_WAITING_REASONS.has(c.state.reason) !== progress) continue;
      return { reason: c.state.reason, container: c.name, message: c.state.message, exitCode: null };
    }
    return null;
  };
  const failing = waiting(false);
  if (failing !== null) return failing;
  for (const c of last.containers) {
    const t = c.state;
    if (t.kind !== "terminated") continue;
    const failed = (t.reason !== null && t.reason !== "Completed") || (t.exitCode !== null && t.exitCode !== 0);
    if (!failed) continue;
    return { reason: t.reason === null || t.reason === "Completed" ? "Error" : t.reason, container: c.name, message: t.message, exitCode: t.exitCode };
  }
  const progress = waiting(true);
  if (progress !== null) return progress;
  const ready = last.conditions.find((c) => c.type === "Ready" && c.status !== "True");
  const unready = last.containers.find((c) => !c.init && c.state.kind === "running" && c.ready === false);
  if (ready !== undefined) return { ...none, container: unready?.name ?? null, reason: ready.reason ?? "NotReady", message: ready.message };
  return { ...none, container: unready?.name ?? null, reason: outcome === "Running" ? "NotReady" : (last.phase ?? outcome), message: last.message };
}

/**
 * The failure behind the state, when it is another one: the last
 * termination of a container that is waiting to restart (CrashLoopBackOff,
 * RunContainerError), else the failure with a message seen last (the same
 * container's first): the pull error behind ImagePullBackOff, the probe
 * failure behind ContainersNotReady, the mount failure behind
 * ContainerCreating.
 */
function causeOf(found: Found, last: PodObservation, failures: readonly PodFailure[]): NotReadyCause | null {
  const container = found.container === null ? undefined : last.containers.find((c) => c.name === found.container);
  // A container waiting to run again (a back-off): what ended its last run.
  const termination = container?.state.kind === "waiting" ? lastTermination(container) : null;
  if (termination !== null) return termination;
  let best: PodFailure | null = null;
  for (const f of failures) {
    if (!tellsCause(f) || f.message === found.message || (f.reason === found.reason && f.container === found.container)) continue;
    if (best === null || rank(f, found) > rank(best, found) || (rank(f, found) === rank(best, found) && (f.lastSeen ?? -Infinity) > (best.lastSeen ?? -Infinity))) best = f;
  }
  if (best === null) return null;
  return { reason: best.reason, container: best.container, message: best.message, exitCode: best.exitCodes.length === 1 ? best.exitCodes[0]! : null, at: best.lastSeen };
}

/** A failure whose message can tell why: it has one, it is no back-off, and it does more than name a reason. */
export function tellsCause(f: PodFailure): f is PodFailure & { readonly message: string } {
  return f.message !== null && !BACK_OFFS.has(f.reason) && !NAMES_ONLY.test(f.message);
}

/** Failures of the container the state is about come first, then pod-level ones, then other containers'. */
function rank(f: PodFailure, found: Found): number {
  if (found.container !== null && f.container === found.container) return 2;
  return f.container === null ? 1 : 0;
}

/** The termination behind a container's restart: its `lastState`, or its `state` while it waits to run again. */
function lastTermination(c: ContainerObservation): NotReadyCause | null {
  const t = c.lastState?.kind === "terminated" ? c.lastState : null;
  if (t === null) return null;
  return { reason: t.reason ?? (t.exitCode === 0 ? "Completed" : "Error"), container: c.name, message: t.message, exitCode: t.exitCode, at: t.finishedAt };
}
