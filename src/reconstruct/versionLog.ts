/** Columns of a row, in order. */
const VERSION = 0;
const SEQ = 1;
const REF = 2;
const MANAGED = 3;
const INPUT = 4;
const LINE = 5;
const STRIDE = 6;

/**
 * Every applied record of one pod as a row of six numbers in one typed array:
 * its resourceVersion (when a decimal integer), its position in the input
 * order, the index of its content, its managedFields time, and where it was
 * read (input id, line). 48 bytes a record, so a capture with ten times the
 * records of the same pods costs little more memory; every record keeps its
 * own place, so records arriving out of order still give the right history,
 * and per-record facts do not depend on which file was read first.
 */
export class VersionLog {
  private rows = new Float64Array(4 * STRIDE);
  private size = 0;

  get length(): number {
    return this.size;
  }

  version(i: number): number {
    return this.rows[i * STRIDE + VERSION]!;
  }

  seq(i: number): number {
    return this.rows[i * STRIDE + SEQ]!;
  }

  ref(i: number): number {
    return this.rows[i * STRIDE + REF]!;
  }

  /** The record's managedFields time, null when it had none. */
  managedAt(i: number): number | null {
    const t = this.rows[i * STRIDE + MANAGED]!;
    return Number.isNaN(t) ? null : t;
  }

  input(i: number): number {
    return this.rows[i * STRIDE + INPUT]!;
  }

  line(i: number): number {
    return this.rows[i * STRIDE + LINE]!;
  }

  /** Moves where record `i` was read (a duplicate read from an earlier place). */
  relocate(i: number, input: number, line: number): void {
    this.rows[i * STRIDE + INPUT] = input;
    this.rows[i * STRIDE + LINE] = line;
  }

  /** Position of `version` in the log (kept sorted by version), or -(insertion point) - 1. */
  find(version: number): number {
    let lo = 0;
    let hi = this.size - 1;
    // Records mostly arrive in order: check the end first.
    if (hi >= 0 && this.version(hi) < version) return -(hi + 1) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.version(mid);
      if (v < version) lo = mid + 1;
      else if (v > version) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  /** Inserts a row at `at` (the length appends). */
  insert(at: number, row: { version: number; seq: number; ref: number; managedAt: number | null; input: number; line: number }): void {
    if ((this.size + 1) * STRIDE > this.rows.length) {
      const wider = new Float64Array(this.rows.length * 2);
      wider.set(this.rows);
      this.rows = wider;
    }
    if (at < this.size) this.rows.copyWithin((at + 1) * STRIDE, at * STRIDE, this.size * STRIDE);
    const o = at * STRIDE;
    this.rows[o + VERSION] = row.version;
    this.rows[o + SEQ] = row.seq;
    this.rows[o + REF] = row.ref;
    this.rows[o + MANAGED] = row.managedAt ?? Number.NaN;
    this.rows[o + INPUT] = row.input;
    this.rows[o + LINE] = row.line;
    this.size++;
  }
}
