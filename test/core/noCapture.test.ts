import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { noCaptureMessage } from "../../src/noCapture.js";
import { FIXTURE_CORPUS } from "../helpers/files.js";
import { analyzeBytes } from "../fuzz/helpers.js";

/** What the CLI prints before exiting 2 when no input of a run holds a pod or event (docs/spec.md §1.6). */
describe("a run with no pod or event says so in one line", () => {
  it("kubectl get pods text, an empty file, a YAML file with no pods: each its one line", async () => {
    const table = "NAME                     READY   STATUS    RESTARTS   AGE\nweb-7d4b9c8f6d-x2x9k     1/1     Running   0          3d\n";
    expect(noCaptureMessage(await analyzeBytes({ "pods.txt": table }))).toBe("podtrail: no pod or event in the input (pods.txt: looks like kubectl table output: capture with -o json)");
    expect(noCaptureMessage(await analyzeBytes({ "pods.json": "" }))).toBe("podtrail: no pod or event in the input (pods.json: empty file)");
    expect(noCaptureMessage(await analyzeBytes({ "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n" }))).toBe(
      "podtrail: no pod or event in the input (cm.yaml: YAML, but no Pod or Event)",
    );
    const all = await analyzeBytes({ "a.txt": table, "b.json": "", "c.yaml": "kind: Node\n" });
    expect(noCaptureMessage(all)).toBe("podtrail: no pod or event in the input (a.txt: looks like kubectl table output: capture with -o json; b.json: empty file; c.yaml: YAML, but no Pod or Event)");
    expect(noCaptureMessage(all)!.split("\n")).toHaveLength(1);
  });

  it("kubectl describe and events text from the corpus, named with how to capture instead", async () => {
    const dir = join(FIXTURE_CORPUS, "holmesgpt-kubectl-text");
    const describe = join(dir, "test_investigate__01_oom_kill__kubectl_describe.txt");
    const events = join(dir, "test_investigate__03_cpu_throttling__kubectl_events.txt");
    const report = await analyze([describe, events]);
    expect(noCaptureMessage(report)).toBe(
      `podtrail: no pod or event in the input (${describe}: looks like kubectl describe text: capture with kubectl get -o json; ${events}: looks like kubectl table output: capture with -o json)`,
    );
  });

  it("is null as soon as one input holds a pod or an event, whatever the filters keep", async () => {
    const pod = JSON.stringify({ type: "ADDED", object: { kind: "Pod", metadata: { name: "p", namespace: "n", uid: "u", creationTimestamp: "2024-01-01T00:00:00Z" } } });
    const report = await analyzeBytes({ "pods.jsonl": `${pod}\n`, "notes.txt": "hello\n" }, { filter: { namespaces: ["other"] } });
    expect(report.pods).toEqual([]);
    expect(noCaptureMessage(report)).toBeNull();
  });
});
