/**
 * Kubernetes audit events (`audit.k8s.io/v1` and `v1beta1` Event, and GKE's
 * Cloud Logging entries of the same requests) to the records they tell
 * about pods and events (docs/spec.md §1.7). Only requests that completed
 * (stage `ResponseComplete`, a 2xx code) changed anything:
 *
 * | request                                  | with the stored object (RequestResponse) | with the request only (Request)            |
 * |------------------------------------------|------------------------------------------|--------------------------------------------|
 * | `create pods`                            | the pod, ADDED                           | a `replace` patch, when the request names the pod |
 * | `update`/`patch pods`                    | the pod, MODIFIED                        | left out (metadata and spec only)          |
 * | `get pods`                               | the pod, untyped (as `kubectl get`)      | left out                                   |
 * | `update`/`patch pods/status`             | the pod, MODIFIED                        | a `replace` / `merge` patch of its status  |
 * | `create pods/binding`                    | a `bind` patch (the response is a Status) | a `bind` patch                            |
 * | `delete pods`                            | the pod: DELETED (200), MODIFIED (202, graceful) | a `delete` patch (200)              |
 * | `create`/`update` `events` (`patch` with the response) | the event                 | the event (create, update)                 |
 *
 * Everything else (other resources, reads, other stages) is skipped.
 */
import type { EpochMs, Location } from "../types.js";
import type { ObservationType, PatchJson, StatusPatch } from "../records.js";
import { intern } from "../memo.js";
import type { ImpliedKind } from "../decode/types.js";
import { FieldReader, type JsonObject } from "./fieldReader.js";
import { normalizePod } from "./pod.js";
import { invalid, type NormalizeResult } from "./result.js";
import { normalizeObject } from "./object.js";

/** The kind audit events not about pods or events are counted under (totals.skippedKinds). */
export const AUDIT_KIND = "Event (audit.k8s.io)";

const POD: ImpliedKind = { kind: "Pod", apiVersion: "v1" };

/** One API request as an audit log records it, whichever the log's format. */
interface AuditRequest {
  readonly id: string | null;
  readonly verb: string | null;
  readonly resource: string | null;
  readonly subresource: string | null;
  /** The API group; "" for the core group. */
  readonly group: string;
  readonly namespace: string | null;
  readonly name: string | null;
  readonly uid: string | null;
  /** The HTTP status code; null when the log has none (GKE says only whether it succeeded). */
  readonly code: number | null;
  readonly request: unknown;
  readonly response: unknown;
  /** When the request was served. */
  readonly time: EpochMs | null;
  /** When it was received (a created pod's creationTimestamp is this second). */
  readonly received: EpochMs | null;
}

/** An `audit.k8s.io` Event, with or without its kind and apiVersion (its audit ID and stage or verb are its own). */
export function isAuditEvent(obj: JsonObject): boolean {
  const apiVersion = obj["apiVersion"];
  if (typeof apiVersion === "string") return apiVersion.startsWith("audit.k8s.io/");
  return typeof obj["auditID"] === "string" && (typeof obj["stage"] === "string" || typeof obj["verb"] === "string");
}

/** An `audit.k8s.io` Event (a line of a kube-apiserver audit log, an EKS CloudWatch message, an AKS `properties.log`). */
export function normalizeAudit(ev: JsonObject, loc: Location, envelopeTime: EpochMs | null): NormalizeResult {
  const r = new FieldReader();
  const stage = r.name(ev["stage"]);
  // RequestReceived (and ResponseStarted for long requests) come before the outcome is known; Panic had none.
  if (stage !== null && stage !== "ResponseComplete") return skipped(loc);
  const ref = r.object(ev["objectRef"]) ?? {};
  const received = r.time(ev["requestReceivedTimestamp"]);
  const request: AuditRequest = {
    id: r.name(ev["auditID"]),
    verb: r.name(ev["verb"]),
    resource: r.name(ref["resource"]),
    subresource: r.name(ref["subresource"]),
    group: r.name(ref["apiGroup"]) ?? "",
    namespace: r.name(ref["namespace"]),
    name: r.name(ref["name"]),
    uid: r.name(ref["uid"]),
    code: r.integer(r.object(ev["responseStatus"])?.["code"]),
    request: ev["requestObject"],
    response: ev["responseObject"],
    time: r.time(ev["stageTimestamp"]) ?? received ?? r.time(ev["timestamp"]) ?? envelopeTime,
    received,
  };
  return fromRequest(r, request, loc);
}

/**
 * A GKE audit log entry (Cloud Logging `LogEntry` whose `protoPayload` is an
 * AuditLog of method `io.k8s.<group>.<version>.<resource>[.<subresource>].<verb>`,
 * resource `<group>/<version>/namespaces/<ns>/<resource>/<name>[/<subresource>]`);
 * null when the entry is not one of Kubernetes' API.
 */
export function normalizeGkeAudit(entry: JsonObject, loc: Location): NormalizeResult | null {
  const r = new FieldReader();
  const p = r.object(entry["protoPayload"]) ?? {};
  const method = r.name(p["methodName"]);
  if (method === null || !method.startsWith("io.k8s.")) return null;
  const parts = method.slice("io.k8s.".length).split(".");
  if (parts.length < 4) return skipped(loc);
  const path = (r.name(p["resourceName"]) ?? "").split("/");
  const at = path.indexOf("namespaces");
  const namespace = at >= 0 ? (path[at + 1] ?? null) : null;
  const name = at >= 0 ? (path[at + 3] ?? null) : (path[3] ?? null);
  const code = r.integer(r.object(p["status"])?.["code"]);
  const time = r.time(entry["timestamp"]) ?? r.time(entry["receiveTimestamp"]);
  const request: AuditRequest = {
    id: r.name(entry["insertId"]),
    verb: parts[parts.length - 1]!,
    resource: parts[2]!,
    subresource: parts.length > 4 ? parts[3]! : null,
    group: parts[0] === "core" ? "" : parts[0]!,
    namespace,
    name,
    uid: null,
    // google.rpc.Status: 0 (or none) is OK; the HTTP code is not kept.
    code: code === null || code === 0 ? null : 500,
    request: p["request"],
    response: p["response"],
    time,
    received: time,
  };
  return fromRequest(r, request, loc);
}

function fromRequest(r: FieldReader, req: AuditRequest, loc: Location): NormalizeResult {
  if (req.code !== null && (req.code < 200 || req.code > 299)) return skipped(loc);
  if (req.group === "" && req.resource === "pods") return podRequest(r, req, loc);
  if ((req.group === "" || req.group === "events.k8s.io" || req.group === "events") && req.resource === "events") return eventRequest(r, req, loc);
  return skipped(loc);
}

function podRequest(r: FieldReader, req: AuditRequest, loc: Location): NormalizeResult {
  const response = r.object(req.response);
  const stored = response !== null && isPod(response) ? response : null;
  const request = r.object(req.request);
  switch (req.subresource) {
    case null:
      switch (req.verb) {
        case "create":
          if (stored !== null) return normalizeObject(stored, "ADDED", loc, POD, req.time, true);
          return request === null ? skipped(loc) : createdPod(r, req, request, loc);
        case "update":
        case "patch":
          return stored === null ? skipped(loc) : normalizeObject(stored, "MODIFIED", loc, POD, req.time, true);
        case "get":
          // A read's response is the pod as stored, as `kubectl get` shows it.
          return stored === null ? skipped(loc) : normalizeObject(stored, "UNTYPED", loc, POD, req.time, true);
        case "delete": {
          if (stored !== null) return normalizeObject(stored, deletionType(req.code), loc, POD, req.time, true);
          return req.code === 200 ? patch(req, loc, { op: "delete", uid: null, status: null, nodeName: null }) : skipped(loc);
        }
        default:
          return skipped(loc);
      }
    case "status": {
      if (req.verb !== "update" && req.verb !== "patch") return skipped(loc);
      if (stored !== null) return normalizeObject(stored, "MODIFIED", loc, POD, req.time, true);
      if (Array.isArray(req.request)) return unreadable(req, loc, "jsonPatch");
      if (request === null) return unreadable(req, loc, "notAnObject");
      const status = r.object(request["status"]);
      const uid = r.name(r.object(request["metadata"])?.["uid"]);
      if (req.verb === "patch") return status === null ? skipped(loc) : patch(req, loc, { op: "merge", uid, status, nodeName: null });
      return patch(req, loc, { op: "replace", uid, status: status ?? {}, nodeName: r.name(r.object(request["spec"])?.["nodeName"]) });
    }
    case "binding": {
      if (req.verb !== "create" || request === null) return skipped(loc);
      const node = r.name(r.object(request["target"])?.["name"]);
      if (node === null) return skipped(loc);
      const uid = r.name(r.object(request["metadata"])?.["uid"]);
      return patch(req, loc, { op: "bind", uid, status: null, nodeName: node });
    }
    default:
      return skipped(loc);
  }
}

/**
 * A pod created at level Request: its request names it (a pod made from a
 * `generateName` has no name until stored, and cannot be tied to
 * anything). Its creation time is the second the request was received.
 */
function createdPod(r: FieldReader, req: AuditRequest, request: JsonObject, loc: Location): NormalizeResult {
  const metadata = r.object(request["metadata"]) ?? {};
  const name = r.name(metadata["name"]) ?? req.name;
  if (name === null) return skipped(loc);
  const created = req.received ?? req.time;
  const withIdentity = { ...request, metadata: { ...metadata, name, namespace: r.name(metadata["namespace"]) ?? req.namespace } };
  const pod = normalizePod(new FieldReader(), withIdentity, "ADDED", loc);
  if (pod === null) return skipped(loc);
  const meta = { ...pod.meta, created: pod.meta.created ?? (created === null ? null : Math.floor(created / 1000) * 1000) };
  return patch(req, loc, { op: "replace", uid: meta.uid, status: r.object(request["status"]) ?? {}, nodeName: r.name(r.object(request["spec"])?.["nodeName"]), meta });
}

function eventRequest(r: FieldReader, req: AuditRequest, loc: Location): NormalizeResult {
  const response = r.object(req.response);
  const stored = response !== null && response["kind"] !== "Status" ? response : null;
  const object = stored ?? (req.verb === "create" || req.verb === "update" ? r.object(req.request) : null);
  if (object === null || (req.verb !== "create" && req.verb !== "update" && req.verb !== "patch")) return skipped(loc);
  const implied: ImpliedKind = { kind: "Event", apiVersion: req.group === "" ? "v1" : "events.k8s.io/v1" };
  return normalizeObject(object, req.verb === "create" ? "ADDED" : "MODIFIED", loc, implied, req.time);
}

/** A deleted pod's response: removed (200), or marked for a graceful deletion (202); unknown: let its status tell. */
function deletionType(code: number | null): ObservationType {
  return code === 200 ? "DELETED" : code === 202 ? "MODIFIED" : "UNTYPED";
}

function patch(
  req: AuditRequest,
  loc: Location,
  p: { readonly op: StatusPatch["op"]; readonly uid: string | null; readonly status: PatchJson | null; readonly nodeName: string | null; readonly meta?: StatusPatch["meta"] },
): NormalizeResult {
  if (req.name === null && p.meta === undefined) return skipped(loc);
  const patch: StatusPatch = {
    op: p.op,
    uid: intern(p.uid ?? req.uid),
    namespace: intern(req.namespace) ?? "default",
    name: intern(p.meta?.name ?? req.name)!,
    time: req.time,
    id: req.id,
    status: p.status,
    nodeName: intern(p.nodeName),
    meta: p.meta ?? null,
    loc,
  };
  return { kind: "statusPatch", patch };
}

function isPod(obj: JsonObject): boolean {
  const kind = obj["kind"];
  return kind === undefined ? obj["metadata"] !== undefined : kind === "Pod";
}

function unreadable(req: AuditRequest, loc: Location, why: "jsonPatch" | "notAnObject"): NormalizeResult {
  return invalid({ kind: "auditPatchUnreadable", namespace: req.namespace ?? "default", name: req.name ?? "", why }, loc);
}

function skipped(loc: Location): NormalizeResult {
  return { kind: "skipped", objectKind: AUDIT_KIND, loc };
}
