import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { asDecoded, CORPUS, decode } from "./helpers.js";
import { filesUnder } from "../helpers/files.js";


const files = filesUnder(CORPUS).filter((path) => !/\.(txt|yaml|md)$/.test(path));

function expectedFormat(path: string): string {
  const rel = relative(CORPUS, path);
  if (rel.endsWith(".raw.jsonl")) return "watch-jsonl";
  if (rel.startsWith("k8s-openapi-test-replays/ORIGINAL_")) return "array";
  if (rel.includes("podlist") || rel.startsWith("openshift-must-gather")) return "list";
  if (/^pulumi-await-recordings\/workflows/.test(rel)) return "array";
  return "object-stream";
}

describe("every corpus capture decodes with the right format", () => {
  it("finds the corpus", () => expect(files.length).toBeGreaterThanOrEqual(80));

  for (const path of files) {
    it(relative(CORPUS, path), async () => {
      const bytes = readFileSync(path);
      const decoded = await decode(bytes);
      expect(decoded.format).toBe(expectedFormat(path));
      expect(decoded.warnings).toEqual([]);
      expect(decoded.bytes).toBe(bytes.length);
      const whole: unknown = expectedFormat(path) === "watch-jsonl" ? null : asDecoded(JSON.parse(bytes.toString("utf8")));
      if (Array.isArray(whole)) expect(decoded.values.map((v) => v.value)).toEqual(whole);
      else if (whole !== null && typeof whole === "object" && Array.isArray((whole as { items?: unknown }).items)) {
        expect(decoded.values.map((v) => v.value)).toEqual((whole as { items: unknown[] }).items);
      } else if (whole !== null) expect(decoded.values.map((v) => v.value)).toEqual([whole]);
    });
  }
});

describe("corpus specifics", () => {
  it("v1.36 sendInitialEvents watch: 8 ADDED and 1 BOOKMARK on lines 1-9", async () => {
    const decoded = await decode(readFileSync(join(CORPUS, "k8s-openapi-test-replays/v1.36_kind_kube-system_watch_sendInitialEvents.raw.jsonl")));
    expect(decoded.format).toBe("watch-jsonl");
    expect(decoded.values.map((v) => v.value["type"])).toEqual([...Array<string>(8).fill("ADDED"), "BOOKMARK"]);
    expect(decoded.values.map((v) => v.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(decoded.values.every((v) => v.implied === null)).toBe(true);
  });

  it("raw API PodList: items lack kind, the list implies Pod/v1", async () => {
    const decoded = await decode(readFileSync(join(CORPUS, "k8s-openapi-test-replays/v1.36_kind_kube-system_podlist.json")));
    expect(decoded.format).toBe("list");
    expect(decoded.values.length).toBe(8);
    for (const { value, implied, line } of decoded.values) {
      expect(value["kind"]).toBeUndefined();
      expect(implied).toEqual({ kind: "Pod", apiVersion: "v1" });
      expect(line).toBe(1);
    }
  });

  it("must-gather EventList: as many items as JSON.parse finds, implied Event/v1", async () => {
    const bytes = readFileSync(join(CORPUS, "openshift-must-gather-clean-aws/events-all-namespaces.json"));
    const whole = JSON.parse(bytes.toString("utf8")) as { items: unknown[] };
    const decoded = await decode(bytes);
    expect(decoded.format).toBe("list");
    expect(decoded.values.length).toBe(whole.items.length);
    expect(decoded.values.length).toBe(5373);
    expect(decoded.values[0]!.implied).toEqual({ kind: "Event", apiVersion: "v1" });
  });

  it("pulumi recording: an array of Pod snapshots with the line of each element", async () => {
    const decoded = await decode(readFileSync(join(CORPUS, "pulumi-await-recordings/workflows/pod/scheduled.json")));
    expect(decoded.format).toBe("array");
    expect(decoded.values.map((v) => v.line)).toEqual([2, 72]);
    expect(decoded.values.map((v) => v.value["kind"])).toEqual(["Pod", "Pod"]);
  });

  it("the ORIGINAL replay wrapper is an array of one exchange", async () => {
    const decoded = await decode(
      readFileSync(join(CORPUS, "k8s-openapi-test-replays/ORIGINAL_v1-36_watch_event-watch_pods_without_initial_events.replay.json")),
    );
    expect(decoded.format).toBe("array");
    expect(decoded.values.length).toBe(1);
    expect(decoded.values[0]!.value["request_method"]).toBe("GET");
  });
});
