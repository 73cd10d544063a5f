import type { Location, NormalizedRecord, ObservationType } from "../types.js";
import { normalizeEvent } from "./event.js";
import { asInteger, asName, asObject, takeWrongType, type JsonObject } from "./json.js";
import { normalizePod } from "./pod.js";
import { describeShapeProblems } from "./validateShape.js";

/** The kind a List implies for items that carry none (raw API `PodList` items). */
export interface ImpliedKind {
  readonly kind: string;
  readonly apiVersion: string | null;
}

/** A usable record (with a warning when some of its fields had wrong types), or why the value is unusable. */
export type NormalizeResult =
  | (NormalizedRecord & { readonly warning?: string })
  | { readonly kind: "invalid"; readonly problem: string; readonly loc: Location };

const WATCH_TYPES = new Set(["ADDED", "MODIFIED", "DELETED"]);

/**
 * Turns one decoded JSON value (a watch envelope, a bare object or a list item)
 * into a typed record, or says why it cannot be used.
 */
export function normalizeValue(value: unknown, loc: Location, implied: ImpliedKind | null): NormalizeResult {
  const obj = asObject(value);
  if (obj === null) return invalid(`expected a JSON object, found ${describe(value)}`, loc);
  const envelopeType = obj["type"];
  const envelopeObject = obj["object"];
  if (typeof envelopeType === "string" && envelopeObject !== undefined && obj["kind"] === undefined) {
    const inner = asObject(envelopeObject);
    if (inner === null) return invalid(`watch event ${envelopeType} without an object`, loc);
    if (envelopeType === "BOOKMARK") {
      const annotations = asObject(asObject(inner["metadata"])?.["annotations"]);
      return { kind: "bookmark", initialEventsEnd: annotations?.["k8s.io/initial-events-end"] === "true", loc };
    }
    if (envelopeType === "ERROR") {
      return {
        kind: "gap",
        code: asInteger(inner["code"]),
        reason: asName(inner["reason"]),
        message: asName(inner["message"]),
        loc,
      };
    }
    if (!WATCH_TYPES.has(envelopeType)) return invalid(`unknown watch event type ${JSON.stringify(envelopeType)}`, loc);
    return normalizeObject(inner, envelopeType as ObservationType, loc, implied);
  }
  return normalizeObject(obj, "UNTYPED", loc, implied);
}

function normalizeObject(obj: JsonObject, type: ObservationType, loc: Location, implied: ImpliedKind | null): NormalizeResult {
  const kind = asName(obj["kind"]) ?? implied?.kind ?? inferKind(obj);
  const apiVersion = asName(obj["apiVersion"]) ?? implied?.apiVersion ?? null;
  if (kind === "Pod") {
    takeWrongType();
    const pod = normalizePod(obj, type, loc);
    if ("problem" in pod) return invalid(pod.problem, loc);
    // The schema describes the wrong fields, only for records where the readers met one.
    const problem = takeWrongType() ? describeShapeProblems("pod", obj) : null;
    return withShapeWarning(pod, problem, `Pod ${pod.meta.namespace}/${pod.meta.name}`);
  }
  if (kind === "Event" && (apiVersion === null || apiVersion === "v1" || apiVersion.startsWith("events.k8s.io/"))) {
    takeWrongType();
    const event = normalizeEvent(obj, loc, apiVersion === null ? null : { kind, apiVersion });
    if ("problem" in event) return invalid(event.problem, loc);
    const problem = takeWrongType() ? describeShapeProblems("event", obj) : null;
    return withShapeWarning({ kind: "event", type, event }, problem, `Event ${event.namespace ?? ""}/${event.name ?? ""}`);
  }
  return { kind: "skipped", objectKind: kind, loc };
}

/** Objects without `kind` (hand-trimmed captures): recognise pods and events by shape. */
function inferKind(obj: JsonObject): string | null {
  if (asObject(obj["involvedObject"]) !== null || asObject(obj["regarding"]) !== null) return "Event";
  const spec = asObject(obj["spec"]);
  const status = asObject(obj["status"]);
  if (spec !== null && Array.isArray(spec["containers"])) return "Pod";
  if (status !== null && (typeof status["phase"] === "string" || Array.isArray(status["containerStatuses"]))) return "Pod";
  return null;
}

function withShapeWarning<R extends NormalizedRecord>(record: R, problem: string | null, what: string): R & { readonly warning?: string } {
  return problem === null ? record : { ...record, warning: `${what}: ${problem}` };
}

function invalid(problem: string, loc: Location): NormalizeResult {
  return { kind: "invalid", problem, loc };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
