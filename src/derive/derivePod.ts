import type { PodReport, Warning } from "../types.js";
import type { KubeEvent } from "../records.js";
import type { PodHistory } from "../reconstruct/podHistory.js";
import { warningAt } from "../diagnostics.js";
import { formatTime } from "../kube/time.js";
import { deriveContainers, initRunTime } from "./containers.js";
import { deriveFailures } from "./failures.js";
import { deriveConditions, derivePhases } from "./history.js";
import { deriveImagePulls, firstRunPulls } from "./imagePulls.js";
import { deriveOutcome, deriveStuckIn } from "./outcome.js";
import { deriveNotReadyAtEnd } from "./atEnd.js";
import { deletionDeadline, deletionRecord, NO_CONTEXT, type DeriveContext } from "./deletion.js";
import { deriveStages } from "./stages.js";
import { podQuality, type PodQuality } from "./podQuality.js";
import { containerStarts, deriveTimestamps } from "./timestamps.js";

/**
 * Everything podtrail reports about one pod, from its ordered history and the
 * events matched to it. Pure: the same history gives the same report.
 */
export function derivePod(history: PodHistory, events: readonly KubeEvent[], context: DeriveContext = NO_CONTEXT): { pod: PodReport; warnings: Warning[]; quality: PodQuality } {
  const obs = history.observations;
  const starts = containerStarts(history);
  const { timestamps, notAfter, lateScheduled } = deriveTimestamps(history, events, starts, context);
  const { pulls: allPulls, negative } = deriveImagePulls(events);
  const pulls = firstRunPulls(allPulls, starts);
  const containers = deriveContainers(history, starts.first, pulls);
  let imagePullMs: number | null = null;
  for (const pull of pulls.values()) if (pull.wallMs !== null) imagePullMs = (imagePullMs ?? 0) + pull.wallMs;
  const { durations, bounds, problems } = deriveStages({ timestamps, notAfter, imagePullMs, initRunMs: initRunTime(history) });
  const outcome = obs.length === 0 ? "Unknown" : deriveOutcome(obs, deletionRecord(history, context) !== null);
  const last = obs[obs.length - 1];
  const first = obs[0];
  const node = obs.findLast((o) => o.nodeName !== null)?.nodeName ?? nodeFromEvents(events);
  // Ready before the capture saw it counts as ready too.
  const everReady = timestamps.ready !== null || notAfter.ready !== undefined;
  const failures = deriveFailures(obs, events);
  const pod: PodReport = {
    uid: history.meta.uid,
    namespace: history.meta.namespace,
    name: history.meta.name,
    node,
    owner: history.meta.owner,
    labels: history.meta.labels,
    stateful: history.meta.stateful ?? null,
    outcome,
    stuckIn: deriveStuckIn(obs, outcome, everReady),
    // A pod first seen past Pending (a capture that started late), or known only from events or status patches.
    partial: history.patchesOnly === true || first === undefined || (first.phase !== null && first.phase !== "Pending"),
    terminating: outcome === "Terminating" ? { deadline: deletionDeadline(history), finalizers: history.meta.finalizers ?? [] } : null,
    phases: derivePhases(obs, timestamps.created),
    conditions: deriveConditions(obs),
    timestamps,
    notAfter,
    durationsMs: durations,
    boundsMs: bounds,
    containers,
    failures,
    notReadyAtEnd: deriveNotReadyAtEnd(obs, outcome, everReady, failures),
    observations: obs.length,
    events: events.length,
  };
  const where = last?.loc ?? events[0]?.loc;
  // A static pod's mirror object is created after the kubelet started its containers.
  const cause = pod.owner?.startsWith("Node/") === true ? "staticPod" : "clockSkew";
  const warnings = problems.map((p) =>
    warningAt(where?.input ?? "", where?.line ?? null, { ...p, namespace: pod.namespace, name: pod.name, cause }),
  );
  if (lateScheduled !== null) {
    const { conditionAt, limit, limitSource, resolution } = lateScheduled;
    warnings.push(
      warningAt(where?.input ?? "", where?.line ?? null, {
        kind: "kubeletWrittenScheduled",
        namespace: pod.namespace,
        name: pod.name,
        conditionAt: formatTime(conditionAt),
        limit: formatTime(limit),
        limitSource,
        resolution,
      }),
    );
  }
  for (const n of negative) warnings.push(warningAt(n.loc.input, n.loc.line, { kind: "negativePull", namespace: pod.namespace, name: pod.name, container: n.container, ms: n.ms }));
  const quality = podQuality(history, starts, { at: timestamps.scheduled, kubeletWritten: lateScheduled !== null });
  return { pod, warnings, quality };
}

/** `Successfully assigned ns/pod to NODE` names the node when no pod record does. */
function nodeFromEvents(events: readonly KubeEvent[]): string | null {
  for (const e of events) {
    if (e.reason !== "Scheduled" || e.message === null) continue;
    const m = / to (\S+)$/.exec(e.message);
    if (m?.[1] !== undefined) return m[1];
  }
  return null;
}
