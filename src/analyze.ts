import type { InputFormat, InputSummary, Report } from "./types.js";
import { resolveInputs, type InputSource } from "./input/index.js";
import { decodeInput } from "./decode/index.js";
import { normalizeValue } from "./normalize/normalizeValue.js";
import { CaptureBuilder, type InputStats } from "./reconstruct/capture.js";
import { buildReport } from "./buildReport.js";

export interface AnalyzeOptions {
  /** Force the input format instead of detecting it from the first bytes. */
  readonly inputFormat?: InputFormat;
  /** A single record larger than this is skipped with a warning (default 64 MiB). */
  readonly maxRecordBytes?: number;
  /** Called as inputs are read (for a progress display). */
  readonly onProgress?: (progress: { readonly input: string; readonly bytes: number; readonly records: number }) => void;
}

/**
 * Reads captures (paths, directories, `-` for stdin, or ready sources), rebuilds
 * each pod's history and returns the report. Never prints; throws `UserError`
 * only for inputs that cannot be opened at all.
 */
export async function analyze(inputs: readonly string[] | readonly InputSource[], options: AnalyzeOptions = {}): Promise<Report> {
  const sources = inputs.every((i) => typeof i === "string") ? await resolveInputs(inputs as readonly string[]) : (inputs as readonly InputSource[]);
  const capture = new CaptureBuilder();
  const summaries: InputSummary[] = [];
  for (const source of sources) summaries.push(await readInput(source, capture, options));
  return buildReport(capture.finish(), summaries);
}

async function readInput(source: InputSource, capture: CaptureBuilder, options: AnalyzeOptions): Promise<InputSummary> {
  const stats: InputStats = { name: source.name, records: 0, skipped: 0, duplicates: 0, warnings: 0 };
  const progress = options.onProgress;
  const result = await decodeInput(
    source.open(),
    {
      value(value, line, implied) {
        capture.apply(normalizeValue(value, { input: source.name, line }, implied), stats);
      },
      warning(line, message) {
        capture.warn(stats, line, message);
      },
      ...(progress === undefined ? {} : { progress: (bytes: number) => progress({ input: source.name, bytes, records: stats.records }) }),
    },
    {
      ...(options.inputFormat === undefined ? {} : { format: options.inputFormat }),
      ...(options.maxRecordBytes === undefined ? {} : { maxRecordBytes: options.maxRecordBytes }),
    },
  );
  capture.closeInput(stats);
  return { name: source.name, format: result.format, records: stats.records, skipped: stats.skipped, duplicates: stats.duplicates, bytes: result.bytes };
}
