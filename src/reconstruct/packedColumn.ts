/**
 * A column of numbers held in as few bytes as its values allow, read back
 * exactly. Value `i` is `base + i * step + data[i] * scale`: a line through
 * the column (records in order climb steadily in version, line and time),
 * moved by a base of the column's or of the value's block, plus a narrow
 * unsigned offset counted in the values' common step. A column on its line
 * needs no data at all, so a run of records that change nothing costs (close
 * to) nothing; one whose values the arithmetic cannot give back exactly keeps
 * its doubles. NaN (a missing time) is the largest value of the narrow type.
 */

type Narrow = Uint8Array | Uint16Array | Uint32Array;

export class PackedColumn {
  private constructor(
    /** The smallest of `value - i * step`; NaN when every value is. */
    private readonly base: number,
    /** The same, block by block (BLOCK_ROWS values each), when that narrows the offsets. */
    private readonly bases: Float64Array | null,
    private readonly step: number,
    /** The values' common step: offsets count in it. */
    private readonly scale: number,
    /** Null when every value lies on the line. */
    private readonly data: Narrow | Float64Array | null,
    /** The stored offset that stands for NaN; -1 when there is none. */
    private readonly nullMark: number,
    /** `data` holds the values themselves. */
    private readonly raw: boolean,
  ) {}

  at(i: number): number {
    const d = this.data;
    const base = this.bases === null ? this.base : this.bases[i >>> BLOCK_SHIFT]!;
    if (d === null) return base + i * this.step;
    const x = d[i]!;
    if (this.raw) return x;
    return x === this.nullMark ? Number.NaN : base + i * this.step + x * this.scale;
  }

  /** Bytes its arrays take. */
  get bytes(): number {
    return (this.data?.byteLength ?? 0) + (this.bases?.byteLength ?? 0);
  }

  /** Writes the first `n` values to `out`, as `at` gives them. */
  decode(n: number, out: Float64Array): void {
    const { base, bases, step, scale, data, nullMark } = this;
    if (this.raw) {
      out.set(data!.subarray(0, n));
      return;
    }
    // Block by block, so that the loops inside test nothing but the null mark.
    for (let start = 0; start < n; start += BLOCK_ROWS) {
      const end = Math.min(n, start + BLOCK_ROWS);
      const from = bases === null ? base : bases[start >>> BLOCK_SHIFT]!;
      if (data === null) for (let i = start; i < end; i++) out[i] = from + i * step;
      else {
        for (let i = start; i < end; i++) {
          const x = data[i]!;
          out[i] = x === nullMark ? Number.NaN : from + i * step + x * scale;
        }
      }
    }
  }

  /** The column of the first `n` values (NaN allowed); `check` holds at least `n`. */
  static pack(values: Float64Array, n: number, check: Float64Array): PackedColumn {
    let first = -1;
    let last = -1;
    let nulls = false;
    // Whether the values lie on the line through the first two, as they do in the common case (columns that stay, records in order that change nothing), which needs no more work.
    const v0 = values[0]!;
    const d0 = n > 1 ? values[1]! - v0 : 0;
    let onLine = true;
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      if (Number.isNaN(x)) nulls = true;
      // Offsets are whole numbers below 2^53; -0 would come back as 0.
      else if (x !== Math.trunc(x) || x > Number.MAX_SAFE_INTEGER || x < -Number.MAX_SAFE_INTEGER || (x === 0 && 1 / x < 0)) return PackedColumn.rawOf(values, n);
      else {
        if (first < 0) first = i;
        last = i;
      }
      if (x !== v0 + i * d0) onLine = false;
    }
    if (onLine) return new PackedColumn(v0, null, d0, 1, null, -1, false);
    if (first < 0) return new PackedColumn(Number.NaN, null, 0, 1, null, -1, false);
    // The values' common step (1000 for times of whole seconds), which a slope that is its multiple keeps for the offsets.
    let scale = 0;
    const origin = values[first]!;
    for (let i = first + 1; i <= last; i++) {
      const d = Math.abs(values[i]! - origin);
      if (Number.isNaN(d) || d === 0 || (scale !== 0 && d % scale === 0)) continue;
      scale = gcd(scale, d);
      if (scale === 1) break;
    }
    if (scale === 0) scale = 1;
    const slope = last > first ? Math.round((values[last]! - origin) / (last - first) / scale) * scale : 0;
    let best = frame(values, n, slope, scale, nulls);
    if (slope !== 0 && best.bytes > 0) {
      const flat = frame(values, n, 0, scale, nulls);
      if (flat.cost < best.cost) best = flat;
    }
    if (best.bytes > 4) return PackedColumn.rawOf(values, n);
    const { base, bases, step } = best;
    let column: PackedColumn;
    if (best.bytes === 0) column = new PackedColumn(base, bases, step, 1, null, -1, false);
    else {
      const data = best.bytes === 1 ? new Uint8Array(n) : best.bytes === 2 ? new Uint16Array(n) : new Uint32Array(n);
      const mark = nulls ? MAX[best.bytes]! : -1;
      for (let i = 0; i < n; i++) {
        const x = values[i]!;
        data[i] = Number.isNaN(x) ? mark : (x - i * step - (bases === null ? base : bases[i >>> BLOCK_SHIFT]!)) / scale;
      }
      column = new PackedColumn(base, bases, step, scale, data, mark, false);
    }
    // Exact or nothing: a value the arithmetic does not give back keeps its double (no -0 comes in, none comes out).
    column.decode(n, check);
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      const y = check[i]!;
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return PackedColumn.rawOf(values, n);
    }
    return column;
  }

  private static rawOf(values: Float64Array, n: number): PackedColumn {
    return new PackedColumn(0, null, 0, 1, values.slice(0, n), -1, true);
  }
}

/**
 * Rows of a block with a base of its own: values that wander from the line
 * (versions climbing by uneven steps) stay near it over a block, and a
 * double per block costs an eighth of a byte a row.
 */
const BLOCK_SHIFT = 6;
const BLOCK_ROWS = 1 << BLOCK_SHIFT;

/** The largest value of an unsigned type of this many bytes. */
const MAX: Record<number, number> = { 1: 0xff, 2: 0xffff, 4: 0xffffffff };

/** Bytes a value needs: 0, 1, 2, 4, or more than 4 (a double). */
function bytesFor(x: number): number {
  return x === 0 ? 0 : x <= 0xff ? 1 : x <= 0xffff ? 2 : x <= 0xffffffff ? 4 : 8;
}

interface Frame {
  readonly base: number;
  readonly bases: Float64Array | null;
  readonly step: number;
  readonly bytes: number;
  /** Bytes of the whole column. */
  readonly cost: number;
}

/** How the values sit around the line of `step`, in units of `scale`: from one base or a base per block, and the bytes each needs. */
function frame(values: Float64Array, n: number, step: number, scale: number, nulls: boolean): Frame {
  const blocks = (n + BLOCK_ROWS - 1) >>> BLOCK_SHIFT;
  const mins = new Float64Array(blocks);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let blockRange = 0;
  for (let b = 0; b < blocks; b++) {
    let bmin = Number.POSITIVE_INFINITY;
    let bmax = Number.NEGATIVE_INFINITY;
    const end = Math.min(n, (b + 1) << BLOCK_SHIFT);
    for (let i = b << BLOCK_SHIFT; i < end; i++) {
      const r = values[i]! - i * step;
      // NaN fails both comparisons.
      if (r < bmin) bmin = r;
      if (r > bmax) bmax = r;
    }
    mins[b] = bmin;
    if (bmax - bmin > blockRange) blockRange = bmax - bmin;
    if (bmin < min) min = bmin;
    if (bmax > max) max = bmax;
  }
  const extra = nulls ? 1 : 0;
  const whole = bytesFor((max - min) / scale + extra);
  const blocked = bytesFor(blockRange / scale + extra);
  const bases = blocks > 1 && n * blocked + 8 * blocks < n * whole ? mins : null;
  const bytes = bases === null ? whole : blocked;
  return { base: min, bases, step, bytes, cost: n * bytes + (bases === null ? 0 : 8 * blocks) };
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}
