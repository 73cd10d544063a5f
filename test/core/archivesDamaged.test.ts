/**
 * Damaged copies of the archive samples (docs/spec.md §1.5): cut off,
 * corrupted, a truncated gzip. Every pod the damage does not touch keeps its
 * figures; the damage is one located warning; nothing throws. (The fuzz
 * suite damages every sample at random as well, these among them.)
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { analyzeBytes, expectUntouchedPodsKept } from "../fuzz/helpers.js";

const file = (path: string): string => readFileSync(path, "utf8");
const AUDIT = "samples/audit-log/input/audit.log";
const EVENTROUTER = "samples/eventrouter-log/input/eventrouter.log";

describe("a damaged audit log", () => {
  const text = file(AUDIT);
  const lines = text.split("\n");
  const full = () => analyzeBytes({ "audit.log": text });

  it("cut in the middle of a line (a copy stopped part-way): the cut request is one warning, the rest is read", async () => {
    const cutAt = text.indexOf("\n", Math.floor(text.length * 0.6)) + 40;
    const report = await analyzeBytes({ "audit.log": text.slice(0, cutAt) });
    expect(report.warnings.map((w) => w.diagnostic.kind)).toEqual(["truncatedAtEnd"]);
    expect(report.pods.length).toBe(2);
    // Only the requests up to the cut are known: later patches cannot have applied.
    const cutLine = text.slice(0, cutAt).split("\n").length;
    expectUntouchedPodsKept(report, await full(), lines.slice(cutLine - 1));
  });

  it("one kubelet patch corrupted: a located warning; the other pod keeps every figure", async () => {
    const at = lines.findIndex((l) => l.includes('"subresource":"status"') && l.includes("r8kqz"));
    const damaged = [...lines];
    damaged[at] = damaged[at]!.replace('"status":{', '"status":{{');
    const report = await analyzeBytes({ "audit.log": damaged.join("\n") });
    // The extra brace leaves the line unclosed: the next line, which starts a record, cuts it.
    expect(report.warnings.map((w) => [w.line, w.diagnostic.kind])).toEqual([[at + 1, "incompleteRecord"]]);
    expect(expectUntouchedPodsKept(report, await full(), [damaged[at]!])).toBe(1);
  });

  it("gzipped and cut short: everything inflated before the damage, then one warning", async () => {
    const gz = gzipSync(Buffer.from(text));
    const report = await analyzeBytes({ "audit.log.gz": gz.subarray(0, Math.floor(gz.length * 0.7)) });
    expect(report.warnings.map((w) => w.diagnostic.kind)).toContain("damagedCompression");
    expect(report.totals.records).toBeGreaterThan(10);
  });
});

describe("a damaged eventrouter log", () => {
  const text = file(EVENTROUTER);
  const pods = file("samples/eventrouter-log/input/pods.jsonl");

  it("cut off and with garbage pasted in: the events around are read", async () => {
    const lines = text.split("\n");
    const damaged = [...lines.slice(0, 6), "$ oc logs deploy/eventrouter -n openshift-logging --since=1h", ...lines.slice(6)].join("\n");
    const cut = damaged.slice(0, damaged.length - 200);
    const report = await analyzeBytes({ "pods.jsonl": pods, "eventrouter.log": cut });
    expect(report.warnings.map((w) => w.diagnostic.kind)).toEqual(["notJson", "notJson", "truncatedAtEnd"]);
    // 13 versions less the cut one, from 12 lines; the pod is the same pod.
    expect(report.totals.eventRecords).toBe(12);
    expect(report.pods.map((p) => [p.name, p.outcome, p.stuckIn])).toEqual([["edge-proxy-6c9f7d5b8-q7wzt", "Pending", "ImagePullBackOff"]]);
  });
});
