import type { ConditionEntry, EpochMs, PhaseEntry } from "../types.js";
import type { PodObservation } from "../records.js";
import { currentRunStart, latestFinish, minOf } from "./podView.js";

/**
 * Each phase the pod was seen in, in order, with the best evidence of when it
 * began (docs/spec.md §3.3): Pending at creation, Running at the earliest
 * container start, Succeeded/Failed at the last finish, else the snapshot's
 * latest managedFields time.
 */
export function derivePhases(observations: readonly PodObservation[], created: EpochMs | null): PhaseEntry[] {
  const phases: PhaseEntry[] = [];
  let current: string | null = null;
  for (const obs of observations) {
    if (obs.phase === null || obs.phase === current) continue;
    current = obs.phase;
    phases.push({ phase: obs.phase, at: phaseStart(obs, created) });
  }
  return phases;
}

/** When a snapshot's phase began, on the best evidence it holds (docs/spec.md §3.3). */
export function phaseStart(obs: PodObservation, created: EpochMs | null): EpochMs | null {
  switch (obs.phase) {
    case "Pending":
      return created ?? obs.managedAt;
    case "Running":
      // Init containers ran while the pod was Pending: only regular containers mark Running.
      return minOf(obs.containers.filter((c) => !c.init).map(currentRunStart)) ?? obs.managedAt;
    case "Succeeded":
    case "Failed":
      return latestFinish(obs) ?? obs.managedAt;
    default:
      return obs.managedAt;
  }
}

/** Each condition transition (a change of status, reason or lastTransitionTime), once, in observation order. */
export function deriveConditions(observations: readonly PodObservation[]): ConditionEntry[] {
  const last = new Map<string, { status: string; reason: string | null; at: EpochMs | null }>();
  const entries: ConditionEntry[] = [];
  for (const obs of observations) {
    for (const c of obs.conditions) {
      const prev = last.get(c.type);
      if (prev !== undefined && prev.status === c.status && prev.reason === c.reason && prev.at === c.lastTransitionTime) continue;
      last.set(c.type, { status: c.status, reason: c.reason, at: c.lastTransitionTime });
      entries.push({ type: c.type, status: c.status, reason: c.reason, message: c.message, at: c.lastTransitionTime });
    }
  }
  return entries;
}
