import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indentedElementEnd } from "../../src/decode/indentedElement.js";

/** The definition, searched the plain way: the first newline + indentation + `}` after `i`, no `{` opening a line before it. */
function byDefinition(b: Buffer, i: number, maxBytes: number): number {
  let s = i;
  while (s > 0 && b[s - 1] === 0x20) s--;
  const indent = i - s;
  if (indent === 0 || s === 0 || b[s - 1] !== 0x0a) return -1;
  const closer = Buffer.from(`\n${" ".repeat(indent)}}`);
  const at = b.indexOf(closer, i);
  const end = at + closer.length;
  if (at < 0 || end - i > maxBytes) return -1;
  return b.subarray(i, at).indexOf("\n{") >= 0 ? -1 : end;
}

describe("indentedElementEnd", () => {
  it("finds where an indented element ends as the definition does, in pretty Lists and arrays cut, joined and damaged anywhere", () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const list = fc.tuple(fc.array(json, { minLength: 1, maxLength: 4 }), fc.constantFrom(1, 2, 4, 8)).map(([items, indent]) => JSON.stringify({ kind: "List", items: items.map((v) => ({ kind: "Pod", v })) }, null, indent));
    const edit = fc.tuple(fc.nat(), fc.constantFrom("", "\n{", "\n}", "}", " ", "\n", "\n  }", "{"), fc.nat({ max: 3 }));
    fc.assert(
      fc.property(list, fc.array(edit, { maxLength: 3 }), fc.nat(), fc.integer({ min: 1, max: 4096 }), (text, edits, cut, maxBytes) => {
        let t = text;
        for (const [at, insert, drop] of edits) {
          const p = at % (t.length + 1);
          t = t.slice(0, p) + insert + t.slice(p + drop);
        }
        const b = Buffer.from(t.slice(0, Math.max(1, t.length - (cut % 64))));
        for (let i = b.indexOf("{"); i >= 0; i = b.indexOf("{", i + 1)) {
          expect([i, indentedElementEnd(b, i, maxBytes)]).toEqual([i, byDefinition(b, i, maxBytes)]);
        }
      }),
      { numRuns: 400 },
    );
  });
});
