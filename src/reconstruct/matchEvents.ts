import type { KubeEvent, PodMeta } from "../records.js";
import type { PodHistory, PodSource } from "./podHistory.js";
import { containerFromFieldPath } from "../kube/fieldPath.js";
import { compareText } from "../compareText.js";

export interface MatchedCapture {
  /** The pods of the capture, then pods known only from their events (no observations). */
  readonly pods: (PodSource | undefined)[];
  /** Events of each history, by history key, in time order. */
  readonly eventsByPod: Map<string, readonly KubeEvent[]>;
}

/**
 * Ties each Pod event to its pod: by the subject's uid; failing that by
 * namespace and name within the pod's lifetime (a same-name pod recreated
 * later must not get its predecessor's events). Events about pods with no
 * record become pods of their own, known only from events.
 */
export function matchEvents(histories: readonly PodSource[], events: readonly KubeEvent[]): MatchedCapture {
  // Usually one pod a uid; a hand-edited capture may give several pods one uid (told apart by name).
  const byUid = new Map<string, PodSource[]>();
  const byName = new Map<string, PodSource[]>();
  for (const h of histories) {
    // Every uid the pod's records carried: a static pod's kubelet events name its config hash, not its mirror's uid.
    for (const uid of h.uids) {
      const same = byUid.get(uid);
      if (same === undefined) byUid.set(uid, [h]);
      else same.push(h);
    }
    const name = `${h.meta.namespace}/${h.meta.name}`;
    const list = byName.get(name);
    if (list === undefined) byName.set(name, [h]);
    else list.push(h);
  }
  for (const list of byName.values()) list.sort((a, b) => (a.meta.created ?? -Infinity) - (b.meta.created ?? -Infinity));

  const eventsByPod = new Map<string, KubeEvent[]>();
  const orphans = new Map<string, { meta: PodMeta; events: KubeEvent[] }>();
  const orphansByName = new Map<string, string[]>();
  const adopt = (key: string, namespace: string, name: string | null, uid: string | null, e: KubeEvent): void => {
    let orphan = orphans.get(key);
    if (orphan === undefined) {
      orphan = { meta: { uid, namespace, name: name ?? uid ?? "", created: null, owner: null, labels: {}, staticHash: null, specContainers: [] }, events: [] };
      orphans.set(key, orphan);
      const byNameKey = `${namespace}/${name ?? ""}`;
      orphansByName.set(byNameKey, [...(orphansByName.get(byNameKey) ?? []), key]);
    }
    orphan.events.push(e);
  };
  // A subject without kind is a pod only when a pod record has its uid or it names a container.
  const aboutPod = (s: KubeEvent["subject"]): boolean =>
    s.kind === "Pod" || (s.kind === null && ((s.uid !== null && byUid.has(s.uid)) || (s.fieldPath?.startsWith("spec.") ?? false)));
  const sorted = [...events].sort(compareEvents).filter((e) => aboutPod(e.subject) && (e.subject.name !== null || e.subject.uid !== null));
  // Events naming a uid first, so that events naming only namespace/name can join the pods they found.
  for (const e of [...sorted.filter((x) => x.subject.uid !== null), ...sorted.filter((x) => x.subject.uid === null)]) {
    const s = e.subject;
    const namespace = s.namespace ?? e.namespace ?? "default";
    if (s.uid !== null) {
      const same = byUid.get(s.uid);
      const pod = same === undefined || same.length === 1 ? same?.[0] : (same.find((h) => h.meta.name === s.name && h.meta.namespace === namespace) ?? same[0]);
      // With a uid that no record has, the event belongs to another pod of that name.
      if (pod !== undefined) push(eventsByPod, pod.key, e);
      else adopt(s.uid, namespace, s.name, s.uid, e);
      continue;
    }
    const at = e.firstTime ?? e.time;
    const pod = pickByLifetime(byName.get(`${namespace}/${s.name}`) ?? [], at);
    if (pod !== undefined) {
      push(eventsByPod, pod.key, e);
      continue;
    }
    const known = orphansByName.get(`${namespace}/${s.name}`) ?? [];
    adopt(pickOrphan(known, orphans, at) ?? `${namespace}/${s.name}`, namespace, s.name, null, e);
  }

  const all: PodSource[] = [...histories];
  for (const [key, { meta, events: list }] of orphans) {
    const specContainers = new Map<string, { name: string; init: boolean; image: string | null }>();
    for (const e of list) {
      const c = containerFromFieldPath(e.subject.fieldPath);
      if (c !== null) specContainers.set(`${c.init}/${c.name}`, { name: c.name, init: c.init, image: null });
    }
    const historyKey = `events:${key}`;
    const history: PodHistory = { key: historyKey, meta: { ...meta, specContainers: [...specContainers.values()] }, observations: [] };
    const first = list[0]?.loc ?? null;
    all.push({ key: history.key, meta: history.meta, uids: meta.uid === null ? [] : [meta.uid], firstPlace: first, finish: () => history });
    eventsByPod.set(historyKey, list);
  }
  return { pods: all, eventsByPod };
}

function pickByLifetime(candidates: readonly PodSource[], at: number | null): PodSource | undefined {
  if (candidates.length <= 1 || at === null) return candidates.length === 1 ? candidates[0] : candidates[candidates.length - 1];
  // The latest pod created at or before the event (candidates are sorted by creation).
  let chosen: PodSource | undefined;
  for (const c of candidates) if (c.meta.created === null || c.meta.created <= at) chosen = c;
  return chosen ?? candidates[0];
}

/** Of the event-only pods of one name, the latest whose first event is at or before `at`. */
function pickOrphan(keys: readonly string[], orphans: ReadonlyMap<string, { events: KubeEvent[] }>, at: number | null): string | undefined {
  const firstAt = (key: string) => {
    const first = orphans.get(key)?.events[0];
    return first?.firstTime ?? first?.time ?? -Infinity;
  };
  const ordered = [...keys].sort((a, b) => firstAt(a) - firstAt(b) || compareText(a, b));
  if (at === null) return ordered[ordered.length - 1];
  let chosen: string | undefined;
  for (const key of ordered) if (firstAt(key) <= at) chosen = key;
  return chosen ?? ordered[0];
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
  return compareText(a.reason ?? "", b.reason ?? "") || compareText(a.uid ?? "", b.uid ?? "") || compareText(a.name ?? "", b.name ?? "") || a.count - b.count;
}
