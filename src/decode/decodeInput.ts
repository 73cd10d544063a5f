import { isDamagedInputError, type DamagedInputError } from "../input/damagedInputError.js";
import type { InputFormat } from "../types.js";
import { LineDecoder } from "./lineDecoder.js";
import { RecordScanner } from "./recordScanner.js";
import type { ScannerOptions } from "./scannerTypes.js";
import { detectYaml } from "./detect.js";
import type { YamlDecoder } from "./yamlDecoder.js";
import { DEFAULT_MAX_RECORD_BYTES, type DecodeOptions, type DecodeResult, type DecodeSink } from "./types.js";

/**
 * Reads one input's bytes as JSON records (docs/spec.md §1) and hands each to
 * `sink` with its line. The format is detected from the content (never the
 * name) unless `options.format` forces one:
 * - first non-blank byte `[`: `array`;
 * - `{`: the first complete object decides: `type` + `object` is a watch
 *   envelope (`watch-jsonl` when it ends on its first line, else
 *   `watch-json-stream`); an `items` array with kind `List`/`*List` is a
 *   `list` (its items are streamed); anything else is an `object-stream`;
 * - a first content line that starts a YAML document (`---`, `apiVersion: v1`,
 *   detect.ts): `yaml`, read document by document and item by item;
 * - anything else goes to the JSON scanner, which skips to the first `{`.
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
  let decoder: Decoder | null = forced === undefined ? null : await decoderFor(forced, sink, maxRecordBytes);

  let bytes = 0;
  // The first push holds at least 3 bytes so that a byte order mark is seen whole, and, when the format is
  // detected, enough to tell YAML from the rest (its first content line); JSON is told by its first byte.
  let head: Buffer | null = Buffer.alloc(0);
  const sample: Buffer[] = [];
  let sampled = 0;
  let damage: DamagedInputError["diagnostic"] | null = null;
  try {
    for await (const chunk of chunks) {
      if (chunk.length === 0) continue;
      bytes += chunk.length;
      if (sampled < SAMPLE_BYTES) {
        const part = Buffer.from(chunk.subarray(0, SAMPLE_BYTES - sampled));
        sample.push(part);
        sampled += part.length;
      }
      if (head !== null) {
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
        if (head.length < 3) continue;
        if (decoder === null) {
          const yaml = detectYaml(head, false);
          if (yaml === null) continue;
          decoder = yaml ? await yamlDecoder(sink, maxRecordBytes) : new RecordScanner(sink, scannerOptions(undefined, maxRecordBytes));
        }
        decoder.push(head);
        head = null;
      } else decoder!.push(chunk);
    }
  } catch (error) {
    if (!isDamagedInputError(error)) throw error;
    damage = error.diagnostic;
  }
  if (head !== null) {
    decoder ??= detectYaml(head, true) === true ? await yamlDecoder(sink, maxRecordBytes) : new RecordScanner(sink, scannerOptions(undefined, maxRecordBytes));
    if (head.length > 0) decoder.push(head);
  }
  if (damage !== null) sink.warning(null, damage);
  decoder ??= new RecordScanner(sink, scannerOptions(forced, maxRecordBytes));
  decoder.finish();
  return { format: forced ?? decoder.format, bytes, damaged: damage !== null, sample: Buffer.concat(sample) };
}

/** The input's first bytes kept for describing an input that held no capture (looksLike.ts). */
const SAMPLE_BYTES = 16 * 1024;

interface Decoder {
  push(chunk: Buffer): void;
  finish(): void;
  readonly format: InputFormat | null;
}

async function decoderFor(format: InputFormat, sink: DecodeSink, maxRecordBytes: number): Promise<Decoder> {
  if (format === "watch-jsonl") return Object.assign(new LineDecoder(sink, maxRecordBytes), { format: null });
  if (format === "yaml") return yamlDecoder(sink, maxRecordBytes);
  return new RecordScanner(sink, scannerOptions(format, maxRecordBytes));
}

/** The YAML decoder and its library, loaded when an input is YAML: a run over JSON alone never evaluates them. */
async function yamlDecoder(sink: DecodeSink, maxRecordBytes: number): Promise<YamlDecoder> {
  const { YamlDecoder } = await import("./yamlDecoder.js");
  return new YamlDecoder(sink, maxRecordBytes);
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
    case "yaml":
      return { maxRecordBytes, expandLists: false, accept: "objects" };
  }
}
