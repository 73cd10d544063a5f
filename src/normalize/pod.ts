import type { Location } from "../types.js";
import type { ConditionObservation, ContainerObservation, ContainerState, ObservationType, PodMeta, PodRecord } from "../records.js";
import { intern, specContainers as containersBySpec, specStateful } from "../memo.js";
import type { FieldReader, JsonObject } from "./fieldReader.js";

/**
 * Builds the compact record of one Pod object: identity, the few spec fields
 * podtrail reports, and the status. Null when the object cannot be tied to
 * any pod (no name and no uid).
 */
export function normalizePod(r: FieldReader, raw: JsonObject, type: ObservationType, loc: Location): PodRecord | null {
  const metadata = r.object(raw["metadata"]) ?? {};
  const rawSpec = r.object(raw["spec"]);
  const spec = rawSpec ?? {};
  const status = r.object(raw["status"]) ?? {};
  // Interned: the pod's events name it by the same strings, which are then stored once.
  const uid = intern(r.name(metadata["uid"]));
  const name = intern(r.name(metadata["name"]));
  if (name === null && uid === null) return null;

  const specContainers = specContainersOf(r, spec);
  const meta: PodMeta = {
    uid,
    namespace: intern(r.name(metadata["namespace"])) ?? "default",
    name: name ?? uid ?? "",
    created: r.time(metadata["creationTimestamp"]),
    owner: readOwner(r, metadata["ownerReferences"]),
    labels: readLabels(r, metadata["labels"]),
    staticHash: staticHashOf(r, metadata["annotations"]),
    specContainers,
    startTime: r.time(status["startTime"]),
    deletionGracePeriodSeconds: r.integer(metadata["deletionGracePeriodSeconds"]),
    finalizers: readFinalizers(r, metadata["finalizers"]),
    stateful: rawSpec === null ? null : statefulOf(r, rawSpec),
  };

  const read = readStatus(r, status, specContainers);
  return {
    kind: "pod",
    meta,
    observation: {
      type,
      resourceVersion: r.name(metadata["resourceVersion"]),
      phase: read.phase,
      reason: read.reason,
      message: read.message,
      nodeName: intern(r.name(spec["nodeName"])),
      deletionTimestamp: r.time(metadata["deletionTimestamp"]),
      conditions: read.conditions,
      containers: read.containers,
      managedAt: latestManagedTime(r, metadata["managedFields"]),
      loc,
    },
  };
}

/** What a pod's `status` says, read against its spec's containers (init first). */
export interface StatusFields {
  readonly phase: string | null;
  readonly reason: string | null;
  readonly message: string | null;
  readonly conditions: readonly ConditionObservation[];
  readonly containers: readonly ContainerObservation[];
}

/**
 * Reads a pod's `status` object: phase, reason, message, conditions, and a
 * container for each spec container (with its status, when it has one),
 * then those the status names that the spec does not (a trimmed capture).
 */
export function readStatus(r: FieldReader, status: JsonObject, specContainers: PodMeta["specContainers"]): StatusFields {
  const statuses = new Map<string, JsonObject>();
  for (const [field, init] of [["initContainerStatuses", true], ["containerStatuses", false]] as const) {
    for (const item of r.array(status[field])) {
      const cs = r.object(item);
      const csName = cs === null ? null : r.name(cs["name"]);
      if (cs !== null && csName !== null) statuses.set(`${init ? "i" : "c"}/${csName}`, cs);
    }
  }
  const containers: ContainerObservation[] = [];
  const seen = new Set<string>();
  for (const sc of specContainers) {
    const key = `${sc.init ? "i" : "c"}/${sc.name}`;
    seen.add(key);
    containers.push(readContainer(r, sc.name, sc.init, sc.image, statuses.get(key) ?? null));
  }
  for (const [key, cs] of statuses) {
    if (seen.has(key)) continue;
    containers.push(readContainer(r, key.slice(2), key.startsWith("i/"), null, cs));
  }
  return {
    phase: intern(r.name(status["phase"])),
    reason: intern(r.name(status["reason"])),
    message: r.name(status["message"]),
    conditions: readConditions(r, status["conditions"]),
    containers,
  };
}

/**
 * By spec object: the decoder hands a pod's records the same spec object
 * while its text is unchanged (`parseRecord`), so its containers are read
 * once, not once per record. Neither side is ever mutated.
 */
function specContainersOf(r: FieldReader, spec: JsonObject): PodMeta["specContainers"] {
  const known = containersBySpec.get(spec);
  if (known !== undefined) return known;
  const containers = readSpecContainers(r, spec["containers"], false, readSpecContainers(r, spec["initContainers"], true, []));
  containersBySpec.set(spec, containers);
  return containers;
}

function readSpecContainers(r: FieldReader, value: unknown, init: boolean, out: { name: string; init: boolean; image: string | null }[]): typeof out {
  for (const item of r.array(value)) {
    const c = r.object(item);
    const name = c === null ? null : r.name(c["name"]);
    if (c !== null && name !== null) out.push({ name: intern(name)!, init, image: intern(r.name(c["image"])) });
  }
  return out;
}

const NO_FINALIZERS: readonly string[] = [];

function readFinalizers(r: FieldReader, value: unknown): readonly string[] {
  const items = r.array(value);
  if (items.length === 0) return NO_FINALIZERS;
  const out: string[] = [];
  for (const item of items) {
    const name = r.name(item);
    if (name !== null) out.push(intern(name)!);
  }
  return out;
}

/** Volume kinds that hold no state beyond the pod's life (clusterloader2's `isPodStateless`). */
const STATELESS_VOLUMES = ["emptyDir", "configMap", "secret", "downwardAPI", "projected"];

/** Any other volume (a PVC, hostPath, an inline CSI or ephemeral volume...) makes the pod stateful. By spec object, as the containers. */
function statefulOf(r: FieldReader, spec: JsonObject): boolean {
  const known = specStateful.get(spec);
  if (known !== undefined) return known;
  let stateful = false;
  for (const item of r.array(spec["volumes"])) {
    const volume = r.object(item);
    if (volume !== null && !STATELESS_VOLUMES.some((kind) => r.object(volume[kind]) !== null)) stateful = true;
  }
  specStateful.set(spec, stateful);
  return stateful;
}

function readOwner(r: FieldReader, value: unknown): string | null {
  // The controller reference, else the first reference.
  let ref: JsonObject | undefined;
  for (const item of r.array(value)) {
    const candidate = r.object(item);
    if (candidate === null) continue;
    ref ??= candidate;
    if (candidate["controller"] === true) {
      ref = candidate;
      break;
    }
  }
  if (ref === undefined) return null;
  const kind = r.name(ref["kind"]);
  const name = r.name(ref["name"]);
  return kind !== null && name !== null ? `${kind}/${name}` : null;
}

/** The config hash naming a static pod: its mirror pod's annotation, else (the kubelet's own view) the hash annotation. */
function staticHashOf(r: FieldReader, value: unknown): string | null {
  const annotations = r.object(value);
  if (annotations === null) return null;
  return intern(r.name(annotations["kubernetes.io/config.mirror"]) ?? r.name(annotations["kubernetes.io/config.hash"]));
}

function readLabels(r: FieldReader, value: unknown): Record<string, string> {
  const labels = r.object(value);
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

/*
 * Messages, reasons, images and container IDs are interned: a pod's history
 * keeps each of its distinct statuses, and these strings recur in nearly all
 * of them (one container ID for every status while the container lives).
 */
function readConditions(r: FieldReader, value: unknown): ConditionObservation[] {
  const out: ConditionObservation[] = [];
  for (const item of r.array(value)) {
    const c = r.object(item);
    if (c === null) continue;
    const type = r.name(c["type"]);
    const status = r.name(c["status"]);
    if (type === null || status === null) continue;
    out.push({
      type: intern(type)!,
      status: intern(status)!,
      reason: intern(r.name(c["reason"])),
      message: intern(r.name(c["message"])),
      lastTransitionTime: r.time(c["lastTransitionTime"]),
    });
  }
  return out;
}

function readContainer(r: FieldReader, name: string, init: boolean, specImage: string | null, cs: JsonObject | null): ContainerObservation {
  return {
    name,
    init,
    image: specImage ?? (cs === null ? null : intern(r.name(cs["image"]))),
    ready: cs === null ? null : r.boolean(cs["ready"]),
    restartCount: cs === null ? 0 : Math.max(0, r.integer(cs["restartCount"]) ?? 0),
    state: cs === null ? { kind: "unknown" } : (readState(r, cs["state"]) ?? { kind: "unknown" }),
    lastState: cs === null ? null : readState(r, cs["lastState"]),
    containerID: cs === null ? null : intern(r.name(cs["containerID"])),
  };
}

function readState(r: FieldReader, value: unknown): ContainerState | null {
  const state = r.object(value);
  if (state === null) return null;
  const waiting = r.object(state["waiting"]);
  if (waiting !== null) {
    return { kind: "waiting", reason: intern(r.name(waiting["reason"])), message: intern(r.name(waiting["message"])) };
  }
  const running = r.object(state["running"]);
  if (running !== null) return { kind: "running", startedAt: r.time(running["startedAt"]) };
  const terminated = r.object(state["terminated"]);
  if (terminated !== null) {
    return {
      kind: "terminated",
      reason: intern(r.name(terminated["reason"])),
      message: intern(r.name(terminated["message"])),
      exitCode: r.integer(terminated["exitCode"]),
      signal: r.integer(terminated["signal"]),
      startedAt: r.time(terminated["startedAt"]),
      finishedAt: r.time(terminated["finishedAt"]),
      containerID: intern(r.name(terminated["containerID"])),
    };
  }
  return null;
}

function latestManagedTime(r: FieldReader, value: unknown): number | null {
  let latest: number | null = null;
  for (const item of r.array(value)) {
    const entry = r.object(item);
    const t = entry === null ? null : r.time(entry["time"]);
    if (t !== null && (latest === null || t > latest)) latest = t;
  }
  return latest;
}
