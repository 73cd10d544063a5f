/**
 * Raw Event JSON (core/v1 or events.k8s.io/v1, v1beta1) to `KubeEvent`.
 *
 * Field names differ between the two APIs:
 *
 * | KubeEvent           | core/v1                                  | events.k8s.io/v1                                   |
 * |---------------------|------------------------------------------|----------------------------------------------------|
 * | subject             | involvedObject                           | regarding                                          |
 * | message             | message                                  | note                                               |
 * | count               | count, series.count                      | series.count, deprecatedCount                      |
 * | reportingComponent  | reportingComponent, else source.component | reportingController, else deprecatedSource.component |
 * | host                | source.host                              | deprecatedSource.host                              |
 */
import { intern } from "./intern.js";
import type { EventSubject, KubeEvent, Location } from "../types.js";
import { coreEventTimes, eventsV1Times } from "./eventTime.js";
import { asRecord, asText, eventCount } from "./rawFields.js";

/** The kind and apiVersion an enclosing list gives its items when they carry none. */
export interface ImpliedKind {
  readonly kind: string | null;
  readonly apiVersion: string | null;
}

/** Which API the event came from: apiVersion (own, else implied), else its shape. */
function apiGroupOf(raw: Record<string, unknown>, implied: ImpliedKind | null): KubeEvent["apiGroup"] {
  const apiVersion = asText(raw["apiVersion"]) ?? implied?.apiVersion ?? null;
  if (apiVersion !== null) return apiVersion.startsWith("events.k8s.io/") ? "events.k8s.io" : "core";
  return asRecord(raw["involvedObject"]) === null && asRecord(raw["regarding"]) !== null ? "events.k8s.io" : "core";
}

function subjectOf(ref: Record<string, unknown>): EventSubject {
  return {
    kind: intern(asText(ref["kind"])),
    // Interned like the pod's own uid and name: stored once for the pod and all its events.
    uid: intern(asText(ref["uid"])),
    namespace: intern(asText(ref["namespace"])),
    name: intern(asText(ref["name"])),
    fieldPath: intern(asText(ref["fieldPath"])),
  };
}

/**
 * Normalizes one raw Event. Fields of the wrong type read as absent (an
 * event without a valid `reason` is still an event, with reason null);
 * `{ problem }` only when the value is not an object or names no object at
 * all (neither `involvedObject` nor `regarding` is an object). When the
 * API's own reference field is missing, the other API's is used.
 */
export function normalizeEvent(
  raw: Record<string, unknown>,
  loc: Location,
  implied: ImpliedKind | null = null,
): KubeEvent | { problem: string } {
  if (asRecord(raw) === null) return { problem: "event is not a JSON object" };
  const apiGroup = apiGroupOf(raw, implied);
  const v1 = apiGroup === "events.k8s.io";
  const ref = v1
    ? (asRecord(raw["regarding"]) ?? asRecord(raw["involvedObject"]))
    : (asRecord(raw["involvedObject"]) ?? asRecord(raw["regarding"]));
  if (ref === null) return { problem: `event has no ${v1 ? "regarding" : "involvedObject"} object` };

  const metadata = asRecord(raw["metadata"]);
  const source = asRecord(raw[v1 ? "deprecatedSource" : "source"]);
  const times = v1 ? eventsV1Times(raw) : coreEventTimes(raw);
  const message = v1 ? (asText(raw["note"]) ?? asText(raw["message"])) : (asText(raw["message"]) ?? asText(raw["note"]));
  const reportingComponent = v1
    ? (asText(raw["reportingController"]) ?? asText(source?.["component"]))
    : (asText(raw["reportingComponent"]) ?? asText(source?.["component"]));

  return {
    uid: asText(metadata?.["uid"]),
    name: asText(metadata?.["name"]),
    namespace: intern(asText(metadata?.["namespace"])),
    resourceVersion: asText(metadata?.["resourceVersion"]),
    apiGroup,
    type: intern(asText(raw["type"])),
    reason: intern(asText(raw["reason"])),
    message,
    subject: subjectOf(ref),
    count: eventCount(raw),
    time: times.time,
    firstTime: times.firstTime,
    reportingComponent: intern(reportingComponent),
    host: intern(asText(source?.["host"])),
    loc,
  };
}
