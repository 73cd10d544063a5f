/**
 * `--shard K/N` (docs/kubernetes/README.md): the shards of a listing are
 * disjoint runs of its sorted names that together hold every name once,
 * whatever order the listing came in.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseShard, selectShard } from "../../src/input/index.js";
import { isUserError } from "../../src/errors.js";
import { compareText } from "../../src/compareText.js";
import { params } from "../fuzz/helpers.js";
import { runCli } from "../helpers/cli.js";

describe("shards of a listing", () => {
  it("partition the sorted names into runs of about equal length, whatever order they were listed in", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1 }).filter((s) => s !== "-"), { maxLength: 60 }), fc.integer({ min: 1, max: 25 }), fc.nat(), (names, count, turn) => {
        const listing = names.map((name) => ({ name }));
        const rotated = [...listing.slice(turn % (listing.length || 1)), ...listing.slice(0, turn % (listing.length || 1))];
        const shards = Array.from({ length: count }, (_, index) => selectShard(listing, { index, count }).map((i) => i.name));
        // The same shards from the listing in another order.
        expect(Array.from({ length: count }, (_, index) => selectShard(rotated, { index, count }).map((i) => i.name))).toEqual(shards);
        // Disjoint runs that, in order, are the sorted listing.
        expect(shards.flat()).toEqual([...names].sort(compareText));
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
      params(300),
    );
  });

  it("are named K/N, K from 0 to N-1, and never take standard input", () => {
    expect(parseShard("0/4")).toEqual({ index: 0, count: 4 });
    expect(parseShard("3/4")).toEqual({ index: 3, count: 4 });
    for (const bad of ["4/4", "-1/4", "1/0", "1", "a/b", "1.5/4", "1/4/2"]) expect(() => parseShard(bad), bad).toThrow(/expected K\/N, shard K \(0 to N-1\) of N/);
    try {
      selectShard([{ name: "a" }, { name: "-" }], { index: 0, count: 2 });
      expect.fail("standard input was sharded");
    } catch (error) {
      expect(isUserError(error)).toBe(true);
    }
  });

  it("on the command line: each shard's report holds its files, and a bad --shard is a usage error", async () => {
    const all = JSON.parse((await runCli(["analyze", "samples", "-o", "json"])).stdout) as { inputs: { name: string }[] };
    const names = all.inputs.map((i) => i.name);
    const shards = await Promise.all([0, 1, 2].map(async (k) => JSON.parse((await runCli(["analyze", "samples", "--shard", `${k}/3`, "-o", "json"])).stdout) as { inputs: { name: string }[] }));
    expect(shards.flatMap((s) => s.inputs.map((i) => i.name))).toEqual(names);
    const bad = await runCli(["analyze", "samples", "--shard", "3/3"]);
    expect(bad).toMatchObject({ code: 2, stdout: "", stderr: "podtrail: --shard '3/3': expected K/N, shard K (0 to N-1) of N, as a Kubernetes Indexed Job numbers its pods (0/4 ... 3/4)\n" });
  });
});
