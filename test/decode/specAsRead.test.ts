import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRecord } from "../../src/decode/parseRecord.js";
import { specAsRead } from "../../src/decode/specAsRead.js";
import { normalizeObject } from "../../src/normalize/object.js";
import { describeShapeProblems } from "../../src/normalize/validateShape.js";
import { CORPUS } from "./helpers.js";

/*
 * The decoder hands on only what podtrail reads of a pod's spec: what the pod
 * input schema names. Held here against the schema file itself and against
 * the normalizer, on real records and on specs with every field of the wrong
 * type.
 */

type Obj = Record<string, unknown>;

const schema = JSON.parse(readFileSync(new URL("../../schemas/input/pod.schema.json", import.meta.url), "utf8")) as {
  properties: { spec: { properties: Record<string, { items?: { properties?: Record<string, unknown> } }> } };
};
const specSchema = schema.properties.spec.properties;

const watch = readFileSync(join(CORPUS, "k8s-openapi-test-replays/v1.36_kind_kube-system_watch_sendInitialEvents.raw.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l !== "")
  .map((l) => JSON.parse(l) as { object: Obj });
const realPods = watch.map((e) => e.object).filter((o) => o["kind"] === "Pod");

const loc = { input: "x.json", line: 1 };
/** The normalized record and its diagnostics, with the value's location. */
const normalized = (pod: Obj) => normalizeObject(pod, "ADDED", loc, null);

describe("specAsRead: a pod spec cut to what podtrail reads", () => {
  it("keeps exactly the fields the pod input schema names, and drops the rest", () => {
    // Every field the schema names, each container field it names, and a field of each it does not.
    const container: Obj = { extra: { probe: 1 } };
    for (const key of Object.keys(specSchema["containers"]!.items!.properties!)) container[key] = `${key}-value`;
    const spec: Obj = { extra: [1, 2], serviceAccountName: "sa" };
    for (const key of Object.keys(specSchema)) spec[key] = key === "volumes" ? [{ name: "v", configMap: { name: "c" } }] : key.endsWith("ontainers") ? [container] : `${key}-value`;
    const read = specAsRead(spec) as Obj;
    expect(Object.keys(read).sort()).toEqual(Object.keys(specSchema).sort());
    for (const key of ["containers", "initContainers"]) {
      expect(Object.keys((read[key] as Obj[])[0]!).sort()).toEqual(Object.keys(specSchema[key]!.items!.properties!).sort());
    }
    expect(read["nodeName"]).toBe("nodeName-value");
    expect(read["volumes"]).toEqual([{ name: "v", configMap: {} }]);
  });

  it("real pods normalize alike from the whole spec and from what is kept of it", () => {
    expect(realPods.length).toBeGreaterThan(5);
    let whole = 0;
    let kept = 0;
    for (const pod of realPods) {
      const cut = { ...pod, spec: specAsRead(pod["spec"]) };
      whole += JSON.stringify(pod["spec"]).length;
      kept += JSON.stringify(cut["spec"]).length;
      expect(normalized(cut)).toEqual(normalized(pod));
    }
    expect(kept).toBeLessThan(whole / 2);
  });

  it("a spec with fields of any type normalizes alike and gets the same shape diagnostics", () => {
    const anything = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }));
    const container = fc.oneof(fc.record({ name: anything, image: anything, ports: anything }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 1 }));
    const volume = fc.oneof(fc.record({ name: anything, configMap: anything, persistentVolumeClaim: anything, emptyDir: anything }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 1 }));
    const spec = fc.record(
      {
        nodeName: anything,
        containers: fc.oneof(fc.array(container, { maxLength: 3 }), anything),
        initContainers: fc.oneof(fc.array(container, { maxLength: 2 }), anything),
        volumes: fc.oneof(fc.array(volume, { maxLength: 3 }), anything),
        restartPolicy: anything,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(spec, fc.constantFrom(...realPods), (s, real) => {
        // Through JSON, as a decoder would see it: undefined members vanish.
        const pod = JSON.parse(JSON.stringify({ ...real, spec: s })) as Obj;
        const cut = { ...pod, spec: specAsRead(pod["spec"]) };
        expect(normalized(cut)).toEqual(normalized(pod));
        expect(describeShapeProblems("pod", cut)).toEqual(describeShapeProblems("pod", pod));
      }),
      { numRuns: 300 },
    );
  });

  it("is what the decoder hands on, whichever way it parsed the record", () => {
    const pod = realPods.find((p) => Array.isArray((p["metadata"] as Obj)["managedFields"]))!;
    const event = watch.find((e) => e.object === pod)!;
    // Compact (the spec found and remembered), pretty-printed, and with no managedFields (the plain parse).
    const { managedFields: _, ...metadata } = pod["metadata"] as Obj;
    for (const text of [JSON.stringify(event), JSON.stringify(event, null, 2), JSON.stringify({ ...event, object: { ...pod, metadata } })]) {
      const value = parseRecord(Buffer.from(text), 0, Buffer.byteLength(text)) as { object: Obj };
      expect(value.object["spec"]).toEqual(specAsRead(pod["spec"]));
    }
  });
});
