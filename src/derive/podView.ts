import type { EpochMs } from "../types.js";
import type { ContainerObservation, ContainerState, PodObservation } from "../records.js";

/** Key of a container within a pod: init containers and regular ones may share a name. */
export function containerKey(c: { readonly name: string; readonly init: boolean }): string {
  return `${c.init ? "init" : "main"}/${c.name}`;
}

/**
 * When the container's first run began, if this status shows that run. The
 * kubelet numbers runs by `restartCount`: `state` (running or terminated) is
 * run number restartCount, `lastState.terminated` the run before it. So the
 * first run is `state` while restartCount is 0, and `lastState` when it is 1
 * (a Job pod listed after it finished, a container that crashed once).
 */
export function firstRunStart(c: ContainerObservation): EpochMs | null {
  if (c.restartCount === 0) return currentRunStart(c);
  if (c.restartCount === 1 && c.lastState?.kind === "terminated") return c.lastState.startedAt;
  return null;
}

/** When the current run of a container began, running or already terminated. */
export function currentRunStart(c: ContainerObservation): EpochMs | null {
  return c.state.kind === "running" || c.state.kind === "terminated" ? c.state.startedAt : null;
}

export type TerminatedState = Extract<ContainerState, { kind: "terminated" }>;

/** The terminated states (current and last) a container status shows. */
export function terminationsOf(c: ContainerObservation): { readonly state: TerminatedState; readonly current: boolean }[] {
  const out: { state: TerminatedState; current: boolean }[] = [];
  if (c.state.kind === "terminated") out.push({ state: c.state, current: true });
  if (c.lastState?.kind === "terminated") out.push({ state: c.lastState, current: false });
  return out;
}

/** A termination's identity: its container ID, else its times and exit code. */
export function terminationKey(containerName: string, t: TerminatedState): string {
  return t.containerID ?? `${containerName}|${t.startedAt ?? ""}|${t.finishedAt ?? ""}|${t.exitCode ?? ""}`;
}

/** Latest `finishedAt` over all containers of one snapshot. */
export function latestFinish(obs: PodObservation): EpochMs | null {
  let latest: EpochMs | null = null;
  for (const c of obs.containers) {
    if (c.state.kind === "terminated" && c.state.finishedAt !== null && (latest === null || c.state.finishedAt > latest)) {
      latest = c.state.finishedAt;
    }
  }
  return latest;
}

export function minOf(values: Iterable<EpochMs | null>): EpochMs | null {
  let min: EpochMs | null = null;
  for (const v of values) if (v !== null && (min === null || v < min)) min = v;
  return min;
}

export function maxOf(values: Iterable<EpochMs | null>): EpochMs | null {
  let max: EpochMs | null = null;
  for (const v of values) if (v !== null && (max === null || v > max)) max = v;
  return max;
}

/**
 * A static pod's mirror object: owned by its Node (1.19 on), or, before
 * that, unowned and named after its node (the kubelet names a static pod
 * `<name>-<nodeName>`). Its mirror is created after the kubelet started it.
 */
export function isStaticPod(meta: { readonly owner: string | null; readonly name: string }, nodeName: string | null): boolean {
  if (meta.owner !== null) return meta.owner.startsWith("Node/");
  return nodeName !== null && meta.name.endsWith(`-${nodeName}`);
}
