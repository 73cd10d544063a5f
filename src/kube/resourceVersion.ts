/**
 * resourceVersions. etcd's are decimal revisions, int64 (up to 19 digits);
 * the API promises only an opaque string, so anything that is not a
 * canonical decimal integer is compared by nothing but equality.
 */

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** Digits held exactly by the low part of a `VersionKey` (below 2^53). */
const LOW_DIGITS = 15;
/** The longest decimal a `VersionKey` holds exactly: 15 digits in each part. */
const MAX_DIGITS = 2 * LOW_DIGITS;

/**
 * A decimal resourceVersion as two exact numbers, `hi * 10^15 + lo`: an int64
 * revision does not fit one double (2^53 is 16 digits), two do, and
 * comparing them costs no string or BigInt.
 */
export interface VersionKey {
  readonly hi: number;
  readonly lo: number;
}

/** True when a resourceVersion is a canonical decimal integer (etcd revisions are). */
export function isDecimalVersion(rv: string | null): rv is string {
  return rv !== null && DECIMAL.test(rv);
}

/** The key of a canonical decimal resourceVersion of up to 30 digits; null for any other string. */
export function versionKey(rv: string | null): VersionKey | null {
  if (rv === null || rv.length > MAX_DIGITS || !DECIMAL.test(rv)) return null;
  if (rv.length <= LOW_DIGITS) return { hi: 0, lo: Number(rv) };
  return { hi: Number(rv.slice(0, rv.length - LOW_DIGITS)), lo: Number(rv.slice(rv.length - LOW_DIGITS)) };
}

/** Orders two version keys numerically. */
export function compareVersionKeys(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return aHi !== bHi ? aHi - bHi : aLo - bLo;
}

/** The decimal text of a version key. */
export function formatVersionKey(hi: number, lo: number): string {
  return hi === 0 ? String(lo) : `${hi}${String(lo).padStart(LOW_DIGITS, "0")}`;
}

/**
 * Compares two canonical decimal resourceVersions exactly, at any length:
 * the shorter is smaller, equal lengths compare as strings.
 */
export function compareDecimalVersions(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

