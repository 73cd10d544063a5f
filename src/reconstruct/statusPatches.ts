import type { EpochMs } from "../types.js";
import type { ContainerObservation, ContainerState, PodMeta, PodObservation, StatusPatch } from "../records.js";
import { formatTime } from "../kube/time.js";
import { compareText } from "../compareText.js";
import { FieldReader } from "../normalize/fieldReader.js";
import { readStatus } from "../normalize/pod.js";
import { strategicMerge } from "./strategicMerge.js";

/** A pod's record in its history, with the time it was written (its managedFields time; null: unknown). */
export interface TimedObservation {
  readonly obs: PodObservation;
  readonly at: EpochMs | null;
}

/**
 * Orders status patches: by time, then by where they were read (patches
 * without a time last). The same set gives the same order whatever order it
 * arrived in.
 */
export function comparePatches(a: StatusPatch, b: StatusPatch): number {
  if (a.time !== b.time) return a.time === null ? 1 : b.time === null ? -1 : a.time - b.time;
  return compareText(a.loc.input, b.loc.input) || a.loc.line - b.loc.line;
}

/**
 * A pod's records with its status patches applied (docs/spec.md §1.7): the
 * records in their order, each patch placed before the first record written
 * after it (patches without a time after all records), and each patch turned
 * into the observation it makes of the status before it: the previous
 * record's, or the previous patch's result.
 */
export function withPatches(records: readonly TimedObservation[], patches: readonly StatusPatch[], specContainers: PodMeta["specContainers"]): TimedObservation[] {
  const sorted = [...patches].sort(comparePatches);
  const out: TimedObservation[] = [];
  let current: PodObservation | null = null;
  let p = 0;
  const applyUpTo = (limit: EpochMs | null): void => {
    for (; p < sorted.length; p++) {
      const patch = sorted[p]!;
      if (limit !== null && (patch.time === null || patch.time >= limit)) break;
      current = applyPatch(current, patch, specContainers);
      out.push({ obs: current, at: patch.time });
    }
  };
  for (const record of records) {
    if (record.at !== null) applyUpTo(record.at);
    current = record.obs;
    out.push(record);
  }
  applyUpTo(null);
  return out;
}

/** The observation a patch makes of the status before it (null: none known, the pod is known only from here on). */
export function applyPatch(before: PodObservation | null, patch: StatusPatch, specContainers: PodMeta["specContainers"]): PodObservation {
  let status: unknown = before === null ? {} : statusJson(before);
  let nodeName = before?.nodeName ?? null;
  switch (patch.op) {
    case "merge":
      status = strategicMerge(status, patch.status) ?? {};
      break;
    case "replace":
      status = patch.status ?? {};
      nodeName = patch.nodeName ?? nodeName;
      break;
    case "bind":
      nodeName = patch.nodeName;
      // The API server marks the pod scheduled as it binds it, in whole seconds as metav1.Time is written.
      status = strategicMerge(status, {
        conditions: [{ type: "PodScheduled", status: "True", reason: null, message: null, lastTransitionTime: patch.time === null ? null : formatTime(Math.floor(patch.time / 1000) * 1000) }],
      });
      break;
    case "delete":
      break;
  }
  const read = readStatus(new FieldReader(), typeof status === "object" && status !== null ? (status as Record<string, unknown>) : {}, specContainers);
  return {
    type: patch.op === "delete" ? "DELETED" : before === null ? "ADDED" : "MODIFIED",
    resourceVersion: null,
    phase: read.phase,
    reason: read.reason,
    message: read.message,
    nodeName,
    deletionTimestamp: before?.deletionTimestamp ?? null,
    conditions: read.conditions,
    containers: read.containers,
    managedAt: patch.time,
    loc: patch.loc,
  };
}

/** The `status` object an observation was read from, as far as podtrail reads it (readStatus gives the observation back). */
export function statusJson(obs: PodObservation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (obs.phase !== null) out["phase"] = obs.phase;
  if (obs.reason !== null) out["reason"] = obs.reason;
  if (obs.message !== null) out["message"] = obs.message;
  if (obs.conditions.length > 0) {
    out["conditions"] = obs.conditions.map((c) => compact({ type: c.type, status: c.status, reason: c.reason, message: c.message, lastTransitionTime: time(c.lastTransitionTime) }));
  }
  const init = obs.containers.filter((c) => c.init && hasStatus(c)).map(containerJson);
  const regular = obs.containers.filter((c) => !c.init && hasStatus(c)).map(containerJson);
  if (init.length > 0) out["initContainerStatuses"] = init;
  if (regular.length > 0) out["containerStatuses"] = regular;
  return out;
}

/** A spec container without a status reads as one with no state, not ready unknown, no restarts. */
function hasStatus(c: ContainerObservation): boolean {
  return c.state.kind !== "unknown" || c.ready !== null || c.restartCount !== 0 || c.lastState !== null || c.containerID !== null;
}

function containerJson(c: ContainerObservation): Record<string, unknown> {
  return compact({ name: c.name, image: c.image, ready: c.ready, restartCount: c.restartCount, containerID: c.containerID, state: stateJson(c.state), lastState: c.lastState === null ? null : stateJson(c.lastState) });
}

function stateJson(s: ContainerState): Record<string, unknown> {
  switch (s.kind) {
    case "waiting":
      return { waiting: compact({ reason: s.reason, message: s.message }) };
    case "running":
      return { running: compact({ startedAt: time(s.startedAt) }) };
    case "terminated":
      return {
        terminated: compact({ reason: s.reason, message: s.message, exitCode: s.exitCode, signal: s.signal, startedAt: time(s.startedAt), finishedAt: time(s.finishedAt), containerID: s.containerID }),
      };
    case "unknown":
      return {};
  }
}

function time(ms: EpochMs | null): string | null {
  return ms === null ? null : formatTime(ms);
}

function compact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
