import type {
  ConditionObservation,
  ContainerObservation,
  ContainerState,
  Location,
  ObservationType,
  PodMeta,
  PodRecord,
} from "../types.js";
import { asArray, asBoolean, asInteger, asName, asObject, asString, type JsonObject } from "./json.js";
import { parseTime } from "../kube/time.js";
import { intern } from "./intern.js";

/**
 * Builds the compact record of one Pod object: identity, the few spec fields
 * podtrail reports, and the status. Returns a problem string when the object
 * cannot be tied to any pod (no name and no uid).
 */
export function normalizePod(raw: JsonObject, type: ObservationType, loc: Location): PodRecord | { problem: string } {
  const metadata = asObject(raw["metadata"]) ?? {};
  const spec = asObject(raw["spec"]) ?? {};
  const status = asObject(raw["status"]) ?? {};
  // Interned: the pod's events name it by the same strings, which are then stored once.
  const uid = intern(asName(metadata["uid"]));
  const name = intern(asName(metadata["name"]));
  if (name === null && uid === null) return { problem: "Pod without metadata.name or metadata.uid: skipped" };

  const specContainers = specContainersOf(spec);
  const meta: PodMeta = {
    uid,
    namespace: intern(asName(metadata["namespace"])) ?? "default",
    name: name ?? uid ?? "",
    created: parseTime(metadata["creationTimestamp"]),
    owner: readOwner(metadata["ownerReferences"]),
    labels: readLabels(metadata["labels"]),
    specContainers,
  };

  const statuses = new Map<string, JsonObject>();
  for (const [field, init] of [["initContainerStatuses", true], ["containerStatuses", false]] as const) {
    for (const item of asArray(status[field])) {
      const cs = asObject(item);
      const csName = cs === null ? null : asName(cs["name"]);
      if (cs !== null && csName !== null) statuses.set(`${init ? "i" : "c"}/${csName}`, cs);
    }
  }
  const containers: ContainerObservation[] = [];
  const seen = new Set<string>();
  for (const sc of specContainers) {
    const key = `${sc.init ? "i" : "c"}/${sc.name}`;
    seen.add(key);
    containers.push(readContainer(sc.name, sc.init, sc.image, statuses.get(key) ?? null));
  }
  // Statuses for containers the spec did not list (a trimmed capture).
  for (const [key, cs] of statuses) {
    if (seen.has(key)) continue;
    containers.push(readContainer(key.slice(2), key.startsWith("i/"), null, cs));
  }

  return {
    kind: "pod",
    meta,
    observation: {
      type,
      resourceVersion: asName(metadata["resourceVersion"]),
      phase: intern(asName(status["phase"])),
      reason: intern(asName(status["reason"])),
      message: asName(status["message"]),
      nodeName: intern(asName(spec["nodeName"])),
      deletionTimestamp: parseTime(metadata["deletionTimestamp"]),
      conditions: readConditions(status["conditions"]),
      containers,
      managedAt: latestManagedTime(metadata["managedFields"]),
      loc,
    },
  };
}

/**
 * By spec object: the decoder hands a pod's records the same spec object
 * while its text is unchanged (`parseRecord`), so its containers are read
 * once, not once per record. Neither side is ever mutated.
 */
const containersBySpec = new WeakMap<JsonObject, PodMeta["specContainers"]>();

function specContainersOf(spec: JsonObject): PodMeta["specContainers"] {
  const known = containersBySpec.get(spec);
  if (known !== undefined) return known;
  const containers = readSpecContainers(spec["containers"], false, readSpecContainers(spec["initContainers"], true, []));
  containersBySpec.set(spec, containers);
  return containers;
}

function readSpecContainers(value: unknown, init: boolean, out: { name: string; init: boolean; image: string | null }[]): typeof out {
  for (const item of asArray(value)) {
    const c = asObject(item);
    const name = c === null ? null : asName(c["name"]);
    if (c !== null && name !== null) out.push({ name: intern(name)!, init, image: intern(asName(c["image"])) });
  }
  return out;
}

function readOwner(value: unknown): string | null {
  // The controller reference, else the first reference.
  let ref: JsonObject | undefined;
  for (const item of asArray(value)) {
    const r = asObject(item);
    if (r === null) continue;
    ref ??= r;
    if (r["controller"] === true) {
      ref = r;
      break;
    }
  }
  if (ref === undefined) return null;
  const kind = asName(ref["kind"]);
  const name = asName(ref["name"]);
  return kind !== null && name !== null ? `${kind}/${name}` : null;
}

function readLabels(value: unknown): Record<string, string> {
  const labels = asObject(value);
  const out: Record<string, string> = {};
  if (labels === null) return out;
  const keys = Object.keys(labels);
  // The API server writes maps sorted by key (Go's encoding/json): sort only when they are not.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  for (const key of keys) {
    const v = labels[key];
    if (typeof v === "string") out[key] = v;
  }
  return out;
}

function readConditions(value: unknown): ConditionObservation[] {
  const out: ConditionObservation[] = [];
  for (const item of asArray(value)) {
    const c = asObject(item);
    if (c === null) continue;
    const type = asName(c["type"]);
    const status = asName(c["status"]);
    if (type === null || status === null) continue;
    out.push({
      type: intern(type)!,
      status: intern(status)!,
      reason: intern(asName(c["reason"])),
      message: asName(c["message"]),
      lastTransitionTime: parseTime(c["lastTransitionTime"]),
    });
  }
  return out;
}

function readContainer(name: string, init: boolean, specImage: string | null, cs: JsonObject | null): ContainerObservation {
  return {
    name,
    init,
    image: specImage ?? (cs === null ? null : asName(cs["image"])),
    ready: cs === null ? null : asBoolean(cs["ready"]),
    restartCount: cs === null ? 0 : Math.max(0, asInteger(cs["restartCount"]) ?? 0),
    state: cs === null ? { kind: "unknown" } : (readState(cs["state"]) ?? { kind: "unknown" }),
    lastState: cs === null ? null : readState(cs["lastState"]),
    containerID: cs === null ? null : asName(cs["containerID"]),
  };
}

function readState(value: unknown): ContainerState | null {
  const state = asObject(value);
  if (state === null) return null;
  const waiting = asObject(state["waiting"]);
  if (waiting !== null) {
    return { kind: "waiting", reason: intern(asName(waiting["reason"])), message: asName(waiting["message"]) };
  }
  const running = asObject(state["running"]);
  if (running !== null) return { kind: "running", startedAt: parseTime(running["startedAt"]) };
  const terminated = asObject(state["terminated"]);
  if (terminated !== null) {
    return {
      kind: "terminated",
      reason: asName(terminated["reason"]),
      message: asName(terminated["message"]),
      exitCode: asInteger(terminated["exitCode"]),
      signal: asInteger(terminated["signal"]),
      startedAt: parseTime(terminated["startedAt"]),
      finishedAt: parseTime(terminated["finishedAt"]),
      containerID: asName(terminated["containerID"]),
    };
  }
  return null;
}

function latestManagedTime(value: unknown): number | null {
  let latest: number | null = null;
  for (const item of asArray(value)) {
    const entry = asObject(item);
    const t = entry === null ? null : parseTime(asString(entry["time"]));
    if (t !== null && (latest === null || t > latest)) latest = t;
  }
  return latest;
}
