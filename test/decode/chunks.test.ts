import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunked, CORPUS, decode } from "./helpers.js";

const corpus = (path: string) => readFileSync(join(CORPUS, path));

/** Inputs with every feature the scanner tracks, good and bad. */
const documents: Record<string, Buffer> = {
  jsonl: corpus("k8s-openapi-test-replays/v1.36_kind_kube-system_watch_sendInitialEvents.raw.jsonl"),
  rawList: corpus("k8s-openapi-test-replays/v1.36_kind_kube-system_podlist.json"),
  array: corpus("pulumi-await-recordings/workflows/pod/imagePullErrorResolved.json"),
  insights: corpus("openshift-insights-sample/pods/openshift-monitoring__prometheus-k8s-0.json"),
  tricky: Buffer.from(
    "\uFEFF" +
      [
        '{"kind":"Pod","metadata":{"name":"q\\"}{[]","labels":{"a\\\\":"\\\\\\"","b":"é日本😀"}}}',
        "not json at all",
        '{"apiVersion":"v1","items":[{"metadata":{"name":"x"}}, {"kind":"Pod","metadata":{"name":"y ]}"}},\r\n{"metadata":{}}],"kind":"PodList"}',
        "42",
        JSON.stringify({ type: "MODIFIED", object: { kind: "Pod", spec: { containers: [{ name: "c", args: ["{", "}", "\\"] }] } } }, null, 2),
        '{"type":"ADDED","object":{"metadata":{"name":"cut',
        '{"type":"DELETED","object":{"metadata":{"name":"after-cut"}}}',
        '{"kind": "List", "items": [1, "two", {"kind":"Event"}, null, {"kind":"Event", "bad": tru}], "apiVersion": "v1"}',
        '[{"a":1},',
        '{"b":"x',
        '{"c":3}]',
        "\u0000\u0001",
        '{"kind":"Pod","metadata":{"name":"last","note":"\u2028"}}',
        '{"kind":"Pod","metadata":{"name":"trunc',
      ].join("\n"),
  ),
  invalidUtf8: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xe6, 0x97]), Buffer.from('"}\n{"b":"\u65e5"}\n')]),
  indentedObjects: Buffer.from(
    [1, 2, 3].map((n) => JSON.stringify({ kind: "Pod", metadata: { name: `p${n}` }, spec: { containers: [{ name: "c" }] } }, null, 2).replace(/^/gm, "  ")).join("\n"),
  ),
  prettyList: Buffer.from(
    JSON.stringify({ apiVersion: "v1", items: [{ metadata: { name: "a" } }, { metadata: { name: "b", x: [[], {}, "]"] } }], kind: "PodList" }, null, 4),
  ),
};

describe("the output does not depend on how the bytes are chunked", () => {
  for (const [name, bytes] of Object.entries(documents)) {
    it(name, async () => {
      const whole = await decode(bytes);
      const bigLimit = await decode(bytes, { maxRecordBytes: 300 });
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 20 }), async (sizes) => {
          expect(await decode(chunked(bytes, sizes))).toEqual(whole);
          expect(await decode(chunked(bytes, sizes), { maxRecordBytes: 300 })).toEqual(bigLimit);
        }),
        { numRuns: 60 },
      );
    });
  }

  it("single-byte chunks", async () => {
    for (const bytes of Object.values(documents)) {
      expect(await decode(chunked(bytes, [1]))).toEqual(await decode(bytes));
    }
  });
});

const record = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
const normalize = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe("any records survive any layout and chunking", () => {
  it("compact, pretty, array and List layouts give the records back", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 8 }),
        fc.constantFrom("jsonl", "pretty", "array", "list"),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 10 }),
        async (records, layout, sizes) => {
          const objects = records.map((r) => ({ ...r, kind: "Thing" }));
          const text =
            layout === "jsonl"
              ? objects.map((o) => JSON.stringify(o)).join("\n")
              : layout === "pretty"
                ? objects.map((o) => JSON.stringify(o, null, 2)).join("\n")
                : layout === "array"
                  ? JSON.stringify(objects, null, 1)
                  : JSON.stringify({ apiVersion: "v1", items: objects, kind: "ThingList" }, null, 2);
          const d = await decode(chunked(Buffer.from(text), sizes));
          expect(d.warnings).toEqual([]);
          expect(d.values.map((v) => v.value)).toEqual(normalize(objects));
        },
      ),
      { numRuns: 300 },
    );
  });
});
