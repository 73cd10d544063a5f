import { describe, expect, it } from "vitest";
import { decode, linesOf, valuesOf } from "./helpers.js";

describe("which objects are Lists", () => {
  it("items nested in other keys do not make a List", async () => {
    const object = { kind: "Thing", status: { items: [{ a: 1 }] }, metadata: { items: [] } };
    const d = await decode(JSON.stringify(object));
    expect(d.format).toBe("object-stream");
    expect(valuesOf(d)).toEqual([object]);
  });

  it("a kind known before items that is not a List keeps the object whole", async () => {
    const object = { kind: "Pod", items: [{ a: 1 }] };
    const d = await decode(JSON.stringify(object, null, 2));
    expect(d.format).toBe("object-stream");
    expect(valuesOf(d)).toEqual([object]);
  });

  it("a non-List kind after items: the items were streamed, with a warning", async () => {
    const d = await decode('{"items": [{"kind": "Pod"}], "kind": "Pod"}');
    expect(d.format).toBe("list");
    expect(valuesOf(d)).toEqual([{ kind: "Pod" }]);
    expect(d.warnings).toEqual([{ line: 1, message: "an object of kind Pod holds an items array: its items were read as a List's" }]);
  });

  it("the items key itself may contain escapes and brackets around it", async () => {
    const text = '{"kind":"EventList","apiVersion":"v1","metadata":{"x":"\\"items\\": [","items":[1]},"items":[{"reason":"a]"},{"reason":"b\\\\"}]}';
    const d = await decode(text);
    expect(d.format).toBe("list");
    expect(valuesOf(d)).toEqual([{ reason: "a]" }, { reason: "b\\" }]);
    expect(d.values.map((v) => v.implied)).toEqual([
      { kind: "Event", apiVersion: "v1" },
      { kind: "Event", apiVersion: "v1" },
    ]);
  });

  it("a generic List implies nothing; an events.k8s.io EventList implies its apiVersion", async () => {
    const generic = await decode('{"apiVersion":"v1","kind":"List","items":[{"kind":"Pod","apiVersion":"v1"},{"metadata":{}}]}');
    expect(generic.values.map((v) => v.implied)).toEqual([null, null]);
    const events = await decode('{"kind":"EventList","apiVersion":"events.k8s.io/v1","items":[{"reason":"Pulled"}]}');
    expect(events.values[0]!.implied).toEqual({ kind: "Event", apiVersion: "events.k8s.io/v1" });
  });

  it("sorted keys: items with their own kind go out at once, the others wait for the list's kind, order kept", async () => {
    const text = JSON.stringify(
      { apiVersion: "v1", items: [{ kind: "Pod", n: 1 }, { n: 2 }, { kind: "Pod", n: 3 }], kind: "PodList", metadata: {} },
      null,
      2,
    );
    const d = await decode(text);
    expect(valuesOf(d)).toEqual([{ kind: "Pod", n: 1 }, { n: 2 }, { kind: "Pod", n: 3 }]);
    expect(d.values.map((v) => v.implied)).toEqual([null, { kind: "Pod", apiVersion: "v1" }, { kind: "Pod", apiVersion: "v1" }]);
    expect(linesOf(d)).toEqual([4, 8, 11]);
  });

  it("held items are bounded by maxRecordBytes", async () => {
    const items = Array.from({ length: 20 }, (_, n) => ({ n, pad: "x".repeat(50) }));
    const d = await decode(JSON.stringify({ apiVersion: "v1", items, kind: "PodList" }), { maxRecordBytes: 300 });
    expect(d.values.length).toBe(20);
    expect(d.values.map((v) => v.implied)).toEqual(Array(20).fill(null));
    expect(d.values.map((v) => v.value["n"])).toEqual(items.map((i) => i.n));
    expect(d.warnings.length).toBe(1);
    expect(d.warnings[0]!.message).toMatch(/^the list's kind comes after its items/);
  });

  it("several Lists concatenated (kubectl get pods -o json; kubectl get events -o json)", async () => {
    const pods = JSON.stringify({ kind: "PodList", apiVersion: "v1", items: [{ n: 1 }] }, null, 4);
    const events = JSON.stringify({ kind: "EventList", apiVersion: "v1", items: [{ n: 2 }] }, null, 4);
    const d = await decode(`${pods}\n${events}\n`);
    expect(d.format).toBe("list");
    expect(d.values.map((v) => v.implied?.kind)).toEqual(["Pod", "Event"]);
    expect(linesOf(d)).toEqual([5, 14]);
  });
});
