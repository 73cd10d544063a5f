/**
 * Status patches (docs/spec.md §1.7): the strategic merge patch as the API
 * server applies it to the fields podtrail reads, and patches applied to a
 * pod's previous status in time order, whatever order they were read in,
 * to the pod they name (by uid, else by name and lifetime).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { strategicMerge } from "../../src/reconstruct/strategicMerge.js";
import { statusPatch } from "../helpers/archives.js";
import { analyzeBytes, params, podsJson } from "../fuzz/helpers.js";

describe("strategic merge patch", () => {
  // The pod of the kubelet v1.20 example of samples/README.md (pod `accessor`), before its second status patch.
  const before = {
    phase: "Pending",
    conditions: [
      { type: "Initialized", status: "True", lastProbeTime: null, lastTransitionTime: "2021-05-24T09:29:24Z" },
      { type: "Ready", status: "False", lastProbeTime: null, lastTransitionTime: "2021-05-24T09:29:24Z", reason: "ContainersNotReady", message: "containers with unready status: [accessor]" },
      { type: "ContainersReady", status: "False", lastProbeTime: null, lastTransitionTime: "2021-05-24T09:29:24Z", reason: "ContainersNotReady", message: "containers with unready status: [accessor]" },
      { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: "2021-05-24T09:29:24Z" },
    ],
    hostIP: "192.168.211.42",
    startTime: "2021-05-24T09:29:24Z",
    containerStatuses: [{ name: "accessor", state: { waiting: { reason: "ContainerCreating" } }, lastState: {}, ready: false, restartCount: 0, image: "nginx", imageID: "", started: false }],
    qosClass: "BestEffort",
  };
  // The patch, shaped as that kubelet sent it: changed conditions only, nulls for fields it clears, the order of all.
  const patch = {
    "$setElementOrder/conditions": [{ type: "Initialized" }, { type: "Ready" }, { type: "ContainersReady" }, { type: "PodScheduled" }],
    conditions: [
      { lastTransitionTime: "2021-05-24T09:29:44Z", message: null, reason: null, status: "True", type: "Ready" },
      { lastTransitionTime: "2021-05-24T09:29:44Z", message: null, reason: null, status: "True", type: "ContainersReady" },
    ],
    containerStatuses: [{ containerID: "docker://d80411bf54", image: "nginx:latest", imageID: "docker-pullable://nginx@sha256:df13ab", lastState: {}, name: "accessor", ready: true, restartCount: 0, started: true, state: { running: { startedAt: "2021-05-24T09:29:43Z" } } }],
    phase: "Running",
    podIP: "10.244.104.11",
    podIPs: [{ ip: "10.244.104.11" }],
  };

  it("gives the status the API server stored (the response of that request)", () => {
    expect(strategicMerge(before, patch)).toEqual({
      phase: "Running",
      conditions: [
        { type: "Initialized", status: "True", lastProbeTime: null, lastTransitionTime: "2021-05-24T09:29:24Z" },
        { type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: "2021-05-24T09:29:44Z" },
        { type: "ContainersReady", status: "True", lastProbeTime: null, lastTransitionTime: "2021-05-24T09:29:44Z" },
        { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: "2021-05-24T09:29:24Z" },
      ],
      hostIP: "192.168.211.42",
      podIP: "10.244.104.11",
      podIPs: [{ ip: "10.244.104.11" }],
      startTime: "2021-05-24T09:29:24Z",
      // A list item merges key by key: the waiting state stays unless the patch clears it, as the kubelet does (below).
      containerStatuses: [{ name: "accessor", state: { waiting: { reason: "ContainerCreating" }, running: { startedAt: "2021-05-24T09:29:43Z" } }, lastState: {}, ready: true, restartCount: 0, image: "nginx:latest", imageID: "docker-pullable://nginx@sha256:df13ab", started: true, containerID: "docker://d80411bf54" }],
      qosClass: "BestEffort",
    });
    // The kubelet's two-way patch clears the waiting state with null.
    const merged = strategicMerge(before, { containerStatuses: [{ name: "accessor", state: { running: { startedAt: "2021-05-24T09:29:43Z" }, waiting: null } }] }) as { containerStatuses: { state: unknown }[] };
    expect(merged.containerStatuses[0]!.state).toEqual({ running: { startedAt: "2021-05-24T09:29:43Z" } });
  });

  it("deletes list items, orders by $setElementOrder, replaces, retains, never changes its inputs", () => {
    const original = { conditions: [{ type: "A", status: "True" }, { type: "B", status: "False" }, { type: "C", status: "True" }], tags: ["x", "y"] };
    const frozen = JSON.stringify(original);
    expect(strategicMerge(original, { conditions: [{ type: "B", $patch: "delete" }, { type: "D", status: "True" }], "$setElementOrder/conditions": [{ type: "D" }, { type: "C" }, { type: "A" }] })).toEqual({
      conditions: [{ type: "D", status: "True" }, { type: "C", status: "True" }, { type: "A", status: "True" }],
      tags: ["x", "y"],
    });
    expect(strategicMerge(original, { tags: ["z"] })).toEqual({ ...original, tags: ["z"] });
    expect(strategicMerge(original, { conditions: [{ $patch: "replace" }, { type: "E", status: "True" }] })).toEqual({ ...original, conditions: [{ type: "E", status: "True" }] });
    expect(strategicMerge({ a: { b: 1, c: 2 } }, { a: { $patch: "replace", d: 3 } })).toEqual({ a: { d: 3 } });
    expect(strategicMerge({ a: { b: 1 }, e: 1 }, { a: { $patch: "delete" } })).toEqual({ e: 1 });
    expect(strategicMerge({ a: 1, b: 2, c: 3 }, { $retainKeys: ["a", "c"], c: 4 })).toEqual({ a: 1, c: 4 });
    expect(strategicMerge(original, { "$deleteFromPrimitiveList/tags": ["x"] })).toEqual({ ...original, tags: ["y"] });
    expect(JSON.stringify(original)).toBe(frozen);
  });

  it("undoes the two-way patch the kubelet computes: patch(before, diff(before, after)) = after, for any statuses", () => {
    const condition = fc.record({ type: fc.constantFrom("Initialized", "Ready", "ContainersReady", "PodScheduled", "DisruptionTarget"), status: fc.constantFrom("True", "False"), reason: fc.option(fc.constantFrom("ContainersNotReady", "PodCompleted"), { nil: undefined }) }, { requiredKeys: ["type", "status"] });
    const state = fc.oneof(fc.record({ waiting: fc.record({ reason: fc.constantFrom("ContainerCreating", "CrashLoopBackOff") }) }), fc.record({ running: fc.record({ startedAt: fc.constantFrom("2024-11-05T12:00:01Z", "2024-11-05T12:00:09Z") }) }), fc.record({ terminated: fc.record({ exitCode: fc.nat(2), reason: fc.constantFrom("Error", "OOMKilled") }) }));
    const container = fc.record({ name: fc.constantFrom("app", "sidecar", "init"), ready: fc.boolean(), restartCount: fc.nat(3), state, lastState: fc.oneof(fc.constant({}), state) });
    const status = fc.record({
      phase: fc.option(fc.constantFrom("Pending", "Running", "Failed"), { nil: undefined }),
      conditions: fc.uniqueArray(condition, { selector: (c) => c.type, maxLength: 5 }),
      containerStatuses: fc.uniqueArray(container, { selector: (c) => c.name, maxLength: 3 }),
      podIP: fc.option(fc.constant("10.0.0.7"), { nil: undefined }),
    });
    const clean = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
    fc.assert(
      fc.property(status, status, (a, b) => {
        const diff = statusPatch(clean(a), clean(b));
        expect(diff === null ? clean(a) : strategicMerge(clean(a), diff)).toEqual(clean(b));
      }),
      params(300),
    );
  });
});

describe("patches applied to the pod they name", () => {
  const uid = "0b7c66f2-4c85-4f53-9d16-0f1a0bb6e2a1";
  const podObject = (rv: string, status: unknown, extra: Record<string, unknown> = {}) => ({
    kind: "Pod",
    apiVersion: "v1",
    metadata: { name: "web-0", namespace: "shop", uid, resourceVersion: rv, creationTimestamp: "2024-11-05T12:00:00Z", managedFields: [{ manager: "kube-controller-manager", operation: "Update", time: "2024-11-05T12:00:00Z" }], ...extra },
    spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
    status,
  });
  const audit = (verb: string, sub: string | null, at: string, body: Record<string, unknown>, level = "Request", extra: Record<string, unknown> = {}) =>
    JSON.stringify({ kind: "Event", apiVersion: "audit.k8s.io/v1", level, auditID: `a-${at}-${verb}`, stage: "ResponseComplete", verb, objectRef: { resource: "pods", namespace: "shop", name: "web-0", apiVersion: "v1", ...(sub === null ? {} : { subresource: sub }) }, responseStatus: { metadata: {}, code: verb === "create" ? 201 : 200 }, requestObject: body, requestReceivedTimestamp: at, stageTimestamp: at, ...extra });
  const lines = [
    audit("create", null, "2024-11-05T12:00:00.120000Z", {}, "RequestResponse", { responseObject: podObject("10", { phase: "Pending", qosClass: "BestEffort" }) }),
    audit("create", "binding", "2024-11-05T12:00:01.250000Z", { kind: "Binding", metadata: { name: "web-0", namespace: "shop", uid }, target: { kind: "Node", name: "node-a" } }),
    audit("patch", "status", "2024-11-05T12:00:02.500000Z", { metadata: { uid }, status: { conditions: [{ type: "Initialized", status: "True", lastTransitionTime: "2024-11-05T12:00:02Z" }, { type: "Ready", status: "False", reason: "ContainersNotReady", lastTransitionTime: "2024-11-05T12:00:02Z" }], containerStatuses: [{ name: "web", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } }], startTime: "2024-11-05T12:00:02Z" } }),
    audit("patch", "status", "2024-11-05T12:00:07.000000Z", { metadata: { uid }, status: { "$setElementOrder/conditions": [{ type: "Initialized" }, { type: "Ready" }, { type: "PodScheduled" }], conditions: [{ type: "Ready", status: "True", reason: null, lastTransitionTime: "2024-11-05T12:00:07Z" }], containerStatuses: [{ name: "web", ready: true, state: { running: { startedAt: "2024-11-05T12:00:06Z" }, waiting: null } }], phase: "Running" } }),
  ];

  it("a Request-level audit log: scheduled, running and ready as the patches say", async () => {
    const [pod] = podsJson(await analyzeBytes({ "audit.log": `${lines.join("\n")}\n` }));
    expect(pod).toMatchObject({
      name: "web-0",
      node: "node-a",
      outcome: "Ready",
      partial: false,
      timestamps: { created: "2024-11-05T12:00:00Z", scheduled: "2024-11-05T12:00:01Z", initialized: "2024-11-05T12:00:02Z", containersStarted: "2024-11-05T12:00:06Z", ready: "2024-11-05T12:00:07Z" },
      durationsMs: { scheduling: 1000, startup: 7000 },
      observations: 4,
    });
  });

  it("the same report whatever order the lines come in, and whichever file holds which", async () => {
    const expected = JSON.stringify(podsJson(await analyzeBytes({ "audit.log": lines.join("\n") })));
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }), fc.nat(lines.length), async (shuffled, cut) => {
        const report = await analyzeBytes({ "a.log": shuffled.slice(0, cut).join("\n"), "b.log": shuffled.slice(cut).join("\n") });
        // Locations differ with the files; the pod's figures do not.
        const strip = (pods: unknown) => JSON.stringify(pods, (k, v) => (k === "observations" ? undefined : v));
        expect(strip(podsJson(report))).toBe(strip(JSON.parse(expected)));
      }),
      params(40),
    );
  });

  it("a pod known only from status patches is partial", async () => {
    const [pod] = podsJson(await analyzeBytes({ "audit.log": lines.slice(2).join("\n") }));
    expect(pod).toMatchObject({ name: "web-0", uid, partial: true, outcome: "Ready", timestamps: { created: null, ready: "2024-11-05T12:00:07Z" } });
  });

  it("a patch without a uid goes to the pod of that name alive at its time, not to a successor of the same name", async () => {
    const successor = "2c5d4f1e-8f1a-4a0e-9e0b-7d7b6a5c4b3a";
    const second = JSON.stringify({ type: "ADDED", object: { ...podObject("50", { phase: "Pending" }, { uid: successor, creationTimestamp: "2024-11-05T12:05:00Z" }) } });
    const noUid = audit("patch", "status", "2024-11-05T12:00:07.000000Z", { status: { phase: "Running" } });
    const report = await analyzeBytes({ "audit.log": [lines[0], noUid].join("\n"), "pods.jsonl": second });
    expect(podsJson(report).map((p) => [p.uid, (p as unknown as { outcome: string }).outcome])).toEqual([
      [uid, "Running"],
      [successor, "Pending"],
    ]);
  });

  it("one request logged twice (overlapping files) is one patch, counted as a duplicate", async () => {
    const report = await analyzeBytes({ "audit.log": lines.join("\n"), "audit-copy.log": lines[3]! });
    expect(report.totals.duplicates).toBe(1);
    expect(podsJson(report)[0]).toMatchObject({ outcome: "Ready" });
  });
});
