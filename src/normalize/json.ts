/**
 * Tolerant readers of untyped JSON: a value of the wrong type reads as absent.
 * A present value of the wrong type is also noted, so the normalizer can ask
 * the input schema for a located description of just those records (running
 * the schema on every record would cost more than the rest of the normalizer).
 */

export type JsonObject = Record<string, unknown>;

let wrongType = false;

/** Notes a present value of the wrong type in the record being read. */
export function noteWrongType(value: unknown): void {
  if (value !== undefined && value !== null) wrongType = true;
}

/** Whether a wrong type was noted since the last call; resets the note. */
export function takeWrongType(): boolean {
  const noted = wrongType;
  wrongType = false;
  return noted;
}

export function asObject(value: unknown): JsonObject | null {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as JsonObject;
  noteWrongType(value);
  return null;
}

export function asArray(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  noteWrongType(value);
  return [];
}

export function asString(value: unknown): string | null {
  if (typeof value === "string") return value;
  noteWrongType(value);
  return null;
}

/** A non-empty string, else null (Kubernetes writes `""` for unset strings). */
export function asName(value: unknown): string | null {
  if (typeof value === "string") return value.length > 0 ? value : null;
  noteWrongType(value);
  return null;
}

export function asInteger(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  noteWrongType(value);
  return null;
}

export function asBoolean(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  noteWrongType(value);
  return null;
}
