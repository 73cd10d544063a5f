import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LogLayout, type Row, VersionLog } from "../../src/reconstruct/versionLog.js";
import { params } from "../fuzz/helpers.js";

type Facts = Omit<Row, "hi" | "lo">;

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

/**
 * Writes each row as PodState does (a version seen before: its facts are
 * replaced), checking along the way against the model (the last write of
 * each version wins); returns the model's rows, sorted.
 */
function apply(log: VersionLog, rows: readonly Row[], model = new Map<string, Row>()): Row[] {
  for (const row of rows) {
    const { found, at } = log.find(row.hi, row.lo);
    const key = `${row.hi}/${row.lo}`;
    expect(found).toBe(model.has(key));
    const { hi: _hi, lo: _lo, ...facts } = row;
    if (found) log.replace(at, facts);
    else log.insert(at, row);
    model.set(key, row);
    const again = log.find(row.hi, row.lo);
    expect(again.found).toBe(true);
    expect(factsAt(log, again.at)).toEqual(factsOf(row));
  }
  return [...model.values()].sort((a, b) => a.hi - b.hi || a.lo - b.lo);
}

function factsAt(log: VersionLog, at: { chunk: number; index: number }): Omit<Facts, "managedAt"> {
  return { ref: log.ref(at), input: log.input(at), line: log.line(at), quality: log.quality(at) };
}

function factsOf(row: Row): Omit<Facts, "managedAt"> {
  return { ref: row.ref, input: row.input, line: row.line, quality: row.quality };
}

/** Every row reads back exactly (rows, toData, find and the readers), and the neighbours of every gap are the model's. */
function expectRows(log: VersionLog, expected: readonly Row[]): void {
  expect(log.length).toBe(expected.length);
  expect([...log.rows()]).toEqual(expected);
  const data = log.toData();
  const long = expected.some((r) => r.hi !== 0);
  expect(data).toEqual({
    hi: long ? expected.map((r) => r.hi) : null,
    lo: expected.map((r) => r.lo),
    ref: expected.map((r) => r.ref),
    managed: expected.map((r) => r.managedAt),
    input: expected.map((r) => r.input),
    line: expected.map((r) => r.line),
    quality: expected.map((r) => r.quality),
  });
  for (const [j, e] of expected.entries()) {
    const { found, at } = log.find(e.hi, e.lo);
    expect(found).toBe(true);
    expect(factsAt(log, at)).toEqual(factsOf(e));
    // The gap just above this row, when there is one: its row before is this one, its row after the next.
    const next = expected[j + 1];
    if (e.lo + 1 < 1e15 && (next === undefined || next.hi !== e.hi || next.lo !== e.lo + 1)) {
      const gap = log.find(e.hi, e.lo + 1);
      expect(gap.found).toBe(false);
      expect(factsAt(log, log.before(gap.at)!)).toEqual(factsOf(e));
      const after = log.rowAt(gap.at);
      if (next === undefined) expect(after).toBeNull();
      else expect(factsAt(log, after!)).toEqual(factsOf(next));
    }
  }
  if (expected.length > 0 && (expected[0]!.hi > 0 || expected[0]!.lo > 0)) {
    const first = expected[0]!;
    const { found, at } = first.lo > 0 ? log.find(first.hi, first.lo - 1) : log.find(first.hi - 1, 1e15 - 1);
    expect(found).toBe(false);
    expect(log.before(at)).toBeNull();
    expect(factsAt(log, log.rowAt(at)!)).toEqual(factsOf(first));
  }
}

/** The largest value each wide column holds, and a few that no narrow column does. */
const MAX_LO = 1e15 - 1;
const MAX_LINE = 2 ** 32 - 1;
const MAX_REF = 2 ** 31 - 1;

/**
 * Runs of records as they come in captures: versions climbing by a step
 * from anywhere (beyond 15 digits too), each with facts that climb by their
 * own steps (a record that changes nothing), stay, or are anything at all
 * (times fractional, missing, negative, -0; lines, refs and inputs near
 * their columns' limits), so that a packed column meets every shape, and
 * runs that land on versions already there (a copy: replaced facts).
 */
const runs = fc.array(
  fc.record({
    hi: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.constant(MAX_LO)),
    lo: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: MAX_LO - 100_000 }), fc.constant(MAX_LO - 40)),
    count: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 150 })),
    step: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 2000 })),
    /** Versions climb by 1 to `step` at random: far from a line over a chunk, near one over a block. */
    jitter: fc.boolean(),
    ref: fc.oneof(fc.constant<"same" | "climb" | "any">("same"), fc.constant("climb"), fc.constant("any")),
    time: fc.oneof(fc.constant<"none" | "seconds" | "ms" | "any">("none"), fc.constant("seconds"), fc.constant("ms"), fc.constant("any")),
    line: fc.oneof(fc.constant<"climb" | "any">("climb"), fc.constant("any")),
    input: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }), fc.constant(MAX_REF)),
    quality: fc.integer({ min: 0, max: 3 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  }),
  { minLength: 1, maxLength: 25 },
);

type Run = typeof runs extends fc.Arbitrary<(infer R)[]> ? R : never;

const ODD_TIMES = [null, 0.5, -1, -0, 1.7e12 + 0.25, 2.5e14, -8.64e15, 8.64e15, 1e-3];
const ODD_NUMBERS = [0, 1, 255, 256, 65_535, 65_536, MAX_LINE - 1, MAX_LINE];

function rowsOf(all: readonly Run[]): Row[] {
  const rows: Row[] = [];
  let line = 1;
  for (const run of all) {
    let x = run.seed;
    // A small generator of its own, so that "any" is the same on every replay.
    const next = (): number => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648);
    let lo = Math.min(run.lo, MAX_LO - run.count * run.step);
    for (let i = 0; i < run.count; i++, lo += run.jitter ? 1 + (next() % run.step) : run.step) {
      const ref = run.ref === "same" ? run.seed : run.ref === "climb" ? run.seed + i : next() % 3 === 0 ? MAX_REF : next() % 7;
      const managedAt =
        run.time === "none" ? null : run.time === "seconds" ? 1.7e12 + (run.seed + i) * 1000 : run.time === "ms" ? 1.7e12 + next() % 100_000 : ODD_TIMES[next() % ODD_TIMES.length]!;
      const at = run.line === "climb" ? line++ : ODD_NUMBERS[next() % ODD_NUMBERS.length]!;
      const input = run.input === MAX_REF && next() % 2 === 0 ? 0 : run.input;
      rows.push({ hi: run.hi, lo, ref, managedAt, input, line: at, quality: run.quality === 3 ? next() % 4 : run.quality });
    }
  }
  return rows;
}

/** Chunks of a few rows (every path with few rows), or of more than a block of `PackedColumn`. */
const layouts = fc.record({ chunkRows: fc.oneof(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 60, max: 200 })), wideChunks: fc.integer({ min: 1, max: 3 }) });

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

  it("gives back every row's facts exactly, packed or wide: runs of any shape, in any order, in chunks of any size", () => {
    fc.assert(
      fc.property(layouts, runs, (layout: LogLayout, all) => {
        const log = new VersionLog(layout);
        expectRows(log, apply(log, rowsOf(all)));
      }),
      params(150),
    );
  });

  it("a row inserted at every position of a packed log, and every row's facts replaced, read back exactly", () => {
    fc.assert(
      fc.property(layouts, runs, fc.integer({ min: 0, max: 1_000_000 }), (layout: LogLayout, all, seed) => {
        const log = new VersionLog(layout);
        const model = new Map<string, Row>();
        const expected = apply(log, rowsOf(all), model);
        // Before every row, where there is room: a new version, with facts unlike its neighbours'.
        const later: Row[] = [];
        for (const [j, e] of expected.entries()) {
          const previous = expected[j - 1];
          const below = previous !== undefined && previous.hi === e.hi ? previous.lo : -1;
          if (e.lo - 1 > below) later.push({ ...e, lo: e.lo - 1, ref: j, managedAt: j % 2 === 0 ? null : 1.7e12 + j + 0.5, line: j });
          later.push({ ...e, ref: e.ref === MAX_REF ? 0 : e.ref + 1, managedAt: j % 3 === 0 ? null : 1.7e12 + j, input: e.input === 0 ? 1 : 0, quality: (e.quality + 1) % 4 });
        }
        // In an order that jumps about the log.
        const order = later.map((_, j) => ({ j, key: (j * 7919 + seed) % 10_007 }));
        order.sort((a, b) => a.key - b.key || a.j - b.j);
        expectRows(log, apply(log, order.map((o) => later[o.j]!), model));
      }),
      params(100),
    );
  });

  it("records that change nothing cost no bytes once packed; uneven steps cost a few", () => {
    // A wide chunk of the default layout: 32 bytes a row, 1024 rows; three stay wide.
    const wide = 3 * 32 * 1024;
    const even = new VersionLog();
    for (let i = 0; i < 50_000; i++) even.insert(even.find(0, 1001 + i).at, { hi: 0, lo: 1001 + i, ref: 0, managedAt: 1.7e12 + 1000 * i, input: 0, line: i + 1, quality: 2 });
    expect(even.bytes()).toBeLessThanOrEqual(wide);
    const uneven = new VersionLog();
    let x = 1;
    const next = (): number => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let i = 0, lo = 1001, t = 1.7e12; i < 50_000; i++, lo += 1 + (next() % 5000), t += 1000 * (1 + (next() % 20))) {
      uneven.insert(uneven.find(0, lo).at, { hi: 0, lo, ref: 0, managedAt: i % 100 === 0 ? null : t, input: 0, line: i + 1, quality: 2 });
    }
    // Versions 2 bytes a row, times (some missing) 1, a base per block of each.
    expect(uneven.bytes()).toBeLessThan(wide + 50_000 * 3.5);
  });

  it("a pod of records that change nothing, out of order here and there, at the default layout", () => {
    const log = new VersionLog();
    const rows: Row[] = [];
    for (let i = 0; i < 12_000; i++) rows.push({ hi: 0, lo: 1001 + 2 * i, ref: 0, managedAt: 1.7e12 + 1000 * i, input: 0, line: i + 1, quality: 2 });
    // Late records: each splits a run of a packed chunk, with a time of its own.
    const late: Row[] = [];
    for (let i = 0; i < 300; i++) {
      const j = (i * 7919) % 12_000;
      late.push({ hi: 0, lo: 1002 + 2 * j, ref: 1 + (i % 2), managedAt: i % 5 === 0 ? null : 1.7e12 + 1000 * j + 500.25, input: 1, line: 12_001 + i, quality: 3 });
    }
    const copies = rows.filter((_, i) => i % 97 === 0).map((r) => ({ ...r, input: 2, line: r.line + 50_000, quality: 3 }));
    const model = new Map<string, Row>();
    apply(log, rows, model);
    expectRows(log, apply(log, [...late, ...copies], model));
  });

  it("a pod whose versions and times climb by uneven steps, at the default layout", () => {
    const log = new VersionLog();
    const rows: Row[] = [];
    let x = 1;
    const next = (): number => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let i = 0, lo = 1001, t = 1.7e12; i < 6000; i++, lo += 1 + (next() % 5000), t += 1000 * (1 + (next() % 20))) {
      rows.push({ hi: 0, lo, ref: i >> 9, managedAt: i % 1000 === 7 ? null : t, input: 0, line: 3 * i + (next() % 3), quality: 2 });
    }
    const model = new Map<string, Row>();
    apply(log, rows, model);
    const late = rows.filter((_, i) => i % 211 === 0).map((r, i) => ({ ...r, lo: r.lo + 1, line: 20_000 + i, managedAt: r.managedAt === null ? null : r.managedAt + 1 }));
    expectRows(log, apply(log, late.reverse(), model));
  });
});
