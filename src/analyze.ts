import type { InputFormat, InputSummary, Report } from "./types.js";
import { resolveInputs, selectShard, type InputSource, type Shard } from "./input/index.js";
import { decodeInput } from "./decode/index.js";
import { normalizeValue } from "./normalize/normalizeValue.js";
import { Reconstruction } from "./reconstruct/reconstruction.js";
import { buildReport, type ReportOptions } from "./report.js";
import { InternalError } from "./errors.js";
import { readInParallel } from "./parallel.js";
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
   * Threads that read at once (default 1). Regular files are shared out
   * among them and large JSONL files read in parts; the result is the one
   * reading them one after another gives. Small inputs are read in this
   * thread whatever the number.
   */
  readonly jobs?: number;
  /**
   * Read only shard `index` of `count` of the inputs: their sorted names
   * cut into `count` runs (see `selectShard`), for running the shards of an
   * archive as separate processes, each writing a partial, merged after.
   */
  readonly shard?: Shard;
  /**
   * With `jobs`: the least bytes a part of a file read on a thread of its
   * own has (default 32 MiB; each thread costs a start). Inputs of fewer
   * than twice this many bytes are read in this thread.
   */
  readonly partBytes?: number;
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
export async function readInputs(inputs: readonly string[] | readonly InputSource[], options: ReadOptions = {}, into: Reconstruction = new Reconstruction()): Promise<Reconstruction> {
  const given = inputs.every((i) => typeof i === "string") ? await resolveInputs(inputs as readonly string[]) : (inputs as readonly InputSource[]);
  const sources = options.shard === undefined ? given : selectShard(given, options.shard);
  if ((options.jobs ?? 1) > 1) return readInParallel(sources, options, readSources, into);
  return readSources(sources, options, into);
}

/** Reads inputs one after another into `into`. */
async function readSources(sources: readonly InputSource[], options: ReadOptions, into: Reconstruction): Promise<Reconstruction> {
  let records = 0;
  for (const source of sources) records += await readInput(source, into, options, () => records);
  return into;
}

/** Reads captures and returns the report (docs/spec.md §8). */
export async function analyze(inputs: readonly string[] | readonly InputSource[], options: AnalyzeOptions = {}): Promise<Report> {
  return buildReport((await readInputs(inputs, options)).finish(), options);
}

/** Reads one input into the reconstruction; returns how many records it held. */
async function readInput(source: InputSource, reconstruction: Reconstruction, options: ReadOptions, recordsBefore: () => number): Promise<number> {
  const tally = reconstruction.input(source.name);
  const before = tally.records;
  const shift = (options.firstLine ?? 1) - 1;
  const progress = options.onProgress;
  const chunks = progress === undefined ? source.open() : counted(source.open(), (bytes) => progress({ input: source.name, bytes, size: source.size, records: recordsBefore() + tally.records - before }));
  const result = await decodeInput(
    chunks,
    {
      value(value, line, implied) {
        try {
          reconstruction.apply(normalizeValue(value, { input: source.name, line: line + shift }, implied), tally);
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
  return tally.records - before;
}

/** A diagnostic that names lines, moved by `shift` lines. */
function shiftLines(d: Diagnostic, shift: number): Diagnostic {
  if (shift === 0) return d;
  switch (d.kind) {
    case "lineBreakInString":
    case "notJson":
      return { ...d, from: d.from + shift, through: d.through === null ? null : d.through + shift };
    case "incompleteRecord":
      return { ...d, from: d.from + shift, next: d.next + shift };
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
