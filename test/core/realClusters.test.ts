import { describe, expect, it } from "vitest";
import { envelope, pod, T0 } from "../helpers/pods.js";
import { reportOf } from "../helpers/report.js";

/** Shapes seen on real clusters that the figures must survive (docs/real-clusters.md). */

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
    expect(p.boundsMs).toEqual({ startup: { atMost: 100_000_000 }, readiness: { atMost: 99_995_000 } });
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
      const capture = new Reconstruction();
      const stats = { name: "c.jsonl", records: 0, skipped: 0, duplicates: 0, warnings: 0 };
      values.forEach((v, i) => capture.apply(normalizeValue(v, { input: "c.jsonl", line: i + 1 }, null), stats));
      capture.closeInput(stats);
      return buildReport(capture.finish(), [{ name: "c.jsonl", format: "watch-jsonl", records: stats.records, skipped: 0, duplicates: 0, bytes: 0 }], { includePartial });
    };
    const measured = build(false);
    expect(measured.summary.includePartial).toBe(false);
    expect(measured.summary.stages.startup).toMatchObject({ count: 1, p99: 9000, max: 9000, leftOut: 1 });
    const all = build(true);
    expect(all.summary.includePartial).toBe(true);
    expect(all.summary.stages.startup).toMatchObject({ count: 2, p99: 100_000_000, leftOut: 0 });
  });
});
