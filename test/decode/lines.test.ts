import { describe, expect, it } from "vitest";
import { decode, linesOf } from "./helpers.js";

describe("line numbers", () => {
  it("pretty object stream: the line of each record's first byte", async () => {
    const text = [
      "{", //                               1
      '  "kind": "Pod",',
      '  "metadata": {"name": "a"}',
      "}",
      "", //                                5
      "{", //                               6
      '  "kind": "Pod",',
      '  "spec": {',
      '    "containers": [',
      "      {", //                         10
      '        "name": "x"',
      "      }",
      "    ]",
      "  }",
      "}{", //                              15: a record right after the previous one
      '  "kind": "Event"',
      "}",
      '   {"kind": "Pod", "metadata": {"name": "c"}}', // 18
    ].join("\n");
    const d = await decode(text);
    expect(d.warnings).toEqual([]);
    expect(d.format).toBe("object-stream");
    expect(linesOf(d)).toEqual([1, 6, 15, 18]);
  });

  it("pretty List: the line of each item", async () => {
    const list = {
      apiVersion: "v1",
      items: [
        { metadata: { name: "a" } },
        { metadata: { name: "b", labels: { "x[": "]}" } } },
        { metadata: { name: "c" } },
      ],
      kind: "PodList",
      metadata: { resourceVersion: "1" },
    };
    const text = JSON.stringify(list, null, 4);
    const d = await decode(text);
    expect(d.format).toBe("list");
    expect(d.warnings).toEqual([]);
    expect(linesOf(d)).toEqual([4, 9, 17]);
    expect(d.values.map((v) => v.implied)).toEqual(Array(3).fill({ kind: "Pod", apiVersion: "v1" }));
  });

  it("JSONL with blank lines and CRLF", async () => {
    const d = await decode('{"type":"ADDED","object":{}}\r\n\r\n{"type":"MODIFIED","object":{}}\r\n\n{"type":"DELETED","object":{}}');
    expect(d.format).toBe("watch-jsonl");
    expect(linesOf(d)).toEqual([1, 3, 5]);
  });

  it("a top-level array of compact objects, one per line", async () => {
    const d = await decode('[\n{"a":1},\n{"a":2},\n  {"a":3}\n]\n');
    expect(d.format).toBe("array");
    expect(linesOf(d)).toEqual([2, 3, 4]);
  });
});

describe("layouts the fast path cannot delimit", () => {
  it("indented objects (no brace at column 0) are read by the scanner", async () => {
    const objects = [1, 2, 3].map((n) => ({ kind: "Pod", metadata: { name: `p${n}` } }));
    const text = objects.map((o) => JSON.stringify(o, null, 2).replace(/^/gm, "    ")).join("\n");
    const d = await decode(text);
    expect(d.warnings).toEqual([]);
    expect(d.values.map((v) => v.value)).toEqual(objects);
    expect(linesOf(d)).toEqual([1, 7, 13]);
  });
});
