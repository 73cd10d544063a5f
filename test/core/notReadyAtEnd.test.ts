import { describe, expect, it } from "vitest";
import { envelope, pod, podEvent, T0 } from "../helpers/pods.js";
import { reportOf } from "../helpers/report.js";
import { notReadyPods } from "../../src/render/notReady.js";

const sched = { type: "PodScheduled", status: "True", at: 1 };
const ready = (s: number) => ({ type: "Ready", status: "True", at: s });
const notReady = (s: number) => ({ type: "Ready", status: "False", at: s, reason: "ContainersNotReady", message: "containers with unready status: [app]" });

describe("what was broken when the capture ended (notReadyAtEnd)", () => {
  it("lists a pod that was Ready and is crash-looping now, with the termination behind the back-off and its message", () => {
    const oom = { terminated: "OOMKilled", exitCode: 137, started: 20, finished: 30, id: "c1", message: "java.lang.OutOfMemoryError: Java heap space" };
    const r = reportOf([
      envelope("ADDED", pod({ rv: 1, phase: "Running", node: "n1", conditions: [sched, ready(5)], statuses: [{ name: "app", state: { running: 2 }, ready: true }] })),
      envelope("MODIFIED", pod({ rv: 2, phase: "Running", node: "n1", conditions: [sched, notReady(30)], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff", message: "back-off 10s restarting failed container=app" }, last: oom, restarts: 1 }] })),
    ]);
    const p = r.pods[0]!;
    // stuckIn leaves once-Ready pods out; notReadyAtEnd does not.
    expect(p.stuckIn).toBeNull();
    expect(p.notReadyAtEnd).toEqual({
      reason: "CrashLoopBackOff",
      container: "app",
      message: "back-off 10s restarting failed container=app",
      exitCode: null,
      since: T0 + 30_000,
      wasReady: true,
      cause: { reason: "OOMKilled", container: "app", message: "java.lang.OutOfMemoryError: Java heap space", exitCode: 137, at: T0 + 30_000 },
    });
  });

  it("gives the scheduler's message for an unschedulable pod, and the pull error behind ImagePullBackOff", () => {
    const unschedulable = reportOf([
      envelope("ADDED", pod({ rv: 1, conditions: [{ type: "PodScheduled", status: "False", at: 2, reason: "Unschedulable", message: "0/4 nodes are available: 3 Insufficient cpu." }] })),
    ]).pods[0]!;
    expect(unschedulable.notReadyAtEnd).toMatchObject({ reason: "Unschedulable", container: null, message: "0/4 nodes are available: 3 Insufficient cpu.", since: T0 + 2000, wasReady: false, cause: null });

    const pulling = pod({ rv: 2, node: "n1", conditions: [sched, notReady(1)], statuses: [{ name: "app", state: { waiting: "ErrImagePull", message: "manifest for nginx:1.99 not found" } }] });
    const backOff = pod({ rv: 3, node: "n1", conditions: [sched, notReady(1)], statuses: [{ name: "app", state: { waiting: "ImagePullBackOff", message: 'Back-off pulling image "nginx:1.99"' } }] });
    const r = reportOf({
      "pods.jsonl": [envelope("ADDED", pod({ rv: 1 })), envelope("MODIFIED", pulling), envelope("MODIFIED", backOff)],
      "events.jsonl": [
        envelope("ADDED", podEvent({ reason: "Failed", message: "Error: ImagePullBackOff", s: 20, container: "app" })),
        envelope("ADDED", podEvent({ reason: "BackOff", type: "Normal", message: 'Back-off pulling image "nginx:1.99"', s: 21, container: "app" })),
      ],
    });
    expect(r.pods[0]!.notReadyAtEnd).toMatchObject({
      reason: "ImagePullBackOff",
      container: "app",
      message: 'Back-off pulling image "nginx:1.99"',
      cause: { reason: "ErrImagePull", container: "app", message: "manifest for nginx:1.99 not found" },
    });
  });

  it("names the failing probe behind a running pod that is not ready, and the termination message of a failed Job pod", () => {
    const r = reportOf({
      "pods.jsonl": [
        envelope("ADDED", pod({ rv: 1, phase: "Running", node: "n1", conditions: [sched, notReady(3)], statuses: [{ name: "app", state: { running: 2 }, ready: false }] })),
      ],
      "events.jsonl": [envelope("ADDED", podEvent({ reason: "Unhealthy", message: "Readiness probe failed: HTTP probe failed with statuscode: 503", s: 10, container: "app", count: 6 }))],
    });
    expect(r.pods[0]!.notReadyAtEnd).toMatchObject({
      reason: "ContainersNotReady",
      container: "app",
      message: "containers with unready status: [app]",
      cause: { reason: "Unhealthy", message: "Readiness probe failed: HTTP probe failed with statuscode: 503" },
    });

    const job = reportOf([
      envelope("ADDED", pod({ rv: 1, phase: "Failed", node: "n1", conditions: [sched, notReady(9)], statuses: [{ name: "app", state: { terminated: "Error", exitCode: 3, started: 2, finished: 9, message: "relation refunds already exists\n" } }] })),
    ]).pods[0]!;
    expect(job.notReadyAtEnd).toMatchObject({ reason: "Error", container: "app", message: "relation refunds already exists\n", exitCode: 3, cause: null });
  });

  it("leaves out pods that are Ready, Succeeded, deleted or being deleted", () => {
    const outcome = (spec: Parameters<typeof pod>[0], type = "ADDED") => reportOf([envelope(type, pod(spec))]).pods[0]!;
    expect(outcome({ rv: 1, phase: "Running", conditions: [sched, ready(3)], statuses: [{ name: "app", state: { running: 2 }, ready: true }] }).notReadyAtEnd).toBeNull();
    expect(outcome({ rv: 1, phase: "Succeeded", statuses: [{ name: "app", state: { terminated: "Completed", exitCode: 0, started: 1, finished: 2 } }] }).notReadyAtEnd).toBeNull();
    expect(outcome({ rv: 1, phase: "Running", deleted: 60, conditions: [sched, notReady(3)] }).notReadyAtEnd).toBeNull();
    expect(outcome({ rv: 1, phase: "Pending" }, "DELETED").notReadyAtEnd).toBeNull();
  });

  it("orders the list by how many pods share a reason, then reason and name", () => {
    const unsched = (name: string, uid: string, rv: number) =>
      envelope("ADDED", pod({ name, uid, rv, conditions: [{ type: "PodScheduled", status: "False", at: 1, reason: "Unschedulable", message: "no" }] }));
    const crash = envelope("ADDED", pod({ name: "a-crash", uid: "u-c", rv: 9, phase: "Running", conditions: [sched, notReady(3)], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff" } }] }));
    const r = reportOf([crash, unsched("z-web", "u-z", 2), unsched("b-web", "u-b", 3)]);
    expect(notReadyPods(r).map((p) => `${p.name} ${p.notReadyAtEnd.reason}`)).toEqual(["b-web Unschedulable", "z-web Unschedulable", "a-crash CrashLoopBackOff"]);
  });
});
