/**
 * Envelopes of event archives and log pipelines (docs/spec.md §1.6), in the
 * shapes their sources write (samples/README.md names them): each gives the
 * object inside, with the envelope's time where the object has none.
 */
import { describe, expect, it } from "vitest";
import { normalizeValue } from "../../src/normalize/normalizeValue.js";
import type { KubeEvent, PodRecord } from "../../src/records.js";

const loc = { input: "archive.log", line: 1 };

/** A core/v1 Event as an informer holds it (no kind, no apiVersion), modelled on OpenShift's eventrouter example. */
const event = {
  metadata: { name: "web-7d4b9c8f6d-x2x9k.1818dc6c594723df", namespace: "shop", uid: "6ba1e49b-082d-4e3d-a700-a9bcba9689b6", resourceVersion: "2810786987", creationTimestamp: "2025-01-08T23:46:54Z" },
  involvedObject: { kind: "Pod", namespace: "shop", name: "web-7d4b9c8f6d-x2x9k", uid: "5f618733-bea2-422d-985f-00cd0afe18a1", apiVersion: "v1", fieldPath: "spec.containers{web}" },
  reason: "Created",
  message: "Created container web",
  source: { component: "kubelet", host: "master-0" },
  firstTimestamp: "2025-01-08T23:46:54Z",
  lastTimestamp: "2025-01-08T23:46:54Z",
  count: 1,
  type: "Normal",
  eventTime: null,
  reportingComponent: "kubelet",
  reportingInstance: "master-0",
};
const pod = {
  kind: "Pod",
  apiVersion: "v1",
  metadata: { name: "web-7d4b9c8f6d-x2x9k", namespace: "shop", uid: "5f618733-bea2-422d-985f-00cd0afe18a1", resourceVersion: "7", creationTimestamp: "2025-01-08T23:46:50Z" },
  spec: { nodeName: "master-0", containers: [{ name: "web", image: "nginx" }] },
  status: { phase: "Pending", containerStatuses: [{ name: "web", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } }] },
};

function eventOf(value: unknown, envelopeTime: number | null = null): { type: string; event: KubeEvent } {
  const r = normalizeValue(value as never, loc, null, envelopeTime);
  if (r.kind !== "event") throw new Error(`expected an event, got ${JSON.stringify(r)}`);
  return { type: r.type, event: r.event };
}

function podOf(value: unknown, envelopeTime: number | null = null): PodRecord {
  const r = normalizeValue(value as never, loc, null, envelopeTime);
  if (r.kind !== "pod") throw new Error(`expected a pod, got ${JSON.stringify(r)}`);
  return r;
}

describe("eventrouter", () => {
  it("ADDED and UPDATED lines give the event (old_event is the version before, which the event holds already)", () => {
    expect(eventOf({ verb: "ADDED", event })).toMatchObject({ type: "ADDED", event: { reason: "Created", count: 1, subject: { name: "web-7d4b9c8f6d-x2x9k", fieldPath: "spec.containers{web}" } } });
    const updated = eventOf({ verb: "UPDATED", event: { ...event, count: 3, lastTimestamp: "2025-01-08T23:47:10Z" }, old_event: event });
    expect(updated.type).toBe("MODIFIED");
    expect(updated.event.count).toBe(3);
    expect(updated.event.time).toBe(Date.UTC(2025, 0, 8, 23, 47, 10));
  });

  it("with EVENTROUTER_STDOUT_NAMESPACE, under that key", () => {
    expect(eventOf({ "cluster-a": { verb: "ADDED", event } }).event.reason).toBe("Created");
  });

  it("as OpenShift Logging stores it (ViaQ): the event under kubernetes.event, its message moved to the record's", () => {
    const { message, ...rest } = event;
    const viaq = { "@timestamp": "2025-01-08T23:46:54Z", kubernetes: { event: { ...rest, verb: "ADDED" }, namespace_name: "openshift-logging", pod_name: "eventrouter-549f95c7d7-6fqqx" }, message, log_type: "infrastructure" };
    expect(eventOf(viaq).event).toMatchObject({ reason: "Created", message: "Created container web" });
  });

  it("an unknown verb is a located warning, not a silent skip", () => {
    expect(normalizeValue({ verb: "SYNCED", event } as never, loc, null)).toEqual({ kind: "invalid", diagnostic: { kind: "unknownWatchType", type: "SYNCED" }, loc });
  });
});

describe("log records holding the JSON as a string", () => {
  const line = JSON.stringify({ verb: "ADDED", event });

  it("Loki's logcli query -o jsonl: line and timestamp", () => {
    expect(eventOf({ labels: { namespace: "openshift-logging" }, line, timestamp: "2025-01-08T23:46:55.123456789Z" }).event.reason).toBe("Created");
  });

  it("a line behind a klog header (eventrouter's glog sink) or a CRI prefix", () => {
    expect(eventOf({ labels: {}, line: `I0108 23:46:54.123456       1 glogsink.go:42] ${line}`, timestamp: "2025-01-08T23:46:55Z" }).event.reason).toBe("Created");
    expect(eventOf({ log: `2025-01-08T23:46:54.5Z stdout F ${line}` }).event.reason).toBe("Created");
  });

  it("Docker's json-file, Fluent Bit and CloudWatch records; AKS diagnostic logs (properties.log); GKE entries (jsonPayload)", () => {
    expect(eventOf({ log: `${line}\n`, stream: "stdout", time: "2025-01-08T23:46:54.901Z" }).event.reason).toBe("Created");
    expect(eventOf({ timestamp: 1736380014901, message: line, ingestionTime: 1736380015000 }).event.reason).toBe("Created");
    expect(eventOf({ time: "2025-01-08T23:46:55Z", category: "kube-audit", properties: { log: line, stream: "stdout", pod: "kube-apiserver-6d9f" } }).event.reason).toBe("Created");
    expect(eventOf({ insertId: "1x2y", jsonPayload: { verb: "ADDED", event }, timestamp: "2025-01-08T23:46:55Z", resource: { type: "k8s_container" } }).event.reason).toBe("Created");
  });

  it("a pod record in a log line takes the line's time where it has no managedFields time", () => {
    const record = podOf({ log: JSON.stringify({ type: "MODIFIED", object: pod }), time: "2025-01-08T23:46:55.250Z" });
    expect(record.observation.managedAt).toBe(Date.UTC(2025, 0, 8, 23, 46, 55, 250));
    expect(record.observation.type).toBe("MODIFIED");
    // A time of its own wins.
    const own = { ...pod, metadata: { ...pod.metadata, managedFields: [{ manager: "kubelet", time: "2025-01-08T23:46:51Z" }] } };
    expect(podOf({ log: JSON.stringify(own), time: "2025-01-08T23:46:55.250Z" }).observation.managedAt).toBe(Date.UTC(2025, 0, 8, 23, 46, 51));
  });

  it("the time a line prefix gave is the envelope's time", () => {
    expect(podOf({ type: "ADDED", object: pod }, 1736380015000).observation.managedAt).toBe(1736380015000);
    const bare = { ...event, firstTimestamp: null, lastTimestamp: null, metadata: { ...event.metadata, creationTimestamp: undefined } };
    expect(eventOf({ verb: "ADDED", event: bare }, 1736380015000).event).toMatchObject({ time: 1736380015000, firstTime: 1736380015000 });
  });

  it("a payload that should be JSON and is not: a located warning", () => {
    expect(normalizeValue({ labels: {}, line: '{"verb":"ADDED","event":{', timestamp: "2025-01-08T23:46:55Z" } as never, loc, null)).toMatchObject({
      kind: "invalid",
      diagnostic: { kind: "envelopePayloadInvalid", field: "line" },
    });
  });

  it("text that merely holds a { is no payload, and objects that only lack a kind are no envelopes", () => {
    expect(normalizeValue({ message: "reconciled {3 pods}", level: "info" } as never, loc, null)).toEqual({ kind: "skipped", objectKind: null, loc });
    // kubernetes-event-exporter writes plain Events (no kind); a message starting with { stays its message.
    expect(eventOf({ ...event, message: '{"a":1}', clusterName: "prod" }).event.message).toBe('{"a":1}');
  });

  it("envelopes in envelopes: a logcli line holding a Docker record holding an eventrouter line", () => {
    const docker = JSON.stringify({ log: line, stream: "stdout", time: "2025-01-08T23:46:54Z" });
    expect(eventOf({ labels: {}, line: docker, timestamp: "2025-01-08T23:46:55Z" }).event.reason).toBe("Created");
  });
});
