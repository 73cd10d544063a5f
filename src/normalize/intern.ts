/**
 * One copy of each recurring string (namespaces, reasons, node names, field
 * paths, images): JSON.parse makes a new string for every occurrence, and a
 * capture repeats the same few thousand values across millions of records.
 */
const pool = new Map<string, string>();
const POOL_LIMIT = 100_000;

export function intern(s: string | null): string | null {
  if (s === null || s.length > 200) return s;
  const known = pool.get(s);
  if (known !== undefined) return known;
  if (pool.size >= POOL_LIMIT) pool.clear();
  pool.set(s, s);
  return s;
}
