import type { ConditionObservation, ContainerObservation, ContainerState, PodObservation } from "../records.js";

/**
 * True when two observations of a pod say the same about its status, ignoring
 * resourceVersion, managedFields time and location. The reducer keeps only the
 * first of a run of such observations: per-pod memory follows transitions, not
 * records.
 */
export function sameObservation(a: PodObservation, b: PodObservation): boolean {
  if (
    a.type !== b.type ||
    a.phase !== b.phase ||
    a.reason !== b.reason ||
    a.message !== b.message ||
    a.nodeName !== b.nodeName ||
    a.deletionTimestamp !== b.deletionTimestamp ||
    a.conditions.length !== b.conditions.length ||
    a.containers.length !== b.containers.length
  ) {
    return false;
  }
  for (let i = 0; i < a.conditions.length; i++) {
    if (!sameCondition(a.conditions[i]!, b.conditions[i]!)) return false;
  }
  for (let i = 0; i < a.containers.length; i++) {
    if (!sameContainer(a.containers[i]!, b.containers[i]!)) return false;
  }
  return true;
}

export function sameCondition(a: ConditionObservation, b: ConditionObservation): boolean {
  return (
    a.type === b.type &&
    a.status === b.status &&
    a.reason === b.reason &&
    a.message === b.message &&
    a.lastTransitionTime === b.lastTransitionTime
  );
}

export function sameContainer(a: ContainerObservation, b: ContainerObservation): boolean {
  return (
    a.name === b.name &&
    a.init === b.init &&
    a.image === b.image &&
    a.ready === b.ready &&
    a.restartCount === b.restartCount &&
    a.containerID === b.containerID &&
    sameState(a.state, b.state) &&
    (a.lastState === null ? b.lastState === null : b.lastState !== null && sameState(a.lastState, b.lastState))
  );
}

export function sameState(a: ContainerState, b: ContainerState): boolean {
  switch (a.kind) {
    case "waiting":
      return b.kind === "waiting" && a.reason === b.reason && a.message === b.message;
    case "running":
      return b.kind === "running" && a.startedAt === b.startedAt;
    case "terminated":
      return (
        b.kind === "terminated" &&
        a.reason === b.reason &&
        a.message === b.message &&
        a.exitCode === b.exitCode &&
        a.signal === b.signal &&
        a.startedAt === b.startedAt &&
        a.finishedAt === b.finishedAt &&
        a.containerID === b.containerID
      );
    case "unknown":
      return b.kind === "unknown";
  }
}
