import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRecord } from "../../src/decode/parseRecord.js";
import { asDecoded, CORPUS } from "./helpers.js";

const parse = (text: string) => parseRecord(Buffer.from(text), 0, Buffer.byteLength(text));
const lines = readFileSync(join(CORPUS, "k8s-openapi-test-replays/v1.36_kind_kube-system_watch_sendInitialEvents.raw.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l !== "");

describe("parseRecord: JSON.parse that skips what podtrail never reads", () => {
  it("gives JSON.parse's value for real API records, managedFields reduced to their times", () => {
    for (const line of lines) {
      const value = parse(line) as { object: { metadata: { managedFields?: unknown[] } } };
      expect(value).toEqual(asDecoded(JSON.parse(line)));
    }
    const first = parse(lines[0]!) as { object: { metadata: { managedFields: unknown[] } } };
    expect(first.object.metadata.managedFields.length).toBeGreaterThan(0);
    expect(first.object.metadata.managedFields[0]).toEqual({ time: expect.any(String) });
  });

  it("parses a spec seen before only once, sharing the object", () => {
    const a = parse(lines[0]!) as { object: { spec: unknown } };
    const b = parse(lines[0]!) as { object: { spec: unknown } };
    expect(b.object.spec).toBe(a.object.spec);
  });

  it("tells apart specs that differ only where their fingerprint does not look, by their bytes", () => {
    // The same length, the same first 300 and last 100 bytes: one container's image differs in the middle.
    const volumes = Array.from({ length: 8 }, (_, i) => `{"name":"config-${i}","configMap":{"name":"workload-config-${i}"}}`).join(",");
    const tail = Array.from({ length: 4 }, (_, i) => `{"name":"sidecar-${i}","image":"registry.example/sidecar:1.${i}"}`).join(",");
    const record = (image: string) =>
      `{"type":"MODIFIED","object":{"kind":"Pod","metadata":{"name":"p","uid":"u"},"spec":{"volumes":[${volumes}],"containers":[{"name":"app","image":"${image}"},${tail}],"nodeName":"node-1"},"status":{"phase":"Running"}}}`;
    const a = record("registry.example/app:1.0.1");
    const b = record("registry.example/app:1.0.2");
    const at = [...a].findIndex((ch, i) => ch !== b[i]);
    const specStart = a.indexOf('"spec":') + 7;
    expect(a.length).toBe(b.length);
    expect(at - specStart).toBeGreaterThan(300);
    expect(a.lastIndexOf('},"status"') - at).toBeGreaterThan(100);
    for (const text of [a, b, a, b]) expect(parse(text)).toEqual(asDecoded(JSON.parse(text)));
  });

  it("does not cut metadata keys that follow managedFields (sorted keys)", () => {
    const sorted = '{"metadata":{"managedFields":[{"time":"2024-01-01T00:00:00Z","fieldsV1":{"f:x":{}}}],"name":"p","ownerReferences":[{"uid":"u"}]},"spec":{"containers":[]},"status":{"phase":"Running"}}';
    expect(parse(sorted)).toEqual(asDecoded(JSON.parse(sorted)));
    const valueNotKey = '{"metadata":{"name":"managedFields","labels":{"a":"managedFields"}},"spec":{"x":1},"status":{}}';
    expect(parse(valueNotKey)).toEqual(asDecoded(JSON.parse(valueNotKey)));
    const nestedStatus = '{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","v":[{"spec":{"a":1},"status":{"b":2}}]}]},"status":{"phase":"Pending"}}';
    expect(parse(nestedStatus)).toEqual({ metadata: { name: "p" }, spec: { containers: [{ name: "c" }] }, status: { phase: "Pending" } });
  });

  it("agrees with JSON.parse on arbitrary JSON objects, and throws where it throws", () => {
    fc.assert(
      // The key after metadata: a pod's, a core/v1 Event's, an events.k8s.io Event's.
      fc.property(fc.object({ maxDepth: 4 }), fc.boolean(), fc.constantFrom("spec", "involvedObject", "eventTime"), (obj, withKeys, next) => {
        const record = withKeys ? { metadata: { ...obj, managedFields: [{ time: "2024-01-01T00:00:00Z", f: obj }] }, [next]: obj, status: obj } : obj;
        const text = JSON.stringify(record);
        expect(parse(text)).toEqual(asDecoded(JSON.parse(text)));
      }),
      { numRuns: 300 },
    );
    expect(() => parse('{"metadata":{"managedFields":[}')).toThrow(SyntaxError);
    // A nested array ending like metadata does, before the real end: the cut text does not parse, so the plain parse decides.
    const lookalike = '{"metadata":{"managedFields":[{"time":"2024-01-01T00:00:00Z","f":{"a":[1]},"involvedObject":{"x":1}}]},"involvedObject":{"kind":"Pod"}}';
    expect(parse(lookalike)).toEqual(JSON.parse(lookalike));
  });
});
