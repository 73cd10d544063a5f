/*
 * The record scanner's options, states and kinds, in one place: its modules
 * share them without importing each other, and each switch over one names
 * every case (the compiler checks that it does).
 */

/** What a forced format lets through at the top level. */
export type TopLevelPolicy = "any" | "objects" | "lists" | "arrays";

export interface ScannerOptions {
  readonly maxRecordBytes: number;
  /** Stream the items of a top-level object holding an `items` array (a List). */
  readonly expandLists: boolean;
  readonly accept: TopLevelPolicy;
}

/** Where the scanner is between bytes. */
export type ScanState =
  /** Between top-level values. */
  | "top"
  /** Inside a top-level line that does not start a JSON object or array. */
  | "garbage"
  /** Skipping to the next line that starts with `{` (after damage). */
  | "resync"
  /** Inside a top-level value. */
  | "value";

/** What the top-level value being read is. */
export type ValueMode =
  /** One record. */
  | "object"
  /** A List whose items are streamed. */
  | "list"
  /** An array whose elements are streamed. */
  | "array"
  /** Rejected by a forced format: scanned to its end, not kept. */
  | "skipObject"
  | "skipArray";

/** The element (array element or List item) being read. */
export type ElementKind = "none" | "container" | "string" | "scalar";

/** What ends the scan of a top-level value; each returns the index where scanning goes on. */
export interface ValueExits {
  /** The value closed; `end` is the index after its last byte. */
  ended(end: number): number;
  /** A `{` at column 0 (at `at`) cut the value short: a new record starts there. */
  cut(at: number): number;
  /** A raw line break (at `newline`) inside a string: the record is damaged. */
  brokenString(newline: number): number;
}

/** For the `default` of a switch that names every case: a new case without its branch does not compile. */
export function unreachable(value: never): never {
  throw new Error(`decode: unexpected scanner state ${String(value)}`);
}
