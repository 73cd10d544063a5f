import type { EpochMs } from "../types.js";
import { parseTime, timeProblem } from "../kube/time.js";

/** Read-only: decoded records share objects (see decode/types.ts JsonValue). */
export type JsonObject = Readonly<Record<string, unknown>>;

/**
 * Tolerant, typed reads of one raw record's fields: a value of the wrong type
 * reads as absent. A present value of the wrong type is also noted, so the
 * normalizer can ask the input schema for a located description of just
 * those records (running the schema on every record would cost more than the
 * rest of the normalizer). Time strings that are set but not RFC 3339, and
 * leap seconds, are noted the same way. One reader per record: nothing is
 * shared between records or analyses.
 */
export class FieldReader {
  /** A value was present with the wrong type in this record. */
  wrongType = false;
  /** Time strings of this record read as absent although set (`invalid`) or read approximately (`leapSecond`); null while there is none. */
  oddTimes: { readonly value: string; readonly problem: "invalid" | "leapSecond" }[] | null = null;

  /** Notes a present value of the wrong type. */
  private note(value: unknown): void {
    if (value !== undefined && value !== null) this.wrongType = true;
  }

  /** A plain JSON object (not an array, not null). */
  object(value: unknown): JsonObject | null {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as JsonObject;
    this.note(value);
    return null;
  }

  array(value: unknown): readonly unknown[] {
    if (Array.isArray(value)) return value;
    this.note(value);
    return [];
  }

  /** Any string, empty included. */
  string(value: unknown): string | null {
    if (typeof value === "string") return value;
    this.note(value);
    return null;
  }

  /** A non-empty string, else null (Kubernetes writes `""` for unset strings). */
  name(value: unknown): string | null {
    if (typeof value === "string") return value.length > 0 ? value : null;
    this.note(value);
    return null;
  }

  integer(value: unknown): number | null {
    if (typeof value === "number" && Number.isInteger(value)) return value;
    this.note(value);
    return null;
  }

  /** A positive safe integer (an occurrence count), else null; 0 means unset in Kubernetes. */
  count(value: unknown): number | null {
    if (typeof value === "number" && Number.isSafeInteger(value)) return value > 0 ? value : null;
    this.note(value);
    return null;
  }

  boolean(value: unknown): boolean | null {
    if (typeof value === "boolean") return value;
    this.note(value);
    return null;
  }

  /** An RFC 3339 timestamp in epoch ms (µs precision); null when absent, zero or malformed (malformed ones are noted). */
  time(value: unknown): EpochMs | null {
    if (typeof value !== "string") {
      this.note(value);
      return null;
    }
    const t = parseTime(value);
    // Only a null or a seconds field starting with 6 (":60") can be odd: the common case costs a comparison.
    if (t === null || value.charCodeAt(17) === 0x36) {
      const problem = timeProblem(value);
      if (problem === "invalid" || problem === "leapSecond") {
        this.oddTimes ??= [];
        this.oddTimes.push({ value, problem });
      }
    }
    return t;
  }

  /** `raw[a][b]` when `raw[a]` is an object. */
  nested(raw: JsonObject, a: string, b: string): unknown {
    return this.object(raw[a])?.[b];
  }
}
