import { workerThreads } from "./builtins.js";
import type { InputFormat, Progress } from "./types.js";
import { fileRange, isSplittable, linesAt, splitPoints, type InputSource } from "./input/index.js";
import { Reconstruction } from "./reconstruct/reconstruction.js";
import { PartialDecoder, PartialEncoder, type EntryLine } from "./reconstruct/partialCodec.js";
import { InternalError, UserError } from "./errors.js";

/*
 * Reading on several threads (`-j N`). Regular files are shared out among
 * worker threads, largest first; a large JSONL file is read in parts cut at
 * record boundaries (input/fileParts.ts), each part's lines counted as in
 * the whole file. Each worker rebuilds its part into a reconstruction and
 * sends it back as the lines of its partial; this thread merges them as
 * they arrive. Merging is order-independent and exact, so the result is the
 * one reading every input in this thread gives. Workers only read and
 * rebuild: deriving and rendering happen once, here.
 *
 * A part is only as good as its start: the reader of the part before it
 * tells whether its last record ended the part cleanly. When one did not
 * (damage that left a value open across the cut: an array never closed),
 * the parts cannot stand for the file, and everything is read again here,
 * one input after another, as without -j.
 */

/** What a worker needs to read its part, besides the part. */
export interface JobReadOptions {
  readonly maxRecordBytes?: number;
  readonly inputFormat?: InputFormat;
  /** `--include`: the members of an archive to read. */
  readonly include?: readonly string[];
}

/** One file, or one part of one, for a worker to read. */
export interface FileJob {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  readonly start: number;
  /** Where the part ends; null: at the end of the file. */
  readonly end: number | null;
  /** The line of the file its first byte is on. */
  readonly firstLine: number;
  /** Tell whether its last record ended the part cleanly (every part of a file but its last). */
  readonly checkEnd: boolean;
  /** About how many bytes it reads, to share the work out. */
  readonly bytes: number;
}

/** What a worker sends back about a job. */
export type JobMessage =
  | { readonly kind: "progress"; readonly id: number; readonly bytes: number; readonly records: number }
  /** Lines of the job's partial (as a partial file holds them, without header and end line), in batches joined by newlines. */
  | { readonly kind: "lines"; readonly id: number; readonly text: string }
  /** The job is done; `cleanEnd` false when its part ended inside a record (or damage left one open). */
  | { readonly kind: "done"; readonly id: number; readonly cleanEnd: boolean }
  | { readonly kind: "failed"; readonly id: number; readonly user: boolean; readonly message: string; readonly input: string | null; readonly line: number | null; readonly stack: string | null }
  /** A job read in this thread failed with this error. */
  | { readonly kind: "threw"; readonly id: number; readonly error: unknown };

/** A thread that reads jobs, one at a time. */
export interface JobWorker {
  run(job: FileJob, read: JobReadOptions, onMessage: (message: JobMessage) => void): void;
  close(): Promise<void>;
}

/** Makes the workers beside this thread: worker threads, or (tests) workers in this thread. */
export type SpawnWorker = () => JobWorker;

/**
 * The least bytes of a part. Parts are handed to threads as they become free,
 * so smaller parts even out the threads' ends; each costs a merge here. Where
 * every thread has a core of its own, 8 MiB parts gave more than 32 MiB ones,
 * and on two cores no less (docs/performance.md, test/bench/cores.mjs).
 */
const MIN_PART_BYTES = 8 * 1024 * 1024;
/** Fewer bytes in all than this, and everything is read in this thread: a worker's start and warm-up cost about what it would read. */
const MIN_SHARED_BYTES = 64 * 1024 * 1024;

/** Reads inputs one after another in this thread, until the stop signal aborts: then where it stopped. */
type ReadLocal<O> = (sources: readonly InputSource[], options: O, into: Reconstruction) => Promise<{ readonly reconstruction: Reconstruction; readonly stopped: StoppedRead | null }>;


/** The options of a parallel read: those of a read, how many threads, the least bytes of a part, and what stops it. */
interface ParallelOptions extends JobReadOptions {
  readonly jobs?: number;
  readonly partBytes?: number;
  /** How far the read is, over all the files, as one input. */
  readonly onProgress?: ((progress: Progress) => void) | undefined;
  /** Reading stops when it aborts: no job is started after, the worker threads are stopped, and what was merged is kept. */
  readonly stop?: AbortSignal | null;
}

/** Where a stopped read was: the first input being read, and the inputs of which nothing was read. */
export interface StoppedRead {
  readonly input: string;
  readonly unread: readonly string[];
}

/**
 * Reads `sources` on `options.jobs` threads into `into` (or, when a part did
 * not end cleanly, into a new reconstruction: use the one returned). Sources
 * that are not regular files (standard input, pipes, sources in memory) are
 * read by `readLocal` in this thread meanwhile, into a reconstruction of
 * their own, merged at the end: they can be read only once.
 */
export async function readInParallel<O extends ParallelOptions>(
  sources: readonly InputSource[],
  options: O,
  readLocal: ReadLocal<O>,
  into: Reconstruction,
  spawn: SpawnWorker = threadWorker,
): Promise<{ readonly reconstruction: Reconstruction; readonly stopped: StoppedRead | null }> {
  const isFile = (s: InputSource): boolean => s.file !== undefined && s.size !== null;
  const files = sources.filter(isFile);
  const total = files.reduce((n, s) => n + s.size!, 0);
  const threads = Math.max(1, Math.floor(options.jobs ?? 1));
  const minPartBytes = Math.max(1, options.partBytes ?? MIN_PART_BYTES);
  const stop = options.stop ?? null;
  if (threads < 2 || total < (options.partBytes === undefined ? MIN_SHARED_BYTES : 2 * minPartBytes)) return readLocal(sources, options, into);
  const jobs = planJobs(files, total, threads, options, minPartBytes);
  const read: JobReadOptions = {
    ...(options.maxRecordBytes === undefined ? {} : { maxRecordBytes: options.maxRecordBytes }),
    ...(options.inputFormat === undefined ? {} : { inputFormat: options.inputFormat }),
    ...(options.include === undefined ? {} : { include: options.include }),
  };
  const others = sources.filter((s) => !isFile(s));
  const local = others.length === 0 ? null : readLocal(others, { ...options, onProgress: undefined }, new Reconstruction());
  // Settled, so that a failure of the jobs is not left as an unhandled rejection of the local read.
  local?.catch(() => undefined);
  // This thread reads parts too: one worker thread fewer to start and warm up, and what it reads crosses nothing.
  const here = localWorker(into, (part, firstLine, target, onProgress) => readLocal([part], { ...options, firstLine, onProgress }, target));
  const workers = [here, ...Array.from({ length: Math.min(threads, jobs.length) - 1 }, spawn)];
  const outcome = await runJobs(jobs, workers, read, into, options.onProgress, total, stop);
  // A part did not end cleanly: the files again, in this thread, as without -j.
  const again = outcome.kind === "unclean" ? await readLocal(files, options, new Reconstruction()) : null;
  const result = again?.reconstruction ?? into;
  const other = local === null ? null : await local;
  if (other !== null) result.merge(other.reconstruction);
  if (stop?.aborted !== true) return { reconstruction: result, stopped: null };
  // Stopped: the first input whose parts were not all read is the one named; those of which no part was started are unread.
  const unfinished = again?.stopped ?? (outcome.kind === "stopped" ? outcome.at : null) ?? other?.stopped ?? null;
  return { reconstruction: result, stopped: unfinished ?? { input: sources.at(-1)?.name ?? "", unread: [] } };
}

/**
 * Jobs per thread, about: a worker thread sends its part's lines when it has
 * read the part, and this thread merges them between reading its own parts,
 * so parts smaller than one thread's share keep both busy to the end instead
 * of leaving the merging of the last worker's part for after.
 */
const PARTS_PER_THREAD = 4;

/** The jobs for some regular files of `total` bytes on `threads` threads, largest first (test/bench/cores.mjs replays them). */
export function planJobs(files: readonly InputSource[], total: number, threads: number, options: ParallelOptions, minPartBytes = MIN_PART_BYTES): FileJob[] {
  const share = Math.max(minPartBytes, Math.ceil(total / (threads * PARTS_PER_THREAD)));
  // Lists and arrays are one value: only formats of one record after another can be cut.
  const cuttable = options.inputFormat === undefined || options.inputFormat === "watch-jsonl" || options.inputFormat === "object-stream" || options.inputFormat === "watch-json-stream";
  const jobs: FileJob[] = [];
  for (const source of files) {
    const path = source.file!;
    const size = source.size!;
    const parts = Math.ceil(size / share);
    const points = parts > 1 && cuttable && isSplittable(source.name, path) ? splitPoints(source.name, path, size, parts) : [];
    const lines = linesAt(source.name, path, points);
    const starts = [0, ...points];
    for (const [i, start] of starts.entries()) {
      const end = points[i] ?? null;
      jobs.push({ id: jobs.length, name: source.name, path, start, end, firstLine: i === 0 ? 1 : lines[i - 1]!, checkEnd: end !== null, bytes: (end ?? size) - start });
    }
  }
  return jobs.sort((a, b) => b.bytes - a.bytes || a.id - b.id);
}

/**
 * Runs the jobs on the workers, merging what each sends into `into` as it
 * comes. "unclean" as soon as a part did not end cleanly: the workers are
 * stopped then, and `into` is not to be used.
 */
async function runJobs(
  jobs: readonly FileJob[],
  workers: readonly JobWorker[],
  read: JobReadOptions,
  into: Reconstruction,
  onProgress: ParallelOptions["onProgress"],
  size: number,
  stop: AbortSignal | null,
): Promise<{ readonly kind: "clean" | "unclean" } | { readonly kind: "stopped"; readonly at: StoppedRead | null }> {
  const progress = new Map<number, { bytes: number; records: number }>();
  const report = (name: string): void => {
    if (onProgress === undefined) return;
    let bytes = 0;
    let records = 0;
    for (const p of progress.values()) {
      bytes += p.bytes;
      records += p.records;
    }
    onProgress({ input: name, bytes, size, records, inputNumber: 1, inputCount: 1, readBytes: bytes, totalRead: bytes, totalSize: size });
  };
  try {
    return await new Promise((resolve, reject) => {
      let next = 0;
      let running = 0;
      let over = false;
      const done = new Set<number>();
      const finish = (outcome: "clean" | "unclean" | "stopped" | Error): void => {
        if (over) return;
        over = true;
        stop?.removeEventListener("abort", stopped);
        if (outcome instanceof Error) reject(outcome);
        else if (outcome === "stopped") resolve({ kind: "stopped", at: stoppedAt(jobs, next, done) });
        else resolve({ kind: outcome });
      };
      // Parts still being read are left: what the workers read of them is lost with the workers.
      const stopped = (): void => finish("stopped");
      if (stop?.aborted === true) return finish("stopped");
      stop?.addEventListener("abort", stopped, { once: true });
      const take = (worker: JobWorker): void => {
        const job = jobs[next++];
        if (job === undefined || over) {
          if (running === 0) finish("clean");
          return;
        }
        running++;
        const merge = into.entryMerger();
        const decoder = new PartialDecoder();
        worker.run(job, read, (message) => {
          if (over) return;
          switch (message.kind) {
            case "progress":
              progress.set(job.id, { bytes: message.bytes, records: message.records });
              report(job.name);
              return;
            case "lines":
              for (const line of message.text.split("\n")) merge(decoder.entry(JSON.parse(line) as EntryLine));
              return;
            case "done":
              running--;
              done.add(job.id);
              if (job.checkEnd && !message.cleanEnd) return finish("unclean");
              return take(worker);
            case "threw":
              return finish(message.error instanceof Error ? message.error : new Error(String(message.error)));
            case "failed":
              return finish(
                message.user ? new UserError(message.message) : new InternalError(message.input, message.line, Object.assign(new Error(message.message), { stack: message.stack ?? message.message })),
              );
          }
        });
      };
      for (const worker of workers) take(worker);
    });
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

/**
 * Where a read of jobs stopped: the first file (in the order of the jobs)
 * with a part started and not done, and the files no part of which was
 * started. Null when every started part was done.
 */
function stoppedAt(jobs: readonly FileJob[], started: number, done: ReadonlySet<number>): StoppedRead | null {
  const begun = jobs.slice(0, started);
  const open = begun.filter((j) => !done.has(j.id)).sort((a, b) => a.id - b.id)[0];
  const touched = new Set(begun.map((j) => j.name));
  const unread = [...new Set(jobs.filter((j) => !touched.has(j.name)).sort((a, b) => a.id - b.id).map((j) => j.name))];
  return open === undefined && unread.length === 0 ? null : { input: open?.name ?? unread[0]!, unread: open === undefined ? unread.slice(1) : unread };
}

/**
 * A worker's young generation: 3 MiB, semi-spaces of 1 MiB (the bin holds
 * its own at semi-spaces of 4 MiB, cli/heapFlags.ts; a worker capped at
 * 12 MB measured no faster). A worker's heap is configured when it starts,
 * and without a limit its young generation is sized for the machine: the
 * 100 MB JSONL with `-j 2` then peaked at 201-210 MB against 165-173 MB, and
 * ran slower (docs/performance.md).
 */
export const WORKER_YOUNG_GENERATION_MB = 3;

/**
 * A worker thread running readWorker.js: beside this module in dist/, and
 * beside the command's bundle in dist/cli/, which bundles it too.
 */
function threadWorker(): JobWorker {
  const worker = new (workerThreads().Worker)(new URL("./readWorker.js", import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  let listener: ((message: JobMessage) => void) | null = null;
  let failure: ((error: Error) => void) | null = null;
  worker.on("message", (message: JobMessage) => listener?.(message));
  worker.on("error", (error) => failure?.(error));
  return {
    run(job, read, onMessage) {
      listener = onMessage;
      // A worker that dies (out of memory, a crash) fails its job as a bug would.
      failure = (error) => onMessage({ kind: "failed", id: job.id, user: false, message: error.message, input: job.name, line: null, stack: error.stack ?? null });
      worker.postMessage({ job, read });
    },
    async close() {
      listener = null;
      failure = null;
      await worker.terminate();
    },
  };
}

/**
 * Characters of lines per message: a worker's partial crosses to the merging
 * thread in pieces, never whole, and as the text of its lines, which this
 * thread parses several times faster than it receives the same entries as
 * cloned objects (docs/performance.md).
 */
const BATCH_CHARS = 1024 * 1024;
/** A worker tells how far it has read at most this often. */
const PROGRESS_MS = 100;

/** Reads a file's part into a reconstruction, telling how far it has read. */
type ReadPart = (part: InputSource, firstLine: number, into: Reconstruction, onProgress: (p: { readonly bytes: number; readonly records: number }) => void) => Promise<unknown>;

/**
 * A job's part as an input that tells whether its last record ended the
 * part cleanly: so when decoding, once the part's bytes ran out, found
 * nothing left open to warn about. The decoder's state at the cut is then
 * the one a reader of the whole file has there, and the next part, read
 * from a fresh start, reads as it would.
 */
function watchedPart(job: FileJob, range: (name: string, path: string, start: number, end: number) => InputSource, into: Reconstruction): { readonly part: InputSource; cleanEnd(): boolean } {
  const source = range(job.name, job.path, job.start, job.end ?? Number.POSITIVE_INFINITY);
  let warningsAtEnd: number | null = null;
  return {
    part: {
      name: source.name,
      size: source.size,
      open: () =>
        (async function* () {
          yield* source.open();
          warningsAtEnd = into.input(job.name).warnings;
        })(),
    },
    cleanEnd: () => warningsAtEnd !== null && into.input(job.name).warnings === warningsAtEnd,
  };
}

/** Throttles progress to one message each PROGRESS_MS. */
function throttled(send: (p: { readonly bytes: number; readonly records: number }) => void): (p: { readonly bytes: number; readonly records: number }) => void {
  let told = 0;
  return (p) => {
    const now = Date.now();
    if (now - told < PROGRESS_MS) return;
    told = now;
    send(p);
  };
}

/**
 * Reads one job into a reconstruction of its own and sends what a worker
 * thread sends for it: progress, its partial's lines in batches, and
 * whether its last record ended the part cleanly.
 */
export async function readJob(job: FileJob, readPart: ReadPart, range: (name: string, path: string, start: number, end: number) => InputSource, send: (message: JobMessage) => void): Promise<void> {
  const into = new Reconstruction();
  const watched = watchedPart(job, range, into);
  await readPart(watched.part, job.firstLine, into, throttled((p) => send({ kind: "progress", id: job.id, bytes: p.bytes, records: p.records })));
  const encoder = new PartialEncoder(false);
  let batch: string[] = [];
  let chars = 0;
  for (const entry of into.toPartial()) {
    const line = JSON.stringify(encoder.line(entry));
    batch.push(line);
    chars += line.length;
    if (chars >= BATCH_CHARS) {
      send({ kind: "lines", id: job.id, text: batch.join("\n") });
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) send({ kind: "lines", id: job.id, text: batch.join("\n") });
  send({ kind: "done", id: job.id, cleanEnd: watched.cleanEnd() });
}

/** This thread as a worker: it reads a job's part straight into the run's reconstruction. */
function localWorker(into: Reconstruction, readPart: ReadPart): JobWorker {
  // The part being read, if any: closing waits for it, so that nothing writes into the run's reconstruction once the
  // jobs are over (stopped by a signal while this thread was reading a part, which then ends at its next chunk).
  let reading: Promise<unknown> = Promise.resolve();
  return {
    run(job, _read, onMessage) {
      // Its tally of the input is watched in the run's reconstruction: no merge can come between the end of the
      // part's bytes and the decoder's last word (both in one run of microtasks), and merges only add warnings.
      const watched = watchedPart(job, fileRange, into);
      const progress = throttled((p) => onMessage({ kind: "progress", id: job.id, bytes: p.bytes, records: p.records }));
      reading = readPart(watched.part, job.firstLine, into, progress).then(
        () => onMessage({ kind: "done", id: job.id, cleanEnd: watched.cleanEnd() }),
        (error: unknown) => onMessage({ kind: "threw", id: job.id, error }),
      );
    },
    async close() {
      await reading;
    },
  };
}
