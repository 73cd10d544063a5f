import { FieldReader } from "../../src/normalize/fieldReader.js";
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "../../src/normalize/event.js";

const loc = { input: "events.json", line: 7 };

// A kubelet Pulled event, verbatim from the aws must-gather corpus.
const IMAGE = "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:7ed1a02b5effe250fc83824af248de910aa4a8af076d7de7bc9ca01610c6eb22";
const CORE_PULLED = {
  apiVersion: "v1",
  count: 1,
  eventTime: null,
  firstTimestamp: "2021-08-03T09:18:52Z",
  involvedObject: {
    apiVersion: "v1",
    fieldPath: "spec.containers{openshift-apiserver-operator}",
    kind: "Pod",
    name: "openshift-apiserver-operator-74d76d9d57-2vlhp",
    namespace: "openshift-apiserver-operator",
    resourceVersion: "3079",
    uid: "52704989-4d9b-4493-8a0d-b07d791d5747",
  },
  kind: "Event",
  lastTimestamp: "2021-08-03T09:18:52Z",
  message: `Successfully pulled image "${IMAGE}" in 10.910561642s`,
  metadata: {
    creationTimestamp: "2021-08-03T09:18:56Z",
    name: "openshift-apiserver-operator-74d76d9d57-2vlhp.1697c14e38ed66d4",
    namespace: "openshift-apiserver-operator",
    resourceVersion: "3564",
    uid: "fcf4a5ee-7df9-4612-9009-fbf7c4047f86",
  },
  reason: "Pulled",
  reportingComponent: "",
  reportingInstance: "",
  source: { component: "kubelet", host: "ip-10-0-195-177.ec2.internal" },
  type: "Normal",
};

// events.k8s.io/v1 as kube-scheduler writes it.
const V1_SCHEDULING = {
  apiVersion: "events.k8s.io/v1",
  kind: "Event",
  metadata: { name: "web-0.17b2c5f0a1b2c3d4", namespace: "default", uid: "e-1", resourceVersion: "42" },
  eventTime: "2024-05-01T10:00:01.123456Z",
  series: { count: 3, lastObservedTime: "2024-05-01T10:00:31.654321Z" },
  reportingController: "default-scheduler",
  reportingInstance: "default-scheduler-cp-1",
  action: "Scheduling",
  reason: "FailedScheduling",
  regarding: { kind: "Pod", namespace: "default", name: "web-0", uid: "pod-uid", apiVersion: "v1" },
  note: "0/3 nodes are available: 3 Insufficient cpu.",
  type: "Warning",
};

describe("normalizeEvent", () => {
  it("normalizes a core/v1 kubelet event", () => {
    const e = normalizeEvent(new FieldReader(), CORE_PULLED, loc);
    // the name suffix 0x1697c14e38ed66d4 lies in 09:18:52 and refines it to the µs
    const suffix = Number(0x1697c14e38ed66d4n / 1000n) / 1000;
    expect(Math.floor(suffix / 1000) * 1000).toBe(Date.UTC(2021, 7, 3, 9, 18, 52));
    expect(e).toEqual({
      uid: "fcf4a5ee-7df9-4612-9009-fbf7c4047f86",
      name: "openshift-apiserver-operator-74d76d9d57-2vlhp.1697c14e38ed66d4",
      namespace: "openshift-apiserver-operator",
      resourceVersion: "3564",
      apiGroup: "core",
      type: "Normal",
      reason: "Pulled",
      message: `Successfully pulled image "${IMAGE}" in 10.910561642s`,
      subject: {
        kind: "Pod",
        uid: "52704989-4d9b-4493-8a0d-b07d791d5747",
        namespace: "openshift-apiserver-operator",
        name: "openshift-apiserver-operator-74d76d9d57-2vlhp",
        fieldPath: "spec.containers{openshift-apiserver-operator}",
      },
      count: 1,
      time: suffix,
      firstTime: suffix,
      reportingComponent: "kubelet",
      host: "ip-10-0-195-177.ec2.internal",
      loc,
    });
  });

  it("normalizes an events.k8s.io/v1 event", () => {
    expect(normalizeEvent(new FieldReader(), V1_SCHEDULING, loc)).toEqual({
      uid: "e-1",
      name: "web-0.17b2c5f0a1b2c3d4",
      namespace: "default",
      resourceVersion: "42",
      apiGroup: "events.k8s.io",
      type: "Warning",
      reason: "FailedScheduling",
      message: "0/3 nodes are available: 3 Insufficient cpu.",
      subject: { kind: "Pod", uid: "pod-uid", namespace: "default", name: "web-0", fieldPath: null },
      count: 3,
      time: (Date.UTC(2024, 4, 1, 10, 0, 31) * 1000 + 654_321) / 1000,
      firstTime: (Date.UTC(2024, 4, 1, 10, 0, 1) * 1000 + 123_456) / 1000,
      reportingComponent: "default-scheduler",
      host: null,
      loc,
    });
  });

  it("reads deprecated fields of events.k8s.io/v1", () => {
    const e = normalizeEvent(new FieldReader(), 
      {
        regarding: { kind: "Pod", name: "p" },
        note: "Back-off restarting failed container",
        reason: "BackOff",
        deprecatedSource: { component: "kubelet", host: "node-1" },
        deprecatedFirstTimestamp: "2024-05-01T10:00:00Z",
        deprecatedLastTimestamp: "2024-05-01T10:05:00Z",
        deprecatedCount: 7,
      },
      loc,
      { kind: "Event", apiVersion: "events.k8s.io/v1" },
    );
    expect(e).toMatchObject({
      apiGroup: "events.k8s.io",
      count: 7,
      reportingComponent: "kubelet",
      host: "node-1",
      time: Date.UTC(2024, 4, 1, 10, 5, 0),
      firstTime: Date.UTC(2024, 4, 1, 10, 0, 0),
    });
  });

  it("takes the apiVersion from the enclosing list, else from the shape", () => {
    expect(normalizeEvent(new FieldReader(), { regarding: { name: "p" } }, loc)).toMatchObject({ apiGroup: "events.k8s.io" });
    expect(normalizeEvent(new FieldReader(), { involvedObject: { name: "p" } }, loc)).toMatchObject({ apiGroup: "core" });
    expect(normalizeEvent(new FieldReader(), { involvedObject: { name: "p" } }, loc, { kind: "Event", apiVersion: "v1" })).toMatchObject({
      apiGroup: "core",
    });
  });

  it("counts the highest of count, series.count and deprecatedCount", () => {
    expect(normalizeEvent(new FieldReader(), { ...CORE_PULLED, count: 5, series: { count: 9 } }, loc)).toMatchObject({ count: 9 });
    expect(normalizeEvent(new FieldReader(), { ...CORE_PULLED, count: 12, series: { count: 9 } }, loc)).toMatchObject({ count: 12 });
    // a series exists from the second occurrence on (older client-go started series.count at 1)
    expect(normalizeEvent(new FieldReader(), { ...CORE_PULLED, count: undefined, series: { count: 1 } }, loc)).toMatchObject({ count: 2 });
    expect(normalizeEvent(new FieldReader(), { ...CORE_PULLED, count: 0 }, loc)).toMatchObject({ count: 1 });
  });

  it("reads wrongly typed fields as absent", () => {
    const e = normalizeEvent(new FieldReader(), 
      {
        ...CORE_PULLED,
        count: "3",
        reason: 5,
        type: null,
        message: ["x"],
        source: "kubelet",
        involvedObject: { kind: 1, name: "p", uid: "", fieldPath: {} },
        metadata: "nope",
      },
      loc,
    );
    expect(e).toMatchObject({
      uid: null,
      name: null,
      count: 1,
      reason: null,
      type: null,
      message: null,
      reportingComponent: null,
      host: null,
      subject: { kind: null, uid: null, namespace: null, name: "p", fieldPath: null },
      time: Date.UTC(2021, 7, 3, 9, 18, 52), // metadata unreadable: no name suffix
    });
  });

  it("reports a problem only when the event names no object", () => {
    expect(normalizeEvent(new FieldReader(), { reason: "Pulled", message: "x" }, loc)).toEqual({ missing: "involvedObject" });
    expect(normalizeEvent(new FieldReader(), { involvedObject: "pod/x" }, loc)).toEqual({ missing: "involvedObject" });
    expect(normalizeEvent(new FieldReader(), { regarding: null }, loc, { kind: "Event", apiVersion: "events.k8s.io/v1" })).toEqual({ missing: "regarding" });
  });
});
