/**
 * Reconstructions merge: inputs read apart (other threads, other processes,
 * other days) and joined give what reading them together gives, byte for
 * byte, however they were split, in whatever order and grouping they are
 * merged, with duplicates across the parts.
 *
 * Long run: FUZZ_RUNS=2000 npm test -- test/reconstruct
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readInputs } from "../../src/analyze.js";
import { buildReport } from "../../src/report.js";
import { renderJson } from "../../src/render/json.js";
import { Reconstruction, type PartialEntry } from "../../src/reconstruct/reconstruction.js";
import { arbCaptures, cutWithCopies, mergedRecords, memorySource, params, timeoutFor, toJsonl, toPretty, type Json } from "../fuzz/helpers.js";
import { toAudit } from "../helpers/archives.js";

/** Merges parts in the order and grouping a list of choices gives: a random binary tree over them. */
function mergeTree(parts: Reconstruction[], choices: readonly number[]): Reconstruction {
  const pool = [...parts];
  let k = 0;
  while (pool.length > 1) {
    const i = (choices[k++ % choices.length] ?? 0) % pool.length;
    const a = pool.splice(i, 1)[0]!;
    const j = (choices[k++ % choices.length] ?? 0) % pool.length;
    pool[j]!.merge(a);
  }
  return pool[0]!;
}

describe("merging reconstructions", () => {
  it(
    "records split into shards (files, and parts of one file), read apart and merged in any grouping: the report of reading them together",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          arbCaptures(),
          fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
          fc.array(fc.nat(), { minLength: 0, maxLength: 6 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
          fc.boolean(),
          async (chosen, cutsAt, copies, choices, pretty) => {
            const files = cutWithCopies(mergedRecords(chosen), copies, cutsAt, (i) => `part-${i % 2}.jsonl`);
            const encode = (r: readonly Json[]) => (pretty ? toPretty(r) : toJsonl(r));
            // Together: each name's parts concatenated into one input, as one process reading the files would.
            const byName = new Map<string, Json[]>();
            for (const [name, rs] of files) byName.set(name, [...(byName.get(name) ?? []), ...rs]);
            const together = await readInputs([...byName].map(([name, rs]) => memorySource(name, encode(rs))));
            // Apart: every part read on its own. Two parts of one name stand for one file split at a record
            // boundary, so their lines are offset as a reader of the whole file would count them.
            const seen = new Map<string, Json[]>();
            const apart: Reconstruction[] = [];
            for (const [name, rs] of files) {
              const before = seen.get(name) ?? [];
              seen.set(name, [...before, ...rs]);
              const offset = encode(before).split("\n").length - 1;
              apart.push(await readInputs([memorySource(name, encode(rs))], { firstLine: offset + 1 }));
            }
            const expected = renderJson(buildReport(together.finish()));
            // Each part through its partial result, as JSON text and back: what a partial file holds.
            const fromText = apart.map((part) => {
              const lines = [...part.toPartial()].map((entry) => JSON.stringify(entry));
              const restored = new Reconstruction();
              restored.mergeEntries(lines.map((line) => JSON.parse(line) as PartialEntry));
              return restored;
            });
            const merged = mergeTree(apart, choices);
            expect(renderJson(buildReport(merged.finish()))).toBe(expected);
            expect(renderJson(buildReport(mergeTree(fromText, [...choices].reverse()).finish()))).toBe(expected);
          },
        ),
        params(60),
      );
    },
    timeoutFor(60, 300),
  );

  it(
    "audit logs whose status changes are patches (level Request), split into shards and merged: the report of reading them together",
    async () => {
      // Status patches are placed on their pods only when all is read: the partial form carries them apart from the pods.
      const watch = (r: Json): boolean => ["ADDED", "MODIFIED", "DELETED"].includes(String(r["type"]));
      await fc.assert(
        fc.asyncProperty(
          arbCaptures((c) => c.name.startsWith("samples/") && c.files.every((f) => f.records.length > 0 && f.records.every(watch)), 2),
          fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
          async (chosen, cutsAt, choices) => {
            const events = toAudit(mergedRecords(chosen), { statusAtRequestLevel: true }) as Json[];
            const cuts = [...new Set(cutsAt.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
            const parts: Json[][] = [];
            let from = 0;
            for (const c of [...cuts, events.length]) {
              parts.push(events.slice(from, c));
              from = c;
            }
            const together = await readInputs(parts.map((p, i) => memorySource(`audit-${i}.log`, toJsonl(p))));
            const expected = renderJson(buildReport(together.finish()));
            const apart = await Promise.all(parts.map((p, i) => readInputs([memorySource(`audit-${i}.log`, toJsonl(p))])));
            const fromText = apart.map((part) => {
              const restored = new Reconstruction();
              restored.mergeEntries([...part.toPartial()].map((entry) => JSON.parse(JSON.stringify(entry)) as PartialEntry));
              return restored;
            });
            expect(renderJson(buildReport(mergeTree(fromText, choices).finish()))).toBe(expected);
          },
        ),
        params(30),
      );
    },
    timeoutFor(30, 300),
  );
});
