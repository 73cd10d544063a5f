import { diagnosticMessage, type DiagnosticKind } from "../../src/diagnostics.js";
import { decodeInput, type DecodeOptions, type ImpliedKind } from "../../src/decode/index.js";
import { recordWithSpecAsRead } from "../../src/decode/specAsRead.js";
import type { InputFormat } from "../../src/types.js";
import { FIXTURE_CORPUS } from "../helpers/files.js";

/** The repository's copies of the real captures (test/fixtures/corpus; see test/helpers/files.ts for the rest). */
export const CORPUS = FIXTURE_CORPUS;

export interface Decoded {
  readonly format: InputFormat | null;
  readonly bytes: number;
  readonly values: { value: Record<string, unknown>; line: number; implied: ImpliedKind | null }[];
  readonly warnings: { line: number | null; message: string }[];
  /** The same warnings as data. */
  readonly diagnostics: { line: number | null; kind: DiagnosticKind }[];
}

export async function* chunked(bytes: Buffer, sizes: readonly number[] = [bytes.length]): AsyncGenerator<Buffer> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]!);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

export async function decode(
  input: Buffer | string | AsyncIterable<Buffer>,
  options: DecodeOptions = {},
): Promise<Decoded> {
  const chunks = typeof input === "string" ? chunked(Buffer.from(input)) : Buffer.isBuffer(input) ? chunked(input) : input;
  const values: Decoded["values"] = [];
  const warnings: Decoded["warnings"] = [];
  const diagnostics: Decoded["diagnostics"] = [];
  const result = await decodeInput(
    chunks,
    {
      value: (value, line, implied) => values.push({ value, line, implied }),
      warning: (line, d) => {
        warnings.push({ line, message: diagnosticMessage(d) });
        diagnostics.push({ line, kind: d.kind });
      },
    },
    options,
  );
  return { format: result.format, bytes: result.bytes, values, warnings, diagnostics };
}

export const valuesOf = (decoded: Decoded): unknown[] => decoded.values.map((v) => v.value);
export const linesOf = (decoded: Decoded): number[] => decoded.values.map((v) => v.line);

/**
 * What the decoder promises for a parsed value: JSON.parse's result, except
 * that each `managedFields` array holds only its entries' `time`s (the rest is
 * skipped unparsed for speed; see src/decode/parseRecord.ts), and a record's
 * spec (its own, or its watch event's object's) only what podtrail reads of
 * it (src/decode/specAsRead.ts). An array is of records.
 */
export function asDecoded<T>(value: T): T {
  if (Array.isArray(value)) return value.map(asDecoded) as T;
  return recordWithSpecAsRead(withManagedTimes(value)) as T;
}

function withManagedTimes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withManagedTimes) as T;
  if (value === null || typeof value !== "object") return value;
  // fromEntries makes own properties, like JSON.parse (a "__proto__" key stays a key).
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      k === "managedFields" && Array.isArray(v)
        ? v.filter((e) => typeof (e as { time?: unknown })?.time === "string").map((e) => ({ time: (e as { time: string }).time }))
        : withManagedTimes(v),
    ]),
  ) as T;
}
