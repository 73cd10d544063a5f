import { TIMESTAMP_NAMES, type EpochMs, type TimestampName } from "../types.js";
import type { KubeEvent, PodObservation, WatchType } from "../records.js";
import type { PodHistory } from "../reconstruct/podHistory.js";
import { containerKey, currentRunStart, firstRunStart, latestFinish, maxOf } from "./podView.js";

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
  const keep = (map: Map<string, EpochMs>, key: string, t: EpochMs | null): void => {
    if (t === null) return;
    const known = map.get(key);
    if (known === undefined || t < known) map.set(key, t);
  };
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

/** The moments of SPEC section 3: measured ones, and those the capture did not see, as latest possible times. */
export interface PodMoments {
  readonly timestamps: Record<TimestampName, EpochMs | null>;
  readonly notAfter: Partial<Record<TimestampName, EpochMs>>;
}

/** The timestamps of SPEC section 3. */
export function deriveTimestamps(history: PodHistory, events: readonly KubeEvent[], starts: ContainerStarts): PodMoments {
  const obs = history.observations;
  const last = obs[obs.length - 1];
  const scheduledEvent = events.find((e) => e.reason === "Scheduled");
  const notAfter: Partial<Record<TimestampName, EpochMs>> = {};
  /** A kubelet condition's first True time; only a transition the capture saw is measured. */
  const transition = (name: TimestampName, ...types: string[]): EpochMs | null => {
    const seen = firstTrue(obs, ...types);
    if (seen === null || seen.at === null) return null;
    if (seen.index > 0) return seen.at;
    // True in the first record: it turned True before the capture, and a later flip may have rewritten the time since.
    notAfter[name] = seen.at;
    return null;
  };
  const running = containersStarted(history, starts);
  if (running !== null && !running.exact) notAfter.containersStarted = running.at;
  const timestamps: Record<TimestampName, EpochMs | null> = {
    created: history.meta.created,
    // Set once, by the binding; never rewritten by a later flip (a pod is never unscheduled).
    scheduled: firstTrue(obs, "PodScheduled")?.at ?? scheduledEvent?.firstTime ?? scheduledEvent?.time ?? null,
    sandboxReady: transition("sandboxReady", "PodReadyToStartContainers", "PodHasNetwork"),
    initialized: transition("initialized", "Initialized"),
    containersStarted: running?.exact === true ? running.at : null,
    ready: transition("ready", "Ready"),
    finished: last !== undefined && (last.phase === "Succeeded" || last.phase === "Failed") ? latestFinish(last) : null,
    deleted: deletedAt(obs),
  };
  // In the order of the timestamp names, whatever the order they were found in: reports are byte-stable.
  const ordered: Partial<Record<TimestampName, EpochMs>> = {};
  for (const name of TIMESTAMP_NAMES) if (notAfter[name] !== undefined) ordered[name] = notAfter[name];
  return { timestamps, notAfter: ordered };
}

/** The first record in which a condition is True: its `lastTransitionTime` and the record's place in the history. */
function firstTrue(observations: readonly PodObservation[], ...types: string[]): { at: EpochMs | null; index: number } | null {
  for (let i = 0; i < observations.length; i++) {
    for (const c of observations[i]!.conditions) {
      if (c.status === "True" && types.includes(c.type)) return { at: c.lastTransitionTime, index: i };
    }
  }
  return null;
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

function deletedAt(obs: readonly { readonly deletionTimestamp: EpochMs | null; readonly resolvedType: WatchType; readonly managedAt: EpochMs | null }[]): EpochMs | null {
  for (const o of obs) if (o.deletionTimestamp !== null) return o.deletionTimestamp;
  const deleted = obs.find((o) => o.resolvedType === "DELETED");
  return deleted?.managedAt ?? null;
}
