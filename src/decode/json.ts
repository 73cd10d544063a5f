/** Byte values and small JSON helpers shared by the decoders. */
import { parseRecord } from "./parseRecord.js";

export const NL = 0x0a;
export const CR = 0x0d;
export const SP = 0x20;
export const TAB = 0x09;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const LBRACK = 0x5b;
export const RBRACK = 0x5d;

export const NL_LBRACE = Buffer.from("\n{");
export const NL_RBRACE = Buffer.from("\n}");

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

/** "a number", "an array", ... for "expected a JSON object, found ..." warnings. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "number":
      return "a number";
    case "string":
      return "a string";
    case "boolean":
      return "a boolean";
    default:
      return "an object";
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

export function lineRange(first: number, last: number): string {
  return last > first ? `lines ${first}-${last}` : `line ${first}`;
}

export function formatBytes(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
