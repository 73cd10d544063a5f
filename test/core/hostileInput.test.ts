/**
 * Regressions of the issue "Hostile and odd input", each on its smallest
 * input (the repro files, rebuilt here): what used to be lost or broken is
 * now kept, or left null with a located warning.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
