import { describe, expect, it } from "vitest";
import { envelope, pod, T0 } from "../helpers/pods.js";
import { reportOf } from "../helpers/report.js";

const sched = { type: "PodScheduled", status: "True", at: 1 };
const notReady = { type: "Ready", status: "False", at: 1, reason: "ContainersNotReady" };

describe("failure reasons from pod records", () => {
  it("counts CrashLoopBackOff once per entry and each OOMKilled termination once, whether in state or lastState", () => {
    const oom = (n: number) => ({ terminated: "OOMKilled", exitCode: 137, started: 10 * n, finished: 10 * n + 5, id: `c${n}` });
    const r = reportOf([
      envelope("ADDED", pod({ rv: 1, phase: "Running", node: "n", conditions: [sched], statuses: [{ name: "app", state: { running: 2 } }] })),
      envelope("MODIFIED", pod({ rv: 2, phase: "Running", conditions: [sched, notReady], statuses: [{ name: "app", state: oom(1) }] })),
      envelope("MODIFIED", pod({ rv: 3, phase: "Running", managed: 16, conditions: [sched, notReady], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff", message: "back-off 10s" }, last: oom(1), restarts: 1 }] })),
      envelope("MODIFIED", pod({ rv: 4, phase: "Running", managed: 17, conditions: [sched, notReady], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff", message: "back-off 10s" }, last: oom(1), restarts: 1 }] })),
      envelope("MODIFIED", pod({ rv: 5, phase: "Running", conditions: [sched, notReady], statuses: [{ name: "app", state: { running: 20 }, last: oom(1), restarts: 1 }] })),
      envelope("MODIFIED", pod({ rv: 6, phase: "Running", managed: 30, conditions: [sched, notReady], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff", message: "back-off 20s" }, last: oom(2), restarts: 2 }] })),
    ]);
    const p = r.pods[0]!;
    const byReason = Object.fromEntries(p.failures.map((f) => [f.reason, f]));
    expect(byReason["OOMKilled"]).toMatchObject({ count: 2, container: "app", category: "runtime", exitCodes: [137] });
    expect(byReason["CrashLoopBackOff"]).toMatchObject({ count: 2, container: "app", message: "back-off 20s", firstSeen: T0 + 16000, lastSeen: T0 + 30000 });
    expect(p.containers[0]).toMatchObject({ name: "app", restarts: 2, restartReasons: [{ reason: "OOMKilled", exitCode: 137, count: 2 }] });
    expect(p.outcome).toBe("Running");
    expect(p.stuckIn).toBe("CrashLoopBackOff");
    expect(r.summary.failures.map((f) => [f.reason, f.pods, f.occurrences])).toEqual([
      ["CrashLoopBackOff", 1, 2],
      ["OOMKilled", 1, 2],
    ]);
  });

  it("reports an unschedulable pod stuck in Unschedulable, counted once across retries", () => {
    const unsched = (rv: number, msg: string) =>
      envelope("MODIFIED", pod({ rv, conditions: [{ type: "PodScheduled", status: "False", at: 1, reason: "Unschedulable", message: msg }] }));
    const r = reportOf([envelope("ADDED", pod({ rv: 1 })), unsched(2, "0/3 nodes are available: 3 Insufficient cpu."), unsched(3, "0/4 nodes are available: 4 Insufficient cpu.")]);
    const p = r.pods[0]!;
    expect(p.outcome).toBe("Pending");
    expect(p.stuckIn).toBe("Unschedulable");
    expect(p.failures).toEqual([
      expect.objectContaining({ reason: "Unschedulable", category: "scheduling", container: null, count: 1, message: "0/4 nodes are available: 4 Insufficient cpu." }),
    ]);
    expect(p.durationsMs.scheduling).toBeNull();
  });

  it("prefers a failing waiting reason over progress, init containers first", () => {
    const r = reportOf([
      envelope(
        "ADDED",
        pod({
          rv: 1,
          node: "n",
          containers: [{ name: "setup", init: true }, { name: "app" }],
          conditions: [sched, { type: "Initialized", status: "False", at: 1, reason: "ContainersNotInitialized" }, notReady],
          statuses: [
            { name: "setup", init: true, state: { waiting: "ImagePullBackOff" } },
            { name: "app", state: { waiting: "PodInitializing" } },
          ],
        }),
      ),
    ]);
    expect(r.pods[0]!.stuckIn).toBe("ImagePullBackOff");
    expect(r.pods[0]!.failures.map((f) => [f.reason, f.container, f.category])).toEqual([["ImagePullBackOff", "setup", "image"]]);
  });

  it("keeps an eviction with its message and the terminated containers' exit codes", () => {
    const r = reportOf([
      envelope("ADDED", pod({ rv: 1, phase: "Running", node: "n", conditions: [sched], statuses: [{ name: "app", state: { running: 2 } }] })),
      envelope(
        "MODIFIED",
        pod({
          rv: 2,
          phase: "Failed",
          reason: "Evicted",
          message: "The node was low on resource: memory.",
          managed: 60,
          conditions: [sched, { type: "DisruptionTarget", status: "True", at: 59, reason: "TerminationByKubelet" }],
          statuses: [{ name: "app", state: { terminated: "Error", exitCode: 137, started: 2, finished: 60 } }],
        }),
      ),
    ]);
    const p = r.pods[0]!;
    expect(p.outcome).toBe("Failed");
    expect(p.timestamps.finished).toBe(T0 + 60000);
    expect(p.failures.map((f) => [f.reason, f.count, f.container])).toEqual([
      ["TerminationByKubelet", 1, null],
      ["Error", 1, "app"],
      ["Evicted", 1, null],
    ]);
    expect(p.failures.find((f) => f.reason === "Evicted")!.message).toBe("The node was low on resource: memory.");
  });

  it("marks a deleted pod Deleted with its deletion time, typed or from kubectl's untyped stream", () => {
    const running = pod({ rv: 1, phase: "Running", node: "n", conditions: [sched], statuses: [{ name: "app", state: { running: 2 } }] });
    const terminating = pod({ rv: 2, phase: "Running", deleted: 90, statuses: [{ name: "app", state: { terminated: "Completed", exitCode: 0, started: 2, finished: 61 } }] });
    const typed = reportOf([envelope("ADDED", running), envelope("MODIFIED", terminating), envelope("DELETED", { ...terminating, metadata: { ...(terminating["metadata"] as object), resourceVersion: "3" } })]);
    // kubectl get -w without event types prints the object as last stored: the kubelet's final delete set its grace period to 0.
    const final = pod({ rv: 3, phase: "Running", deleted: 60, grace: 0, statuses: [{ name: "app", state: { terminated: "Completed", exitCode: 0, started: 2, finished: 61 } }] });
    const untyped = reportOf([running, terminating, final]);
    for (const r of [typed, untyped]) {
      expect(r.pods[0]!.outcome).toBe("Deleted");
      // Requested at 60 (the 90 s deadline minus the 30 s grace period); last shown existing at 61, when the container ended.
      expect(r.pods[0]!.timestamps.deletionRequested).toBe(T0 + 60000);
      expect(r.pods[0]!.timestamps.deleted).toBe(T0 + 61000);
      expect(r.pods[0]!.failures).toEqual([]);
    }
  });

  it("treats a pod recreated under the same name as a second pod", () => {
    const r = reportOf([
      envelope("ADDED", pod({ rv: 1, name: "db-0", uid: "11111111-1111-4111-8111-111111111111", created: 0 })),
      envelope("DELETED", pod({ rv: 2, name: "db-0", uid: "11111111-1111-4111-8111-111111111111", created: 0, deleted: 5 })),
      envelope("ADDED", pod({ rv: 3, name: "db-0", uid: "22222222-2222-4222-8222-222222222222", created: 6 })),
    ]);
    expect(r.pods.map((p) => [p.uid, p.outcome])).toEqual([
      ["11111111-1111-4111-8111-111111111111", "Deleted"],
      ["22222222-2222-4222-8222-222222222222", "Pending"],
    ]);
  });

  it("reports a failed Job pod's exit code and never a stuckIn", () => {
    const r = reportOf([
      envelope("ADDED", pod({ rv: 1, phase: "Pending", owner: { kind: "Job", name: "backup" } })),
      envelope("MODIFIED", pod({ rv: 2, phase: "Failed", node: "n", conditions: [sched], statuses: [{ name: "app", state: { terminated: "Error", exitCode: 5, started: 3, finished: 9 } }] })),
    ]);
    const p = r.pods[0]!;
    expect(p.owner).toBe("Job/backup");
    expect(p.outcome).toBe("Failed");
    expect(p.stuckIn).toBeNull();
    // Never seen running (Pending, then Failed), but its only run's start is in state.terminated.
    expect(p.timestamps.containersStarted).toBe(T0 + 3000);
    expect(p.containers[0]!.firstStartedAt).toBe(T0 + 3000);
    expect(p.phases).toEqual([
      { phase: "Pending", at: T0 },
      { phase: "Failed", at: T0 + 9000 },
    ]);
    expect(p.failures.map((f) => [f.reason, f.exitCodes])).toEqual([["Error", [5]]]);
  });
});
