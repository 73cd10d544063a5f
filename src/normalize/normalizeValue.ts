import type { Location } from "../types.js";
import type { NormalizedRecord, ObservationType } from "../records.js";
import type { Diagnostic } from "../diagnostics.js";
import type { ImpliedKind } from "../decode/types.js";
import { kindOfValue } from "../decode/json.js";
import { normalizeEvent } from "./event.js";
import { FieldReader, type JsonObject } from "./fieldReader.js";
import { normalizePod } from "./pod.js";
import { describeShapeProblems } from "./validateShape.js";
import { describeTimeFields } from "./timeFields.js";

/** A usable record (with diagnostics when it was read with problems, e.g. fields of wrong types), or why the value is unusable. */
export type NormalizeResult =
  | (NormalizedRecord & { readonly diagnostics?: readonly Diagnostic[] })
  | { readonly kind: "invalid"; readonly diagnostic: Diagnostic; readonly loc: Location };

const WATCH_TYPES = new Set(["ADDED", "MODIFIED", "DELETED"]);

/**
 * Turns one decoded JSON value (a watch envelope, a bare object or a list item)
 * into a typed record, or says why it cannot be used.
 */
export function normalizeValue(value: unknown, loc: Location, implied: ImpliedKind | null): NormalizeResult {
  const r = new FieldReader();
  const obj = r.object(value);
  if (obj === null) return invalid({ kind: "notAnObject", found: kindOfValue(value) }, loc);
  const envelopeType = obj["type"];
  const envelopeObject = obj["object"];
  if (typeof envelopeType !== "string" && obj["kind"] === undefined && r.object(envelopeObject) !== null) {
    // An envelope whose type is null, a number or missing: its object is still a record, read as untyped
    // (as `kubectl get -w` without --output-watch-events gives them), with a warning.
    const found = envelopeType === undefined ? null : kindOfValue(envelopeType);
    return withDiagnostic(normalizeObject(envelopeObject as JsonObject, "UNTYPED", loc, implied), { kind: "envelopeWithoutType", found });
  }
  if (typeof envelopeType === "string" && envelopeObject !== undefined && obj["kind"] === undefined) {
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
    return normalizeObject(inner, envelopeType as ObservationType, loc, implied);
  }
  return normalizeObject(obj, "UNTYPED", loc, implied);
}

function normalizeObject(obj: JsonObject, type: ObservationType, loc: Location, implied: ImpliedKind | null): NormalizeResult {
  // The envelope's reads are done: wrong types are noted per object from here on.
  const r = new FieldReader();
  const kind = r.name(obj["kind"]) ?? implied?.kind ?? inferKind(r, obj);
  const apiVersion = r.name(obj["apiVersion"]) ?? implied?.apiVersion ?? null;
  if (kind === "Pod") {
    r.wrongType = false;
    r.oddTimes = null;
    const pod = normalizePod(r, obj, type, loc);
    if (pod === null) return invalid({ kind: "podWithoutIdentity" }, loc);
    return withReadProblems(pod, r, { object: "Pod", namespace: pod.meta.namespace, name: pod.meta.name }, obj);
  }
  if (kind === "Event" && (apiVersion === null || apiVersion === "v1" || apiVersion.startsWith("events.k8s.io/"))) {
    r.wrongType = false;
    r.oddTimes = null;
    const event = normalizeEvent(r, obj, loc, apiVersion === null ? null : { kind, apiVersion });
    if ("missing" in event) return invalid({ kind: "eventWithoutSubject", field: event.missing }, loc);
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

interface Subject {
  readonly object: "Pod" | "Event";
  readonly namespace: string;
  readonly name: string;
}

/**
 * The record with a diagnostic for each kind of problem its reader met:
 * fields of wrong types (described by the input schema), time strings that
 * are not RFC 3339, leap seconds. Only records where the reader met one are
 * described, so good records cost nothing more.
 */
function withReadProblems<R extends NormalizedRecord>(record: R, r: FieldReader, subject: Subject, raw: JsonObject): R & { readonly diagnostics?: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (r.wrongType) {
    const problems = describeShapeProblems(subject.object === "Pod" ? "pod" : "event", raw);
    if (problems !== null) diagnostics.push({ kind: "wrongTypes", ...subject, fields: problems.fields, more: problems.more });
  }
  if (r.oddTimes !== null) {
    for (const problem of ["invalid", "leapSecond"] as const) {
      const values = new Set(r.oddTimes.filter((t) => t.problem === problem).map((t) => t.value));
      if (values.size === 0) continue;
      const { fields, more } = describeTimeFields(raw, values);
      diagnostics.push({ kind: problem === "invalid" ? "unreadableTimes" : "leapSeconds", ...subject, fields, more });
    }
  }
  return diagnostics.length === 0 ? record : { ...record, diagnostics };
}

/** Adds a diagnostic to a usable record; other results (skipped, invalid) are left as they are. */
function withDiagnostic(result: NormalizeResult, diagnostic: Diagnostic): NormalizeResult {
  if (result.kind !== "pod" && result.kind !== "event") return result;
  return { ...result, diagnostics: [diagnostic, ...(result.diagnostics ?? [])] };
}

function invalid(diagnostic: Diagnostic, loc: Location): NormalizeResult {
  return { kind: "invalid", diagnostic, loc };
}
