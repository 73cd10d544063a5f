import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VersionLog } from "../../src/reconstruct/versionLog.js";
import { params } from "../fuzz/helpers.js";

/** Inserts every version that is not there yet, as PodState does; returns the log's rows. */
function fill(versions: readonly [number, number][]): { log: VersionLog; inserted: number } {
  const log = new VersionLog();
  let inserted = 0;
  for (const [k, [hi, lo]] of versions.entries()) {
    const { found, at } = log.find(hi, lo);
    if (found) {
      log.replace(at, { ref: k, managedAt: k % 3 === 0 ? null : k * 1000, input: k % 5, line: k + 1, quality: k % 4 });
      continue;
    }
    log.insert(at, { hi, lo, ref: k, managedAt: k % 3 === 0 ? null : k * 1000, input: k % 5, line: k + 1, quality: k % 4 });
    inserted++;
  }
  return { log, inserted };
}

describe("VersionLog", () => {
  it("keeps rows sorted by version across chunk splits, whatever order they arrive in; a repeat replaces its row", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3000 })), { minLength: 1, maxLength: 4000 }), (versions) => {
        const { log, inserted } = fill(versions);
        // The model: the last write of each version wins.
        const model = new Map<string, { hi: number; lo: number; k: number }>();
        for (const [k, [hi, lo]] of versions.entries()) model.set(`${hi}/${lo}`, { hi, lo, k });
        const expected = [...model.values()].sort((a, b) => a.hi - b.hi || a.lo - b.lo);
        const rows = [...log.rows()];
        expect(log.length).toBe(inserted);
        expect(rows.map((r) => [r.hi, r.lo])).toEqual(expected.map((e) => [e.hi, e.lo]));
        expect(rows.map((r) => r.ref)).toEqual(expected.map((e) => e.k));
        expect(rows.map((r) => r.line)).toEqual(expected.map((e) => e.k + 1));
        expect(rows.map((r) => r.managedAt)).toEqual(expected.map((e) => (e.k % 3 === 0 ? null : e.k * 1000)));
        for (const e of expected) expect(log.find(e.hi, e.lo).found).toBe(true);
        expect(log.toData().lo).toEqual(expected.map((e) => e.lo));
      }),
      params(200),
    );
  });

  it("reads the row before an insertion point across chunks", () => {
    const { log } = fill(Array.from({ length: 3000 }, (_, i): [number, number] => [0, 2 * i]));
    for (const v of [1, 2047, 2049, 4001, 5999]) {
      const { found, at } = log.find(0, v);
      expect(found).toBe(false);
      expect(log.ref(log.before(at)!)).toBe((v - 1) / 2);
    }
    expect(log.before(log.find(0, 0).at)).toBeNull();
    expect(log.rowAt(log.find(0, -1).at)).toEqual({ chunk: 0, index: 0 });
  });
});
