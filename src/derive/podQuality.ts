import type { EpochMs, Location } from "../types.js";
import type { ConditionObservation } from "../records.js";
import type { PodHistory } from "../reconstruct/podHistory.js";
import type { ContainerStarts } from "./timestamps.js";
import { currentRunStart, isStaticPod } from "./podView.js";

/** A pair of times from the node's clock and the control plane's that came out in the wrong order. */
export interface SkewPair {
  /** `behind`: a node time earlier than a control-plane time that must precede it; `ahead`: a node time later than the API server's receipt of it. */
  readonly direction: "behind" | "ahead";
  /** By how much, ms (positive). */
  readonly ms: number;
  /** What was compared, in a few words. */
  readonly what: string;
  readonly loc: Location | null;
}

/** What one pod's history says about the capture's quality (summarized for the report in summarize/quality.ts). */
export interface PodQuality {
  readonly skew: readonly SkewPair[];
  /** A condition whose lastTransitionTime changed between two records that show the same status: a flip the capture missed. */
  readonly rewritten: readonly { readonly condition: string; readonly status: string; readonly from: EpochMs | null; readonly to: EpochMs | null; readonly loc: Location }[];
  /** PodScheduled was written by the kubelet (see `scheduledTime`). */
  readonly kubeletScheduled: boolean;
  /** A container's restartCount rose by more than one between two records: restarts the capture has no record of. */
  readonly missedRestarts: readonly { readonly container: string; readonly from: number; readonly to: number; readonly loc: Location }[];
  /** Records that came after a newer version of the pod in the same input (reordered by resourceVersion). */
  readonly outOfOrder: readonly Location[];
  /** Where the pod was first seen. */
  readonly firstSeen: Location | null;
}

/** The conditions only the kubelet turns True, stamped with the node's clock. */
const CONDITION_TIMES: Readonly<Record<string, true>> = { PodReadyToStartContainers: true, PodHasNetwork: true, Initialized: true, ContainersReady: true, Ready: true };

/**
 * The quality facts of one pod. Clock skew is looked for in pairs whose
 * order Kubernetes guarantees, one time from the node's clock and one from
 * the control plane's: the kubelet accepts a pod (`status.startTime`) and
 * starts its containers after it was created and scheduled; and what the
 * kubelet reports happened no later than the API server received the
 * report (the record's managedFields time). Static pods are left out: their
 * mirror object is created after they start.
 */
export function podQuality(history: PodHistory, starts: ContainerStarts, scheduled: { readonly at: EpochMs | null; readonly kubeletWritten: boolean }): PodQuality {
  const obs = history.observations;
  const first = obs[0];
  const skew: SkewPair[] = [];
  const staticPod = isStaticPod(history.meta, obs.findLast((o) => o.nodeName !== null)?.nodeName ?? null);
  if (!staticPod) {
    const created = history.meta.created;
    const startTime = history.meta.startTime ?? null;
    const firstStart = minStart(starts.first.values());
    const behind = (what: string, node: EpochMs | null, control: EpochMs | null): void => {
      if (node !== null && control !== null && node < control) skew.push({ direction: "behind", ms: control - node, what, loc: first?.loc ?? null });
    };
    behind("status.startTime before creation", startTime, created);
    behind("a container started before creation", firstStart, created);
    if (!scheduled.kubeletWritten) {
      behind("status.startTime before PodScheduled", startTime, scheduled.at);
      behind("a container started before PodScheduled", firstStart, scheduled.at);
    }
  }

  // One pass over the records: a condition or container status a record shares with the one before it (the same object) is skipped where it cannot say anything new.
  const shownStarts = { init: new Map<string, EpochMs>(), main: new Map<string, EpochMs>() };
  const lastRestarts = { init: new Map<string, number>(), main: new Map<string, number>() };
  const lastCondition = new Map<string, ConditionObservation>();
  const shownTransitions = new Map<string, EpochMs>();
  const rewritten: PodQuality["rewritten"][number][] = [];
  const missedRestarts: PodQuality["missedRestarts"][number][] = [];
  const outOfOrder: Location[] = [];
  let previous: Location | null = null;
  for (const o of obs) {
    // The API server's time of this record: what the kubelet reports in it happened no later (node clock ahead otherwise).
    const receivedAt = staticPod ? null : o.managedAt;
    for (const c of o.conditions) {
      const prev = lastCondition.get(c.type);
      if (prev === c) continue;
      if (prev !== undefined && prev.status === c.status && prev.lastTransitionTime !== c.lastTransitionTime) {
        rewritten.push({ condition: c.type, status: c.status, from: prev.lastTransitionTime, to: c.lastTransitionTime, loc: o.loc });
      }
      lastCondition.set(c.type, c);
      // Only the kubelet turns these True; the node controller turns Ready False with its own clock.
      const at = c.lastTransitionTime;
      if (receivedAt === null || at === null || c.status !== "True" || CONDITION_TIMES[c.type] === undefined || shownTransitions.get(c.type) === at) continue;
      shownTransitions.set(c.type, at);
      if (at > receivedAt) skew.push({ direction: "ahead", ms: at - receivedAt, what: `${c.type} later than the record reporting it`, loc: o.loc });
    }
    for (const c of o.containers) {
      const counts = c.init ? lastRestarts.init : lastRestarts.main;
      const prev = counts.get(c.name);
      if (prev !== undefined && c.restartCount > prev + 1) missedRestarts.push({ container: c.name, from: prev, to: c.restartCount, loc: o.loc });
      if (prev === undefined || c.restartCount > prev) counts.set(c.name, c.restartCount);
      const start = currentRunStart(c);
      const shown = c.init ? shownStarts.init : shownStarts.main;
      if (receivedAt === null || start === null || shown.get(c.name) === start) continue;
      shown.set(c.name, start);
      if (start > receivedAt) skew.push({ direction: "ahead", ms: start - receivedAt, what: "a container start later than the record reporting it", loc: o.loc });
    }
    // In resourceVersion order, a line number going back means the previous record was read after this newer one.
    if (previous !== null && previous.input === o.loc.input && o.loc.line < previous.line) outOfOrder.push(previous);
    previous = o.loc;
  }
  return { skew, rewritten, kubeletScheduled: scheduled.kubeletWritten, missedRestarts, outOfOrder, firstSeen: first?.loc ?? null };
}

function minStart(values: Iterable<EpochMs>): EpochMs | null {
  let min: EpochMs | null = null;
  for (const v of values) if (min === null || v < min) min = v;
  return min;
}
