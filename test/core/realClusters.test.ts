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
