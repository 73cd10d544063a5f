import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { toJsonReport } from "../../src/render/json.js";
import { validateJsonReport } from "../../src/render/validateReport.js";
import { analyzeBytes, arbCaptures, arbMutation, bare, contentOf, expectUntouchedPodsKept, mergedRecords, mutate, params, timeoutFor, toList, type Json } from "./helpers.js";

/**
 * The records of every sample and corpus capture written as YAML the way
 * kubectl writes a List (keys sorted, items at column 0, `kind` after the
 * items), then read back, damaged and cut: YAML gives what JSON gives, and
 * damage costs only the items it touches.
 */
const HEAD = "apiVersion: v1\nitems:\n";
const TAIL = 'kind: List\nmetadata:\n  resourceVersion: ""\n';
const itemYaml = (record: Json): string => stringify([bare(record)], { sortMapEntries: true, indentSeq: false, lineWidth: 80 });

/** A YAML List of the records, and the byte range of each item. */
function yamlList(records: readonly Json[]): { text: string; ranges: [number, number][] } {
  let text = HEAD;
  const ranges: [number, number][] = [];
  for (const r of records) {
    const item = itemYaml(r);
    const at = Buffer.byteLength(text);
    ranges.push([at, at + Buffer.byteLength(item)]);
    text += item;
  }
  return { text: text + TAIL, ranges };
}

describe("YAML Lists of real captures", () => {
  it(
    "give the report the same records as a JSON List give",
    async () => {
      await fc.assert(
        fc.asyncProperty(arbCaptures(), fc.constantFrom([64 * 1024], [777], [4096, 13]), async (chosen, sizes) => {
          const records = mergedRecords(chosen);
          const fromYaml = await analyzeBytes({ "pods.yaml": yamlList(records).text }, {}, sizes);
          const fromJson = await analyzeBytes({ "pods.yaml": toList(records) });
          expect(contentOf(fromYaml)).toEqual(contentOf(fromJson));
          expect(fromYaml.inputs[0]!.format).toBe("yaml");
        }),
        params(25),
      );
    },
    timeoutFor(25, 2000),
  );

  it(
    "damaged inside some items: no exception, a valid report, every pod the damage does not mention kept as it was (an item whose first line is damaged may cost the one before)",
    async () => {
      await fc.assert(
        fc.asyncProperty(arbCaptures(), fc.array(fc.tuple(fc.nat(), fc.array(arbMutation, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 }), async (chosen, damage) => {
          const records = mergedRecords(chosen);
          if (records.length === 0) return;
          const { text, ranges } = yamlList(records);
          const original = Buffer.from(text);
          let bytes: Buffer = original;
          const hit = new Set<number>();
          const joined = new Set<number>();
          // Later items first, so the ranges of earlier ones stay where they are.
          for (const [pick, muts] of [...damage].sort((a, b) => (b[0] % ranges.length) - (a[0] % ranges.length))) {
            const k = pick % ranges.length;
            if (hit.has(k)) continue;
            hit.add(k);
            const [start, end] = ranges[k]!;
            const before = bytes.length;
            bytes = mutate(bytes, start, end, muts);
            // An entry's first line (its `-`) is also where the item before it ends: YAML has no closing mark,
            // so damage there can join the two (the item before is then read with this one's lines, and fails).
            const first = original.subarray(start, original.indexOf(0x0a, start) + 1);
            if (k > 0 && !bytes.subarray(start, start + first.length).equals(first)) joined.add(k - 1);
            // Likewise at its end: without its last newline, the next item's `-` line is glued to its last line.
            const newEnd = end + bytes.length - before;
            if (k + 1 < ranges.length && (newEnd <= start || bytes[newEnd - 1] !== 0x0a)) joined.add(k + 1);
          }
          const actual = await analyzeBytes({ "pods.yaml": bytes });
          expect(validateJsonReport(JSON.parse(JSON.stringify(toJsonReport(actual))))).toEqual([]);
          const expected = await analyzeBytes({ "pods.yaml": toList(records.filter((_, i) => !hit.has(i))) });
          // A damaged item can still read as an object: its pod is left out of the comparison, as is any pod it names.
          expectUntouchedPodsKept(actual, expected, [...hit, ...joined].map((k) => JSON.stringify(bare(records[k]!))));
        }),
        params(40),
      );
    },
    timeoutFor(40, 2000),
  );

  it(
    "cut anywhere: no exception, and every item complete before the cut is read as it was",
    async () => {
      await fc.assert(
        fc.asyncProperty(arbCaptures(), fc.double({ min: 0, max: 1, noNaN: true }), async (chosen, where) => {
          const records = mergedRecords(chosen);
          const { text, ranges } = yamlList(records);
          const bytes = Buffer.from(text);
          const cut = Math.floor(where * bytes.length);
          const actual = await analyzeBytes({ "pods.yaml": bytes.subarray(0, cut) });
          expect(validateJsonReport(JSON.parse(JSON.stringify(toJsonReport(actual))))).toEqual([]);
          // Items whose next item starts before the cut are complete; the last one before the cut may be cut short.
          const complete = records.filter((_, i) => (ranges[i + 1]?.[0] ?? bytes.length - Buffer.byteLength(TAIL)) < cut);
          const cutShort = records.filter((_, i) => !complete.includes(records[i]!)).map((r) => JSON.stringify(bare(r)));
          expectUntouchedPodsKept(actual, await analyzeBytes({ "pods.yaml": toList(complete) }), cutShort);
        }),
        params(40),
      );
    },
    timeoutFor(40, 2000),
  );
});
