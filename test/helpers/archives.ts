/**
 * The same capture written as the archives people keep (docs/spec.md
 * §1.6-1.7), built from watch records: what eventrouter, Loki's logcli, a
 * container runtime's log file and the API server's audit log would have
 * written for the same changes. The shapes follow the sources named in
 * samples/README.md (eventrouter's sinks/eventdata.go, logcli's
 * output/jsonl.go, audit.k8s.io/v1 Event, the kubelet's status patches).
 */
type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {});
const isMap = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The latest managedFields time of an object: when the API server stored this version. */
export function writtenAt(object: Json): string | null {
  const times = ((obj(object["metadata"])["managedFields"] as Json[] | undefined) ?? []).map((m) => m["time"]).filter((t): t is string => typeof t === "string");
  return times.sort().at(-1) ?? null;
}

/** eventrouter's stdout sink: ADDED for the first version of an event, UPDATED with the previous one after. */
export function toEventrouter(events: readonly Json[]): Json[] {
  const seen = new Map<string, Json>();
  return events.map((e) => {
    const event = obj(e["object"]);
    const key = String(obj(event["metadata"])["uid"]);
    const old = seen.get(key);
    seen.set(key, event);
    // An informer's objects carry no kind or apiVersion: eventrouter writes them as it got them.
    const { kind: _kind, apiVersion: _apiVersion, ...bare } = event;
    if (old === undefined) return { verb: "ADDED", event: bare };
    const { kind: _k, apiVersion: _a, ...oldBare } = old;
    return { verb: "UPDATED", event: bare, old_event: oldBare };
  });
}

/** `logcli query -o jsonl`: each log line as a string, with its stream's labels and its time (keys sorted, as Go writes a map). */
export function toLogcli(lines: readonly string[], times: readonly string[], labels: Json): Json[] {
  return lines.map((line, i) => ({ labels, line, timestamp: times[i] }));
}

/** What the container runtime writes to /var/log/pods: `TIME stdout F LINE`. */
export function toCriLines(lines: readonly string[], times: readonly string[]): string[] {
  return lines.map((line, i) => `${times[i]} stdout F ${line}`);
}

/**
 * A two-way strategic merge patch from one status to the next, as the
 * kubelet computes it (strategicpatch.CreateTwoWayMergePatch): changed
 * fields, `null` for removed ones, keyed lists item by item with
 * `$setElementOrder` and `$patch: delete`.
 */
export function statusPatch(before: unknown, after: unknown): Json | null {
  if (!isMap(before) || !isMap(after)) return JSON.stringify(before) === JSON.stringify(after) ? null : (after as Json);
  const out: Json = {};
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    if (JSON.stringify(old) === JSON.stringify(value)) continue;
    const mergeKey = MERGE_KEYS[key];
    if (Array.isArray(value) && mergeKey !== undefined) {
      const oldList = Array.isArray(old) ? (old as Json[]) : [];
      out[`$setElementOrder/${key}`] = (value as Json[]).map((item) => ({ [mergeKey]: item[mergeKey] }));
      const items: Json[] = [];
      for (const item of value as Json[]) {
        const was = oldList.find((o) => o[mergeKey] === item[mergeKey]);
        if (was === undefined) items.push(item);
        else {
          const diff = statusPatch(was, item);
          if (diff !== null) items.push({ ...diff, [mergeKey]: item[mergeKey] });
        }
      }
      for (const was of oldList) if (!(value as Json[]).some((item) => item[mergeKey] === was[mergeKey])) items.push({ [mergeKey]: was[mergeKey], $patch: "delete" });
      if (items.length > 0) out[key] = items;
    } else if (isMap(value) && isMap(old)) {
      const diff = statusPatch(old, value);
      if (diff !== null) out[key] = diff;
    } else out[key] = value;
  }
  for (const key of Object.keys(before)) if (!(key in after)) out[key] = null;
  return Object.keys(out).length === 0 ? null : out;
}

const MERGE_KEYS: Readonly<Record<string, string>> = { conditions: "type", containerStatuses: "name", initContainerStatuses: "name", podIPs: "ip", hostIPs: "ip" };

export interface AuditOptions {
  /** Status changes, bindings, deletions: at level Request (the request only) instead of RequestResponse. */
  readonly statusAtRequestLevel: boolean;
}

let auditCounter = 0;

/** An audit ID of the shape the API server writes (a UUID), deterministic. */
function auditId(): string {
  auditCounter++;
  return `6f1c2a3e-0000-4000-8000-${String(auditCounter).padStart(12, "0")}`;
}

/**
 * The audit events the API server would have logged for a pod's watch
 * records and for events: `create pods` for ADDED (RequestResponse: the
 * stored pod), then for each change the request that made it: the
 * scheduler's binding, the kubelet's status patch, a graceful delete (202)
 * and the final one (200), each at `stageTimestamp` = the version's write
 * time; `create events` (RequestResponse) for events, `patch` after.
 */
export function toAudit(records: readonly Json[], options: AuditOptions): Json[] {
  auditCounter = 0;
  const lastOf = new Map<string, Json>();
  const out: Json[] = [];
  for (const record of records) {
    const object = obj(record["object"]);
    const meta = obj(object["metadata"]);
    const kind = object["kind"];
    const at = writtenAt(object) ?? String(meta["creationTimestamp"]);
    const stamp = at.replace("Z", ".000000Z");
    const key = String(meta["uid"]);
    const before = lastOf.get(key);
    lastOf.set(key, object);
    const namespace = meta["namespace"];
    const name = meta["name"];
    const base = (verb: string, resource: string, subresource: string | null, level: string, code: number): Json => ({
      kind: "Event",
      apiVersion: "audit.k8s.io/v1",
      level,
      auditID: auditId(),
      stage: "ResponseComplete",
      requestURI: `/api/v1/namespaces/${namespace}/${resource}${verb === "create" && subresource === null ? "" : `/${name}`}${subresource === null ? "" : `/${subresource}`}`,
      verb,
      user: resource === "events" || subresource === "status" ? { username: `system:node:${obj(object["spec"])["nodeName"] ?? "node"}`, groups: ["system:nodes", "system:authenticated"] } : { username: "system:serviceaccount:kube-system:replicaset-controller" },
      sourceIPs: ["10.0.12.31"],
      objectRef: { resource, namespace, ...(verb === "create" && subresource === null ? {} : { name }), apiVersion: "v1", ...(subresource === null ? {} : { subresource }) },
      responseStatus: { metadata: {}, code },
      requestReceivedTimestamp: stamp,
      stageTimestamp: stamp,
    });
    if (kind === "Event") {
      if (before === undefined) out.push({ ...base("create", "events", null, "RequestResponse", 201), requestObject: object, responseObject: object });
      else out.push({ ...base("patch", "events", null, "RequestResponse", 200), requestObject: { count: object["count"], lastTimestamp: object["lastTimestamp"], message: object["message"] }, responseObject: object });
      continue;
    }
    const type = record["type"];
    if (before === undefined) {
      const { status: _status, ...request } = object;
      out.push({ ...base("create", "pods", null, "RequestResponse", 201), requestObject: { ...request, metadata: { ...meta, uid: undefined, resourceVersion: undefined, creationTimestamp: null, managedFields: undefined } }, responseObject: object });
      continue;
    }
    const level = options.statusAtRequestLevel ? "Request" : "RequestResponse";
    const withResponse = (e: Json): Json => (options.statusAtRequestLevel ? e : { ...e, responseObject: object });
    if (type === "DELETED") {
      out.push({ ...base("delete", "pods", null, "RequestResponse", 200), requestObject: { kind: "DeleteOptions", apiVersion: "v1", gracePeriodSeconds: 0, preconditions: { uid: key } }, responseObject: object });
      continue;
    }
    const beforeMeta = obj(before["metadata"]);
    if (meta["deletionTimestamp"] !== undefined && beforeMeta["deletionTimestamp"] === undefined) {
      out.push({ ...base("delete", "pods", null, "RequestResponse", 202), requestObject: { kind: "DeleteOptions", apiVersion: "v1" }, responseObject: object });
      continue;
    }
    const node = obj(object["spec"])["nodeName"];
    const bound = node !== undefined && obj(before["spec"])["nodeName"] === undefined;
    if (bound) {
      // A binding writes no managedFields entry: its time is the PodScheduled condition's. Its response is a Status.
      const scheduledAt = ((obj(object["status"])["conditions"] as Json[] | undefined) ?? []).find((c) => c["type"] === "PodScheduled")?.["lastTransitionTime"];
      const bindStamp = typeof scheduledAt === "string" ? scheduledAt.replace("Z", ".052114Z") : stamp;
      out.push({ ...base("create", "pods", "binding", level, 201), requestReceivedTimestamp: bindStamp, stageTimestamp: bindStamp, requestObject: { kind: "Binding", apiVersion: "v1", metadata: { name, namespace, uid: key }, target: { kind: "Node", name: node } }, responseObject: { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 } });
      // The binding sets PodScheduled itself; anything else that changed came with the kubelet's patch.
      const scheduled = { ...obj(before["status"]), conditions: obj(object["status"])["conditions"] };
      const rest = statusPatch(scheduled, object["status"]);
      if (rest !== null) out.push(withResponse({ ...base("patch", "pods", "status", level, 200), requestObject: { metadata: { uid: key }, status: rest } }));
      continue;
    }
    const patch = statusPatch(before["status"], object["status"]);
    if (patch === null) {
      out.push({ ...base("patch", "pods", null, "RequestResponse", 200), requestObject: { metadata: { labels: meta["labels"] } }, responseObject: object });
      continue;
    }
    out.push(withResponse({ ...base("patch", "pods", "status", level, 200), requestObject: { metadata: { uid: key }, status: patch } }));
  }
  return out;
}
