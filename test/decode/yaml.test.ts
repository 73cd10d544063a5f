import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { detectYaml } from "../../src/decode/detect.js";
import { asDecoded, chunked, CORPUS, decode, linesOf, valuesOf } from "./helpers.js";
import { readCorpus } from "../helpers/files.js";

describe("YAML captures decode to the values their JSON gives", () => {
  const argo = join(CORPUS, "argo-gitops-engine-health");
  const yamls = readdirSync(argo).filter((f) => f.endsWith(".yaml"));

  it.each(yamls)("argo-gitops-engine-health/%s: the same object as its JSON conversion, timestamps as strings", async (file) => {
    const decoded = await decode(readFileSync(join(argo, file)));
    const json = JSON.parse(readFileSync(join(argo, "derived-json", file.replace(/\.yaml$/, ".json")), "utf8")) as unknown;
    expect(decoded.format).toBe("yaml");
    expect(decoded.warnings).toEqual([]);
    expect(valuesOf(decoded)).toEqual([asDecoded(json)]);
    expect(linesOf(decoded)).toEqual([1]);
  });

  it("an oc adm inspect pods.yaml (PodList items at column 0, kind after the items) gives the items of the must-gather's JSON, each at its `-` line", async () => {
    const bytes = readFileSync(join(CORPUS, "openshift-must-gather-clean-aws/original-yaml/openshift-apiserver__core__pods.yaml"));
    const text = bytes.toString("utf8");
    const decoded = await decode(bytes);
    const all = JSON.parse(readCorpus("openshift-must-gather-clean-aws/pods-all-namespaces.json").toString("utf8")) as { items: { metadata: { namespace: string; name: string } }[] };
    const items = all.items.filter((p) => p.metadata.namespace === "openshift-apiserver");
    expect(decoded.format).toBe("yaml");
    expect(decoded.warnings).toEqual([]);
    expect(items.length).toBe(3);
    expect(valuesOf(decoded)).toEqual(items.map(asDecoded));
    expect(linesOf(decoded)).toEqual(text.split("\n").flatMap((l, i) => (l.startsWith("- ") ? [i + 1] : [])));
  });

  it("an events.yaml EventList of 178 items decodes whole, identical in chunks of 1, 7 and 4096 bytes", async () => {
    const bytes = readFileSync(join(CORPUS, "openshift-must-gather-clean-aws/original-yaml/openshift-apiserver__core__events.yaml"));
    const whole = await decode(bytes);
    expect(whole.values).toHaveLength(178);
    expect(whole.values.every((v) => v.value["kind"] === "Event")).toBe(true);
    for (const sizes of [[7], [4096], [1, 3, 1000]]) {
      const parts = await decode(chunked(bytes, sizes));
      expect(parts.values).toEqual(whole.values);
      expect(parts.warnings).toEqual(whole.warnings);
    }
  });

  it("kubectl get pods -o yaml (a List at column 0) gives its 17 pods", async () => {
    const decoded = await decode(readFileSync(join(CORPUS, "nri-kubernetes-v1.16/v1.16_kubectl_get_pods.yaml")));
    expect(decoded.warnings).toEqual([]);
    expect(decoded.values.map((v) => v.value["kind"])).toEqual(Array(17).fill("Pod"));
  });
});

describe("YAML streams", () => {
  const pod = (name: string, extra = ""): string =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: "2024-05-01T10:00:00Z"\n  name: ${name}\n  namespace: shop\n  uid: 00000000-0000-4000-8000-00000000000${name.length % 10}\n${extra}status:\n  phase: Running\n  startTime: 2024-05-01T10:00:01Z\n`;

  it("--- separated documents are one record each, at their first key's line; comments and `...` are not records", async () => {
    const text = `# pods of shop\n---\n${pod("a")}---\n\n${pod("bb")}...\n---\n# nothing here\n---\n${pod("ccc")}`;
    const decoded = await decode(text);
    expect(decoded.warnings).toEqual([]);
    expect(decoded.values.map((v) => (v.value["metadata"] as { name: string }).name)).toEqual(["a", "bb", "ccc"]);
    const lines = text.split("\n");
    expect(linesOf(decoded)).toEqual(lines.flatMap((l, i) => (l === "apiVersion: v1" ? [i + 1] : [])));
  });

  it("keeps timestamps as strings, reads numbers and booleans as YAML 1.2 core (as JSON), leaves yes/no and .inf strings", async () => {
    const decoded = await decode(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  creationTimestamp: 2024-01-01T00:00:00Z\nstatus:\n  a: yes\n  b: 0o17\n  c: 1e3\n  d: ~\n  e: .inf\n  f: "012"\n  g: 012\n  h: true\n  i: -3\n`);
    expect(decoded.values[0]!.value).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "x", creationTimestamp: "2024-01-01T00:00:00Z" },
      status: { a: "yes", b: 15, c: 1000, d: null, e: ".inf", f: "012", g: 12, h: true, i: -3 },
    });
  });

  it("a PodList whose items carry no kind, with kind after the items (sorted keys): items implied Pods", async () => {
    const items = [pod("a"), pod("bb")].map((p) => p.replace("apiVersion: v1\nkind: Pod\n", "")).map((p) => `- ${p.trimEnd().replace(/\n/g, "\n  ")}\n`);
    const decoded = await decode(`apiVersion: v1\nitems:\n${items.join("")}kind: PodList\nmetadata:\n  resourceVersion: "77"\n`);
    expect(decoded.warnings).toEqual([]);
    expect(decoded.values.map((v) => v.implied)).toEqual([
      { kind: "Pod", apiVersion: "v1" },
      { kind: "Pod", apiVersion: "v1" },
    ]);
  });

  it("items indented under items: (as some emitters write them), and a document that is itself a sequence", async () => {
    const listed = stringify({ apiVersion: "v1", kind: "List", items: [{ kind: "Pod", metadata: { name: "a" } }, { kind: "Pod", metadata: { name: "b" } }] }, { indentSeq: true });
    expect(listed).toContain("  - kind: Pod");
    const a = await decode(listed);
    expect(a.warnings).toEqual([]);
    expect(valuesOf(a)).toEqual([
      { kind: "Pod", metadata: { name: "a" } },
      { kind: "Pod", metadata: { name: "b" } },
    ]);
    const b = await decode("- kind: Pod\n  metadata:\n    name: a\n- kind: Event\n  involvedObject:\n    name: a\n");
    expect(b.format).toBe("yaml");
    expect(valuesOf(b)).toEqual([
      { kind: "Pod", metadata: { name: "a" } },
      { kind: "Event", involvedObject: { name: "a" } },
    ]);
    expect(linesOf(b)).toEqual([1, 4]);
  });

  it("a block scalar holding lines that look like keys and entries stays inside its item", async () => {
    const text = "apiVersion: v1\nitems:\n- kind: Pod\n  metadata:\n    annotations:\n      note: |\n        - not: an item\n        kind: not a key\n\n        end\n    name: a\n- kind: Pod\n  metadata:\n    name: b\nkind: List\n";
    const decoded = await decode(text);
    expect(decoded.warnings).toEqual([]);
    expect(valuesOf(decoded)).toEqual([
      { kind: "Pod", metadata: { annotations: { note: "- not: an item\nkind: not a key\n\nend\n" }, name: "a" } },
      { kind: "Pod", metadata: { name: "b" } },
    ]);
  });
});

describe("damaged YAML costs only the piece it is in", () => {
  const list = (n: number): string => `apiVersion: v1\nitems:\n${Array.from({ length: n }, (_, i) => `- kind: Pod\n  metadata:\n    name: p${i}\n    uid: u${i}\n`).join("")}kind: List\nmetadata:\n  resourceVersion: ""\n`;

  it("an item that is not YAML is one warning at its line; the others are read", async () => {
    const text = list(3).replace("    name: p1\n", "    name: [p1\n");
    const decoded = await decode(text);
    expect(valuesOf(decoded).map((v) => (v as { metadata: { name: string } }).metadata.name)).toEqual(["p0", "p2"]);
    expect(decoded.diagnostics.map((d) => d.kind)).toEqual(["invalidYaml"]);
    expect(decoded.warnings[0]!.line).toBe(7);
  });

  it("text pasted at column 0 between items is one notYaml warning naming its lines; the items after it are read", async () => {
    const text = list(3).replace("- kind: Pod\n  metadata:\n    name: p2", "$ kubectl get pods -o yaml\n  (pasted)\n- kind: Pod\n  metadata:\n    name: p2");
    const decoded = await decode(text);
    expect(valuesOf(decoded)).toHaveLength(3);
    expect(decoded.warnings).toEqual([{ line: 11, message: 'not YAML: "$ kubectl get pods -o yaml"; skipped lines 11-12' }]);
  });

  it("a list cut at a line inside its items (no kind after them): the last item is dropped as truncated, the rest read", async () => {
    const text = list(4);
    const cut = text.slice(0, text.indexOf("    uid: u3\n"));
    const decoded = await decode(cut);
    expect(valuesOf(decoded)).toHaveLength(3);
    expect(decoded.warnings).toEqual([{ line: 15, message: "truncated record at end of input" }]);
  });

  it("a document cut inside a line that no longer parses: truncated at end; one that still parses is read", async () => {
    const broken = await decode('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "web');
    expect(broken.values).toHaveLength(0);
    expect(broken.warnings.map((w) => w.message)).toEqual(["truncated record at end of input"]);
  });

  it("every single-byte corruption of a list leaves the items it does not touch as they were", async () => {
    const text = list(6);
    const clean = valuesOf(await decode(text));
    const itemStarts = text.split("\n").flatMap((l, i) => (l.startsWith("- ") ? [i] : []));
    for (let at = text.indexOf("items:\n") + 7; at < text.indexOf("kind: List"); at += 3) {
      for (const byte of ["\n", "x", ":", "-", "\u0000", "[", '"']) {
        const damaged = text.slice(0, at) + byte + text.slice(at + 1);
        const values = valuesOf(await decode(damaged));
        const line = damaged.slice(0, at).split("\n").length - 1;
        const hit = itemStarts.filter((s) => s <= line).length - 1;
        // Every item other than the one the byte fell in is read unchanged (a line break replaced joins the line after it too).
        const joined = text[at] === "\n" ? hit + 1 : hit;
        for (const [i, item] of clean.entries()) if (i !== hit && i !== joined) expect(values, JSON.stringify(damaged)).toContainEqual(item);
      }
    }
  });
});

describe("what is YAML", () => {
  const yes = ["apiVersion: v1\nkind: Pod\n", "---\napiVersion: v1\n", "# a comment\n\nkind: List\n", "%YAML 1.2\n---\na: 1\n", "- apiVersion: v1\n", "\ufeffapiVersion: v1\n", "items:\n- a: 1\n"];
  const no = [
    '{"kind":"Pod"}\n',
    "[]",
    "Name:         web-0\nNamespace:    shop\n",
    "NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          3d\n",
    'event: {"kind":"Event"}\n',
    "2024-05-01T10:00:00Z stdout F {}\n",
    "#!/bin/sh\necho hi\n",
    "# Captures\n\nTaken during the incident.\n",
    "http://example.com/\n",
    "",
  ];
  it.each(yes)("%j is YAML", (text) => expect(detectYaml(Buffer.from(text), true)).toBe(true));
  it.each(no)("%j is not YAML", (text) => expect(detectYaml(Buffer.from(text), true)).toBe(false));
  it("waits for the first content line to end", () => {
    expect(detectYaml(Buffer.from("# comment\napiVer"), false)).toBeNull();
    expect(detectYaml(Buffer.from('{"kind"'), false)).toBe(false);
  });
});

describe("hostile YAML is a warning, never a crash or a hang", () => {
  it("100,000-deep flow nesting, an alias bomb, and a record over the size limit each cost their record only", async () => {
    const pod = "- kind: Pod\n  metadata:\n    name: ok\n";
    const deep = `- kind: Pod\n  metadata:\n    name: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    let bomb = '- kind: Pod\n  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 9; i++) bomb += `  a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(",")}]\n`;
    const big = `- kind: Pod\n  metadata:\n    name: big\n    annotations:\n      blob: ${"x".repeat(5000)}\n`;
    const decoded = await decode(`apiVersion: v1\nitems:\n${pod}${deep}${bomb}${pod}kind: List\n`);
    expect(valuesOf(decoded)).toEqual([
      { kind: "Pod", metadata: { name: "ok" } },
      { kind: "Pod", metadata: { name: "ok" } },
    ]);
    expect(decoded.warnings).toEqual([
      { line: 6, message: expect.stringMatching(/^invalid YAML: .*; skipped$/) },
      { line: 9, message: "invalid YAML: Excessive alias count indicates a resource exhaustion attack; skipped" },
    ]);
    const limited = await decode(`apiVersion: v1\nitems:\n${pod}${big}${pod}kind: List\n`, { maxRecordBytes: 4096 });
    expect(valuesOf(limited)).toHaveLength(2);
    expect(limited.warnings).toEqual([{ line: 6, message: "record larger than 4 KiB; skipped" }]);
  });
});
