/**
 * Which records are one pod, which copy of a record counts, and in what
 * order: the rules of docs/spec.md §2 on the smallest inputs that broke them.
 */
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/render/json.js";
import { analyzeBytes, contentOf, toJsonl } from "../fuzz/helpers.js";
import { at, envelope, pod, type PodSpec } from "../helpers/pods.js";

const scheduled = { type: "PodScheduled", status: "True", at: 1 };

/** A pod that goes Pending, Running, then back to waiting in CrashLoopBackOff, with the given resourceVersions. */
function crashLoop(rvs: readonly [string, string, string]): Record<string, unknown>[] {
  const base: Omit<PodSpec, "rv"> = { phase: "Running", node: "n1", conditions: [scheduled] };
  return [
    envelope("ADDED", pod({ rv: rvs[0], phase: "Pending", node: "n1", conditions: [scheduled] })),
    envelope("MODIFIED", pod({ ...base, rv: rvs[1], statuses: [{ name: "app", state: { running: 3 } }] })),
    envelope("MODIFIED", pod({ ...base, rv: rvs[2], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff" }, last: { terminated: "Error", exitCode: 1, started: 3, finished: 5 }, restarts: 1 }] })),
  ];
}

describe("resourceVersions of any length (etcd revisions are int64)", () => {
  it("orders 16 to 19 digit resourceVersions numerically, as 15-digit ones", async () => {
    const long = crashLoop(["9999999999999998", "9999999999999999", "10000000000000000"]);
    const short = crashLoop(["99999999999998", "99999999999999", "100000000000000"]);
    // Read newest first: only the versions can put them back in order.
    const longReport = await analyzeBytes({ "pods.jsonl": toJsonl([...long].reverse()) });
    const shortReport = await analyzeBytes({ "pods.jsonl": toJsonl([...short].reverse()) });
    expect(longReport.pods[0]!.stuckIn).toBe("CrashLoopBackOff");
    expect(longReport.pods[0]!.phases.map((p) => p.phase)).toEqual(["Pending", "Running"]);
    expect(longReport.warnings).toEqual([]);
    expect(contentOf(longReport)).toEqual(contentOf(shortReport));
  });

  it("tells apart resourceVersions that differ beyond a double's precision", async () => {
    // 2^53 + 1 and 2^53 are the same double.
    const [a, b, c] = crashLoop(["9007199254740991", "9007199254740992", "9007199254740993"]);
    const report = await analyzeBytes({ "pods.jsonl": toJsonl([c, a, b]) });
    expect(report.totals.duplicates).toBe(0);
    expect(report.pods[0]!.stuckIn).toBe("CrashLoopBackOff");
  });
});

describe("copies of one record (relists, overlapping captures)", () => {
  const running = envelope("MODIFIED", pod({ rv: 12, managed: 9, phase: "Running", node: "n1", conditions: [scheduled], statuses: [{ name: "app", state: { running: 3 } }] }));
  const withoutManagedFields = JSON.parse(JSON.stringify(running)) as { object: { metadata: Record<string, unknown> } };
  delete withoutManagedFields.object.metadata["managedFields"];
  const added = envelope("ADDED", pod({ rv: 10, phase: "Pending", node: "n1", conditions: [scheduled] }));

  it("keeps the copy that tells more, whichever file is read first", async () => {
    const a = { "a.jsonl": toJsonl([added, withoutManagedFields]), "b.jsonl": toJsonl([running]) };
    const ab = await analyzeBytes(a);
    const ba = await analyzeBytes({ "b.jsonl": a["b.jsonl"], "a.jsonl": a["a.jsonl"] });
    expect(renderJson(ba)).toBe(renderJson(ab));
    expect(ab.totals.duplicates).toBe(1);
    // The copy with managedFields stands: its time and its place.
    expect(ab.pods[0]!.phases.at(-1)).toEqual({ phase: "Running", at: Date.parse(at(3)) });
  });

  it("keeps an event's copy read from the earliest place, with the earliest first occurrence any copy told", async () => {
    const event = (first: number, count: number) => ({
      kind: "Event",
      apiVersion: "v1",
      metadata: { name: "web-1.17b2c5f0a1b2c3d4", namespace: "shop", uid: "ev-1", resourceVersion: String(50 + count) },
      involvedObject: { kind: "Pod", namespace: "shop", name: "web-1", uid: "0b1a6c1e-4a59-4f55-9a52-7d1e3c1b2a01", fieldPath: "spec.containers{app}" },
      reason: "BackOff",
      message: "Back-off restarting failed container app",
      type: "Warning",
      count,
      firstTimestamp: at(first),
      lastTimestamp: at(20),
    });
    const files = { "a.jsonl": toJsonl([added, envelope("ADDED", event(6, 2))]), "b.jsonl": toJsonl([envelope("MODIFIED", event(5, 2)), envelope("MODIFIED", event(7, 3))]) };
    const ab = await analyzeBytes(files);
    const ba = await analyzeBytes({ "b.jsonl": files["b.jsonl"], "a.jsonl": files["a.jsonl"] });
    expect(renderJson(ba)).toBe(renderJson(ab));
    const backOff = ab.pods[0]!.failures.find((f) => f.reason === "BackOff")!;
    expect(backOff).toMatchObject({ count: 3, firstSeen: Date.parse(at(5)) });
    expect(ab.totals.duplicates).toBe(1);
  });
});

describe("one uid under two names", () => {
  it("reads them as two pods, each with a located warning naming the other", async () => {
    const uid = "6f0c2b1e-0000-4000-8000-000000000001";
    const records = [
      envelope("ADDED", pod({ uid, name: "alpha", namespace: "shop", rv: 5 })),
      envelope("ADDED", pod({ uid, name: "beta", namespace: "other", rv: 6, phase: "Running", node: "n1", conditions: [scheduled], statuses: [{ name: "app", state: { running: 2 } }] })),
    ];
    const report = await analyzeBytes({ "capture.jsonl": toJsonl(records) });
    expect(report.pods.map((p) => `${p.namespace}/${p.name}`).sort()).toEqual(["other/beta", "shop/alpha"]);
    expect(report.warnings.map((w) => [w.line, w.diagnostic.kind])).toEqual([
      [1, "sharedUid"],
      [2, "sharedUid"],
    ]);
    expect(report.warnings[0]!.message).toBe(`pod shop/alpha: uid ${uid} is also carried by other/beta; read as separate pods (a uid names one pod: the capture was edited or corrupted)`);
  });
});

describe("static pods (docs/spec.md §2)", () => {
  const hash = "84d4ba8d0f3f962285463532428c2615";
  const mirrorUid = "dd9c5f29-ba1d-42c4-936b-e87041ef6504";
  /** The kubelet's own view (its /pods list): uid = config hash, no resourceVersion, no creationTimestamp. */
  function kubeletView(): Record<string, unknown> {
    const p = pod({ uid: hash, name: "kube-scheduler-n1", namespace: "kube-system", rv: "", phase: "Running", node: "n1", conditions: [scheduled], statuses: [{ name: "app", state: { running: 4 } }] }) as { metadata: Record<string, unknown> };
    delete p.metadata["resourceVersion"];
    delete p.metadata["creationTimestamp"];
    p.metadata["annotations"] = { "kubernetes.io/config.hash": hash, "kubernetes.io/config.source": "file" };
    return p;
  }
  /** The API server's mirror pod: its own uid, the hash in config.mirror, owned by the node. */
  function mirror(rv: number): Record<string, unknown> {
    const p = pod({ uid: mirrorUid, name: "kube-scheduler-n1", namespace: "kube-system", rv, created: 6, phase: "Running", node: "n1", owner: { kind: "Node", name: "n1" }, conditions: [scheduled, { type: "Ready", status: "True", at: 7 }], statuses: [{ name: "app", state: { running: 4 }, ready: true }] }) as { metadata: Record<string, unknown> };
    p.metadata["annotations"] = { "kubernetes.io/config.hash": hash, "kubernetes.io/config.mirror": hash, "kubernetes.io/config.source": "file" };
    return p;
  }
  const pulled = {
    kind: "Event",
    apiVersion: "v1",
    metadata: { name: "kube-scheduler-n1.17b2c5f0a1b2c3d4", namespace: "kube-system", uid: "ev-pulled" },
    involvedObject: { kind: "Pod", namespace: "kube-system", name: "kube-scheduler-n1", uid: hash, fieldPath: "spec.containers{app}" },
    reason: "Pulled",
    message: 'Container image "registry.k8s.io/kube-scheduler:v1.31.0" already present on machine',
    type: "Normal",
    count: 1,
    firstTimestamp: at(2),
    lastTimestamp: at(2),
  };

  it("joins the kubelet's view, the mirror pod and the kubelet's events (which name the config hash) into one pod", async () => {
    const report = await analyzeBytes({ "kubelet-pods.json": JSON.stringify({ kind: "PodList", apiVersion: "v1", items: [kubeletView()] }), "pods.jsonl": toJsonl([envelope("ADDED", mirror(900))]), "events.jsonl": toJsonl([envelope("ADDED", pulled)]) });
    expect(report.pods).toHaveLength(1);
    const p = report.pods[0]!;
    expect(p.uid).toBe(mirrorUid);
    expect(p.owner).toBe("Node/n1");
    expect(p.durationsMs.imagePull).toBe(0);
    expect(p.containers[0]).toMatchObject({ name: "app", cached: true, imagePullMs: 0 });
    expect(p.events).toBe(1);
  });

  it("gives the kubelet's events to the mirror pod when the kubelet's view is not in the capture", async () => {
    const report = await analyzeBytes({ "pods.jsonl": toJsonl([envelope("ADDED", mirror(900))]), "events.jsonl": toJsonl([envelope("ADDED", pulled)]) });
    expect(report.pods.map((p) => [p.uid, p.durationsMs.imagePull, p.outcome])).toEqual([[mirrorUid, 0, "Ready"]]);
  });
});
