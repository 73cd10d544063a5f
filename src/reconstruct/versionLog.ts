/**
 * Every applied record of one pod as a row of numbers: its resourceVersion
 * (when a decimal integer), its position in the input order, the index of its
 * content, its managedFields time, and where it was read (input id, line).
 * About 40 bytes a record in typed arrays, so a capture with ten times the
 * records of the same pods costs little more memory; every record keeps its
 * own place, so records arriving out of order still give the right history,
 * and per-record facts do not depend on which file was read first.
 */
export class VersionLog {
  private versions = new Float64Array(8);
  private seqs = new Float64Array(8);
  private refs = new Int32Array(8);
  private managed = new Float64Array(8);
  private inputs = new Int32Array(8);
  private lines = new Float64Array(8);
  private size = 0;

  get length(): number {
    return this.size;
  }

  version(i: number): number {
    return this.versions[i]!;
  }

  seq(i: number): number {
    return this.seqs[i]!;
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

  /** Moves where record `i` was read (a duplicate read from an earlier place). */
  relocate(i: number, input: number, line: number): void {
    this.inputs[i] = input;
    this.lines[i] = line;
  }

  /** Position of `version` in the log (kept sorted by version), or -(insertion point) - 1. */
  find(version: number): number {
    let lo = 0;
    let hi = this.size - 1;
    // Records mostly arrive in order: check the end first.
    if (hi >= 0 && this.versions[hi]! < version) return -(hi + 1) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.versions[mid]!;
      if (v < version) lo = mid + 1;
      else if (v > version) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  /** Inserts a row at `at` (the length appends). */
  insert(at: number, row: { version: number; seq: number; ref: number; managedAt: number | null; input: number; line: number }): void {
    if (this.size === this.versions.length) this.grow();
    const columns = [this.versions, this.seqs, this.refs, this.managed, this.inputs, this.lines] as const;
    if (at < this.size) for (const column of columns) column.copyWithin(at + 1, at, this.size);
    this.versions[at] = row.version;
    this.seqs[at] = row.seq;
    this.refs[at] = row.ref;
    this.managed[at] = row.managedAt ?? Number.NaN;
    this.inputs[at] = row.input;
    this.lines[at] = row.line;
    this.size++;
  }

  private grow(): void {
    const n = this.versions.length * 2;
    const widen = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.versions = widen(this.versions, (k) => new Float64Array(k));
    this.seqs = widen(this.seqs, (k) => new Float64Array(k));
    this.refs = widen(this.refs, (k) => new Int32Array(k));
    this.managed = widen(this.managed, (k) => new Float64Array(k));
    this.inputs = widen(this.inputs, (k) => new Int32Array(k));
    this.lines = widen(this.lines, (k) => new Float64Array(k));
  }
}
