import type { KubeEvent, PodMeta } from "../types.js";
import type { PodHistory } from "./podHistory.js";
import { containerFromFieldPath } from "../events/fieldPath.js";

export interface MatchedCapture {
  /** Pod histories, including pods known only from their events (no observations). */
  readonly histories: readonly PodHistory[];
  /** Events of each history, by history key, in time order. */
  readonly eventsByPod: ReadonlyMap<string, readonly KubeEvent[]>;
}

/**
 * Ties each Pod event to its pod: by the subject's uid; failing that by
 * namespace and name within the pod's lifetime (a same-name pod recreated
 * later must not get its predecessor's events). Events about pods with no
 * record become pods of their own, known only from events.
 */
export function matchEvents(histories: readonly PodHistory[], events: readonly KubeEvent[]): MatchedCapture {
  const byUid = new Map<string, PodHistory>();
  const byName = new Map<string, PodHistory[]>();
  for (const h of histories) {
    if (h.meta.uid !== null) byUid.set(h.meta.uid, h);
    const name = `${h.meta.namespace}/${h.meta.name}`;
    const list = byName.get(name);
    if (list === undefined) byName.set(name, [h]);
    else list.push(h);
  }
  for (const list of byName.values()) list.sort((a, b) => (a.meta.created ?? -Infinity) - (b.meta.created ?? -Infinity));

  const eventsByPod = new Map<string, KubeEvent[]>();
  const orphans = new Map<string, { meta: PodMeta; events: KubeEvent[] }>();
  for (const e of [...events].sort(compareEvents)) {
    const s = e.subject;
    if (s.kind !== null && s.kind !== "Pod") continue;
    if (s.name === null && s.uid === null) continue;
    const namespace = s.namespace ?? e.namespace ?? "default";
    let pod = s.uid !== null ? byUid.get(s.uid) : undefined;
    if (pod === undefined) {
      const candidates = s.name === null ? [] : (byName.get(`${namespace}/${s.name}`) ?? []);
      // With a uid that no record has, the event belongs to another pod of that name.
      pod = s.uid !== null ? undefined : pickByLifetime(candidates, e.firstTime ?? e.time);
    }
    if (pod !== undefined) {
      push(eventsByPod, pod.key, e);
      continue;
    }
    const key = s.uid ?? `${namespace}/${s.name}`;
    let orphan = orphans.get(key);
    if (orphan === undefined) {
      orphan = {
        meta: { uid: s.uid, namespace, name: s.name ?? s.uid ?? "", created: null, owner: null, labels: {}, specContainers: [] },
        events: [],
      };
      orphans.set(key, orphan);
    }
    orphan.events.push(e);
  }

  const all: PodHistory[] = [...histories];
  for (const [key, { meta, events: list }] of orphans) {
    const specContainers = new Map<string, { name: string; init: boolean; image: string | null }>();
    for (const e of list) {
      const c = containerFromFieldPath(e.subject.fieldPath);
      if (c !== null) specContainers.set(`${c.init}/${c.name}`, { name: c.name, init: c.init, image: null });
    }
    const historyKey = `events:${key}`;
    all.push({ key: historyKey, meta: { ...meta, specContainers: [...specContainers.values()] }, observations: [] });
    eventsByPod.set(historyKey, list);
  }
  return { histories: all, eventsByPod };
}

function pickByLifetime(candidates: readonly PodHistory[], at: number | null): PodHistory | undefined {
  if (candidates.length <= 1 || at === null) return candidates.length === 1 ? candidates[0] : candidates[candidates.length - 1];
  // The latest pod created at or before the event (candidates are sorted by creation).
  let chosen: PodHistory | undefined;
  for (const c of candidates) if (c.meta.created === null || c.meta.created <= at) chosen = c;
  return chosen ?? candidates[0];
}

function push(map: Map<string, KubeEvent[]>, key: string, e: KubeEvent): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [e]);
  else list.push(e);
}

/** Time order, then stable identity fields: the result does not depend on input order. */
function compareEvents(a: KubeEvent, b: KubeEvent): number {
  const ta = a.firstTime ?? a.time ?? -Infinity;
  const tb = b.firstTime ?? b.time ?? -Infinity;
  if (ta !== tb) return ta - tb;
  return cmp(a.reason ?? "", b.reason ?? "") || cmp(a.uid ?? "", b.uid ?? "") || cmp(a.name ?? "", b.name ?? "") || a.count - b.count;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
