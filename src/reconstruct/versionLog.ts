/**
 * Every applied record of one pod as three numbers: its resourceVersion (when
 * a decimal integer), its position in the input order, and the index of its
 * content. Twenty bytes a record, in typed arrays, so a capture with ten times
 * the records of the same pods costs little more memory; and every record
 * keeps its own place, so records arriving out of order still give the right
 * history.
 */
export class VersionLog {
  private versions = new Float64Array(8);
  private seqs = new Float64Array(8);
  private refs = new Int32Array(8);
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

  /** Position of `version` in the log (kept sorted by version then seq), or where it would go, as -(insertion point) - 1. */
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

  /** Inserts at a position found by `find` (or appends when `at` is the length). */
  insert(at: number, version: number, seq: number, ref: number): void {
    if (this.size === this.versions.length) this.grow();
    if (at < this.size) {
      this.versions.copyWithin(at + 1, at, this.size);
      this.seqs.copyWithin(at + 1, at, this.size);
      this.refs.copyWithin(at + 1, at, this.size);
    }
    this.versions[at] = version;
    this.seqs[at] = seq;
    this.refs[at] = ref;
    this.size++;
  }

  private grow(): void {
    const n = this.versions.length * 2;
    const versions = new Float64Array(n);
    const seqs = new Float64Array(n);
    const refs = new Int32Array(n);
    versions.set(this.versions);
    seqs.set(this.seqs);
    refs.set(this.refs);
    this.versions = versions;
    this.seqs = seqs;
    this.refs = refs;
  }
}
