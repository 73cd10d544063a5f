import { TIMESTAMP_NAMES, type EpochMs, type TimestampName } from "../types.js";
import { isWritableTime } from "../kube/time.js";
import type { KubeEvent, PodObservation, WatchType } from "../records.js";
import type { PodHistory } from "../reconstruct/podHistory.js";
import { deletionRecord, type DeriveContext } from "./deletion.js";
import { containerKey, currentRunStart, firstRunStart, isStaticPod, latestFinish, maxOf, minOf } from "./podView.js";

/** What the records show of each container's starts, keyed by `containerKey`. */
export interface ContainerStarts {
  /** The earliest start of its first run (see `firstRunStart`); absent when no record shows that run. */
  readonly first: ReadonlyMap<string, EpochMs>;
  /** The earliest start of any run the records show: the first start is no later. */
  readonly earliestSeen: ReadonlyMap<string, EpochMs>;
}

export function containerStarts(history: PodHistory): ContainerStarts {
  const first = new Map<string, EpochMs>();
  const earliestSeen = new Map<string, EpochMs>();
  for (const obs of history.observations) {
    for (const c of obs.containers) {
      const key = containerKey(c);
      keep(first, key, firstRunStart(c));
      keep(earliestSeen, key, currentRunStart(c));
      if (c.lastState?.kind === "terminated") keep(earliestSeen, key, c.lastState.startedAt);
    }
  }
  return { first, earliestSeen };
}

function keep(map: Map<string, EpochMs>, key: string, t: EpochMs | null): void {
  if (t === null) return;
  const known = map.get(key);
  if (known === undefined || t < known) map.set(key, t);
}

/** The moments of docs/spec.md §3: measured ones, and those the capture did not see, as latest possible times. */
export interface PodMoments {
  readonly timestamps: Record<TimestampName, EpochMs | null>;
  readonly notAfter: Partial<Record<TimestampName, EpochMs>>;
  /** Set when PodScheduled was written by the kubelet, not the scheduler (see `scheduledTime`). */
  readonly lateScheduled: LateScheduled | null;
}

/** A PodScheduled=True time later than the pod's start, and what `scheduled` became instead. */
export interface LateScheduled {
  readonly conditionAt: EpochMs;
  readonly limit: EpochMs;
  readonly limitSource: "startTime" | "containerStart";
  readonly resolution: "event" | "createdWithNode" | "acceptedAtCreation" | "bounded";
}

/** The timestamps of docs/spec.md §3. */
export function deriveTimestamps(history: PodHistory, events: readonly KubeEvent[], starts: ContainerStarts, context: DeriveContext): PodMoments {
  const obs = history.observations;
  const last = obs[obs.length - 1];
  const scheduledEvent = events.find((e) => e.reason === "Scheduled");
  const notAfter: Partial<Record<TimestampName, EpochMs>> = {};
  const trues = firstTrues(obs);
  /** A kubelet condition's first True time; only a transition the capture saw is measured. */
  const transition = (name: TimestampName, ...types: string[]): EpochMs | null => {
    const seen = firstOf(trues, types);
    if (seen === null || seen.at === null) return null;
    if (seen.index > 0) return seen.at;
    // True in the first record: it turned True before the capture, and a later flip may have rewritten the time since.
    notAfter[name] = seen.at;
    return null;
  };
  const running = containersStarted(history, starts);
  if (running !== null && !running.exact) notAfter.containersStarted = running.at;
  const scheduled = scheduledTime(history, scheduledEvent, starts, trues.get("PodScheduled")?.at ?? null);
  if (scheduled.notAfter !== null) notAfter.scheduled = scheduled.notAfter;
  const timestamps: Record<TimestampName, EpochMs | null> = {
    created: history.meta.created,
    scheduled: scheduled.at,
    sandboxReady: transition("sandboxReady", "PodReadyToStartContainers", "PodHasNetwork"),
    initialized: transition("initialized", "Initialized"),
    containersStarted: running?.exact === true ? running.at : null,
    containersReady: transition("containersReady", "ContainersReady"),
    ready: transition("ready", "Ready"),
    finished: last !== undefined && (last.phase === "Succeeded" || last.phase === "Failed") ? latestFinish(last) : null,
    deletionRequested: deletionRequestedAt(history),
    deleted: deletedAt(history, context),
  };
  // In the order of the timestamp names, whatever the order they were found in: reports are byte-stable.
  const ordered: Partial<Record<TimestampName, EpochMs>> = {};
  for (const name of TIMESTAMP_NAMES) if (notAfter[name] !== undefined) ordered[name] = notAfter[name];
  return { timestamps, notAfter: ordered, lateScheduled: scheduled.late };
}

/**
 * When the pod was bound to its node. PodScheduled=True is set once by the
 * binding and never rewritten (a pod is never unscheduled), so it is
 * measured even in a pod's first record; else the Scheduled event.
 *
 * But nothing is scheduled after the kubelet accepted the pod
 * (`status.startTime`) or started one of its containers. A later PodScheduled
 * was written by the kubelet itself when it found the condition missing (its
 * time is that of the kubelet's status update, often the Ready one): pods
 * created with `spec.nodeName` set (DaemonSet pods before 1.12) never met the
 * scheduler. Unless the node's clock explains the order instead: the
 * scheduler's Scheduled event within a second of the condition, or a node
 * time before the pod's creation, shows a node running behind, and the
 * condition stands (the capture-quality section reports the skew). Then, in order: the Scheduled event, if it is not later than
 * that limit; the creation, if the first record is the creation and already
 * names the node, or if the kubelet accepted the pod in the second it was
 * created; else unknown, at most the limit. Static pods (see `isStaticPod`)
 * are left as they are: their mirror object is created after they start.
 */
function scheduledTime(
  history: PodHistory,
  scheduledEvent: KubeEvent | undefined,
  starts: ContainerStarts,
  condition: EpochMs | null,
): { at: EpochMs | null; notAfter: EpochMs | null; late: LateScheduled | null } {
  const eventAt = scheduledEvent?.firstTime ?? scheduledEvent?.time ?? null;
  const measured = { at: condition ?? eventAt, notAfter: null, late: null };
  if (condition === null) return measured;
  const startTime = history.meta.startTime ?? null;
  const firstContainer = minOf(starts.earliestSeen.values());
  const limit = minOf([startTime, firstContainer]);
  if (limit === null || condition <= limit) return measured;
  if (isStaticPod(history.meta, history.observations.findLast((o) => o.nodeName !== null)?.nodeName ?? null)) return measured;
  // The scheduler's own event in the same second: the binding wrote it, and the node's clock is what is late.
  if (eventAt !== null && Math.abs(eventAt - condition) < 1000) return measured;
  // A node time before the pod even existed: that node's clock runs behind, which explains the order too.
  const created = history.meta.created;
  if (created !== null && limit < created) return measured;
  const late = (resolution: LateScheduled["resolution"]): LateScheduled => ({
    conditionAt: condition,
    limit,
    limitSource: startTime !== null && startTime <= limit ? "startTime" : "containerStart",
    resolution,
  });
  if (eventAt !== null && eventAt <= limit) return { at: eventAt, notAfter: null, late: late("event") };
  if (created !== null) {
    if (createdWithNode(history.observations[0])) return { at: created, notAfter: null, late: late("createdWithNode") };
    if (startTime !== null && Math.floor(startTime / 1000) === Math.floor(created / 1000)) return { at: created, notAfter: null, late: late("acceptedAtCreation") };
  }
  return { at: null, notAfter: limit, late: late("bounded") };
}

/**
 * The pod's first record is its creation and already names its node: the
 * binding would have set PodScheduled with the node, and the kubelet had not
 * written any status yet.
 */
function createdWithNode(first: (PodObservation & { readonly resolvedType: WatchType }) | undefined): boolean {
  return first !== undefined && first.nodeName !== null && first.conditions.length === 0 && first.containers.every((c) => c.state.kind === "unknown") && (first.phase === null || first.phase === "Pending");
}

type FirstTrue = { readonly at: EpochMs | null; readonly index: number };

/** For each condition type, the first record in which it is True: its `lastTransitionTime` and the record's place in the history. One pass. */
function firstTrues(observations: readonly PodObservation[]): Map<string, FirstTrue> {
  const found = new Map<string, FirstTrue>();
  for (let i = 0; i < observations.length; i++) {
    for (const c of observations[i]!.conditions) {
      if (c.status === "True" && !found.has(c.type)) found.set(c.type, { at: c.lastTransitionTime, index: i });
    }
  }
  return found;
}

/** The earliest first-True record among some condition types (a condition and its older name). */
function firstOf(trues: ReadonlyMap<string, FirstTrue>, types: readonly string[]): FirstTrue | null {
  let first: FirstTrue | null = null;
  for (const type of types) {
    const t = trues.get(type);
    if (t !== undefined && (first === null || t.index < first.index)) first = t;
  }
  return first;
}

/**
 * The latest first start over the regular containers. Measured when every
 * one's first run is in the records; when some show only later runs, the
 * latest of what is known is a time the moment cannot be after; null while
 * one has no start at all.
 */
function containersStarted(history: PodHistory, starts: ContainerStarts): { at: EpochMs; exact: boolean } | null {
  const last = history.observations[history.observations.length - 1];
  const names = new Set<string>();
  for (const c of history.meta.specContainers) if (!c.init) names.add(containerKey(c));
  for (const c of last?.containers ?? []) if (!c.init) names.add(containerKey(c));
  if (names.size === 0) return null;
  const times: EpochMs[] = [];
  let exact = true;
  for (const key of names) {
    const first = starts.first.get(key);
    const t = first ?? starts.earliestSeen.get(key);
    if (t === undefined) return null;
    if (first === undefined) exact = false;
    times.push(t);
  }
  const at = maxOf(times);
  return at === null ? null : { at, exact };
}

/**
 * When the pod's deletion was requested: `deletionTimestamp` is that request
 * plus `deletionGracePeriodSeconds` (the end of the grace period). A shorter
 * grace period asked later (the kubelet's final delete asks for 0) moves
 * deletionTimestamp by the same amount as the grace period, so the
 * difference names the first request in every record; it is taken from the
 * newest record, the one the pod's grace period comes from. Null without a
 * grace period (a hand-trimmed object), and with a negative one or one so
 * long that the request would fall before year 0000 (docs/spec.md §3.9).
 */
export function deletionRequestedAt(history: PodHistory): EpochMs | null {
  const grace = history.meta.deletionGracePeriodSeconds ?? null;
  const last = history.observations.findLast((o) => o.deletionTimestamp !== null);
  if (grace === null || grace < 0 || last === undefined || last.deletionTimestamp === null) return null;
  // A grace period longer than the time since year 0000 (a damaged object) names no time a report can write.
  const requested = last.deletionTimestamp - grace * 1000;
  return isWritableTime(requested) ? requested : null;
}

/**
 * When the object went away: the latest moment its DELETED record shows it
 * existed (the kubelet's final status write in managedFields, the
 * containers' ends, the delete request; after a forced delete or the
 * kubelet's final one the grace period is 0 and the request is
 * deletionTimestamp itself). Watch events carry no time of their own, and a
 * DELETED record is the object as last stored, so this is the last moment
 * it is known to have existed, usually within a second of its removal. Not
 * the first deletionTimestamp seen: that is the grace period's deadline.
 */
export function deletedAt(history: PodHistory, context: DeriveContext): EpochMs | null {
  const gone = deletionRecord(history, context);
  if (gone === null) return null;
  return maxOf([gone.managedAt, gone.lastManagedAt, latestFinish(gone), deletionRequestedAt(history)]);
}
