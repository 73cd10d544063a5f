/**
 * The defining property of partial results (docs/partial.md): for any split
 * of the inputs into shards (files, and parts of one file cut at record
 * boundaries), the partials of the shards, merged in any order and grouping
 * (merges of merges), give the report of analyzing all the inputs at once,
 * byte for byte: with records repeated across shards (relists, overlapping
 * captures) and pods whose records are in several shards.
 *
 * Long run: FUZZ_RUNS=2000 npm test -- test/fuzz/partials.test.ts
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { merge, mergePartials } from "../../src/merge.js";
import { renderJson } from "../../src/render/json.js";
import { GROUP_BYS } from "../../src/types.js";
import type { InputSource } from "../../src/input/index.js";
import { arbCaptures, cutWithCopies, memorySource, mergedRecords, params, timeoutFor, toJsonl, toPretty, type Json } from "./helpers.js";
import { bytesOf, partialFile } from "../helpers/partials.js";

/** Joins partials as a random binary tree over them, each inner node a merged partial; the root is merged into the report. */
async function mergeTree(parts: InputSource[], choices: readonly number[]): Promise<InputSource[]> {
  const pool = [...parts];
  let k = 0;
  // Leave a few for the final merge: it takes any number.
  while (pool.length > 2) {
    const i = (choices[k++ % choices.length] ?? 0) % pool.length;
    const a = pool.splice(i, 1)[0]!;
    const j = (choices[k++ % choices.length] ?? 0) % pool.length;
    const b = pool.splice(j, 1)[0]!;
    pool.push(memorySource(`merged-${k}.partial`, await bytesOf(mergePartials([a, b]))));
    if ((choices[k % choices.length] ?? 0) % 3 === 0) break;
  }
  return pool;
}

describe("partials of any split of the inputs", () => {
  it(
    "merge, in any order and grouping, into the report of analyzing the inputs together",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          arbCaptures(),
          fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
          fc.array(fc.nat(), { minLength: 0, maxLength: 6 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
          fc.boolean(),
          fc.option(fc.constantFrom(...GROUP_BYS), { nil: undefined }),
          async (chosen, cutsAt, copies, choices, pretty, groupBy) => {
            const pieces = cutWithCopies(mergedRecords(chosen), copies, cutsAt, (i) => `capture-${i % 3}.jsonl`);
            const encode = (r: readonly Json[]) => (pretty ? toPretty(r) : toJsonl(r));
            const byName = new Map<string, Json[]>();
            for (const [name, rs] of pieces) byName.set(name, [...(byName.get(name) ?? []), ...rs]);
            const options = groupBy === undefined ? {} : { groupBy };
            const expected = renderJson(await analyze([...byName].map(([name, rs]) => memorySource(name, encode(rs))), options));
            // Each piece's partial, its lines counted as in the whole file.
            const seen = new Map<string, Json[]>();
            const partials: InputSource[] = [];
            for (const [i, [name, rs]] of pieces.entries()) {
              const before = seen.get(name) ?? [];
              seen.set(name, [...before, ...rs]);
              const firstLine = encode(before).split("\n").length;
              partials.push(memorySource(`piece-${i}.partial`, await partialFile([memorySource(name, encode(rs))], { firstLine })));
            }
            const roots = await mergeTree(partials, choices);
            const turn = (choices[0] ?? 0) % roots.length;
            expect(renderJson(await merge([...roots.slice(turn), ...roots.slice(0, turn)], options))).toBe(expected);
          },
        ),
        params(40),
      );
    },
    timeoutFor(40, 600),
  );
});
