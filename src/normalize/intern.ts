/**
 * One copy of each recurring string (namespaces, reasons, node names, field
 * paths, images): JSON.parse makes a new string for every occurrence, and a
 * capture repeats the same few thousand values across millions of records.
 */
const pool = new Map<string, string>();
const POOL_LIMIT = 100_000;

/**
 * V8's JSON.parse already makes string values of up to 10 characters
 * internalized (one copy each): phases, condition types and statuses, most
 * reasons. Looking those up again would only cost time.
 */
const INTERNED_BY_JSON_PARSE = 10;

export function intern(s: string | null): string | null {
  if (s === null || s.length <= INTERNED_BY_JSON_PARSE || s.length > 200) return s;
  const known = pool.get(s);
  if (known !== undefined) return known;
  if (pool.size >= POOL_LIMIT) pool.clear();
  pool.set(s, s);
  return s;
}
