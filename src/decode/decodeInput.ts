import { isDamagedInputError, type DamagedInputError } from "../input/damagedInputError.js";
import type { InputFormat } from "../types.js";
import { LineDecoder } from "./lineDecoder.js";
import { RecordScanner, type ScannerOptions } from "./recordScanner.js";
import { DEFAULT_MAX_RECORD_BYTES, type DecodeOptions, type DecodeResult, type DecodeSink } from "./types.js";

/**
 * Reads one input's bytes as JSON records (docs/spec.md §1) and hands each to
 * `sink` with its line. The format is detected from the content (never the
 * name) unless `options.format` forces one:
 * - first non-blank byte `[`: `array`;
 * - `{`: the first complete object decides: `type` + `object` is a watch
 *   envelope (`watch-jsonl` when it ends on its first line, else
 *   `watch-json-stream`); an `items` array with kind `List`/`*List` is a
 *   `list` (its items are streamed); anything else is an `object-stream`.
 *
 * Bad content never throws: it becomes `sink.warning` calls and the records
 * around it are kept. A `DamagedInputError` from `chunks` (a truncated gzip)
 * becomes a warning too, after the bytes read before it were decoded; any
 * other error from `chunks` is re-thrown.
 */
export async function decodeInput(
  chunks: AsyncIterable<Buffer>,
  sink: DecodeSink,
  options: DecodeOptions = {},
): Promise<DecodeResult> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const forced = options.format;
  const decoder =
    forced === "watch-jsonl" ? new LineDecoder(sink, maxRecordBytes) : new RecordScanner(sink, scannerOptions(forced, maxRecordBytes));

  let bytes = 0;
  // The first push holds at least 3 bytes so that a byte order mark is seen whole.
  let head: Buffer | null = Buffer.alloc(0);
  let damage: DamagedInputError["diagnostic"] | null = null;
  try {
    for await (const chunk of chunks) {
      if (chunk.length === 0) continue;
      bytes += chunk.length;
      if (head !== null) {
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
        if (head.length < 3) continue;
        decoder.push(head);
        head = null;
      } else decoder.push(chunk);
    }
  } catch (error) {
    if (!isDamagedInputError(error)) throw error;
    damage = error.diagnostic;
  }
  if (head !== null && head.length > 0) decoder.push(head);
  if (damage !== null) sink.warning(null, damage);
  decoder.finish();
  return { format: forced ?? (decoder instanceof RecordScanner ? decoder.format : null), bytes };
}

function scannerOptions(forced: InputFormat | undefined, maxRecordBytes: number): ScannerOptions {
  switch (forced) {
    case undefined:
      return { maxRecordBytes, expandLists: true, accept: "any" };
    case "list":
      return { maxRecordBytes, expandLists: true, accept: "lists" };
    case "array":
      return { maxRecordBytes, expandLists: false, accept: "arrays" };
    case "watch-json-stream":
    case "object-stream":
    case "watch-jsonl":
      return { maxRecordBytes, expandLists: false, accept: "objects" };
  }
}
