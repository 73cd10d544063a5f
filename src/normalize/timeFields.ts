import type { JsonObject } from "./fieldReader.js";

/** The keys of the time fields podtrail reads (docs/spec.md §3), wherever they are in a Pod or an Event. */
const TIME_KEYS = new Set([
  "creationTimestamp",
  "deletionTimestamp",
  "time",
  "lastTransitionTime",
  "startedAt",
  "finishedAt",
  "firstTimestamp",
  "lastTimestamp",
  "eventTime",
  "lastObservedTime",
  "deprecatedFirstTimestamp",
  "deprecatedLastTimestamp",
]);

/** Fields shown by name in a diagnostic; the rest are counted. */
const SHOWN_FIELDS = 3;
const VALUE_CHARS = 40;

/**
 * Where a record holds the given time strings: each time field (by its key,
 * at any depth) whose value is one of `values`, as `path "value"`, the first
 * few and how many more. Run only for records whose reader met such a value,
 * so the walk costs nothing on good records.
 */
export function describeTimeFields(raw: JsonObject, values: ReadonlySet<string>): { readonly fields: readonly string[]; readonly more: number } {
  const found: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`);
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const at = path === "" ? key : `${path}.${key}`;
        if (typeof item === "string" && TIME_KEYS.has(key) && values.has(item)) found.push(`${at} ${quoted(item)}`);
        else walk(item, at);
      }
    }
  };
  walk(raw, "");
  // A value the walk cannot place (it should not happen) is still shown.
  if (found.length === 0) found.push(...[...values].map(quoted));
  return { fields: found.slice(0, SHOWN_FIELDS), more: Math.max(0, found.length - SHOWN_FIELDS) };
}

function quoted(value: string): string {
  return JSON.stringify(value.length > VALUE_CHARS ? `${value.slice(0, VALUE_CHARS)}…` : value);
}
