import type { EpochMs, InputFormat } from "../types.js";
import type { Diagnostic } from "../diagnostics.js";

/**
 * JSON as the decoder hands it on. Read-only all the way down: records share
 * parts of their values (a pod's spec is parsed once per distinct text and
 * the one object is given to every record holding that text; see
 * parseRecord.ts), so a consumer that changed one would change them all.
 */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** The kind a List implies for items that carry none (a raw API `PodList` omits it). */
export interface ImpliedKind {
  readonly kind: string;
  readonly apiVersion: string | null;
}

/** Receives what `decodeInput` reads, in input order. */
export interface DecodeSink {
  /**
   * One record: a parsed JSON object, the 1-based line of its first byte, and
   * for items of a `*List` the kind the list implies (`PodList` -> Pod with the
   * list's apiVersion; `List` -> null). `implied` is only a fallback for items
   * without their own `kind`; it is null outside lists. `prefixTime` is the
   * time a log prefix before the record's JSON gave (a CRI or RFC 3339
   * timestamp), when the line had one.
   */
  value(value: JsonObject, line: number, implied: ImpliedKind | null, prefixTime?: EpochMs | null): void;
  /** A problem with the bytes; `line` is 1-based, null when not tied to a line. */
  warning(line: number | null, diagnostic: Diagnostic): void;
}

export interface DecodeOptions {
  /** Skip detection and read the input as this format. */
  readonly format?: InputFormat;
  /** A single record larger than this is skipped with a warning (default 64 MiB), so memory stays bounded. */
  readonly maxRecordBytes?: number;
}

export interface DecodeResult {
  /** The detected (or forced) format; null for empty input or when nothing recognisable was found. */
  readonly format: InputFormat | null;
  /** Decompressed bytes read. */
  readonly bytes: number;
  /** The bytes stopped being readable part-way (a damaged gzip stream or archive member): a warning said so. */
  readonly damaged: boolean;
  /** The input's first bytes (up to 16 KiB), to say what an input that held no capture looks like (`describeContent`). */
  readonly sample: Buffer;
}

export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;
