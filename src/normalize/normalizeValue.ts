import type { EpochMs, Location } from "../types.js";
import type { ObservationType } from "../records.js";
import type { ImpliedKind, JsonValue } from "../decode/types.js";
import { kindOfValue } from "../decode/json.js";
import { isAuditEvent, normalizeAudit, normalizeGkeAudit } from "./audit.js";
import { unwrapEnvelope } from "./envelopes.js";
import { FieldReader, type JsonObject } from "./fieldReader.js";
import { normalizeObject } from "./object.js";
import { invalid, withDiagnostic, type NormalizeResult } from "./result.js";

export type { NormalizeResult } from "./result.js";

const WATCH_TYPES = new Set(["ADDED", "MODIFIED", "DELETED"]);
/** Envelopes inside envelopes (a Loki line holding an eventrouter record): at most this deep. */
const MAX_ENVELOPES = 4;
const CORE_EVENT: ImpliedKind = { kind: "Event", apiVersion: "v1" };

/**
 * Turns one decoded JSON value (a watch envelope, a bare object, a list
 * item, or an object inside one of the envelopes of envelopes.ts) into a
 * typed record, or says why it cannot be used. `envelopeTime` is the time
 * the record's line gave (a log prefix), used where the object has none
 * (docs/spec.md §1.6).
 */
export function normalizeValue(value: JsonValue, loc: Location, implied: ImpliedKind | null, envelopeTime: EpochMs | null = null): NormalizeResult {
  const r = new FieldReader();
  let obj = r.object(value);
  if (obj === null) return invalid({ kind: "notAnObject", found: kindOfValue(value) }, loc);
  let time = envelopeTime;
  for (let depth = 0; obj["kind"] === undefined; depth++) {
    const envelopeType = obj["type"];
    const envelopeObject = obj["object"];
    if (typeof envelopeType !== "string" && r.object(envelopeObject) !== null) {
      // An envelope whose type is null, a number or missing: its object is still a record, read as untyped
      // (as `kubectl get -w` without --output-watch-events gives them), with a warning.
      const found = envelopeType === undefined ? null : kindOfValue(envelopeType);
      return withDiagnostic(normalizeObject(envelopeObject as JsonObject, "UNTYPED", loc, implied, time), { kind: "envelopeWithoutType", found });
    }
    if (typeof envelopeType === "string" && envelopeObject !== undefined) {
      const inner = r.object(envelopeObject);
      if (inner === null) return invalid({ kind: "watchEventWithoutObject", type: envelopeType }, loc);
      if (envelopeType === "BOOKMARK") {
        const annotations = r.object(r.object(inner["metadata"])?.["annotations"]);
        return { kind: "bookmark", initialEventsEnd: annotations?.["k8s.io/initial-events-end"] === "true", loc };
      }
      if (envelopeType === "ERROR") {
        return { kind: "gap", code: r.integer(inner["code"]), reason: r.name(inner["reason"]), message: r.name(inner["message"]), loc };
      }
      if (!WATCH_TYPES.has(envelopeType)) return invalid({ kind: "unknownWatchType", type: envelopeType }, loc);
      return normalizeObject(inner, envelopeType as ObservationType, loc, implied, time);
    }
    if (isAuditEvent(obj)) return normalizeAudit(obj, loc, time);
    if (r.object(obj["protoPayload"]) !== null) {
      const audit = normalizeGkeAudit(obj, loc);
      if (audit !== null) return audit;
    }
    if (depth >= MAX_ENVELOPES) break;
    const unwrapped = unwrapEnvelope(r, obj);
    if (unwrapped === null) break;
    switch (unwrapped.kind) {
      case "event":
        if (unwrapped.type === null) return invalid({ kind: "unknownWatchType", type: unwrapped.verb }, loc);
        return normalizeObject(unwrapped.event, unwrapped.type, loc, CORE_EVENT, unwrapped.time ?? time);
      case "badPayload":
        return invalid({ kind: "envelopePayloadInvalid", field: unwrapped.field, error: unwrapped.error }, loc);
      case "object":
        obj = unwrapped.object;
        time = unwrapped.time ?? time;
        implied = null;
        break;
    }
  }
  // An audit event carries its kind; one that lost its apiVersion (hand-trimmed) still has its audit ID.
  if (obj["kind"] === "Event" && isAuditEvent(obj)) return normalizeAudit(obj, loc, time);
  return normalizeObject(obj, "UNTYPED", loc, implied, time);
}

