import type { JsonValue } from "../../src/decode/types.js";
import { describe, expect, it } from "vitest";
import { normalizeValue } from "../../src/normalize/normalizeValue.js";
import { envelope, pod } from "../helpers/pods.js";
import { reportOf } from "../helpers/report.js";

const loc = { input: "capture.jsonl", line: 7 };

describe("normalizing one decoded value", () => {
  it("reads a watch envelope of a Pod into a typed record", () => {
    const r = normalizeValue(envelope("MODIFIED", pod({ rv: 5, phase: "Running", node: "n1", statuses: [{ name: "app", state: { running: 3 }, restarts: 2 }] })) as JsonValue, loc, null);
    expect(r.kind).toBe("pod");
    if (r.kind !== "pod") return;
    expect(r.observation).toMatchObject({ type: "MODIFIED", resourceVersion: "5", phase: "Running", nodeName: "n1", loc });
    expect(r.observation.containers[0]).toMatchObject({ name: "app", init: false, restartCount: 2, state: { kind: "running" } });
    expect(r).not.toHaveProperty("diagnostics");
  });

  it("reads the kubelet's start time, the deletion's grace period and finalizers, and whether a volume holds state", () => {
    const deleting = pod({ rv: 6, phase: "Failed", started: 2, deleted: 40, grace: 30, finalizers: ["foregroundDeletion"], volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data-db-0" } }] });
    const r = normalizeValue(deleting as JsonValue, loc, null);
    if (r.kind !== "pod") throw new Error(r.kind);
    expect(r.meta).toMatchObject({ startTime: Date.parse("2024-05-01T10:00:02Z"), deletionGracePeriodSeconds: 30, finalizers: ["foregroundDeletion"], stateful: true });
    const plain = normalizeValue(pod({ rv: 7, volumes: [{ name: "token", projected: { sources: [] } }, { name: "tmp", emptyDir: {} }] }) as JsonValue, loc, null);
    if (plain.kind !== "pod") throw new Error(plain.kind);
    expect(plain.meta).toMatchObject({ startTime: null, deletionGracePeriodSeconds: null, finalizers: [], stateful: false });
    const noSpec = pod({ rv: 8 });
    delete noSpec["spec"];
    const bare = normalizeValue(noSpec as JsonValue, loc, { kind: "Pod", apiVersion: "v1" });
    if (bare.kind !== "pod") throw new Error(bare.kind);
    expect(bare.meta.stateful).toBeNull();
  });

  it("turns BOOKMARK into a skipped bookmark and ERROR 410 into a capture gap", () => {
    const bookmark = normalizeValue(envelope("BOOKMARK", { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: "550", annotations: { "k8s.io/initial-events-end": "true" } } }) as JsonValue, loc, null);
    expect(bookmark).toEqual({ kind: "bookmark", initialEventsEnd: true, loc });
    const gap = normalizeValue(envelope("ERROR", { kind: "Status", apiVersion: "v1", status: "Failure", message: "too old resource version: 1 (2)", reason: "Expired", code: 410 }) as JsonValue, loc, null);
    expect(gap).toEqual({ kind: "gap", code: 410, reason: "Expired", message: "too old resource version: 1 (2)", loc });
  });

  it("uses the kind a List implies for items without one (raw API PodList)", () => {
    const item = pod({ rv: 9 });
    delete item["kind"];
    delete item["apiVersion"];
    expect(normalizeValue(item as JsonValue, loc, { kind: "Pod", apiVersion: "v1" }).kind).toBe("pod");
  });

  it("counts other kinds as skipped", () => {
    expect(normalizeValue({ kind: "Node", apiVersion: "v1", metadata: { name: "n1" } } as JsonValue, loc, null)).toEqual({ kind: "skipped", objectKind: "Node", loc });
  });

  it("keeps a record with wrong field types, reading them as absent, with a located warning", () => {
    const bad = pod({ rv: 5, phase: "Running", statuses: [{ name: "app", state: { running: 3 } }] });
    ((bad["status"] as { containerStatuses: Record<string, unknown>[] }).containerStatuses[0]!)["restartCount"] = "3";
    const r = normalizeValue(bad as JsonValue, loc, null);
    expect(r.kind).toBe("pod");
    if (r.kind !== "pod") return;
    expect(r.diagnostics).toEqual([{ kind: "wrongTypes", object: "Pod", namespace: "shop", name: "web-1", fields: ["status.containerStatuses[0].restartCount must be integer"], more: 0 }]);
    expect(r.observation.containers[0]!.restartCount).toBe(0);
    const report = reportOf([bad]);
    expect(report.pods).toHaveLength(1);
    expect(report.warnings).toEqual([
      {
        input: "capture.jsonl",
        line: 1,
        diagnostic: r.diagnostics![0],
        message: "Pod shop/web-1: fields with wrong types read as absent: status.containerStatuses[0].restartCount must be integer",
      },
    ]);
  });

  it("rejects values that are not objects and objects with no identity, with a reason", () => {
    expect(normalizeValue(42 as JsonValue, loc, null)).toEqual({ kind: "invalid", diagnostic: { kind: "notAnObject", found: "number" }, loc });
    expect(normalizeValue({ kind: "Pod", metadata: {} } as JsonValue, loc, null)).toEqual({ kind: "invalid", diagnostic: { kind: "podWithoutIdentity" }, loc });
  });
});
