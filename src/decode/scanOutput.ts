import { isUtf8 } from "node:buffer";
import type { EpochMs, InputFormat } from "../types.js";
import type { Diagnostic } from "../diagnostics.js";
import { NL } from "./bytes.js";
import { isObject, parseJson } from "./json.js";
import type { ScannerOptions } from "./scannerTypes.js";
import type { DecodeSink, JsonObject } from "./types.js";

/**
 * What leaves the record scanner: records and warnings for the sink, and the
 * format the first of them decided. The fast path and the byte scanner both
 * emit through here, so that a record reads the same whichever found it.
 */
export class ScanOutput {
  /** The detected format; null until a record or a List or array start decides it. */
  format: InputFormat | null = null;
  /** The line whose JSON follows a prefix, and the time the prefix gave (only a record starting on that line gets it). */
  private prefix: { readonly line: number; readonly time: EpochMs | null } | null = null;

  constructor(
    private readonly sink: DecodeSink,
    private readonly options: ScannerOptions,
  ) {}

  warn(line: number, diagnostic: Diagnostic): void {
    this.sink.warning(line, diagnostic);
  }

  /** A complete top-level object (not a List). */
  topObject(value: JsonObject, line: number, bytes: Buffer): void {
    if (this.options.accept === "lists") {
      this.warn(line, { kind: "notAList", objectKind: typeof value["kind"] === "string" ? value["kind"] : null });
      return;
    }
    if (this.format === null) {
      const envelope = typeof value["type"] === "string" && isObject(value["object"]);
      this.format = !envelope ? "object-stream" : bytes.includes(NL) ? "watch-json-stream" : "watch-jsonl";
    }
    this.record(value, line, bytes);
  }

  /** The JSON on `line` follows a prefix that gave this time (null: none). */
  prefixed(line: number, time: EpochMs | null): void {
    this.prefix = { line, time };
  }

  /** A record outside a List, with the bytes it was parsed from. */
  record(value: JsonObject, line: number, bytes: Buffer): void {
    this.checkUtf8(line, bytes);
    const prefix = this.prefix;
    if (prefix === null) this.sink.value(value, line, null);
    else {
      this.prefix = null;
      this.sink.value(value, line, null, prefix.line === line ? prefix.time : null);
    }
  }

  /** JSON.parse replaces invalid UTF-8 silently: the record is kept, with a warning. */
  checkUtf8(line: number, bytes: Buffer): void {
    if (!isUtf8(bytes)) this.warn(line, { kind: "invalidUtf8" });
  }

  /** Parses captured bytes, warning (and returning undefined) when too large or not JSON. */
  parse(bytes: Buffer | null, line: number): unknown {
    if (bytes === null) {
      this.warn(line, { kind: "recordTooLarge", limitBytes: this.options.maxRecordBytes });
      return undefined;
    }
    const parsed = parseJson(bytes);
    if (parsed.ok) return parsed.value;
    this.warn(line, { kind: "invalidJson", error: parsed.error });
    return undefined;
  }
}
