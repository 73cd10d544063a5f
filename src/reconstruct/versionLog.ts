/**
 * Every applied record of one pod as a row of a few numbers, kept sorted by
 * resourceVersion: the version (as two exact parts, see
 * `kube/resourceVersion.ts`), the index of its content, its managedFields
 * time, where it was read (input id, line) and how good a copy it is. A
 * record that repeats its neighbour's status costs one row and no object, so
 * memory follows pods and transitions, not records; every record keeps its
 * own facts, so the history is the same whatever order records arrive in.
 *
 * Rows live in chunks of at most CHUNK_ROWS, each a set of typed-array
 * columns: a pod of millions of records never has one array copied whole to
 * grow it, and a record arriving out of order moves the rows of one chunk,
 * not of the whole log.
 */

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

const CHUNK_ROWS = 1024;
const FIRST_CAPACITY = 4;

class Chunk {
  n = 0;
  lo: Float64Array;
  /** The high parts, made when a resourceVersion beyond 15 digits first comes into this chunk. */
  hi: Float64Array | null = null;
  managed: Float64Array;
  refs: Int32Array;
  inputs: Int32Array;
  lines: Uint32Array;
  qualities: Uint8Array;

  constructor(capacity: number) {
    this.lo = new Float64Array(capacity);
    this.managed = new Float64Array(capacity);
    this.refs = new Int32Array(capacity);
    this.inputs = new Int32Array(capacity);
    this.lines = new Uint32Array(capacity);
    this.qualities = new Uint8Array(capacity);
  }

  get capacity(): number {
    return this.lo.length;
  }

  hiAt(i: number): number {
    return this.hi === null ? 0 : this.hi[i]!;
  }

  /** A small chunk (a pod's first) grows by doubling up to CHUNK_ROWS. */
  grow(): void {
    const capacity = Math.min(CHUNK_ROWS, this.capacity * 2);
    const wider = <T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.lo = wider(this.lo, (n) => new Float64Array(n));
    if (this.hi !== null) this.hi = wider(this.hi, (n) => new Float64Array(n));
    this.managed = wider(this.managed, (n) => new Float64Array(n));
    this.refs = wider(this.refs, (n) => new Int32Array(n));
    this.inputs = wider(this.inputs, (n) => new Int32Array(n));
    this.lines = wider(this.lines, (n) => new Uint32Array(n));
    this.qualities = wider(this.qualities, (n) => new Uint8Array(n));
  }

  /** Opens a gap at `at` (rows after it move up one). */
  open(at: number): void {
    const n = this.n;
    if (at < n) {
      this.lo.copyWithin(at + 1, at, n);
      this.hi?.copyWithin(at + 1, at, n);
      this.managed.copyWithin(at + 1, at, n);
      this.refs.copyWithin(at + 1, at, n);
      this.inputs.copyWithin(at + 1, at, n);
      this.lines.copyWithin(at + 1, at, n);
      this.qualities.copyWithin(at + 1, at, n);
    }
    this.n++;
  }

  /** Moves the rows from `from` on into a new chunk. */
  splitAt(from: number): Chunk {
    const rest = new Chunk(CHUNK_ROWS);
    const n = this.n;
    rest.lo.set(this.lo.subarray(from, n));
    if (this.hi !== null) {
      rest.hi = new Float64Array(CHUNK_ROWS);
      rest.hi.set(this.hi.subarray(from, n));
    }
    rest.managed.set(this.managed.subarray(from, n));
    rest.refs.set(this.refs.subarray(from, n));
    rest.inputs.set(this.inputs.subarray(from, n));
    rest.lines.set(this.lines.subarray(from, n));
    rest.qualities.set(this.qualities.subarray(from, n));
    rest.n = n - from;
    this.n = from;
    return rest;
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
    if (lastHi < hi || (lastHi === hi && last.lo[last.n - 1]! < lo)) return { found: false, at: { chunk: lastChunk, index: last.n } };
    // The chunk holding it: the last whose first row is not above it.
    let low = 0;
    let high = lastChunk;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      const c = chunks[mid]!;
      const h = c.hiAt(0);
      if (h < hi || (h === hi && c.lo[0]! <= lo)) low = mid;
      else high = mid - 1;
    }
    const c = chunks[low]!;
    let a = 0;
    let b = c.n - 1;
    while (a <= b) {
      const mid = (a + b) >>> 1;
      const h = c.hiAt(mid);
      const l = c.lo[mid]!;
      if (h < hi || (h === hi && l < lo)) a = mid + 1;
      else if (h > hi || l > lo) b = mid - 1;
      else return { found: true, at: { chunk: low, index: mid } };
    }
    return { found: false, at: { chunk: low, index: a } };
  }

  ref(at: RowAt): number {
    return this.chunks[at.chunk]!.refs[at.index]!;
  }

  quality(at: RowAt): number {
    return this.chunks[at.chunk]!.qualities[at.index]!;
  }

  input(at: RowAt): number {
    return this.chunks[at.chunk]!.inputs[at.index]!;
  }

  line(at: RowAt): number {
    return this.chunks[at.chunk]!.lines[at.index]!;
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
    if (this.chunks.length === 0) this.chunks.push(new Chunk(FIRST_CAPACITY));
    let chunk = this.chunks[at.chunk]!;
    let index = at.index;
    if (chunk.n === chunk.capacity) {
      if (chunk.capacity < CHUNK_ROWS) chunk.grow();
      else if (index === chunk.n && at.chunk === this.chunks.length - 1) {
        // Appending to a full last chunk: start a new one.
        chunk = new Chunk(CHUNK_ROWS);
        this.chunks.push(chunk);
        index = 0;
      } else {
        const half = chunk.n >>> 1;
        const rest = chunk.splitAt(half);
        this.chunks.splice(at.chunk + 1, 0, rest);
        if (index > half) {
          chunk = rest;
          index -= half;
        }
      }
    }
    if (row.hi !== 0 && chunk.hi === null) chunk.hi = new Float64Array(chunk.capacity);
    chunk.open(index);
    chunk.lo[index] = row.lo;
    if (chunk.hi !== null) chunk.hi[index] = row.hi;
    this.size++;
    this.write(chunk, index, row);
  }

  /** Overwrites what row `at` says of its record (a better copy of the same version). */
  replace(at: RowAt, row: Omit<Row, "hi" | "lo">): void {
    this.write(this.chunks[at.chunk]!, at.index, row);
  }

  /** Every row in version order. */
  *rows(): Generator<Row> {
    for (const c of this.chunks) {
      for (let i = 0; i < c.n; i++) {
        const t = c.managed[i]!;
        yield { hi: c.hiAt(i), lo: c.lo[i]!, ref: c.refs[i]!, managedAt: Number.isNaN(t) ? null : t, input: c.inputs[i]!, line: c.lines[i]!, quality: c.qualities[i]! };
      }
    }
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
    chunk.managed[index] = row.managedAt ?? Number.NaN;
    chunk.refs[index] = row.ref;
    chunk.inputs[index] = row.input;
    chunk.lines[index] = row.line;
    chunk.qualities[index] = row.quality;
  }
}
