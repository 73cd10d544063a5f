import type { EpochMs, TimestampName } from "../types.js";
import type { KubeEvent, WatchType } from "../records.js";
import type { PodHistory } from "../reconstruct/podHistory.js";
import { firstTrue } from "./history.js";
import { containerKey, firstRunStart, latestFinish, maxOf } from "./podView.js";

/**
 * Each container's first start, keyed by `containerKey`: the earliest start
 * the records show of its first run (see `firstRunStart`). A container whose
 * first run no record shows (first seen after a restart) is absent.
 */
export function firstStarts(history: PodHistory): Map<string, EpochMs> {
  const starts = new Map<string, EpochMs>();
  for (const obs of history.observations) {
    for (const c of obs.containers) {
      const first = firstRunStart(c);
      if (first === null) continue;
      const key = containerKey(c);
      const known = starts.get(key);
      if (known === undefined || first < known) starts.set(key, first);
    }
  }
  return starts;
}

/** The timestamps of SPEC section 3. */
export function deriveTimestamps(
  history: PodHistory,
  events: readonly KubeEvent[],
  starts: ReadonlyMap<string, EpochMs>,
): Record<TimestampName, EpochMs | null> {
  const obs = history.observations;
  const last = obs[obs.length - 1];
  const scheduledEvent = events.find((e) => e.reason === "Scheduled");
  return {
    created: history.meta.created,
    scheduled: firstTrue(obs, "PodScheduled") ?? scheduledEvent?.firstTime ?? scheduledEvent?.time ?? null,
    sandboxReady: firstTrue(obs, "PodReadyToStartContainers", "PodHasNetwork"),
    initialized: firstTrue(obs, "Initialized"),
    containersStarted: containersStarted(history, starts),
    ready: firstTrue(obs, "Ready"),
    finished: last !== undefined && (last.phase === "Succeeded" || last.phase === "Failed") ? latestFinish(last) : null,
    deleted: deletedAt(obs),
  };
}

/**
 * The latest first start over the regular containers; null while one's first
 * run is not in the records.
 */
function containersStarted(history: PodHistory, starts: ReadonlyMap<string, EpochMs>): EpochMs | null {
  const last = history.observations[history.observations.length - 1];
  const names = new Set<string>();
  for (const c of history.meta.specContainers) if (!c.init) names.add(containerKey(c));
  for (const c of last?.containers ?? []) if (!c.init) names.add(containerKey(c));
  if (names.size === 0) return null;
  const times: EpochMs[] = [];
  for (const key of names) {
    const t = starts.get(key);
    if (t === undefined) return null;
    times.push(t);
  }
  return maxOf(times);
}

function deletedAt(obs: readonly { readonly deletionTimestamp: EpochMs | null; readonly resolvedType: WatchType; readonly managedAt: EpochMs | null }[]): EpochMs | null {
  for (const o of obs) if (o.deletionTimestamp !== null) return o.deletionTimestamp;
  const deleted = obs.find((o) => o.resolvedType === "DELETED");
  return deleted?.managedAt ?? null;
}
