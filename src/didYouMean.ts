/**
 * "Did you mean": the known words nearest to a mistyped one, for the
 * messages of a mistyped command, stage, reason or option value. A leaf:
 * any stage may use it.
 */

/**
 * Candidates within an edit distance that grows with the word's length
 * (at least 2, a third of its length; `maxDistance` when given), or containing it (4 characters or
 * more), nearest first, then in code-unit order; at most `limit`. Case is
 * ignored.
 */
export function nearestWords<T extends string>(word: string, candidates: readonly T[], limit = 5, maxDistance?: number): T[] {
  const wanted = word.trim().toLowerCase();
  if (wanted === "") return [];
  const threshold = maxDistance ?? Math.max(2, Math.floor(wanted.length / 3));
  const scored: { name: T; distance: number }[] = [];
  for (const name of candidates) {
    const lower = name.toLowerCase();
    const distance = editDistance(wanted, lower);
    if (distance <= threshold || (wanted.length >= 4 && lower.includes(wanted))) scored.push({ name, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || compareNames(a.name, b.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** ` (did you mean startup?)`, or nothing when no candidate is near; a word of 4 characters or fewer must be one edit away (`p999`, not `p42`). */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const near = nearestWords(word, candidates, 3, word.trim().length <= 4 ? 1 : undefined);
  return near.length === 0 ? "" : ` (did you mean ${near.join(" or ")}?)`;
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Case-insensitive, then by code unit, so the order does not depend on the locale. */
function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
