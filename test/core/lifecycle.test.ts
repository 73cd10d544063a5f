import { describe, expect, it } from "vitest";
import { envelope, pod, T0 } from "../helpers/pods.js";
import { reportOf } from "../helpers/report.js";

const scheduled = { type: "PodScheduled", status: "True", at: 1 };
const busybox = [
  envelope("ADDED", pod({ rv: 100, phase: "Pending" })),
  envelope("MODIFIED", pod({ rv: 101, phase: "Pending", node: "node-a", conditions: [scheduled] })),
  envelope(
    "MODIFIED",
    pod({
      rv: 102,
      phase: "Pending",
      node: "node-a",
      conditions: [
        { type: "PodReadyToStartContainers", status: "False", at: 1 },
        { type: "Initialized", status: "True", at: 1 },
        { type: "Ready", status: "False", at: 1, reason: "ContainersNotReady", message: "containers with unready status: [app]" },
        scheduled,
      ],
      statuses: [{ name: "app", state: { waiting: "ContainerCreating" } }],
    }),
  ),
  envelope(
    "MODIFIED",
    pod({
      rv: 103,
      phase: "Running",
      node: "node-a",
      conditions: [
        { type: "PodReadyToStartContainers", status: "True", at: 3 },
        { type: "Initialized", status: "True", at: 1 },
        { type: "Ready", status: "True", at: 5 },
        scheduled,
      ],
      statuses: [{ name: "app", state: { running: 4 }, ready: true }],
    }),
  ),
];

describe("a pod's start-up from its watch records", () => {
  const report = reportOf(busybox);
  const p = report.pods[0]!;

  it("rebuilds timestamps, stages and outcome", () => {
    expect(report.pods).toHaveLength(1);
    expect(p.timestamps).toEqual({
      created: T0,
      scheduled: T0 + 1000,
      sandboxReady: T0 + 3000,
      initialized: T0 + 1000,
      containersStarted: T0 + 4000,
      containersReady: null,
      ready: T0 + 5000,
      finished: null,
      deletionRequested: null,
      deleted: null,
    });
    expect(p.durationsMs).toEqual({
      scheduling: 1000,
      imagePull: null,
      containerStart: null,
      scheduledToRunning: 3000,
      readiness: 1000,
      startup: 5000,
      startupSLI: null,
      createdToSandboxReady: 3000,
      createdToInitialized: 1000,
      createdToContainersStarted: 4000,
      createdToContainersReady: null,
    });
    expect(p.outcome).toBe("Ready");
    expect(p.stuckIn).toBeNull();
    expect(p.partial).toBe(false);
    expect(p.node).toBe("node-a");
  });

  it("lists phases with their evidence and each condition transition once", () => {
    expect(p.phases).toEqual([
      { phase: "Pending", at: T0 },
      { phase: "Running", at: T0 + 4000 },
    ]);
    expect(p.conditions.map((c) => `${c.type}=${c.status}`)).toEqual([
      "PodScheduled=True",
      "PodReadyToStartContainers=False",
      "Initialized=True",
      "Ready=False",
      "PodReadyToStartContainers=True",
      "Ready=True",
    ]);
    expect(p.failures).toEqual([]);
  });

  it("gives the same history whatever order the records arrive in", () => {
    const shuffled = reportOf([busybox[3], busybox[1], busybox[0], busybox[2]]);
    expect(shuffled.pods).toEqual(report.pods);
  });

  it("counts a relisted record as a duplicate and applies it once", () => {
    const again = reportOf({ "a.jsonl": busybox, "b.jsonl": busybox.slice(1, 3) });
    expect(again.totals.duplicates).toBe(2);
    expect(again.pods).toEqual(report.pods);
  });

  it("reads kubectl get -w output without event types the same way", () => {
    const untyped = reportOf(busybox.map((e) => (e as { object: unknown }).object));
    expect(untyped.pods).toEqual(report.pods);
  });

  it("flags a pod first seen already running as partial, keeping the figures it can and bounding the rest", () => {
    const late = reportOf([busybox[3]]);
    const p = late.pods[0]!;
    expect(p.partial).toBe(true);
    // PodScheduled is never rewritten and the container's only run is in the record: measured.
    expect(p.durationsMs).toMatchObject({ scheduling: 1000, scheduledToRunning: 3000 });
    // Ready and the sandbox were already True: a later flip may have rewritten their times.
    expect(p.timestamps).toMatchObject({ ready: null, sandboxReady: null, initialized: null });
    expect(p.notAfter).toEqual({ sandboxReady: T0 + 3000, initialized: T0 + 1000, ready: T0 + 5000 });
    expect(p.durationsMs).toMatchObject({ startup: null, readiness: null });
    expect(p.boundsMs).toEqual({ startup: { atMost: 5000 }, readiness: { atMost: 1000 }, createdToSandboxReady: { atMost: 3000 }, createdToInitialized: { atMost: 1000 } });
    expect(p.phases).toEqual([{ phase: "Running", at: T0 + 4000 }]);
    expect(late.summary.stages.startup).toMatchObject({ count: 0, leftOut: 1 });
  });

  it("keeps a flip that arrives late from another file (overlapping captures)", () => {
    const ready = (rv: number, status: string, at: number) =>
      envelope("MODIFIED", pod({ rv, phase: "Running", node: "node-a", conditions: [scheduled, { type: "Ready", status, at }], statuses: [{ name: "app", state: { running: 4 }, ready: status === "True" }] }));
    // File a saw versions 10 and 12 (identical); file b saw the flip at 11 in between.
    const r = reportOf({ "a.jsonl": [ready(10, "True", 5), ready(12, "True", 5)], "b.jsonl": [ready(11, "False", 8)] });
    expect(r.pods[0]!.conditions.filter((c) => c.type === "Ready").map((c) => c.status)).toEqual(["True", "False", "True"]);
    expect(r.pods[0]!.observations).toBe(3);
  });
});
