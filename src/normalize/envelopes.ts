/**
 * The envelopes event archives and log pipelines wrap Kubernetes objects in
 * (docs/spec.md §1.6), recognised by their fields, never by a file's name:
 *
 * | envelope                                   | shape                                                           | time            |
 * |--------------------------------------------|-----------------------------------------------------------------|-----------------|
 * | eventrouter (heptio, OpenShift, kube-logging) | `{"verb": "ADDED"\|"UPDATED", "event": {...}, "old_event": {...}}` | -           |
 * | eventrouter with `EVENTROUTER_STDOUT_NAMESPACE` | `{"<key>": {"verb": ..., "event": ...}}`                     | -               |
 * | OpenShift Logging (ViaQ) eventrouter record | `{"kubernetes": {"event": {..., "verb": ...}}, "message": ...}` | `@timestamp`   |
 * | Loki `logcli query -o jsonl`               | `{"labels": {...}, "line": "<JSON>", "timestamp": ...}`          | `timestamp`     |
 * | Docker json-file, Fluent Bit, Vector       | `{"log": "<JSON>", "time": ...}`, `{"message": "<JSON>", ...}`   | `time`, `timestamp`, `@timestamp` |
 * | CloudWatch Logs events                     | `{"timestamp": <ms>, "message": "<JSON>"}`                       | `timestamp`     |
 * | AKS diagnostic logs                        | `{"properties": {"log": "<JSON>"}, "time": ...}`                 | `time`          |
 * | GKE Cloud Logging entries                  | `{"jsonPayload": {...}, "timestamp": ...}`                       | `timestamp`     |
 *
 * A string payload may start with a log prefix (a klog header, a CRI
 * prefix) before its JSON, which is skipped; it is not reported, since a
 * log line is what these pipelines carry.
 */
import type { EpochMs } from "../types.js";
import type { ObservationType } from "../records.js";
import { classifyPrefix } from "../decode/linePrefix.js";
import { parseTime } from "../kube/time.js";
import type { FieldReader, JsonObject } from "./fieldReader.js";

/** What an envelope holds. */
export type Unwrapped =
  /** An object to read on (which may itself be an envelope), with the envelope's time. */
  | { readonly kind: "object"; readonly object: JsonObject; readonly time: EpochMs | null }
  /** An eventrouter record: its event, with the watch type its verb names (null: a verb it has none for). */
  | { readonly kind: "event"; readonly event: JsonObject; readonly type: ObservationType | null; readonly verb: string; readonly time: EpochMs | null }
  /** A string payload that should hold JSON but does not parse. */
  | { readonly kind: "badPayload"; readonly field: string; readonly error: string };

const VERBS: Readonly<Record<string, ObservationType>> = { ADDED: "ADDED", UPDATED: "MODIFIED", MODIFIED: "MODIFIED", DELETED: "DELETED" };

/** Fields of log records whose string may hold the JSON, in the order they are tried. */
const PAYLOAD_FIELDS = ["line", "log", "log_s", "message"] as const;
const TIME_FIELDS = ["timestamp", "time", "@timestamp"] as const;

/**
 * The object inside `obj` when `obj` (an object without `kind`) is one of
 * the envelopes above; null when it is none.
 */
export function unwrapEnvelope(r: FieldReader, obj: JsonObject): Unwrapped | null {
  const verb = obj["verb"];
  const event = obj["event"];
  if (typeof verb === "string" && typeof event === "object" && event !== null && !Array.isArray(event)) {
    return { kind: "event", event: event as JsonObject, type: VERBS[verb] ?? null, verb, time: null };
  }
  // Objects (Pods, Events, audit events) that only lack their kind are not envelopes.
  if (obj["metadata"] !== undefined || obj["involvedObject"] !== undefined || obj["regarding"] !== undefined || obj["spec"] !== undefined) return null;
  const viaq = r.object(r.object(obj["kubernetes"])?.["event"]);
  if (viaq !== null && (r.object(viaq["involvedObject"]) !== null || r.object(viaq["regarding"]) !== null)) {
    const message = viaq["message"] ?? obj["message"];
    const verbOf = typeof viaq["verb"] === "string" ? viaq["verb"] : "ADDED";
    return { kind: "event", event: message === undefined ? viaq : { ...viaq, message }, type: VERBS[verbOf] ?? null, verb: verbOf, time: null };
  }
  const json = r.object(obj["jsonPayload"]);
  if (json !== null) return { kind: "object", object: json, time: timeOf(obj) };
  const properties = r.object(obj["properties"]);
  if (properties !== null && typeof properties["log"] === "string") return payload(properties["log"], "properties.log", timeOf(obj));
  for (const field of PAYLOAD_FIELDS) {
    const text = obj[field];
    if (typeof text === "string") {
      const found = payload(text, field, timeOf(obj));
      if (found !== null) return found;
    }
  }
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const inner = r.object(obj[keys[0]!]);
    if (inner !== null && typeof inner["verb"] === "string" && r.object(inner["event"]) !== null) return { kind: "object", object: inner, time: null };
  }
  return null;
}

/** The JSON object a log line holds, after an optional prefix; null when the text holds none. */
function payload(text: string, field: string, time: EpochMs | null): Unwrapped | null {
  const brace = text.indexOf("{");
  if (brace < 0) return null;
  const prefix = text.slice(0, brace);
  // As for lines of a file (decode/linePrefix.ts): text with a quote or a closing brace is no prefix.
  if (prefix.includes('"') || prefix.includes("}")) return null;
  let value: unknown;
  try {
    value = JSON.parse(brace === 0 ? text : text.slice(brace));
  } catch (error) {
    // Only text that looks like JSON is one that should have parsed: a log message that merely holds a `{` is not.
    if (prefix.trim() !== "" && classifyPrefix(prefix, false).kind === "text") return null;
    return { kind: "badPayload", field, error: error instanceof Error ? error.message : String(error) };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const prefixTime = prefix.trim() === "" ? null : classifyPrefix(prefix, false).time;
  return { kind: "object", object: value as JsonObject, time: prefixTime ?? time };
}

/** An envelope's time: an RFC 3339 string, or a number of epoch milliseconds (seconds when small). */
function timeOf(obj: JsonObject): EpochMs | null {
  for (const field of TIME_FIELDS) {
    const value = obj[field];
    if (typeof value === "string") {
      const t = parseTime(value);
      if (t !== null) return t;
    } else if (typeof value === "number" && Number.isFinite(value) && value > 0) {
      return value >= 1e11 ? value : value * 1000;
    }
  }
  return null;
}
