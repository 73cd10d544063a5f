import type { InputFormat, InputSummary, Report } from "./types.js";
import { resolveInputs, type InputSource } from "./input/index.js";
import { decodeInput } from "./decode/index.js";
import { normalizeValue } from "./normalize/normalizeValue.js";
import { Reconstruction, type Reconstructed, type InputStats } from "./reconstruct/reconstruction.js";
import { buildReport, type ReportOptions } from "./report.js";
import { InternalError } from "./errors.js";

export interface ReadOptions {
  /** Force the input format instead of detecting it from the first bytes. */
  readonly inputFormat?: InputFormat;
  /** A single record larger than this is skipped with a warning (default 64 MiB). */
  readonly maxRecordBytes?: number;
  /** Called as bytes are read (for a progress display). */
  readonly onProgress?: (progress: Progress) => void;
}

export interface Progress {
  readonly input: string;
  /** Bytes of this input read so far (decompressed). */
  readonly bytes: number;
  /** Size of this input on disk, when known. */
  readonly size: number | null;
  /** Records read so far over all inputs. */
  readonly records: number;
}

export type AnalyzeOptions = ReadOptions & ReportOptions;

/** The inputs of a run read into per-pod histories and events, before derivation. */
export interface ReadResult {
  readonly contents: Reconstructed;
  readonly inputs: readonly InputSummary[];
}

/**
 * Reads captures (paths, directories, globs, `-` for stdin, or ready sources)
 * and rebuilds each pod's history. Never prints; throws `UserError` only for
 * inputs that cannot be opened at all.
 */
export async function readInputs(inputs: readonly string[] | readonly InputSource[], options: ReadOptions = {}): Promise<ReadResult> {
  const sources = inputs.every((i) => typeof i === "string") ? await resolveInputs(inputs as readonly string[]) : (inputs as readonly InputSource[]);
  const reconstruction = new Reconstruction();
  const summaries: InputSummary[] = [];
  let records = 0;
  for (const source of sources) {
    const summary = await readInput(source, reconstruction, options, () => records);
    records += summary.records;
    summaries.push(summary);
  }
  return { contents: reconstruction.finish(), inputs: summaries };
}

/** Reads captures and returns the report (docs/spec.md §8). */
export async function analyze(inputs: readonly string[] | readonly InputSource[], options: AnalyzeOptions = {}): Promise<Report> {
  const { contents, inputs: summaries } = await readInputs(inputs, options);
  return buildReport(contents, summaries, options);
}

async function readInput(source: InputSource, reconstruction: Reconstruction, options: ReadOptions, recordsBefore: () => number): Promise<InputSummary> {
  const stats: InputStats = { name: source.name, records: 0, skipped: 0, duplicates: 0, warnings: 0 };
  const progress = options.onProgress;
  const chunks = progress === undefined ? source.open() : counted(source.open(), (bytes) => progress({ input: source.name, bytes, size: source.size, records: recordsBefore() + stats.records }));
  const result = await decodeInput(
    chunks,
    {
      value(value, line, implied) {
        try {
          reconstruction.apply(normalizeValue(value, { input: source.name, line }, implied), stats);
        } catch (error) {
          throw new InternalError(source.name, line, error);
        }
      },
      warning(line, diagnostic) {
        reconstruction.warn(stats, line, diagnostic);
      },
    },
    {
      ...(options.inputFormat === undefined ? {} : { format: options.inputFormat }),
      ...(options.maxRecordBytes === undefined ? {} : { maxRecordBytes: options.maxRecordBytes }),
    },
  );
  reconstruction.closeInput(stats);
  return { name: source.name, format: result.format, records: stats.records, skipped: stats.skipped, duplicates: stats.duplicates, bytes: result.bytes };
}

async function* counted(chunks: AsyncIterable<Buffer>, report: (bytes: number) => void): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    report(bytes);
    yield chunk;
  }
}
