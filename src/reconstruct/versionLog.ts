/**
 * Every applied record of one pod as a row of a few numbers, in typed-array
 * columns kept sorted: the resourceVersion (as two exact parts, see
 * `kube/resourceVersion.ts`), the index of its content, its managedFields
 * time, where it was read (input id, line) and how good a copy it is. A
 * record that repeats its neighbour's status costs one row and no object, so
 * memory follows pods and transitions, not records; every record keeps its
 * own facts, so the history is the same whatever order records arrive in.
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

const INITIAL_ROWS = 4;

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

export class VersionLog {
  private size = 0;
  private lo = new Float64Array(INITIAL_ROWS);
  /** The high parts, made when a resourceVersion beyond 15 digits first appears. */
  private hiParts: Float64Array | null = null;
  private managed = new Float64Array(INITIAL_ROWS);
  private refs = new Int32Array(INITIAL_ROWS);
  private inputs = new Int32Array(INITIAL_ROWS);
  private lines = new Uint32Array(INITIAL_ROWS);
  private qualities = new Uint8Array(INITIAL_ROWS);

  get length(): number {
    return this.size;
  }

  hi(i: number): number {
    return this.hiParts === null ? 0 : this.hiParts[i]!;
  }

  low(i: number): number {
    return this.lo[i]!;
  }

  ref(i: number): number {
    return this.refs[i]!;
  }

  /** The record's managedFields time, null when it had none. */
  managedAt(i: number): number | null {
    const t = this.managed[i]!;
    return Number.isNaN(t) ? null : t;
  }

  input(i: number): number {
    return this.inputs[i]!;
  }

  line(i: number): number {
    return this.lines[i]!;
  }

  quality(i: number): number {
    return this.qualities[i]!;
  }

  /** Position of a version in the log (kept sorted by version), or -(insertion point) - 1. */
  find(hi: number, lo: number): number {
    let low = 0;
    let high = this.size - 1;
    // Records mostly arrive in order: check the end first.
    if (high >= 0 && (this.hi(high) < hi || (this.hi(high) === hi && this.lo[high]! < lo))) return -(high + 1) - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const h = this.hi(mid);
      const l = this.lo[mid]!;
      if (h < hi || (h === hi && l < lo)) low = mid + 1;
      else if (h > hi || l > lo) high = mid - 1;
      else return mid;
    }
    return -low - 1;
  }

  /** Inserts a row at `at` (the length appends). */
  insert(at: number, row: Row): void {
    if (this.size === this.lo.length) this.grow();
    if (row.hi !== 0 && this.hiParts === null) this.hiParts = new Float64Array(this.lo.length);
    if (at < this.size) {
      const n = this.size;
      this.lo.copyWithin(at + 1, at, n);
      this.hiParts?.copyWithin(at + 1, at, n);
      this.managed.copyWithin(at + 1, at, n);
      this.refs.copyWithin(at + 1, at, n);
      this.inputs.copyWithin(at + 1, at, n);
      this.lines.copyWithin(at + 1, at, n);
      this.qualities.copyWithin(at + 1, at, n);
    }
    this.size++;
    this.lo[at] = row.lo;
    if (this.hiParts !== null) this.hiParts[at] = row.hi;
    this.replace(at, row);
  }

  /** Overwrites what row `at` says of its record (a better copy of the same version). */
  replace(at: number, row: Omit<Row, "hi" | "lo">): void {
    this.managed[at] = row.managedAt ?? Number.NaN;
    this.refs[at] = row.ref;
    this.inputs[at] = row.input;
    this.lines[at] = row.line;
    this.qualities[at] = row.quality;
  }

  toData(): VersionLogData {
    const n = this.size;
    const managed: (number | null)[] = [];
    for (let i = 0; i < n; i++) managed.push(this.managedAt(i));
    return {
      hi: this.hiParts === null ? null : Array.from(this.hiParts.subarray(0, n)),
      lo: Array.from(this.lo.subarray(0, n)),
      ref: Array.from(this.refs.subarray(0, n)),
      managed,
      input: Array.from(this.inputs.subarray(0, n)),
      line: Array.from(this.lines.subarray(0, n)),
      quality: Array.from(this.qualities.subarray(0, n)),
    };
  }

  /** Columns grow by half: a doubling array holds up to twice what it needs, and copies it all at once. */
  private grow(): void {
    const capacity = Math.ceil(this.lo.length * 1.5);
    const wider = <T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.lo = wider(this.lo, (n) => new Float64Array(n));
    if (this.hiParts !== null) this.hiParts = wider(this.hiParts, (n) => new Float64Array(n));
    this.managed = wider(this.managed, (n) => new Float64Array(n));
    this.refs = wider(this.refs, (n) => new Int32Array(n));
    this.inputs = wider(this.inputs, (n) => new Int32Array(n));
    this.lines = wider(this.lines, (n) => new Uint32Array(n));
    this.qualities = wider(this.qualities, (n) => new Uint8Array(n));
  }
}
