/**
 * Audit events (docs/spec.md §1.7) in the shapes the API server writes them
 * (audit.k8s.io/v1 and v1beta1; GKE's Cloud Logging entries): which give a
 * pod, an event or a status patch, and which are skipped.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeValue } from "../../src/normalize/normalizeValue.js";
import { CORPUS } from "../decode/helpers.js";

const loc = { input: "audit.log", line: 3 };
const uid = "d67a9290-1dc8-4f14-ac84-88e9ae82d2a2";

/** An audit event of the kubelet patching a pod's status, shaped as kubelet v1.20 and later send it. */
function statusPatchEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    level: "Request",
    auditID: "1025990a-e51c-4c51-9010-6436999a88cb",
    stage: "ResponseComplete",
    requestURI: "/api/v1/namespaces/default/pods/accessor/status",
    verb: "patch",
    user: { username: "system:node:node2", groups: ["system:nodes", "system:authenticated"] },
    userAgent: "kubelet/v1.31.2 (linux/amd64) kubernetes/5864a46",
    objectRef: { resource: "pods", namespace: "default", name: "accessor", apiVersion: "v1", subresource: "status" },
    responseStatus: { metadata: {}, code: 200 },
    requestObject: {
      metadata: { uid },
      status: {
        "$setElementOrder/conditions": [{ type: "Initialized" }, { type: "Ready" }, { type: "ContainersReady" }, { type: "PodScheduled" }],
        conditions: [{ lastTransitionTime: "2021-05-24T09:29:44Z", message: null, reason: null, status: "True", type: "Ready" }],
        phase: "Running",
      },
    },
    requestReceivedTimestamp: "2021-05-24T09:29:44.384315Z",
    stageTimestamp: "2021-05-24T09:29:44.426816Z",
    ...overrides,
  };
}

describe("audit events of pods", () => {
  it("a status patch at level Request becomes a merge patch of the pod's status, timed by its stage", () => {
    expect(normalizeValue(statusPatchEvent() as never, loc, null)).toEqual({
      kind: "statusPatch",
      patch: {
        op: "merge",
        uid,
        namespace: "default",
        name: "accessor",
        time: Date.UTC(2021, 4, 24, 9, 29, 44, 426) + 0.816,
        id: "1025990a-e51c-4c51-9010-6436999a88cb",
        status: (statusPatchEvent()["requestObject"] as { status: unknown }).status,
        nodeName: null,
        meta: null,
        loc,
      },
    });
  });

  it("an older kubelet's patch has no uid: the patch names the pod by namespace and name", () => {
    const old = statusPatchEvent({ requestObject: { status: { phase: "Running" } } });
    expect(normalizeValue(old as never, loc, null)).toMatchObject({ kind: "statusPatch", patch: { uid: null, name: "accessor" } });
  });

  it("with the response (RequestResponse) the stored pod is the record, with its resourceVersion", () => {
    const response = { kind: "Pod", apiVersion: "v1", metadata: { name: "accessor", namespace: "default", uid, resourceVersion: "35224", creationTimestamp: "2021-05-24T09:29:24Z" }, spec: { nodeName: "node2", containers: [{ name: "accessor", image: "nginx" }] }, status: { phase: "Running" } };
    const r = normalizeValue(statusPatchEvent({ level: "RequestResponse", responseObject: response }) as never, loc, null);
    expect(r).toMatchObject({ kind: "pod", observation: { type: "MODIFIED", resourceVersion: "35224", phase: "Running", managedAt: Date.UTC(2021, 4, 24, 9, 29, 44, 426) + 0.816 } });
  });

  it("skips what changed nothing: other stages, failed requests, reads without the object, other resources", () => {
    for (const ev of [
      statusPatchEvent({ stage: "RequestReceived" }),
      statusPatchEvent({ responseStatus: { metadata: {}, status: "Failure", reason: "Conflict", code: 409 } }),
      statusPatchEvent({ verb: "get", requestObject: undefined }),
      statusPatchEvent({ objectRef: { resource: "leases", namespace: "kube-node-lease", name: "node2", apiGroup: "coordination.k8s.io" } }),
      statusPatchEvent({ objectRef: { resource: "pods", namespace: "default", name: "accessor", subresource: "exec" } }),
    ]) {
      expect(normalizeValue(ev as never, loc, null)).toEqual({ kind: "skipped", objectKind: "Event (audit.k8s.io)", loc });
    }
  });

  it("a JSON Patch of a pod's status cannot be merged: a located warning", () => {
    const ev = statusPatchEvent({ requestObject: [{ op: "replace", path: "/status/phase", value: "Running" }] });
    expect(normalizeValue(ev as never, loc, null)).toEqual({ kind: "invalid", diagnostic: { kind: "auditPatchUnreadable", namespace: "default", name: "accessor", why: "jsonPatch" }, loc });
  });

  it("the scheduler's binding names the node; deletions at level Request are DELETED when done (200)", () => {
    const binding = statusPatchEvent({ verb: "create", objectRef: { resource: "pods", namespace: "default", name: "accessor", apiVersion: "v1", subresource: "binding" }, requestObject: { kind: "Binding", apiVersion: "v1", metadata: { name: "accessor", namespace: "default", uid }, target: { kind: "Node", name: "node2" } }, responseStatus: { metadata: {}, code: 201 } });
    expect(normalizeValue(binding as never, loc, null)).toMatchObject({ kind: "statusPatch", patch: { op: "bind", uid, nodeName: "node2" } });
    const deleted = statusPatchEvent({ verb: "delete", objectRef: { resource: "pods", namespace: "default", name: "accessor", apiVersion: "v1" }, requestObject: { kind: "DeleteOptions", apiVersion: "v1", gracePeriodSeconds: 0 } });
    expect(normalizeValue(deleted as never, loc, null)).toMatchObject({ kind: "statusPatch", patch: { op: "delete", name: "accessor" } });
    expect(normalizeValue({ ...deleted, responseStatus: { metadata: {}, code: 202 } } as never, loc, null)).toMatchObject({ kind: "skipped" });
  });

  it("a pod created with a name at level Request: a replace patch that carries its spec, created the second the request came", () => {
    const created = statusPatchEvent({
      verb: "create",
      objectRef: { resource: "pods", namespace: "default", name: "accessor", apiVersion: "v1" },
      requestObject: { kind: "Pod", apiVersion: "v1", metadata: { name: "accessor", creationTimestamp: null, labels: { run: "accessor" } }, spec: { containers: [{ name: "accessor", image: "nginx" }] }, status: {} },
      responseStatus: { metadata: {}, code: 201 },
      requestReceivedTimestamp: "2021-05-24T09:29:24.310211Z",
    });
    expect(normalizeValue(created as never, loc, null)).toMatchObject({
      kind: "statusPatch",
      patch: { op: "replace", uid: null, name: "accessor", meta: { name: "accessor", namespace: "default", created: Date.UTC(2021, 4, 24, 9, 29, 24), labels: { run: "accessor" }, specContainers: [{ name: "accessor", init: false, image: "nginx" }] } },
    });
    // A pod made from a generateName has no name until stored: without the response nothing ties it to its pod.
    const generated = { ...created, objectRef: { resource: "pods", namespace: "default", apiVersion: "v1" }, requestObject: { kind: "Pod", apiVersion: "v1", metadata: { generateName: "web-" }, spec: {} } };
    expect(normalizeValue(generated as never, loc, null)).toMatchObject({ kind: "skipped" });
  });

  it("reads the real v1beta1 traces of falco's test corpus (minikube, 2018)", () => {
    const dir = join(CORPUS, "falco-k8s-audit-traces");
    const read = (f: string) => normalizeValue(JSON.parse(readFileSync(join(dir, f), "utf8")), { input: f, line: 1 }, null);
    expect(read("create_nginx_pod_privileged.json")).toMatchObject({ kind: "pod", meta: { name: "nginx-deployment-5cdcc99dbf-rgw6z", owner: "ReplicaSet/nginx-deployment-5cdcc99dbf" }, observation: { type: "ADDED", resourceVersion: "237252" } });
    // A read's response: the pod as stored.
    expect(read("create_nginx_pod_unsensitive_mount.json")).toMatchObject({ kind: "pod", observation: { type: "UNTYPED" } });
    // exec has no apiVersion (hand-trimmed): still an audit event, of a subresource podtrail does not read.
    expect(read("exec_pod.json")).toMatchObject({ kind: "skipped", objectKind: "Event (audit.k8s.io)" });
  });
});

describe("audit events of events", () => {
  it("create events gives the event; a patch without its response is skipped", () => {
    const ev = {
      kind: "Event",
      apiVersion: "audit.k8s.io/v1",
      level: "Request",
      auditID: "a2c1",
      stage: "ResponseComplete",
      verb: "create",
      objectRef: { resource: "events", namespace: "default", name: "accessor.16822fdc1f3f0c38", apiVersion: "v1" },
      responseStatus: { metadata: {}, code: 201 },
      requestObject: { kind: "Event", apiVersion: "v1", metadata: { name: "accessor.16822fdc1f3f0c38", namespace: "default" }, involvedObject: { kind: "Pod", namespace: "default", name: "accessor", uid, fieldPath: "spec.containers{accessor}" }, reason: "Pulling", message: 'Pulling image "nginx"', source: { component: "kubelet", host: "node2" }, firstTimestamp: "2021-05-24T09:29:26Z", lastTimestamp: "2021-05-24T09:29:26Z", count: 1, type: "Normal" },
      stageTimestamp: "2021-05-24T09:29:26.112302Z",
    };
    expect(normalizeValue(ev as never, loc, null)).toMatchObject({ kind: "event", type: "ADDED", event: { reason: "Pulling", subject: { uid } } });
    expect(normalizeValue({ ...ev, verb: "patch", requestObject: { count: 2 } } as never, loc, null)).toMatchObject({ kind: "skipped" });
  });
});

describe("GKE's Cloud Logging entries (protoPayload)", () => {
  const entry = {
    insertId: "c7842d26-11fe-446a-b985-b2b67ddbab09",
    logName: "projects/acme/logs/cloudaudit.googleapis.com%2Factivity",
    protoPayload: {
      "@type": "type.googleapis.com/google.cloud.audit.AuditLog",
      authenticationInfo: { principalEmail: "kubelet" },
      methodName: "io.k8s.core.v1.pods.status.patch",
      resourceName: "core/v1/namespaces/default/pods/accessor/status",
      serviceName: "k8s.io",
      request: { "@type": "k8s.io/Patch", metadata: { uid }, status: { phase: "Running" } },
      status: { code: 0 },
    },
    resource: { type: "k8s_cluster", labels: { cluster_name: "prod", location: "europe-west1", project_id: "acme" } },
    timestamp: "2024-11-05T12:00:03.512345Z",
  };

  it("a status patch, a created pod's response, a failed request", () => {
    expect(normalizeValue(entry as never, loc, null)).toMatchObject({ kind: "statusPatch", patch: { op: "merge", uid, namespace: "default", name: "accessor", time: Date.UTC(2024, 10, 5, 12, 0, 3, 512) + 0.345, status: { phase: "Running" } } });
    const created = { ...entry, protoPayload: { ...entry.protoPayload, methodName: "io.k8s.core.v1.pods.create", resourceName: "core/v1/namespaces/default/pods/accessor", request: undefined, response: { "@type": "core.k8s.io/v1.Pod", apiVersion: "v1", kind: "Pod", metadata: { name: "accessor", namespace: "default", uid, resourceVersion: "812" }, spec: {}, status: { phase: "Pending" } } } };
    expect(normalizeValue(created as never, loc, null)).toMatchObject({ kind: "pod", observation: { type: "ADDED", resourceVersion: "812" } });
    const failed = { ...entry, protoPayload: { ...entry.protoPayload, status: { code: 10, message: "Conflict" } } };
    expect(normalizeValue(failed as never, loc, null)).toMatchObject({ kind: "skipped" });
  });

  it("an entry of another Google service is not a Kubernetes audit event", () => {
    const other = { ...entry, protoPayload: { ...entry.protoPayload, methodName: "google.container.v1.ClusterManager.RepairNodePool" } };
    expect(normalizeValue(other as never, loc, null)).toMatchObject({ kind: "skipped", objectKind: null });
  });
});
