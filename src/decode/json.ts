/** Small JSON helpers shared by the decoders. */
import type { JsonValueKind } from "../diagnostics.js";
import { parseRecord } from "./parseRecord.js";

export type ParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/** `JSON.parse` of `bytes[start, end)` decoded as UTF-8, never throwing. */
export function parseJson(bytes: Buffer, start = 0, end = bytes.length): ParseResult {
  try {
    return { ok: true, value: parseRecord(bytes, start, end) };
  } catch (error) {
    return { ok: false, error: oneLine(error instanceof Error ? error.message : String(error)) };
  }
}

/** `JSON.parse` for the fast paths: undefined when the text is not JSON. */
export function parseOrUndefined(bytes: Buffer, start: number, end: number): unknown {
  try {
    return parseRecord(bytes, start, end);
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a value is, for "expected a JSON object, found ..." */
export function kindOfValue(value: unknown): JsonValueKind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "number":
      return "number";
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    default:
      return "object";
  }
}

const EXCERPT_CHARS = 40;

/** A short, quoted, single-line excerpt of text that could not be read. */
export function excerpt(text: string): string {
  const short = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
  return JSON.stringify(short);
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ");
}
