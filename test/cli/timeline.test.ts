import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Ajv as AjvClass } from "ajv";
import { runCli } from "../helpers/cli.js";
import { envelope, jsonl, pod } from "../helpers/pods.js";

const CRASH = "samples/crashloop-oomkilled/input";
const PULL = "samples/image-pull-backoff/input";
const RECREATED = "samples/statefulset-recreated/input";

/** The timeline schema, with the report schema it refers to. */
function timelineValidator() {
  const { Ajv } = createRequire(import.meta.url)("ajv") as { Ajv: typeof AjvClass };
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addSchema(JSON.parse(readFileSync("schemas/report.schema.json", "utf8")), "report.schema.json");
  return ajv.compile(JSON.parse(readFileSync("schemas/timeline.schema.json", "utf8")));
}

describe.concurrent("podtrail timeline", () => {
  it("-o json gives the pod, its stages and every entry with time, offset and source, valid against schemas/timeline.schema.json", async () => {
    const r = await runCli(["timeline", "web-7d4b9c8f6d-x2x9k", CRASH, "-o", "json"]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const doc = JSON.parse(r.stdout);
    const validate = timelineValidator();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.pod).toMatchObject({ namespace: "shop", name: "web-7d4b9c8f6d-x2x9k", notReadyAtEnd: { reason: "CrashLoopBackOff" } });
    expect(doc.stages.find((s: { stage: string }) => s.stage === "startup")).toEqual({ stage: "startup", from: "2024-11-05T11:00:00Z", to: "2024-11-05T11:00:09Z", ms: 9000, bound: null });
    // Every termination, those seen only in lastState too: the four OOMKills of the sample.
    const ooms = doc.entries.filter((e: { kind: string; state?: string }) => e.kind === "container" && e.state?.startsWith("terminated OOMKilled"));
    expect(ooms.map((e: { at: string; offsetMs: number; state: string }) => [e.at, e.offsetMs, e.state.endsWith("seen in lastState")])).toEqual([
      ["2024-11-05T11:00:30Z", 30000, false],
      ["2024-11-05T11:00:36Z", 36000, true],
      ["2024-11-05T11:00:53Z", 53000, true],
      ["2024-11-05T11:01:20Z", 80000, true],
    ]);
    expect(ooms[1].source).toEqual({ input: `${CRASH}/pods.jsonl`, line: 8 });
    expect(doc.interrupted).toBeNull();
    // kubectl's spellings.
    expect((await runCli(["timeline", "web-7d4b9c8f6d-x2x9k", CRASH, "-ojson"])).stdout).toBe(r.stdout);
  });

  it("tells two pods of one namespace/name apart by uid, and two namespaces' pods of one name by namespace/name", async () => {
    const ambiguous = await runCli(["timeline", "data/db-0", RECREATED]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toBe(
      "podtrail: 'data/db-0' matches 2 pods: data/db-0 (uid 567c9af1-212a-4f90-81e5-6bc709865861, created 2024-11-05T20:00:00Z), data/db-0 (uid 8a605ad9-ccef-44fb-b271-01836f4735a4, created 2024-11-05T20:30:03Z); give its uid (or a unique prefix of it)\n",
    );
    const second = await runCli(["timeline", "8a605ad9", RECREATED, "-o", "json"]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).pod.uid).toBe("8a605ad9-ccef-44fb-b271-01836f4735a4");
    const byUid = await runCli(["timeline", "567c9af1-212a-4f90-81e5-6bc709865861", RECREATED]);
    expect(byUid.stdout.split("\n")[0]).toBe("Pod data/db-0 (uid 567c9af1-212a-4f90-81e5-6bc709865861)");

    const dir = mkdtempSync(join(tmpdir(), "podtrail-names-"));
    const file = join(dir, "pods.jsonl");
    writeFileSync(file, jsonl([envelope("ADDED", pod({ uid: "u-a", name: "web-0", namespace: "blue", rv: 1 })), envelope("ADDED", pod({ uid: "u-b", name: "web-0", namespace: "green", rv: 2 }))]));
    const both = await runCli(["timeline", "web-0", file]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("give namespace/name, a uid or -n NAMESPACE");
    expect((await runCli(["timeline", "green/web-0", file])).stdout.split("\n")[0]).toBe("Pod green/web-0 (uid u-b)");
    expect((await runCli(["timeline", "web-0", file, "-n", "blue"])).stdout.split("\n")[0]).toBe("Pod blue/web-0 (uid u-a)");
  });

  it("--types Warning keeps only Warning events, --since only the entries from then on, as with kubectl", async () => {
    const warnings = JSON.parse((await runCli(["timeline", "edge-proxy", PULL, "-o", "json", "--types", "Warning"])).stdout);
    expect(warnings.entries.length).toBeGreaterThan(0);
    expect(new Set(warnings.entries.map((e: { kind: string; type: string }) => `${e.kind} ${e.type}`))).toEqual(new Set(["event Warning"]));
    const normal = JSON.parse((await runCli(["timeline", "edge-proxy", PULL, "-o", "json", "--types", "normal,Warning"])).stdout);
    expect(new Set(normal.entries.map((e: { kind: string }) => e.kind))).toEqual(new Set(["event"]));
    expect(normal.entries.length).toBeGreaterThan(warnings.entries.length);
    const all = JSON.parse((await runCli(["timeline", "edge-proxy", PULL, "-o", "json"])).stdout);
    const recent = JSON.parse((await runCli(["timeline", "edge-proxy", PULL, "-o", "json", "--since", "20s"])).stdout);
    const last = Math.max(...all.entries.map((e: { at: string }) => Date.parse(e.at)));
    expect(recent.entries).toEqual(all.entries.filter((e: { at: string }) => Date.parse(e.at) >= last - 20_000));
    expect(recent.entries.length).toBeLessThan(all.entries.length);
    const text = (await runCli(["timeline", "edge-proxy", PULL, "--types", "Warning"])).stdout;
    expect(text).toContain("event Warning Failed [nginx] x2");
    expect(text).not.toContain("container nginx: waiting");
    const bad = await runCli(["timeline", "edge-proxy", PULL, "--types", "Warnings"]);
    expect(bad).toMatchObject({ code: 2, stderr: "podtrail: --types 'Warnings': expected Warning or Normal (did you mean Warning?)\n" });
  });
});
