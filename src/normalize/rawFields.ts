/**
 * Typed reads from raw Event JSON. A field of the wrong type reads as absent,
 * so bad input degrades to nulls instead of throwing.
 */

import { asName, asObject, noteWrongType } from "./json.js";

/** The value as a plain JSON object, or null (arrays and null are not objects here). */
export const asRecord: (value: unknown) => Record<string, unknown> | null = asObject;

/** A non-empty string, else null (Kubernetes writes `""` for unset strings). */
export const asText: (value: unknown) => string | null = asName;

/** A positive safe integer (an occurrence count), else null; 0 means unset in Kubernetes. */
export function asCount(value: unknown): number | null {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value > 0 ? value : null;
  noteWrongType(value);
  return null;
}

/** `raw[a][b]` when `raw[a]` is an object. */
export function nested(raw: Record<string, unknown>, a: string, b: string): unknown {
  return asRecord(raw[a])?.[b];
}

/**
 * How many times an Event occurred: the highest of `count`, `series.count`
 * and `deprecatedCount`, 1 when none is valid. A `series` exists only from the
 * second occurrence on, and older client-go (`tools/events`) set `series.count`
 * to 1 for that second occurrence (newer: 2), so an event with a series
 * counts at least 2.
 */
export function eventCount(raw: Record<string, unknown>): number {
  const series = asRecord(raw["series"]);
  let count = 1;
  for (const c of [raw["count"], series?.["count"], raw["deprecatedCount"]]) {
    const n = asCount(c);
    if (n !== null && n > count) count = n;
  }
  return series !== null && count < 2 ? 2 : count;
}
