import type { EpochMs, Location } from "../types.js";
import type { ObservationType } from "../records.js";
import type { ImpliedKind } from "../decode/types.js";
import { normalizeEvent } from "./event.js";
import { FieldReader, type JsonObject } from "./fieldReader.js";
import { normalizePod } from "./pod.js";
import { invalid, withReadProblems, type NormalizeResult } from "./result.js";

/**
 * Reads one object (not an envelope) as a record. `time` is its envelope's,
 * if any: a pod record's time where it has no managedFields times, an
 * event's where it has no time of its own. `written`: `time` is when this
 * version was stored (an audit event's stage), which refines a managedFields
 * time of the same second (written in whole seconds) to the microsecond.
 */
export function normalizeObject(obj: JsonObject, type: ObservationType, loc: Location, implied: ImpliedKind | null, time: EpochMs | null = null, written = false): NormalizeResult {
  // The envelope's reads are done: wrong types are noted per object from here on.
  const r = new FieldReader();
  const kind = r.name(obj["kind"]) ?? implied?.kind ?? inferKind(r, obj);
  const apiVersion = r.name(obj["apiVersion"]) ?? implied?.apiVersion ?? null;
  if (kind === "Pod") {
    r.wrongType = false;
    r.oddTimes = null;
    let pod = normalizePod(r, obj, type, loc);
    if (pod === null) return invalid({ kind: "podWithoutIdentity" }, loc);
    const managedAt = pod.observation.managedAt;
    if (time !== null && (managedAt === null || (written && managedAt === Math.floor(time / 1000) * 1000))) pod = { ...pod, observation: { ...pod.observation, managedAt: time } };
    return withReadProblems(pod, r, { object: "Pod", namespace: pod.meta.namespace, name: pod.meta.name }, obj);
  }
  if (kind === "Event" && (apiVersion === null || apiVersion === "v1" || apiVersion.startsWith("events.k8s.io/"))) {
    r.wrongType = false;
    r.oddTimes = null;
    let event = normalizeEvent(r, obj, loc, apiVersion === null ? null : { kind, apiVersion });
    if ("missing" in event) return invalid({ kind: "eventWithoutSubject", field: event.missing }, loc);
    if (time !== null && (event.time === null || event.firstTime === null)) event = { ...event, time: event.time ?? time, firstTime: event.firstTime ?? time };
    return withReadProblems({ kind: "event", type, event } as const, r, { object: "Event", namespace: event.namespace ?? "", name: event.name ?? "" }, obj);
  }
  return { kind: "skipped", objectKind: kind, loc };
}

/** Objects without `kind` (hand-trimmed captures): recognise pods and events by shape. */
function inferKind(r: FieldReader, obj: JsonObject): string | null {
  if (r.object(obj["involvedObject"]) !== null || r.object(obj["regarding"]) !== null) return "Event";
  const spec = r.object(obj["spec"]);
  const status = r.object(obj["status"]);
  if (spec !== null && Array.isArray(spec["containers"])) return "Pod";
  if (status !== null && (typeof status["phase"] === "string" || Array.isArray(status["containerStatuses"]))) return "Pod";
  return null;
}

