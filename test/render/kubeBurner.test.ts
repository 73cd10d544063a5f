import { describe, expect, it } from "vitest";
import { kubeBurnerDocuments } from "../../src/render/kubeBurner.js";
import { clusterloader2PerfData } from "../../src/render/clusterloader2.js";
import { envelope, pod } from "../helpers/pods.js";
import { reportOf } from "../helpers/report.js";

/**
 * A pod watched from creation to Ready in `readyAt` seconds, labelled as
 * kube-burner 1.x labels what it creates (or not at all).
 */
function run(name: string, uid: string, readyAt: number | null, labels: Record<string, string>) {
  const node = "ip-10-0-1-1.ec2.internal";
  const added = pod({ name, uid, rv: 1, created: 0, phase: "Pending" });
  const scheduled = pod({ name, uid, rv: 2, created: 0, phase: "Pending", node, conditions: [{ type: "PodScheduled", status: "True", at: 1 }] });
  const records = [added, scheduled];
  if (readyAt !== null) {
    records.push(
      pod({
        name,
        uid,
        rv: 3,
        created: 0,
        phase: "Running",
        node,
        conditions: [
          { type: "PodScheduled", status: "True", at: 1 },
          { type: "Initialized", status: "True", at: 1 },
          { type: "ContainersReady", status: "True", at: readyAt },
          { type: "Ready", status: "True", at: readyAt },
        ],
        statuses: [{ name: "app", state: { running: 2 }, ready: true }],
      }),
    );
  }
  for (const r of records) (r["metadata"] as Record<string, unknown>)["labels"] = labels;
  return records.map((r, i) => envelope(i === 0 ? "ADDED" : "MODIFIED", r));
}

const job = (uuid: string, name: string, iteration: string, replica: string) => ({
  "kube-burner.io/uuid": uuid,
  "kube-burner.io/job": name,
  "kube-burner.io/job-iteration": iteration,
  "kube-burner.io/replica": replica,
});

describe("-o kube-burner documents", () => {
  const report = reportOf([
    ...run("density-1", "u-1", 3, job("run-a", "density", "0", "1")),
    ...run("density-2", "u-2", 5, job("run-a", "density", "1", "2")),
    ...run("churn-1", "u-3", 4, job("run-a", "churn", "0", "1")),
    ...run("stuck-1", "u-4", null, job("run-a", "density", "2", "3")),
    ...run("bare-1", "u-5", 2, {}),
  ]);
  const docs = kubeBurnerDocuments(report);
  const pods = docs.filter((d) => d["metricName"] === "podLatencyMeasurement");
  const quantiles = docs.filter((d) => d["metricName"] === "podLatencyQuantilesMeasurement");

  it("has one document per ready pod, with the run's identity from kube-burner's labels", () => {
    expect(pods.map((d) => d["podName"]).sort()).toEqual(["bare-1", "churn-1", "density-1", "density-2"]);
    expect(pods.find((d) => d["podName"] === "density-2")).toMatchObject({ uuid: "run-a", jobName: "density", jobIteration: 1, replica: 2, podReadyLatency: 5000, schedulingLatency: 1000, initializedLatency: 1000 });
    // No labels: the identity a capture cannot give is empty, not made up.
    expect(pods.find((d) => d["podName"] === "bare-1")).toMatchObject({ uuid: "", jobName: "", jobIteration: 0, replica: 0 });
    // The PodReadyToStartContainers condition never appeared: null, where kube-burner would write 0.
    expect(pods.find((d) => d["podName"] === "density-1")!["readyToStartContainersLatency"]).toBeNull();
  });

  it("has the quantiles of each condition per run and job, over that job's ready pods, nearest rank", () => {
    const ready = quantiles.filter((d) => d["quantileName"] === "Ready").map((d) => [d["uuid"], d["jobName"], d["P50"], d["P99"], d["max"], d["avg"]]);
    expect(ready).toEqual([
      ["", "", 2000, 2000, 2000, 2000],
      ["run-a", "churn", 4000, 4000, 4000, 4000],
      ["run-a", "density", 3000, 5000, 5000, 4000],
    ]);
    expect(quantiles.some((d) => d["quantileName"] === "PodReadyToStartContainers")).toBe(false);
  });

  it("and clusterloader2's PerfData takes the same nearest-rank figures", () => {
    const perf = clusterloader2PerfData(report);
    const schedule = perf.dataItems.find((i) => i.labels["Metric"] === "create_to_schedule")!;
    expect(schedule.data).toEqual({ Perc50: 1000, Perc90: 1000, Perc99: 1000 });
    expect(perf.dataItems.map((i) => i.labels["Metric"])).toEqual(["create_to_schedule", "schedule_to_run", "schedule_to_watch", "create_to_run", "pod_startup"]);
  });
});
