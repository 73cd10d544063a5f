import type { InputFormat, Interruption, Progress, Report } from "./types.js";
import { counted, expandArchives, resolveInputs, selectShard, type InputSource, type Shard } from "./input/index.js";
import { decodeInput, describeContent } from "./decode/index.js";
import { normalizeValue } from "./normalize/normalizeValue.js";
import { describeInput, Reconstruction } from "./reconstruct/reconstruction.js";
import { buildReport, type ReportOptions } from "./report.js";
import { InternalError } from "./errors.js";
import { readInParallel } from "./parallel.js";
import type { Diagnostic } from "./diagnostics.js";

export type { Progress } from "./types.js";

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
   * Stop reading when this aborts (the CLI aborts it on SIGINT and SIGTERM):
   * the report covers what was read, says so (`Report.interrupted`), and
   * lists the inputs not read. Standard input is closed then.
   */
  readonly signal?: AbortSignal;
  /** Stop reading after this many milliseconds (`--for 10m`), as `signal` does. */
  readonly timeLimitMs?: number;
  /**
   * Glob patterns selecting which files of a directory, and which members of
   * an archive, are read (`--include`; any pattern matches; all when empty).
   * A pattern without `/` matches file names at any depth (`*.yaml`), one with
   * `/` the path below the directory or archive, `**` standing for any directories.
   * Files named on their own are always read.
   */
  readonly include?: readonly string[];
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
   * own has (default 8 MiB). Inputs of fewer than twice this many bytes
   * (without it: 64 MiB, as each thread costs a start) are read in this thread.
   */
  readonly partBytes?: number;
}


/** What reads and then builds a report (`analyze`, `merge`) calls between the two. */
export interface ReadEndHook {
  /** Called once the inputs are read, before the report is built. */
  readonly onReadEnd?: () => void;
}

export type AnalyzeOptions = ReadOptions & ReportOptions & ReadEndHook;

/** Whether reading was told to stop (a function, so the check is made anew after each await). */
function aborted(stop: AbortSignal | null): boolean {
  return stop?.aborted === true;
}

/**
 * Reads captures (paths, directories, globs, `-` for stdin, or ready sources)
 * and rebuilds each pod's history. Never prints; throws `UserError` only for
 * inputs that cannot be opened at all.
 */
export async function readInputs(inputs: readonly string[] | readonly InputSource[], options: ReadOptions = {}, into: Reconstruction = new Reconstruction()): Promise<Reconstruction> {
  return (await readCapture(inputs, options, into)).reconstruction;
}

/** What stops reading: the caller's signal, the time limit, both, or nothing. */
function stopSignal(options: ReadOptions): { readonly stop: AbortSignal | null; readonly limit: AbortSignal | null } {
  const limit = options.timeLimitMs === undefined ? null : AbortSignal.timeout(options.timeLimitMs);
  const stops = [options.signal, limit].filter((s): s is AbortSignal => s !== undefined && s !== null);
  return { stop: stops.length === 0 ? null : stops.length === 1 ? stops[0]! : AbortSignal.any(stops), limit };
}

/** Why reading stopped: a time limit that ran out first is the reason, whatever else aborted after it. */
function stoppedBy(options: ReadOptions, limit: AbortSignal | null): Pick<Interruption, "by" | "signal"> {
  const by = limit?.aborted === true && options.signal?.aborted !== true ? "timeLimit" : "signal";
  const reason: unknown = options.signal?.reason;
  return { by, signal: by === "signal" && typeof reason === "string" ? reason : null };
}

/**
 * Reads captures as `readInputs` does, and says whether reading was stopped
 * (`options.signal`, `options.timeLimitMs`) before the end.
 */
export async function readCapture(
  inputs: readonly string[] | readonly InputSource[],
  options: ReadOptions = {},
  into: Reconstruction = new Reconstruction(),
): Promise<{ readonly reconstruction: Reconstruction; readonly interrupted: Interruption | null }> {
  const include = options.include ?? [];
  const given = inputs.every((i) => typeof i === "string") ? await resolveInputs(inputs as readonly string[], { include }) : (inputs as readonly InputSource[]);
  const sources = options.shard === undefined ? given : selectShard(given, options.shard);
  const { stop, limit } = stopSignal(options);
  // One thread (no `jobs`, or too little to share out): readInParallel reads the inputs here, as readSources.
  const read = await readInParallel(sources, { ...options, stop }, (part, o, r) => readSources(part, o, r, stop), into);
  return { reconstruction: read.reconstruction, interrupted: read.stopped === null ? null : { ...stoppedBy(options, limit), ...read.stopped } };
}

/** Reads inputs one after another into `into`, until `stop` aborts: then which input was being read and which were not. */
async function readSources(
  sources: readonly InputSource[],
  options: ReadOptions,
  reconstruction: Reconstruction,
  stop: AbortSignal | null,
): Promise<{ readonly reconstruction: Reconstruction; readonly stopped: Pick<Interruption, "input" | "unread"> | null }> {
  const include = options.include ?? [];
  const totalSize = sources.every((s) => s.size !== null) ? sources.reduce((n, s) => n + s.size!, 0) : null;
  const read = { records: 0, bytes: 0 };
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    if (!aborted(stop)) {
      const place = { inputNumber: i + 1, inputCount: sources.length, totalSize };
      // The file or pipe is opened once, with the stop signal (it closes standard input) and a count of
      // its bytes; an archive is then read member by member, each member an input of its own.
      const raw = { bytes: 0 };
      const opened: InputSource = {
        ...source,
        open: () =>
          source.open({
            ...(stop === null ? {} : { signal: stop }),
            onRawBytes: (bytes) => {
              raw.bytes = bytes;
            },
          }),
      };
      for await (const member of expandArchives([opened], { include })) {
        if (aborted(stop)) break;
        read.records += await readInput(member, reconstruction, options, read, raw, place, stop);
      }
      read.bytes += raw.bytes;
    }
    if (aborted(stop)) return { reconstruction, stopped: { input: source.name, unread: sources.slice(i + 1).map((s) => s.name) } };
  }
  return { reconstruction, stopped: null };
}

/** Reads captures and returns the report (docs/spec.md §8). */
export async function analyze(inputs: readonly string[] | readonly InputSource[], options: AnalyzeOptions = {}): Promise<Report> {
  const { reconstruction, interrupted } = await readCapture(inputs, options);
  options.onReadEnd?.();
  return buildReport(reconstruction.finish(), options, { interrupted });
}

/** Reads one input into the reconstruction; returns how many records it held. `raw` counts the bytes read of the file or pipe it comes from. */
async function readInput(
  source: InputSource,
  reconstruction: Reconstruction,
  options: ReadOptions,
  before: { readonly records: number; readonly bytes: number },
  raw: { readonly bytes: number },
  place: { readonly inputNumber: number; readonly inputCount: number; readonly totalSize: number | null },
  stop: AbortSignal | null,
): Promise<number> {
  const tally = reconstruction.input(source.name);
  const recordsBefore = tally.records;
  const capturedBefore = tally.captured;
  const shift = (options.firstLine ?? 1) - 1;
  const progress = options.onProgress;
  const opened = source.open();
  const stoppable = stop === null ? opened : untilAborted(opened, stop);
  const chunks =
    progress === undefined
      ? stoppable
      : counted(stoppable, (bytes) =>
          progress({ input: source.name, bytes, size: source.size, records: before.records + tally.records - recordsBefore, ...place, readBytes: raw.bytes, totalRead: before.bytes + raw.bytes }),
        );
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
  return tally.records - recordsBefore;
}

/**
 * The chunks until `signal` aborts: a read that waits (standard input with
 * nothing to say) is not waited for. The source is told to stop, not awaited.
 */
async function* untilAborted(chunks: AsyncIterable<Buffer>, signal: AbortSignal): AsyncGenerator<Buffer> {
  const source = chunks[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      if (signal.aborted) return;
      const next = await nextOrAbort(source, signal);
      if (next === null) return;
      if (next.done === true) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Queued behind a pending read: it runs once that read settles (standard input is destroyed on abort).
    if (!finished) source.return?.(undefined).catch(() => undefined);
  }
}

/**
 * The source's next chunk, or null when `signal` aborts first. One listener
 * per read, removed when it settles: racing every read against one promise
 * that never settles would keep every chunk alive (each race leaves a
 * reaction on it), which held a whole 300 MB capture in memory.
 */
function nextOrAbort(source: AsyncIterator<Buffer>, signal: AbortSignal): Promise<IteratorResult<Buffer> | null> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(null);
    signal.addEventListener("abort", onAbort, { once: true });
    source.next().then(
      (result) => {
        signal.removeEventListener("abort", onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
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
