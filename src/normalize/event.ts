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
import { intern } from "../memo.js";
import type { Location } from "../types.js";
import type { EventSubject, KubeEvent } from "../records.js";
import type { ImpliedKind } from "../decode/types.js";
import { coreEventTimes, eventCount, eventsV1Times } from "./eventTime.js";
import type { FieldReader, JsonObject } from "./fieldReader.js";

/** Which API the event came from: apiVersion (own, else implied), else its shape. */
function apiGroupOf(r: FieldReader, raw: JsonObject, implied: ImpliedKind | null): KubeEvent["apiGroup"] {
  const apiVersion = r.name(raw["apiVersion"]) ?? implied?.apiVersion ?? null;
  if (apiVersion !== null) return apiVersion.startsWith("events.k8s.io/") ? "events.k8s.io" : "core";
  return r.object(raw["involvedObject"]) === null && r.object(raw["regarding"]) !== null ? "events.k8s.io" : "core";
}

function subjectOf(r: FieldReader, ref: JsonObject): EventSubject {
  return {
    kind: intern(r.name(ref["kind"])),
    // Interned like the pod's own uid and name: stored once for the pod and all its events.
    uid: intern(r.name(ref["uid"])),
    namespace: intern(r.name(ref["namespace"])),
    name: intern(r.name(ref["name"])),
    fieldPath: intern(r.name(ref["fieldPath"])),
  };
}

/**
 * Normalizes one raw Event. Fields of the wrong type read as absent (an
 * event without a valid `reason` is still an event, with reason null);
 * `{ missing }` names the reference field when the event names no object at
 * all (neither `involvedObject` nor `regarding` is an object). When the
 * API's own reference field is missing, the other API's is used.
 */
export function normalizeEvent(r: FieldReader, raw: JsonObject, loc: Location, implied: ImpliedKind | null = null): KubeEvent | { readonly missing: "involvedObject" | "regarding" } {
  const apiGroup = apiGroupOf(r, raw, implied);
  const v1 = apiGroup === "events.k8s.io";
  const ref = v1
    ? (r.object(raw["regarding"]) ?? r.object(raw["involvedObject"]))
    : (r.object(raw["involvedObject"]) ?? r.object(raw["regarding"]));
  if (ref === null) return { missing: v1 ? "regarding" : "involvedObject" };

  const metadata = r.object(raw["metadata"]);
  const source = r.object(raw[v1 ? "deprecatedSource" : "source"]);
  const times = v1 ? eventsV1Times(r, raw) : coreEventTimes(r, raw);
  const message = v1 ? (r.name(raw["note"]) ?? r.name(raw["message"])) : (r.name(raw["message"]) ?? r.name(raw["note"]));
  const reportingComponent = v1
    ? (r.name(raw["reportingController"]) ?? r.name(source?.["component"]))
    : (r.name(raw["reportingComponent"]) ?? r.name(source?.["component"]));

  return {
    uid: r.name(metadata?.["uid"]),
    name: r.name(metadata?.["name"]),
    namespace: intern(r.name(metadata?.["namespace"])),
    resourceVersion: r.name(metadata?.["resourceVersion"]),
    apiGroup,
    type: intern(r.name(raw["type"])),
    reason: intern(r.name(raw["reason"])),
    message,
    subject: subjectOf(r, ref),
    count: eventCount(r, raw),
    time: times.time,
    firstTime: times.firstTime,
    reportingComponent: intern(reportingComponent),
    host: intern(r.name(source?.["host"])),
    loc,
  };
}
