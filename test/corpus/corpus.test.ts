import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { validateJsonReport } from "../../src/render/validateReport.js";
import { toJsonReport } from "../../src/render/json.js";
import { filesUnder } from "../helpers/files.js";

/** Real captures from public sources (../shared/corpus, see its PROVENANCE.md). */
const CORPUS = resolve("../shared/corpus");


const files = existsSync(CORPUS) ? filesUnder(CORPUS) : [];
const at = (path: string) => join(CORPUS, path);

describe.skipIf(files.length === 0)("the real captures of ../shared/corpus", () => {
  it.each(files.map((f) => [f.slice(CORPUS.length + 1), f]))("reads %s without a crash, into a schema-valid report", async (_name, path) => {
    const report = await analyze([path]);
    expect(validateJsonReport(JSON.parse(JSON.stringify(toJsonReport(report))))).toEqual([]);
    if (/\.(ya?ml|txt|md)$/.test(path)) {
      // Not a capture: nothing is applied; text is a located warning, stray JSON objects of no kind are skipped.
      expect(report.pods).toHaveLength(0);
      if (report.totals.records === 0) {
        expect(report.warnings.length).toBeGreaterThan(0);
        expect(report.warnings[0]!.line).not.toBeNull();
      } else {
        expect(report.totals.skipped).toBe(report.totals.records);
      }
    }
  });

  it("yields the 8 kube-system pods of the kind v1.36 initial-events watch and skips its BOOKMARK", async () => {
    const report = await analyze([at("k8s-openapi-test-replays/v1.36_kind_kube-system_watch_sendInitialEvents.raw.jsonl")]);
    expect(report.inputs[0]).toMatchObject({ format: "watch-jsonl", records: 9, skipped: 1 });
    expect(report.pods.map((p) => p.name).sort()).toEqual([
      "coredns-589f44dc88-4fpns",
      "coredns-589f44dc88-lxdzt",
      "etcd-v1.36-control-plane",
      "kindnet-4pxt7",
      "kube-apiserver-v1.36-control-plane",
      "kube-controller-manager-v1.36-control-plane",
      "kube-proxy-hsdvx",
      "kube-scheduler-v1.36-control-plane",
    ]);
    // The initial list shows pods already running: every one is partial, and Ready.
    expect(report.pods.every((p) => p.partial && p.outcome === "Ready")).toBe(true);
    expect(report.pods.find((p) => p.name === "coredns-589f44dc88-4fpns")!.owner).toBe("ReplicaSet/coredns-589f44dc88");
  });

  it("reads a raw API PodList whose items carry no kind: the Failed Job pod exits 5 with reason Error", async () => {
    const report = await analyze([at("k8s-openapi-test-replays/v1.36_kind_default_podlist_failed_job_pod.json")]);
    expect(report.inputs[0]!.format).toBe("list");
    const pod = report.pods[0]!;
    expect(pod).toMatchObject({ outcome: "Failed", partial: true, stuckIn: null });
    expect(pod.failures).toEqual([expect.objectContaining({ reason: "Error", exitCodes: [5], count: 1 })]);
  });

  it("shows ErrImagePull then ImagePullBackOff in Pulumi's imagePullError recording, and the re-created pod in the resolved one", async () => {
    const failing = await analyze([at("pulumi-await-recordings/workflows/pod/imagePullError.json")]);
    expect(failing.inputs[0]!.format).toBe("array");
    expect(failing.pods).toHaveLength(1);
    expect(failing.pods[0]!.failures.map((f) => [f.reason, f.container, f.count])).toEqual([
      ["ErrImagePull", "nginx", 1],
      ["ImagePullBackOff", "nginx", 1],
    ]);
    expect(failing.pods[0]!.stuckIn).toBe("ImagePullBackOff");
    const resolved = await analyze([at("pulumi-await-recordings/workflows/pod/imagePullErrorResolved.json")]);
    expect(resolved.pods.map((p) => p.outcome)).toEqual(["Deleted", "Ready"]);
  });

  it("finds the Insights init container crash-looping with its 7527 restarts", async () => {
    const report = await analyze([at("openshift-insights-sample/pods/di-288312__vsystem-867f4b77cc-pqcns.json")]);
    const pod = report.pods[0]!;
    expect(pod.stuckIn).toBe("CrashLoopBackOff");
    const init = pod.containers.find((c) => c.init)!;
    expect(init).toMatchObject({ name: "vsystem-hana-init", restarts: 7527, restartReasons: [{ reason: "Error", exitCode: 1, count: 1 }] });
    expect(pod.failures.map((f) => [f.reason, f.container])).toEqual([
      ["Error", "vsystem-hana-init"],
      ["CrashLoopBackOff", "vsystem-hana-init"],
    ]);
  });

  it("reads all 36 Insights pods as one capture", async () => {
    const report = await analyze([at("openshift-insights-sample/pods")]);
    expect(report.pods).toHaveLength(36);
    expect(report.pods.find((p) => p.name.startsWith("router-default"))!.stuckIn).toBe("Unschedulable");
  });
});
