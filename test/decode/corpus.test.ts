import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import type { InputFormat } from "../../src/types.js";
import { asDecoded, decode } from "./helpers.js";
import { CORPUS_ABSENT, corpusFile, corpusFiles, readCorpus } from "../helpers/files.js";

/**
 * The format of every corpus capture, from its bytes (test/fixtures/corpus/PROVENANCE.md
 * says where each comes from). A file no row names fails: look at its bytes and add one.
 */
const FORMATS: readonly (readonly [RegExp, InputFormat])[] = [
  // Raw watch response bodies: one {"type","object"} per line.
  [/^k8s-openapi-test-replays\/.*\.raw\.jsonl$/, "watch-jsonl"],
  // The replay wrapper: [{request_url, request_method, response_body, ...}].
  [/^k8s-openapi-test-replays\/ORIGINAL_.*\.replay\.json$/, "array"],
  // Raw API PodLists, items without kind.
  [/^k8s-openapi-test-replays\/.*podlist.*\.json$/, "list"],
  // Arrays of successive Pod snapshots.
  [/^pulumi-await-recordings\/workflows(-2024)?\/pod\/.*\.json$/, "array"],
  // One pretty-printed Pod each.
  [/^pulumi-await-recordings\/states\/pod\/.*\.json$/, "object-stream"],
  [/^argo-gitops-engine-health\/derived-json\/.*\.json$/, "object-stream"],
  [/^openshift-insights-sample\/pods\/.*\.json$/, "object-stream"],
  // One compact audit Event each.
  [/^falco-k8s-audit-traces\/.*\.json$/, "object-stream"],
  // Merged EventList / PodList.
  [/^openshift-must-gather-clean-(aws|metal)\/.*-all-namespaces\.json$/, "list"],
  // The kubelet's /pods PodList, compact on one line.
  [/^nri-kubernetes-v1\.16\/.*\.json$/, "list"],
  // Sonobuoy: bare arrays of kind-less pods and events.
  [/^sonobuoy-results-0\.9\/.*\.json$/, "array"],
  // An EventList and two PodLists, pretty-printed, items without kind.
  [/^dd-agent-k8s1\.2\/.*\.json$/, "list"],
  // `kubectl get pods -o json --watch`: pretty objects, concatenated.
  [/^openconfig-kne-kubectl-watch\/.*\.json$/, "object-stream"],
  // `kubectl get pod -o yaml`, `kubectl get pods -o yaml` Lists, `oc adm inspect` PodLists and EventLists.
  [/\.ya?ml$/, "yaml"],
];

/** Files that are not captures (see test/corpus for what podtrail says about them). */
const NOT_READ: readonly (readonly [RegExp, string])[] = [
  [/\.txt$/, "kubectl text output, not a capture"],
  [/\.md$/, "documentation, not a capture"],
];

function expectedFormat(rel: string): InputFormat | null {
  return FORMATS.find(([pattern]) => pattern.test(rel))?.[1] ?? null;
}

/** The records of a file by a reading independent of podtrail's scanner: JSON.parse of the whole, or of each part that starts with `{` at a line's start. */
function recordsOf(format: InputFormat, text: string): unknown[] {
  if (format === "yaml") {
    // The whole stream at once, by the library alone: a List's items, or each document.
    return parseAllDocuments(text, { version: "1.2", schema: "core" }).flatMap((doc) => {
      const value = doc.toJS() as { kind?: unknown; items?: unknown[] } | null;
      return typeof value?.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items) ? value.items : value === null ? [] : [value];
    });
  }
  if (format === "array") return JSON.parse(text) as unknown[];
  if (format === "list") return (JSON.parse(text) as { items: unknown[] }).items;
  return text
    .split(/\n(?=\{)/)
    .filter((part) => part.trim() !== "")
    .map((part) => JSON.parse(part) as unknown);
}

const files = corpusFiles();

describe("every corpus capture decodes with the right format", () => {
  it("finds the corpus", () => expect(files.length).toBeGreaterThanOrEqual(100));

  for (const file of files) {
    const skip = NOT_READ.find(([pattern]) => pattern.test(file.rel));
    if (skip !== undefined) {
      it.skip(`${file.rel} (not decoded: ${skip[1]})`, () => {});
      continue;
    }
    it(file.gzipped ? `${file.rel} (stored gzipped)` : file.rel, async () => {
      const format = expectedFormat(file.rel);
      expect(format, `no expected format for ${file.rel}: add a row to FORMATS`).not.toBeNull();
      const bytes = readCorpus(file);
      const decoded = await decode(bytes);
      expect(decoded.format).toBe(format);
      expect(decoded.warnings).toEqual([]);
      expect(decoded.bytes).toBe(bytes.length);
      if (format === "watch-jsonl") {
        const lines = bytes.toString("utf8").split("\n").filter((l) => l !== "");
        expect(decoded.values.map((v) => v.value)).toEqual(lines.map((l) => asDecoded(JSON.parse(l))));
      } else {
        expect(decoded.values.map((v) => v.value)).toEqual(recordsOf(format!, bytes.toString("utf8")).map(asDecoded));
      }
    });
  }
});

/** A test over one named corpus file: skipped, saying so, when neither the repository nor ../shared has it. */
function withFile(rel: string, title: string, body: (bytes: Buffer) => Promise<void>): void {
  const file = corpusFile(rel);
  it.skipIf(file === null)(file === null ? `${title} ${CORPUS_ABSENT}` : title, () => body(readCorpus(file!)));
}

describe("corpus specifics", () => {
  withFile("k8s-openapi-test-replays/v1.36_kind_kube-system_watch_sendInitialEvents.raw.jsonl", "v1.36 sendInitialEvents watch: 8 ADDED and 1 BOOKMARK on lines 1-9", async (bytes) => {
    const decoded = await decode(bytes);
    expect(decoded.format).toBe("watch-jsonl");
    expect(decoded.values.map((v) => v.value["type"])).toEqual([...Array<string>(8).fill("ADDED"), "BOOKMARK"]);
    expect(decoded.values.map((v) => v.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(decoded.values.every((v) => v.implied === null)).toBe(true);
  });

  withFile("k8s-openapi-test-replays/v1.36_kind_kube-system_podlist.json", "raw API PodList: items lack kind, the list implies Pod/v1", async (bytes) => {
    const decoded = await decode(bytes);
    expect(decoded.format).toBe("list");
    expect(decoded.values.length).toBe(8);
    for (const { value, implied, line } of decoded.values) {
      expect(value["kind"]).toBeUndefined();
      expect(implied).toEqual({ kind: "Pod", apiVersion: "v1" });
      expect(line).toBe(1);
    }
  });

  withFile("openshift-must-gather-clean-aws/events-all-namespaces.json", "must-gather EventList: as many items as JSON.parse finds, implied Event/v1", async (bytes) => {
    const whole = JSON.parse(bytes.toString("utf8")) as { items: unknown[] };
    const decoded = await decode(bytes);
    expect(decoded.format).toBe("list");
    expect(decoded.values.length).toBe(whole.items.length);
    expect(decoded.values.length).toBe(5373);
    expect(decoded.values[0]!.implied).toEqual({ kind: "Event", apiVersion: "v1" });
  });

  withFile("pulumi-await-recordings/workflows/pod/scheduled.json", "pulumi recording: an array of Pod snapshots with the line of each element", async (bytes) => {
    const decoded = await decode(bytes);
    expect(decoded.format).toBe("array");
    expect(decoded.values.map((v) => v.line)).toEqual([2, 72]);
    expect(decoded.values.map((v) => v.value["kind"])).toEqual(["Pod", "Pod"]);
  });

  withFile("k8s-openapi-test-replays/ORIGINAL_v1-36_watch_event-watch_pods_without_initial_events.replay.json", "the ORIGINAL replay wrapper is an array of one exchange", async (bytes) => {
    const decoded = await decode(bytes);
    expect(decoded.format).toBe("array");
    expect(decoded.values.length).toBe(1);
    expect(decoded.values[0]!.value["request_method"]).toBe("GET");
  });

  withFile("openconfig-kne-kubectl-watch/kubectl-get-pods-A-o-json-watch.rawStream.json", "kubectl --watch pretty object stream: 7 Pods, each at the line its `{` opens", async (bytes) => {
    const decoded = await decode(bytes);
    expect(decoded.format).toBe("object-stream");
    expect(decoded.values.map((v) => v.line)).toEqual([1, 249, 563, 775, 1039, 1259, 1479]);
    expect(decoded.values.every((v) => v.value["kind"] === "Pod" && v.implied === null)).toBe(true);
  });

  withFile("sonobuoy-results-0.9/heptio-sonobuoy/Events.json", "Sonobuoy dump: an array of 60 events without kind or apiVersion, nothing implied", async (bytes) => {
    const decoded = await decode(bytes);
    expect(decoded.format).toBe("array");
    expect(decoded.values.length).toBe(60);
    expect(decoded.values.every((v) => v.value["kind"] === undefined && v.implied === null && typeof v.value["involvedObject"] === "object")).toBe(true);
  });

  withFile("dd-agent-k8s1.2/events.json", "dd-agent EventList: 19 kind-less items, implied Event/v1", async (bytes) => {
    const decoded = await decode(bytes);
    expect(decoded.format).toBe("list");
    expect(decoded.values.length).toBe(19);
    expect(decoded.values.every((v) => v.implied?.kind === "Event" && v.implied.apiVersion === "v1")).toBe(true);
  });
});
