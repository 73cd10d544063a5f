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
