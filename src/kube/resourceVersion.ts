const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** True when a resourceVersion is a canonical decimal integer (etcd revisions are). */
export function isDecimalVersion(rv: string | null): rv is string {
  return rv !== null && DECIMAL.test(rv);
}

/**
 * Compares two canonical decimal resourceVersions exactly, at any length:
 * the shorter is smaller, equal lengths compare as strings.
 */
export function compareDecimalVersions(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
