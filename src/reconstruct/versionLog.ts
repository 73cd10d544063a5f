/**
 * Every applied record of one pod as a row of a few numbers, kept sorted by
 * resourceVersion: the version (as two exact parts, see
 * `kube/resourceVersion.ts`), the index of its content, its managedFields
 * time, where it was read (input id, line) and how good a copy it is. A
 * record that repeats its neighbour's status costs one row and no object, so
 * memory follows pods and transitions, not records; every record keeps its
 * own facts, so the history is the same whatever order records arrive in.
 *
 * Rows live in chunks of at most `chunkRows`: a pod of millions of records
 * never has one array copied whole to grow it, and a record arriving out of
 * order moves the rows of one chunk, not of the whole log. A chunk being
 * written is wide (its rows' numbers in typed arrays); one left alone is packed
 * (`PackedColumn`: a line through each column plus narrow offsets), where a
 * run of records that change nothing but their version, line and time, in
 * order, costs no bytes a row. Records in order touch only the last chunk;
 * a row that must change in a packed chunk widens it again, and the wide
 * chunk left alone longest is packed in its place.
 */

import { PackedColumn } from "./packedColumn.js";

/** One row, as given to `insert` and `replace`. */
export interface Row {
  readonly hi: number;
  readonly lo: number;
  readonly ref: number;
  readonly managedAt: number | null;
  readonly input: number;
  readonly line: number;
  /** Higher is a better copy of the same record (see `PodState`). */
  readonly quality: number;
}

/** A log's rows as plain columns (a partial result); `hi` is null when every version fits 15 digits. */
export interface VersionLogData {
  readonly hi: readonly number[] | null;
  readonly lo: readonly number[];
  readonly ref: readonly number[];
  readonly managed: readonly (number | null)[];
  readonly input: readonly number[];
  readonly line: readonly number[];
  readonly quality: readonly number[];
}

/** How a log cuts its rows; tests make chunks small to reach every path with few rows. */
export interface LogLayout {
  /** Rows a chunk holds at most. */
  readonly chunkRows: number;
  /** Wide chunks a log keeps to begin with, the last among them (records slightly out of order land in the last few). */
  readonly wideChunks: number;
}

const DEFAULT_LAYOUT: LogLayout = { chunkRows: 1024, wideChunks: 3 };
const FIRST_CAPACITY = 4;

/**
 * A wide row's numbers, row after row in two arrays (a pod's first chunk
 * holds a few rows, and each typed array costs a few hundred bytes of its
 * own): `nums` its version's low part and its managedFields time (NaN:
 * none), `ints` its content ref, input, line and quality.
 */
const NUMS = 2;
const LO = 0;
const MANAGED = 1;
const INTS = 4;
const REF = 0;
const INPUT = 1;
const LINE = 2;
const QUALITY = 3;

interface Packed {
  readonly hi: PackedColumn;
  readonly lo: PackedColumn;
  readonly managed: PackedColumn;
  readonly ref: PackedColumn;
  readonly input: PackedColumn;
  readonly line: PackedColumn;
  readonly quality: PackedColumn;
}

/** The high parts of a chunk whose versions all fit 15 digits. */
const ZERO = PackedColumn.pack(new Float64Array(1), 1, new Float64Array(1));

/** A chunk of rows: wide (its arrays) while its rows may change, else packed. */
class Chunk {
  n = 0;
  /** When a row of it was last written (the log's clock), to pack the chunk left alone longest; when it was packed. */
  used = 0;
  nums: Float64Array | null;
  ints: Uint32Array | null;
  /** The high parts, made when a resourceVersion beyond 15 digits first comes into this chunk. */
  hi: Float64Array | null = null;
  packed: Packed | null = null;

  constructor(capacity: number) {
    this.nums = new Float64Array(NUMS * capacity);
    this.ints = new Uint32Array(INTS * capacity);
  }

  /** Rows it has room for, wide. */
  get capacity(): number {
    return this.ints!.length / INTS;
  }

  hiAt(i: number): number {
    const p = this.packed;
    if (p !== null) return p.hi.at(i);
    return this.hi === null ? 0 : this.hi[i]!;
  }

  loAt(i: number): number {
    const p = this.packed;
    return p === null ? this.nums![NUMS * i + LO]! : p.lo.at(i);
  }

  refAt(i: number): number {
    const p = this.packed;
    return p === null ? this.ints![INTS * i + REF]! : p.ref.at(i);
  }

  qualityAt(i: number): number {
    const p = this.packed;
    return p === null ? this.ints![INTS * i + QUALITY]! : p.quality.at(i);
  }

  inputAt(i: number): number {
    const p = this.packed;
    return p === null ? this.ints![INTS * i + INPUT]! : p.input.at(i);
  }

  lineAt(i: number): number {
    const p = this.packed;
    return p === null ? this.ints![INTS * i + LINE]! : p.line.at(i);
  }

  /** Writes what row `i` says of its record. */
  write(i: number, row: Omit<Row, "hi" | "lo">): void {
    this.nums![NUMS * i + MANAGED] = row.managedAt ?? Number.NaN;
    const ints = this.ints!;
    ints[INTS * i + REF] = row.ref;
    ints[INTS * i + INPUT] = row.input;
    ints[INTS * i + LINE] = row.line;
    ints[INTS * i + QUALITY] = row.quality;
  }

  /** A small chunk (a pod's first) grows by doubling up to `most` rows. */
  grow(most: number): void {
    const capacity = Math.min(most, this.capacity * 2);
    const nums = new Float64Array(NUMS * capacity);
    nums.set(this.nums!);
    this.nums = nums;
    const ints = new Uint32Array(INTS * capacity);
    ints.set(this.ints!);
    this.ints = ints;
    if (this.hi !== null) {
      const hi = new Float64Array(capacity);
      hi.set(this.hi);
      this.hi = hi;
    }
  }

  /** Opens a gap at `at` (rows after it move up one) and counts the row to come. */
  open(at: number): void {
    const n = this.n;
    if (at < n) {
      this.nums!.copyWithin(NUMS * (at + 1), NUMS * at, NUMS * n);
      this.ints!.copyWithin(INTS * (at + 1), INTS * at, INTS * n);
      this.hi?.copyWithin(at + 1, at, n);
    }
    this.n++;
  }

  /** Moves the rows from `from` on into a new chunk of `capacity`. */
  splitAt(from: number, capacity: number): Chunk {
    const rest = new Chunk(capacity);
    const n = this.n;
    rest.nums!.set(this.nums!.subarray(NUMS * from, NUMS * n));
    rest.ints!.set(this.ints!.subarray(INTS * from, INTS * n));
    if (this.hi !== null) {
      rest.hi = new Float64Array(capacity);
      rest.hi.set(this.hi.subarray(from, n));
    }
    rest.n = n - from;
    this.n = from;
    return rest;
  }

  /** Packs its rows, dropping its arrays. */
  pack(): void {
    const n = this.n;
    const values = new Float64Array(n);
    const check = new Float64Array(n);
    const column = (from: Float64Array | Uint32Array, stride: number, at: number): PackedColumn => {
      for (let i = 0; i < n; i++) values[i] = from[stride * i + at]!;
      return PackedColumn.pack(values, n, check);
    };
    const nums = this.nums!;
    const ints = this.ints!;
    this.packed = {
      hi: this.hi === null ? ZERO : column(this.hi, 1, 0),
      lo: column(nums, NUMS, LO),
      managed: column(nums, NUMS, MANAGED),
      ref: column(ints, INTS, REF),
      input: column(ints, INTS, INPUT),
      line: column(ints, INTS, LINE),
      quality: column(ints, INTS, QUALITY),
    };
    this.nums = null;
    this.ints = null;
    this.hi = null;
  }

  /** Writes the `n` rows of a packed chunk into this one's arrays (of room enough). */
  spread(p: Packed, n: number): void {
    const values = new Float64Array(n);
    const column = (from: PackedColumn, to: Float64Array | Uint32Array, stride: number, at: number): void => {
      from.decode(n, values);
      for (let i = 0; i < n; i++) to[stride * i + at] = values[i]!;
    };
    this.hi = null;
    if (p.hi !== ZERO) {
      this.hi = new Float64Array(this.capacity);
      column(p.hi, this.hi, 1, 0);
    }
    const nums = this.nums!;
    const ints = this.ints!;
    column(p.lo, nums, NUMS, LO);
    column(p.managed, nums, NUMS, MANAGED);
    column(p.ref, ints, INTS, REF);
    column(p.input, ints, INTS, INPUT);
    column(p.line, ints, INTS, LINE);
    column(p.quality, ints, INTS, QUALITY);
  }

  /** Widens a packed chunk to `capacity`. */
  unpack(capacity: number): void {
    const p = this.packed!;
    this.nums = new Float64Array(NUMS * capacity);
    this.ints = new Uint32Array(INTS * capacity);
    this.spread(p, this.n);
    this.packed = null;
  }

  /** Bytes its arrays take. */
  get bytes(): number {
    const p = this.packed;
    if (p !== null) return p.hi.bytes + p.lo.bytes + p.managed.bytes + p.ref.bytes + p.input.bytes + p.line.bytes + p.quality.bytes;
    return this.nums!.byteLength + this.ints!.byteLength + (this.hi?.byteLength ?? 0);
  }
}

/** Where a row is: its chunk and its index there. */
export interface RowAt {
  readonly chunk: number;
  readonly index: number;
}

export class VersionLog {
  private readonly chunks: Chunk[] = [];
  private size = 0;
  /** Counts writes; chunks' `used` are its readings. */
  private clock = 0;
  private wideCount = 0;
  /**
   * Wide chunks allowed: one more each time a chunk is widened soon after it
   * was packed, so that records arriving in no order at all (each in a
   * different chunk) end with every chunk wide, as fast as before packing,
   * instead of packing and widening a chunk for every record.
   */
  private wideAllowed: number;

  constructor(private readonly layout: LogLayout = DEFAULT_LAYOUT) {
    this.wideAllowed = layout.wideChunks;
  }

  get length(): number {
    return this.size;
  }

  /**
   * The row of a version, or where it would go (`found` false): the position
   * before which a new row is inserted.
   */
  find(hi: number, lo: number): { readonly found: boolean; readonly at: RowAt } {
    const chunks = this.chunks;
    if (chunks.length === 0) return { found: false, at: { chunk: 0, index: 0 } };
    // Records mostly arrive in order: check the end first.
    const lastChunk = chunks.length - 1;
    const last = chunks[lastChunk]!;
    const lastHi = last.hiAt(last.n - 1);
    if (lastHi < hi || (lastHi === hi && last.loAt(last.n - 1) < lo)) return { found: false, at: { chunk: lastChunk, index: last.n } };
    // The chunk holding it: the last whose first row is not above it.
    let low = 0;
    let high = lastChunk;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      const c = chunks[mid]!;
      const h = c.hiAt(0);
      if (h < hi || (h === hi && c.loAt(0) <= lo)) low = mid;
      else high = mid - 1;
    }
    const c = chunks[low]!;
    let a = 0;
    let b = c.n - 1;
    while (a <= b) {
      const mid = (a + b) >>> 1;
      const h = c.hiAt(mid);
      const l = c.loAt(mid);
      if (h < hi || (h === hi && l < lo)) a = mid + 1;
      else if (h > hi || l > lo) b = mid - 1;
      else return { found: true, at: { chunk: low, index: mid } };
    }
    return { found: false, at: { chunk: low, index: a } };
  }

  ref(at: RowAt): number {
    return this.chunks[at.chunk]!.refAt(at.index);
  }

  quality(at: RowAt): number {
    return this.chunks[at.chunk]!.qualityAt(at.index);
  }

  input(at: RowAt): number {
    return this.chunks[at.chunk]!.inputAt(at.index);
  }

  line(at: RowAt): number {
    return this.chunks[at.chunk]!.lineAt(at.index);
  }

  /** The row before `at` (null at the start). */
  before(at: RowAt): RowAt | null {
    if (at.index > 0) return { chunk: at.chunk, index: at.index - 1 };
    for (let k = at.chunk - 1; k >= 0; k--) if (this.chunks[k]!.n > 0) return { chunk: k, index: this.chunks[k]!.n - 1 };
    return null;
  }

  /** The row at `at` itself, when there is one (an insertion point may be past a chunk's end). */
  rowAt(at: RowAt): RowAt | null {
    const c = this.chunks[at.chunk];
    if (c !== undefined && at.index < c.n) return at;
    const next = this.chunks[at.chunk + 1];
    return next !== undefined && next.n > 0 ? { chunk: at.chunk + 1, index: 0 } : null;
  }

  /** Inserts a row at an insertion point `find` gave. */
  insert(at: RowAt, row: Row): void {
    const most = this.layout.chunkRows;
    if (this.chunks.length === 0) this.chunks.push(this.wideChunk(Math.min(FIRST_CAPACITY, most)));
    let chunk = this.widen(this.chunks[at.chunk]!);
    let index = at.index;
    if (chunk.n === chunk.capacity) {
      if (chunk.capacity < most) chunk.grow(most);
      else if (index === chunk.n && at.chunk === this.chunks.length - 1) {
        // Appending to a full last chunk: start a new one.
        chunk = this.wideChunk(most);
        this.chunks.push(chunk);
        index = 0;
      } else {
        const half = chunk.n >>> 1;
        const rest = chunk.splitAt(half, most);
        this.wideCount++;
        rest.used = chunk.used;
        this.chunks.splice(at.chunk + 1, 0, rest);
        if (index > half) {
          chunk = rest;
          index -= half;
        }
      }
    }
    if (row.hi !== 0 && chunk.hi === null) chunk.hi = new Float64Array(chunk.capacity);
    chunk.open(index);
    chunk.nums![NUMS * index + LO] = row.lo;
    if (chunk.hi !== null) chunk.hi[index] = row.hi;
    this.size++;
    this.write(chunk, index, row);
  }

  /** Overwrites what row `at` says of its record (a better copy of the same version). */
  replace(at: RowAt, row: Omit<Row, "hi" | "lo">): void {
    this.write(this.widen(this.chunks[at.chunk]!), at.index, row);
  }

  /** Every row in version order. */
  *rows(): Generator<Row> {
    // A packed chunk's columns are decoded into these, made when the first is met.
    let columns: Float64Array[] | null = null;
    for (const c of this.chunks) {
      const p = c.packed;
      if (p === null) {
        const nums = c.nums!;
        const ints = c.ints!;
        const hi = c.hi;
        for (let i = 0; i < c.n; i++) {
          const t = nums[NUMS * i + MANAGED]!;
          yield {
            hi: hi === null ? 0 : hi[i]!,
            lo: nums[NUMS * i + LO]!,
            ref: ints[INTS * i + REF]!,
            managedAt: Number.isNaN(t) ? null : t,
            input: ints[INTS * i + INPUT]!,
            line: ints[INTS * i + LINE]!,
            quality: ints[INTS * i + QUALITY]!,
          };
        }
        continue;
      }
      columns ??= Array.from({ length: 7 }, () => new Float64Array(this.layout.chunkRows));
      const [hi, lo, managed, ref, input, line, quality] = columns as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
      p.hi.decode(c.n, hi);
      p.lo.decode(c.n, lo);
      p.managed.decode(c.n, managed);
      p.ref.decode(c.n, ref);
      p.input.decode(c.n, input);
      p.line.decode(c.n, line);
      p.quality.decode(c.n, quality);
      for (let i = 0; i < c.n; i++) {
        const t = managed[i]!;
        yield { hi: hi[i]!, lo: lo[i]!, ref: ref[i]!, managedAt: Number.isNaN(t) ? null : t, input: input[i]!, line: line[i]!, quality: quality[i]! };
      }
    }
  }

  /** Bytes the rows take in typed arrays (objects aside): what packing saves, for tests and measurements. */
  bytes(): number {
    let bytes = 0;
    for (const c of this.chunks) bytes += c.bytes;
    return bytes;
  }

  toData(): VersionLogData {
    const data = { hi: [] as number[], lo: [] as number[], ref: [] as number[], managed: [] as (number | null)[], input: [] as number[], line: [] as number[], quality: [] as number[] };
    let long = false;
    for (const row of this.rows()) {
      data.hi.push(row.hi);
      if (row.hi !== 0) long = true;
      data.lo.push(row.lo);
      data.ref.push(row.ref);
      data.managed.push(row.managedAt);
      data.input.push(row.input);
      data.line.push(row.line);
      data.quality.push(row.quality);
    }
    return { ...data, hi: long ? data.hi : null };
  }

  private write(chunk: Chunk, index: number, row: Omit<Row, "hi" | "lo">): void {
    chunk.write(index, row);
    chunk.used = ++this.clock;
    if (this.wideCount > this.wideAllowed) this.packOne();
  }

  private wideChunk(capacity: number): Chunk {
    this.wideCount++;
    return new Chunk(capacity);
  }

  /** The chunk, unpacked when it is packed. */
  private widen(chunk: Chunk): Chunk {
    if (chunk.packed === null) return chunk;
    const most = this.layout.chunkRows;
    chunk.unpack(most);
    this.wideCount++;
    // Packed a few writes ago and wanted again: the writes go all over the log.
    if (this.clock - chunk.used < most) this.wideAllowed++;
    return chunk;
  }

  /** Packs the wide chunk written longest ago, except the last (where records in order go). */
  private packOne(): void {
    const chunks = this.chunks;
    let oldest: Chunk | null = null;
    for (let k = 0; k < chunks.length - 1; k++) {
      const c = chunks[k]!;
      if (c.packed === null && (oldest === null || c.used < oldest.used)) oldest = c;
    }
    if (oldest === null) return;
    oldest.pack();
    oldest.used = this.clock;
    this.wideCount--;
  }
}
