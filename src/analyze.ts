import type { InputFormat, InputSummary, Report } from "./types.js";
import { expandArchives, resolveInputs, type InputSource } from "./input/index.js";
import { decodeInput, describeContent } from "./decode/index.js";
import { normalizeValue } from "./normalize/normalizeValue.js";
import { describeInput, Reconstruction } from "./reconstruct/reconstruction.js";
import { buildReport, type ReportOptions } from "./report.js";
import { InternalError } from "./errors.js";
import type { Diagnostic } from "./diagnostics.js";

export interface ReadOptions {
  /** Force the input format instead of detecting it from the first bytes. */
  readonly inputFormat?: InputFormat;
  /** A single record larger than this is skipped with a warning (default 64 MiB). */
  readonly maxRecordBytes?: number;
  /**
   * The line number of each input's first byte (default 1): an input that is
   * a part of a larger file, split at a record boundary, is located in lines
   * of the whole file.
   */
  readonly firstLine?: number;
  /** Called as bytes are read (for a progress display). */
  readonly onProgress?: (progress: Progress) => void;
  /**
   * Glob patterns selecting which files of a directory, and which members of
   * an archive, are read (`--include`; any pattern matches; all when empty).
   * A pattern without `/` matches file names at any depth (`*.yaml`), one with
   * `/` the path below the directory or archive, `**` standing for any directories.
   * Files named on their own are always read.
   */
  readonly include?: readonly string[];
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

/**
 * Reads captures (paths, directories, globs, `-` for stdin, or ready sources)
 * and rebuilds each pod's history. Never prints; throws `UserError` only for
 * inputs that cannot be opened at all.
 */
export async function readInputs(inputs: readonly string[] | readonly InputSource[], options: ReadOptions = {}): Promise<Reconstruction> {
  const include = options.include ?? [];
  const sources = inputs.every((i) => typeof i === "string") ? await resolveInputs(inputs as readonly string[], { include }) : (inputs as readonly InputSource[]);
  const reconstruction = new Reconstruction();
  let records = 0;
  // Archives are read member by member, each member an input of its own.
  for await (const source of expandArchives(sources, { include })) records += await readInput(source, reconstruction, options, () => records);
  return reconstruction;
}

/** Reads captures and returns the report (docs/spec.md §8). */
export async function analyze(inputs: readonly string[] | readonly InputSource[], options: AnalyzeOptions = {}): Promise<Report> {
  return buildReport((await readInputs(inputs, options)).finish(), options);
}

/** Reads one input into the reconstruction; returns how many records it held. */
async function readInput(source: InputSource, reconstruction: Reconstruction, options: ReadOptions, recordsBefore: () => number): Promise<number> {
  const tally = reconstruction.input(source.name);
  const before = tally.records;
  const capturedBefore = tally.captured;
  const shift = (options.firstLine ?? 1) - 1;
  const progress = options.onProgress;
  const chunks = progress === undefined ? source.open() : counted(source.open(), (bytes) => progress({ input: source.name, bytes, size: source.size, records: recordsBefore() + tally.records - before }));
  const result = await decodeInput(
    chunks,
    {
      value(value, line, implied, prefixTime) {
        try {
          reconstruction.apply(normalizeValue(value, { input: source.name, line: line + shift }, implied, prefixTime ?? null), tally);
        } catch (error) {
          throw new InternalError(source.name, line + shift, error);
        }
      },
      warning(line, diagnostic) {
        reconstruction.warn(tally, line === null ? null : line + shift, shiftLines(diagnostic, shift));
      },
    },
    {
      ...(options.inputFormat === undefined ? {} : { format: options.inputFormat }),
      ...(options.maxRecordBytes === undefined ? {} : { maxRecordBytes: options.maxRecordBytes }),
    },
  );
  // An input read in parts has the format of its first part that holds any.
  if (result.format !== null && (options.firstLine ?? 1) < tally.formatLine) {
    tally.format = result.format;
    tally.formatLine = options.firstLine ?? 1;
  }
  tally.bytes += result.bytes;
  if (tally.captured === capturedBefore) {
    // What the input looks like, said in the report when no part of it holds a pod or event.
    const looksLike = source.looksLike !== undefined ? { text: source.looksLike, captureFormat: source.archive === true } : describeContent(result.sample, result.format, result.bytes, result.damaged);
    describeInput(tally, looksLike, result.bytes > 0 ? (options.firstLine ?? 1) : Infinity);
  }
  return tally.records - before;
}

/** A diagnostic that names lines, moved by `shift` lines. */
function shiftLines(d: Diagnostic, shift: number): Diagnostic {
  if (shift === 0) return d;
  switch (d.kind) {
    case "lineBreakInString":
    case "notJson":
      return { ...d, from: d.from + shift, through: d.through === null ? null : d.through + shift };
    case "notYaml":
      return { ...d, from: d.from + shift, through: d.through + shift };
    case "incompleteRecord":
      return { ...d, from: d.from + shift, next: d.next + shift };
    case "linePrefix":
      return { ...d, from: d.from + shift, through: d.through + shift };
    default:
      return d;
  }
}

async function* counted(chunks: AsyncIterable<Buffer>, report: (bytes: number) => void): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    report(bytes);
    yield chunk;
  }
}
