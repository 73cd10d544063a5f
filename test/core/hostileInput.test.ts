/**
 * Regressions of the issue "Hostile and odd input", each on its smallest
 * input (the repro files, rebuilt here): what used to be lost or broken is
 * now kept, or left null with a located warning.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatTime } from "../../src/kube/time.js";
import { toJsonReport } from "../../src/render/json.js";
import { validateJsonReport } from "../../src/render/validateReport.js";
import { runCli } from "../helpers/cli.js";
import { analyzeBytes } from "../fuzz/helpers.js";

const dir = mkdtempSync(join(tmpdir(), "podtrail-hostile-input-"));

describe("a negative duration in a Pulled message (repro pull-negative)", () => {
  const capture = [
    '{"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","namespace":"ns","uid":"u1","resourceVersion":"1","creationTimestamp":"2024-11-05T11:00:00Z"},"spec":{"nodeName":"n1","containers":[{"name":"app","image":"nginx"}]},"status":{"phase":"Pending"}}}',
    '{"type":"ADDED","object":{"kind":"Event","apiVersion":"v1","metadata":{"name":"p.1","namespace":"ns","uid":"e1","resourceVersion":"2"},"involvedObject":{"kind":"Pod","namespace":"ns","name":"p","uid":"u1","fieldPath":"spec.containers{app}"},"reason":"Pulled","message":"Successfully pulled image \\"nginx\\" in -5s (-5s including waiting)","type":"Normal","firstTimestamp":"2024-11-05T11:00:02Z","lastTimestamp":"2024-11-05T11:00:02Z","count":1}}',
  ].join("\n");

  it("leaves the pull null with a warning located at the event, and the report validates", async () => {
    const report = await analyzeBytes({ "capture.jsonl": capture });
    const [p] = report.pods;
    expect(p!.durationsMs.imagePull).toBeNull();
    expect(p!.containers.map((c) => c.imagePullMs)).toEqual([null]);
    expect(report.summary.stages.imagePull.count).toBe(0);
    expect(report.warnings.map((w) => [w.input, w.line, w.message])).toEqual([
      ["capture.jsonl", 2, "pod ns/p: container app: its Pulled event gives a negative pull time (-5000 ms): left null"],
    ]);
    expect(validateJsonReport(toJsonReport(report))).toEqual([]);
  });

  it("--validate passes (it used to exit 3 with a stack trace)", async () => {
    const path = join(dir, "pull-negative.jsonl");
    writeFileSync(path, capture);
    const r = await runCli(["analyze", path, "-o", "json", "--validate"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).pods[0].durationsMs.imagePull).toBeNull();
  });
});

describe("watch envelopes without a usable type (repro envelope-no-type)", () => {
  const object = (name: string, uid: string, rv: string) => ({
    kind: "Pod",
    apiVersion: "v1",
    metadata: { name, namespace: "ns", uid, resourceVersion: rv, creationTimestamp: "2024-11-05T11:00:00Z" },
    spec: { containers: [{ name: "app", image: "nginx" }] },
    status: { phase: "Pending" },
  });
  const capture = [{ type: null, object: object("a", "u1", "1") }, { object: object("b", "u2", "2") }, { type: 5, object: object("c", "u3", "3") }]
    .map((e) => JSON.stringify(e))
    .join("\n");

  it("reads each object as an untyped record, with a warning per envelope (they used to be skipped as '(no kind)')", async () => {
    const report = await analyzeBytes({ "capture.jsonl": capture });
    expect(report.pods.map((p) => [p.name, p.outcome])).toEqual([["a", "Pending"], ["b", "Pending"], ["c", "Pending"]]);
    expect(report.totals.skippedKinds).toEqual({});
    expect(report.warnings.map((w) => [w.line, w.message])).toEqual([
      [1, "watch event whose type is null: its object read as a record without one (as kubectl get -w prints them)"],
      [2, "watch event without a type: its object read as a record without one (as kubectl get -w prints them)"],
      [3, "watch event whose type is a number: its object read as a record without one (as kubectl get -w prints them)"],
    ]);
  });

  it("an object of another kind behind a lost type is skipped under its kind, as before", async () => {
    const report = await analyzeBytes({ "capture.jsonl": JSON.stringify({ type: null, object: { kind: "Node", apiVersion: "v1", metadata: { name: "n1" } } }) });
    expect(report.totals.skippedKinds).toEqual({ Node: 1 });
  });
});

describe("timestamps that are not what Kubernetes writes (repro ts-silent)", () => {
  const podWith = (name: string, uid: string, rv: string, created: string, scheduledAt: string) =>
    JSON.stringify({
      type: "ADDED",
      object: {
        kind: "Pod",
        apiVersion: "v1",
        metadata: { name, namespace: "ns", uid, resourceVersion: rv, creationTimestamp: created },
        spec: { nodeName: "n1", containers: [{ name: "app", image: "nginx" }] },
        status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "True", lastTransitionTime: scheduledAt }] },
      },
    });
  const capture = [
    podWith("a", "u1", "1", "2024-11-05T11:00:00.123456789012Z", "2024-11-05T11:00:01Z"),
    podWith("b", "u2", "2", "not a time", "2024-11-05T11:00:01Z"),
    podWith("c", "u3", "3", "2016-12-31T23:59:59Z", "2016-12-31T23:59:60Z"),
  ].join("\n");

  it("reads 12 fractional digits and a leap second as RFC 3339 allows, warns about the rest, one warning per record", async () => {
    const report = await analyzeBytes({ "capture.jsonl": capture });
    const byName = new Map(report.pods.map((p) => [p.name, p]));
    // 12 digits: truncated to microseconds, no warning (RFC 3339 allows any number).
    expect(formatTime(byName.get("a")!.timestamps.created!)).toBe("2024-11-05T11:00:00.123456Z");
    expect(byName.get("a")!.durationsMs.scheduling).toBe(877);
    expect(byName.get("b")!.timestamps.created).toBeNull();
    // The leap second: the last microsecond of its minute.
    expect(formatTime(byName.get("c")!.timestamps.scheduled!)).toBe("2016-12-31T23:59:59.999999Z");
    expect(byName.get("c")!.durationsMs.scheduling).toBe(1000);
    expect(report.warnings.map((w) => [w.line, w.message])).toEqual([
      [2, 'Pod ns/b: times that are not RFC 3339 read as absent: metadata.creationTimestamp "not a time"'],
      [3, 'Pod ns/c: leap seconds read as the last microsecond of their minute: status.conditions[0].lastTransitionTime "2016-12-31T23:59:60Z"'],
    ]);
  });

  it("lists every unreadable time of a record in its one warning, events included; Go's zero time is no warning", async () => {
    const pod = JSON.parse(podWith("d", "u4", "4", "yesterday", "2024-13-01T00:00:00Z")) as { object: { metadata: Record<string, unknown> } };
    pod.object.metadata["deletionTimestamp"] = "0001-01-01T00:00:00Z";
    const event = {
      type: "ADDED",
      object: {
        kind: "Event",
        apiVersion: "v1",
        metadata: { name: "d.1", namespace: "ns", uid: "e1", resourceVersion: "5" },
        involvedObject: { kind: "Pod", namespace: "ns", name: "d", uid: "u4" },
        reason: "Scheduled",
        message: "Successfully assigned ns/d to n1",
        firstTimestamp: "2024-11-05 11:00:00",
        lastTimestamp: "0001-01-01T00:00:00Z",
        count: 1,
      },
    };
    const report = await analyzeBytes({ "capture.jsonl": `${JSON.stringify(pod)}\n${JSON.stringify(event)}\n` });
    expect(report.warnings.map((w) => [w.line, w.message])).toEqual([
      [1, 'Pod ns/d: times that are not RFC 3339 read as absent: metadata.creationTimestamp "yesterday"; status.conditions[0].lastTransitionTime "2024-13-01T00:00:00Z"'],
      [2, 'Event ns/d.1: times that are not RFC 3339 read as absent: firstTimestamp "2024-11-05 11:00:00"'],
    ]);
  });

  it("--strict fails on them", async () => {
    const path = join(dir, "ts-silent.jsonl");
    writeFileSync(path, capture);
    expect((await runCli(["analyze", path, "-o", "json"])).code).toBe(0);
    const strict = await runCli(["analyze", path, "-o", "json", "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("not RFC 3339");
  });
});

describe("a record after NUL padding or a log prefix on the same line (repro nul-prefix)", () => {
  const pod = (name: string, uid: string, rv: string): string =>
    JSON.stringify({
      type: "ADDED",
      object: { kind: "Pod", apiVersion: "v1", metadata: { name, namespace: "ns", uid, resourceVersion: rv, creationTimestamp: "2024-11-05T11:00:00Z" }, spec: { containers: [{ name: "app", image: "nginx" }] }, status: { phase: "Pending" } },
    });

  it("reads the record after 64 NUL bytes (it used to be lost) and says why its line was odd", async () => {
    const capture = `${pod("a", "u1", "1")}\n${"\u0000".repeat(64)}${pod("b", "u2", "2")}\n`;
    const report = await analyzeBytes({ "capture.jsonl": capture });
    expect(report.pods.map((p) => p.name)).toEqual(["a", "b"]);
    expect(report.warnings.map((w) => [w.line, w.message])).toEqual([[2, "line 2 starts with NUL padding (a crashed writer's) before the JSON: the prefix was ignored"]]);
  });

  it("reads a record behind a klog header, and names the header", async () => {
    const capture = `${pod("a", "u1", "1")}\nW1105 12:00:00.000000 1 klog.go:1] ${pod("b", "u2", "2")}\n`;
    const report = await analyzeBytes({ "capture.jsonl": capture });
    expect(report.pods.map((p) => p.name)).toEqual(["a", "b"]);
    expect(report.warnings.map((w) => w.message)).toEqual(["line 2 starts with a klog header before the JSON: the prefix was ignored"]);
  });
});
