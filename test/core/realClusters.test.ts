import type { JsonValue } from "../../src/decode/types.js";
import { describe, expect, it } from "vitest";
import { envelope, pod, T0 } from "../helpers/pods.js";
import { reportOf } from "../helpers/report.js";

/** Shapes seen on real clusters that the figures must survive (docs/spec.md §3.6 to §3.9, §4, §5, §6.5, §6.8, §10, §11). */

const sched = { type: "PodScheduled", status: "True", at: 1 };

describe("a container's first start is its first run's, wherever the records show it", () => {
  const crashedOnce = (restarts: number) =>
    pod({
      rv: 3,
      phase: "Running",
      node: "n",
      conditions: [sched],
      statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff" }, last: { terminated: "Error", exitCode: 1, started: 4, finished: 6 }, restarts }],
    });

  it("takes lastState.terminated while restartCount says it was the first run", () => {
    const r = reportOf([envelope("ADDED", pod({ rv: 1 })), envelope("MODIFIED", crashedOnce(1))]);
    const p = r.pods[0]!;
    expect(p.containers[0]!.firstStartedAt).toBe(T0 + 4000);
    expect(p.timestamps.containersStarted).toBe(T0 + 4000);
    expect(p.durationsMs.scheduledToRunning).toBe(3000);
  });

  it("leaves it unknown when the first run is in no record", () => {
    const r = reportOf([envelope("ADDED", pod({ rv: 1 })), envelope("MODIFIED", crashedOnce(2))]);
    const p = r.pods[0]!;
    expect(p.containers[0]!.firstStartedAt).toBeNull();
    expect(p.timestamps.containersStarted).toBeNull();
    expect(p.containers[0]!.restarts).toBe(2);
  });

  it("keeps the earliest start of the first run over all records", () => {
    const running = pod({ rv: 2, phase: "Running", node: "n", conditions: [sched], statuses: [{ name: "app", state: { running: 4 } }] });
    const r = reportOf([envelope("ADDED", pod({ rv: 1 })), envelope("MODIFIED", running), envelope("MODIFIED", crashedOnce(1))]);
    expect(r.pods[0]!.timestamps.containersStarted).toBe(T0 + 4000);
  });
});

describe("a figure resting on a transition the capture did not see is a bound, not a measurement", () => {
  const readyBeforeCapture = pod({
    uid: "u-late",
    name: "late",
    rv: 9,
    created: 0,
    phase: "Running",
    node: "n",
    conditions: [sched, { type: "Initialized", status: "True", at: 1 }, { type: "Ready", status: "True", at: 100_000 }],
    statuses: [{ name: "app", state: { running: 5 }, ready: true }],
  });
  const seenFromCreation = [
    envelope("ADDED", pod({ uid: "u-new", name: "new", rv: 10, created: 0 })),
    envelope("MODIFIED", pod({ uid: "u-new", name: "new", rv: 11, created: 0, phase: "Running", node: "n", conditions: [sched, { type: "Ready", status: "False", at: 2 }], statuses: [{ name: "app", state: { running: 4 } }] })),
    envelope("MODIFIED", pod({ uid: "u-new", name: "new", rv: 12, created: 0, phase: "Running", node: "n", conditions: [sched, { type: "Ready", status: "True", at: 9 }], statuses: [{ name: "app", state: { running: 4 }, ready: true }] })),
  ];

  it("keeps the pod's measured figures and bounds the others", () => {
    const p = reportOf([envelope("ADDED", readyBeforeCapture)]).pods[0]!;
    expect(p.durationsMs).toMatchObject({ scheduling: 1000, scheduledToRunning: 4000, startup: null, readiness: null });
    expect(p.notAfter).toEqual({ initialized: T0 + 1000, ready: T0 + 100_000_000 });
    expect(p.boundsMs).toEqual({ startup: { atMost: 100_000_000 }, readiness: { atMost: 99_995_000 }, createdToInitialized: { atMost: 1000 } });
  });

  it("measures a transition seen from False to True, even in a pod first seen past Pending", () => {
    const r = reportOf(seenFromCreation.slice(1));
    expect(r.pods[0]!.partial).toBe(true);
    expect(r.pods[0]!.durationsMs.startup).toBe(9000);
  });

  it("summarizes measured figures by default, counting what it left out; includePartial counts the bounds", async () => {
    const { buildReport } = await import("../../src/report.js");
    const { normalizeValue } = await import("../../src/normalize/normalizeValue.js");
    const { Reconstruction } = await import("../../src/reconstruct/reconstruction.js");
    const values = [envelope("ADDED", readyBeforeCapture), ...seenFromCreation];
    const build = (includePartial: boolean) => {
      const reconstruction = new Reconstruction();
      const tally = reconstruction.input("c.jsonl");
      tally.format = "watch-jsonl";
      for (const [i, v] of values.entries()) reconstruction.apply(normalizeValue(v as JsonValue, { input: "c.jsonl", line: i + 1 }, null), tally);
      return buildReport(reconstruction.finish(), { includePartial });
    };
    const measured = build(false);
    expect(measured.summary.includePartial).toBe(false);
    expect(measured.summary.stages.startup).toMatchObject({ count: 1, p99: 9000, max: 9000, leftOut: 1 });
    const all = build(true);
    expect(all.summary.includePartial).toBe(true);
    expect(all.summary.stages.startup).toMatchObject({ count: 2, p99: 100_000_000, leftOut: 0 });
  });
});

describe("a PodScheduled later than the pod's start was written by the kubelet, not the scheduler", () => {
  // A DaemonSet pod before 1.12: created with its node; the kubelet adds PodScheduled with its Ready status.
  const ds = (rv: number, extra: object) => pod({ uid: "u-ds", name: "agent-x1", rv, created: 0, node: "n", owner: { kind: "DaemonSet", name: "agent" }, ...extra });
  const readyLate = { phase: "Running", started: 4, conditions: [{ type: "Ready", status: "True", at: 70 }, { type: "PodScheduled", status: "True", at: 70 }], statuses: [{ name: "app", state: { running: 6 }, ready: true }] };
  const kubeletEvent = (reason: string, at: string) => ({
    kind: "Event",
    apiVersion: "v1",
    metadata: { name: `agent-x1.${reason}`, namespace: "shop", uid: `e-${reason}`, resourceVersion: "50" },
    involvedObject: { kind: "Pod", namespace: "shop", name: "agent-x1", uid: "u-ds", apiVersion: "v1" },
    reason,
    message: "Successfully assigned shop/agent-x1 to n",
    source: { component: "default-scheduler" },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: "Normal",
  });

  it("takes the creation when the first record is the creation and already names the node", () => {
    const r = reportOf([envelope("ADDED", ds(1, {})), envelope("MODIFIED", ds(2, readyLate))]);
    const p = r.pods[0]!;
    expect(p.timestamps.scheduled).toBe(T0);
    expect(p.durationsMs).toMatchObject({ scheduling: 0, scheduledToRunning: 6000, startup: 70_000 });
    expect(r.warnings.map((w) => w.message)).toEqual([
      "pod shop/agent-x1: PodScheduled=True at 2024-05-01T10:01:10Z is after the pod's status.startTime (2024-05-01T10:00:04Z): written by the kubelet, not the scheduler; the pod was created with its node, so scheduled is its creation",
    ]);
  });

  it("takes the Scheduled event when it is not later than the start", () => {
    const r = reportOf([envelope("ADDED", ds(2, readyLate)), kubeletEvent("Scheduled", "2024-05-01T10:00:02Z")]);
    expect(r.pods[0]!.timestamps.scheduled).toBe(T0 + 2000);
    expect(r.pods[0]!.durationsMs.scheduling).toBe(2000);
  });

  it("leaves scheduled unknown and bounds scheduling by the start when nothing else tells", () => {
    const r = reportOf([envelope("ADDED", ds(2, readyLate))]);
    const p = r.pods[0]!;
    expect(p.timestamps.scheduled).toBeNull();
    expect(p.notAfter.scheduled).toBe(T0 + 4000);
    expect(p.durationsMs.scheduling).toBeNull();
    expect(p.boundsMs).toMatchObject({ scheduling: { atMost: 4000 }, scheduledToRunning: { atLeast: 2000 } });
    expect(r.warnings[0]!.message).toContain("scheduled is unknown and scheduling at most the time up to that start");
  });

  it("keeps a PodScheduled no later than the start, and leaves static pods alone", () => {
    const fine = reportOf([envelope("ADDED", ds(2, { ...readyLate, conditions: [{ type: "PodScheduled", status: "True", at: 3 }] }))]);
    expect(fine.pods[0]!.durationsMs.scheduling).toBe(3000);
    expect(fine.warnings).toEqual([]);
    const mirror = reportOf([envelope("ADDED", ds(2, { ...readyLate, owner: { kind: "Node", name: "n" } }))]);
    expect(mirror.pods[0]!.timestamps.scheduled).toBe(T0 + 70_000);
  });
});

describe("a pod whose deletion was requested and not seen to finish is Terminating", () => {
  const ended = (extra: object) =>
    pod({ rv: 5, phase: "Failed", node: "n", conditions: [sched], statuses: [{ name: "app", state: { terminated: "Error", exitCode: 1, started: 3, finished: 9 } }], ...extra });

  it("calls a List item being deleted Terminating, whatever its containers, and a finalizer what holds it", async () => {
    const { analyze } = await import("../../src/analyze.js");
    const list = { kind: "List", apiVersion: "v1", metadata: { resourceVersion: "" }, items: [ended({ deleted: 20, grace: 0, finalizers: ["foregroundDeletion"] })] };
    const source = { name: "pods-list.json", size: null, open: async function* () { yield Buffer.from(JSON.stringify(list)); } };
    const r = await analyze([source]);
    expect(r.pods[0]).toMatchObject({ outcome: "Terminating", stuckIn: null, terminating: { deadline: T0 + 20_000, finalizers: ["foregroundDeletion"] } });
    expect(r.pods[0]!.timestamps).toMatchObject({ deletionRequested: T0 + 20_000, deleted: null });
  });

  it("takes an untyped stream's last object for the deletion only when nothing holds it", () => {
    expect(reportOf([ended({ deleted: 20, grace: 0 })]).pods[0]!.outcome).toBe("Deleted");
    expect(reportOf([ended({ deleted: 20, grace: 0, finalizers: ["foregroundDeletion"] })]).pods[0]!.outcome).toBe("Terminating");
    // Its kubelet has not made its final delete (grace period still 30 s).
    expect(reportOf([ended({ deleted: 50, grace: 30 })]).pods[0]!.outcome).toBe("Terminating");
    // A DELETED event is the deletion, whatever it carries.
    expect(reportOf([envelope("DELETED", ended({ deleted: 50, grace: 30, finalizers: ["x"] }))]).pods[0]!.outcome).toBe("Deleted");
  });

  it("reads a grace period that names no writable request time as absent: negative, or reaching before year 0000", async () => {
    const { toJsonReport } = await import("../../src/render/json.js");
    // A fuzzed capture's grace period of 3.8e15 s put the request 120 million years back, and the JSON report threw.
    for (const grace of [3_771_770_072_081_283, Number.MAX_SAFE_INTEGER, -30]) {
      const r = reportOf([envelope("MODIFIED", ended({ deleted: 20, grace: 30 })), envelope("DELETED", ended({ rv: 6, deleted: 20, grace }))]);
      expect(r.pods[0]!.timestamps.deletionRequested, `grace ${grace}`).toBeNull();
      expect(r.pods[0]!.timestamps.deleted, `grace ${grace}`).toBe(T0 + 9_000);
      expect(() => toJsonReport(r)).not.toThrow();
    }
    // The longest grace period whose request falls in year 0000 is kept; one second more is not.
    const longest = Math.floor((T0 + 20_000 - Date.parse("0000-01-01T00:00:00Z")) / 1000);
    const kept = reportOf([envelope("DELETED", ended({ deleted: 20, grace: longest }))]);
    expect(kept.pods[0]!.timestamps.deletionRequested).toBe(T0 + 20_000 - longest * 1000);
    expect(toJsonReport(kept).pods[0]!.timestamps.deletionRequested).toMatch(/^0000-01-01T/);
    expect(reportOf([envelope("DELETED", ended({ deleted: 20, grace: longest + 1 }))]).pods[0]!.timestamps.deletionRequested).toBeNull();
  });

  it("lists it as stuck when the capture still shows it 5 minutes after its grace period, against the capture's end", () => {
    const later = envelope("ADDED", pod({ uid: "u-other", name: "other", rv: 9, created: 1000, phase: "Pending" }));
    const r = reportOf([envelope("MODIFIED", ended({ deleted: 20, grace: 30 })), later]);
    expect(r.span.end).toBe(T0 + 1_000_000);
    expect(r.pods.find((p) => p.name === "web-1")!.terminating).toEqual({ deadline: T0 + 20_000, finalizers: [] });
    expect(r.stuckTerminating).toEqual([{ namespace: "shop", name: "web-1", uid: "0b1a6c1e-4a59-4f55-9a52-7d1e3c1b2a01", deadline: T0 + 20_000, overdueMs: 980_000 }]);
    // The pod's own figures do not depend on the rest of the capture.
    expect(reportOf([envelope("MODIFIED", ended({ deleted: 20, grace: 30 }))]).pods[0]!.terminating).toEqual({ deadline: T0 + 20_000, finalizers: [] });
    expect(reportOf([envelope("MODIFIED", ended({ deleted: 20, grace: 30 }))]).stuckTerminating).toEqual([]);
  });
});

describe("an image pull counts for a container's first run only when it can have served it", () => {
  const pulled = (at: string, count = 1) => ({
    kind: "Event",
    apiVersion: "v1",
    metadata: { name: `web-1.pulled-${at}`, namespace: "shop", uid: `e-${at}`, resourceVersion: "70" },
    involvedObject: { kind: "Pod", namespace: "shop", name: "web-1", uid: "0b1a6c1e-4a59-4f55-9a52-7d1e3c1b2a01", apiVersion: "v1", fieldPath: "spec.containers{app}" },
    reason: "Pulled",
    message: 'Container image "nginx:1.27" already present on machine',
    source: { component: "kubelet", host: "n" },
    firstTimestamp: at,
    lastTimestamp: at,
    count,
    type: "Normal",
  });
  const restarted = pod({ rv: 8, phase: "Running", node: "n", conditions: [sched], statuses: [{ name: "app", state: { running: 3600 }, last: { terminated: "Unknown", exitCode: 255, started: 4, finished: 3500 }, restarts: 1 }] });

  it("leaves out a pull that came after the first start: it served a restart", () => {
    const r = reportOf([envelope("ADDED", restarted), pulled("2024-05-01T10:59:59Z")]);
    expect(r.pods[0]!.timestamps.containersStarted).toBe(T0 + 4000);
    expect(r.pods[0]!.durationsMs.imagePull).toBeNull();
    expect(r.pods[0]!.containers[0]!.cached).toBeNull();
  });

  it("keeps one that came before it, aggregated over later runs or not", () => {
    const r = reportOf([envelope("ADDED", restarted), pulled("2024-05-01T10:00:03Z", 2)]);
    expect(r.pods[0]!.durationsMs.imagePull).toBe(0);
    expect(r.pods[0]!.durationsMs.containerStart).toBe(3000);
  });
});

describe("stateless and stateful pods, as clusterloader2 splits them", () => {
  it("groups by storage: stateless, stateful, and (unknown) without a spec", async () => {
    const { summarizeGroups } = await import("../../src/summarize/groups.js");
    const r = reportOf([
      envelope("ADDED", pod({ uid: "u-a", name: "web", rv: 1, volumes: [{ name: "tmp", emptyDir: {} }, { name: "cfg", configMap: { name: "web" } }] })),
      envelope("ADDED", pod({ uid: "u-b", name: "db-0", rv: 2, volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data-db-0" } }] })),
      envelope("ADDED", pod({ uid: "u-c", name: "agent", rv: 3, volumes: [{ name: "logs", hostPath: { path: "/var/log" } }] })),
    ]);
    expect(r.pods.map((p) => [p.name, p.stateful])).toEqual([["agent", true], ["db-0", true], ["web", false]]);
    expect(summarizeGroups(r.pods, "storage").map((g) => [g.group, g.summary.pods])).toEqual([["stateful", 2], ["stateless", 1]]);
  });
});

describe("a node clock running behind does not pass for a kubelet-written PodScheduled", () => {
  const behind = (rv: number) =>
    pod({ rv, created: 10, node: "n", phase: "Running", started: 8, conditions: [{ type: "PodScheduled", status: "True", at: 11 }], statuses: [{ name: "app", state: { running: 11 } }] });

  it("keeps the condition when the pod's start is before its creation, and reports the skew", async () => {
    const r = reportOf([envelope("ADDED", pod({ rv: 1, created: 10 })), envelope("MODIFIED", behind(2))]);
    expect(r.pods[0]!.timestamps.scheduled).toBe(T0 + 11_000);
    expect(r.warnings.filter((w) => w.diagnostic.kind === "kubeletWrittenScheduled")).toEqual([]);
    expect(r.quality.checks.clockSkew).toMatchObject({ severity: "bad", count: 2, pods: 1 });
    expect(r.quality.checks.clockSkew.examples[0]).toMatchObject({ node: "n", ms: 3000 });
    expect(r.quality.verdict).toBe("unreliable");
  });
});

describe("capture quality", () => {
  it("finds nothing wrong in a capture that saw its pods from creation with their events", async () => {
    const { analyze } = await import("../../src/analyze.js");
    const r = await analyze(["samples/pods-and-events/input"]);
    expect(r.quality.verdict).toBe("reliable");
    expect(Object.values(r.quality.checks).every((c) => c.severity === "ok")).toBe(true);
  });

  it("counts missed restarts, rewritten condition times and records out of order, located", () => {
    const at = (rv: number, restarts: number, readyAt: number) =>
      pod({ rv, phase: "Running", node: "n", conditions: [sched, { type: "Ready", status: "True", at: readyAt }], statuses: [{ name: "app", state: { running: 5 }, restarts }] });
    const r = reportOf([envelope("ADDED", pod({ rv: 1 })), envelope("MODIFIED", at(5, 4, 90)), envelope("MODIFIED", at(3, 0, 6))]);
    expect(r.quality.checks.holes).toMatchObject({ severity: "warn", count: 3, pods: 1 });
    expect(r.quality.checks.rewrittenConditions).toMatchObject({ severity: "warn", count: 1 });
    expect(r.quality.checks.outOfOrder).toMatchObject({ severity: "info", count: 1 });
    expect(r.quality.checks.outOfOrder.examples[0]).toMatchObject({ input: "capture.jsonl", line: 3 });
  });
});
