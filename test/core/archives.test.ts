/**
 * The same capture, kept as the archives people keep (docs/spec.md §1.6,
 * §1.7), gives the same pods and figures where the archive holds the same
 * facts: events as eventrouter's log (plain, behind a CRI prefix as in
 * /var/log/pods, as Loki's `logcli query -o jsonl`), pods and events as an
 * API server audit log at RequestResponse, and with the pods' status changes
 * at level Request only (the kubelet's strategic merge patches, applied by
 * podtrail). Every sample with pods is converted, so each new sample adds to
 * this test.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/types.js";
import { toAudit, toCriLines, toEventrouter, toLogcli } from "../helpers/archives.js";
import { analyzeBytes, podsJson, SAMPLES } from "../fuzz/helpers.js";

type Json = Record<string, unknown>;

const jsonl = (records: readonly unknown[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join("");

/** Samples whose inputs are watch JSONL: the sources the archives are made from. */
const sources = readdirSync(SAMPLES)
  .filter((dir) => !dir.startsWith("truncated") && existsSync(join(SAMPLES, dir, "input")))
  .map((dir) => {
    // Flat inputs only (a must-gather tree is not a watch capture).
    const files = readdirSync(join(SAMPLES, dir, "input"), { withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => f.name)
      .sort();
    const records = files.flatMap((f) =>
      readFileSync(join(SAMPLES, dir, "input", f), "utf8")
        .split("\n")
        .filter((l) => l.startsWith('{"type":'))
        .map((l) => JSON.parse(l) as Json),
    );
    return { dir, files, records };
  })
  .filter((s) => s.records.length > 0 && s.records.every((r) => ["ADDED", "MODIFIED", "DELETED"].includes(String(r["type"]))) && s.files.every((f) => f.endsWith(".jsonl")));

const kindOf = (r: Json): unknown => (r["object"] as Json)["kind"];

/** A pod's figures, and what the archives name differently: the input and line behind each (the same facts, another file). */
function figures(report: Report): unknown[] {
  return podsJson(report).map(({ observations: _o, ...pod }) => pod);
}

describe("archives of a capture give the figures of its watch JSONL", () => {
  it("finds the samples to convert", () => {
    expect(sources.map((s) => s.dir)).toEqual(expect.arrayContaining(["pods-and-events", "image-pull-backoff", "crashloop-oomkilled", "deleted-pod", "evicted", "statefulset-recreated"]));
  });

  for (const { dir, records } of sources) {
    const pods = records.filter((r) => kindOf(r) === "Pod");
    const events = records.filter((r) => kindOf(r) === "Event");
    describe(dir, () => {
      let watch: Report;
      const watchReport = async (): Promise<Report> => (watch ??= await analyzeBytes({ "pods.jsonl": jsonl(pods), "events.jsonl": jsonl(events) }));

      // eventrouter watches core/v1 Events: a capture of events.k8s.io/v1 ones is not what it would have written.
      const core = events.length > 0 && events.every((e) => (e["object"] as Json)["apiVersion"] === "v1");
      it.runIf(core)("events as eventrouter's log: plain, behind a CRI prefix, and through Loki's logcli", async () => {
        const expected = figures(await watchReport());
        const lines = toEventrouter(events.map((e) => e)).map((l) => JSON.stringify(l));
        const times = lines.map((_, i) => `2024-11-05T12:00:${String(i % 60).padStart(2, "0")}.123456789Z`);
        const plain = await analyzeBytes({ "pods.jsonl": jsonl(pods), "eventrouter.log": `${lines.join("\n")}\n` });
        expect(figures(plain)).toEqual(expected);
        expect(plain.warnings).toEqual((await watchReport()).warnings.map((w) => (w.input === "events.jsonl" ? { ...w, input: "eventrouter.log" } : w)));
        const cri = await analyzeBytes({ "pods.jsonl": jsonl(pods), "0.log": `${toCriLines(lines, times).join("\n")}\n` });
        expect(figures(cri)).toEqual(expected);
        expect(cri.warnings.filter((w) => w.diagnostic.kind === "linePrefix").map((w) => w.message)).toEqual([
          `${lines.length > 1 ? `lines 1-${lines.length} start` : "line 1 starts"} with a container runtime (CRI) log prefix before the JSON: the prefix was ignored`,
        ]);
        const loki = await analyzeBytes({ "pods.jsonl": jsonl(pods), "events.logcli.jsonl": jsonl(toLogcli(lines, times, { namespace: "openshift-logging", pod: "eventrouter-549f95c7d7-6fqqx" })) });
        expect(figures(loki)).toEqual(expected);
      });

      it("pods and events as an audit log at level RequestResponse", async () => {
        const audit = await analyzeBytes({ "audit.log": jsonl(toAudit([...pods, ...events], { statusAtRequestLevel: false })) });
        expect(figures(audit)).toEqual(figures(await watchReport()));
      });

      it("status changes and bindings at level Request: the kubelet's patches applied in time order", async () => {
        const audit = await analyzeBytes({ "audit.log": jsonl(toAudit([...pods, ...events], { statusAtRequestLevel: true })) });
        expect(figures(audit)).toEqual(figures(await watchReport()));
      });
    });
  }
});
