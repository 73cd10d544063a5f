import { closeSync, createReadStream, openSync, readSync, type Stats } from "node:fs";
import { access, constants, readdir, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { errnoText, UserError } from "../errors.js";
import { decompress } from "./decompress.js";
import { expandGlob, hasGlobMagic } from "./glob.js";
import { compareText } from "../compareText.js";
import { includes, type IncludeMatcher } from "./include.js";

/** One input the user named: a file, a file inside a named directory, or stdin. */
export interface InputSource {
  /** As the user gave it; files found in a directory are `dir/file`; standard input is `-`. */
  readonly name: string;
  /** Bytes on disk when known (regular files), for progress; null for stdin and pipes. */
  readonly size: number | null;
  /** The regular file it reads whole, when it is one: another thread can open it by this path (and read it in parts). */
  readonly file?: string;
  /**
   * The decompressed bytes. Gzip is recognised by its magic bytes, never by the
   * name. A truncated or corrupt gzip stream yields every byte it could
   * decompress and then throws a `DamagedInputError` (see `decodeInput`, which
   * turns it into a warning). A read failure throws a `UserError`.
   */
  open(options?: OpenOptions): AsyncIterable<Buffer>;
  /**
   * Set when the input is known not to hold a capture before it is decoded
   * (an xz archive, an archive with no member to read): what it is, in the
   * words of `InputSummary.looksLike`. Its `open()` yields nothing (or only
   * the archive's damage).
   */
  readonly looksLike?: string;
  /** The input is an archive that was expanded into its members (expandArchives). */
  readonly archive?: boolean;
}

/** How an input is read: both optional, for sources that can honour them. */
export interface OpenOptions {
  /** Reading stops when it aborts: the iteration ends, and standard input is closed (it may never end by itself). */
  readonly signal?: AbortSignal;
  /** Called with the bytes read from the file or pipe so far, before decompression (progress against `size`). */
  readonly onRawBytes?: (bytes: number) => void;
}

/** `-` means standard input. */
export const STDIN_NAME = "-";

const READ_CHUNK = 256 * 1024;
/** 8 MiB between turns of the event loop. */
const READS_PER_TURN = 32;

/**
 * Turns command-line arguments into inputs, in argument order: files as they
 * are, directories as every regular non-hidden file inside (recursively,
 * sorted by path in code-unit order), `-` as stdin (at most once), and glob
 * patterns (`*`, `?`, `[...]`, `**`) when no file of that literal name exists.
 * A path named twice (or reached twice) is read once. `include` patterns
 * select the files found in directories (include.ts); files named or matched
 * by a pattern are always read.
 * Throws a `UserError` for a missing or unreadable path or a pattern matching nothing.
 */
export async function resolveInputs(args: readonly string[], options: ResolveOptions = {}): Promise<InputSource[]> {
  const include = includes(options.include ?? []);
  const inputs: InputSource[] = [];
  const seen = new Set<string>();
  let stdinSeen = false;
  const add = async (name: string, path: string, stats: Stats): Promise<void> => {
    const key = await realpath(path).catch(() => path);
    if (seen.has(key)) return;
    seen.add(key);
    await access(path, constants.R_OK).catch((error: unknown) => {
      throw cannotRead(name, errnoText(error));
    });
    inputs.push(fileSource(name, path, stats.isFile() ? stats.size : null));
  };

  for (const arg of args) {
    if (arg === STDIN_NAME) {
      if (stdinSeen) throw new UserError("standard input ('-') can be read only once");
      stdinSeen = true;
      inputs.push(stdinSource());
      continue;
    }
    const stats = await statOrNull(arg);
    if (stats === null) {
      if (!hasGlobMagic(arg)) throw cannotRead(arg, await statError(arg));
      const matches = await expandGlob(arg);
      if (matches.length === 0) throw new UserError(`cannot read '${arg}': no file matches this pattern`);
      for (const match of matches) {
        const matchStats = await statOrNull(match);
        if (matchStats === null) continue;
        if (matchStats.isDirectory()) {
          for (const file of await listFiles(match, include)) await add(file.name, file.name, file.stats);
        } else await add(match, match, matchStats);
      }
      continue;
    }
    if (stats.isDirectory()) {
      const files = await listFiles(arg, include);
      if (files.length === 0) {
        throw new UserError(`cannot read '${arg}': the directory holds no files${options.include?.length ? ` matching ${options.include.join(", ")}` : ""}`);
      }
      for (const file of files) await add(file.name, file.name, file.stats);
      continue;
    }
    await add(arg, arg, stats);
  }
  return inputs;
}

interface FoundFile {
  readonly name: string;
  readonly stats: Stats;
}

export interface ResolveOptions {
  /** Glob patterns selecting the files of directories (any of them); every file when empty. */
  readonly include?: readonly string[];
}

/** Regular non-hidden files under `dir` that `include` selects (by their path below `dir`), recursively, sorted by path (code units). */
async function listFiles(dir: string, include: IncludeMatcher): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const visited = new Set<string>();
  const visit = async (path: string): Promise<void> => {
    const real = await realpath(path).catch(() => path);
    if (visited.has(real)) return;
    visited.add(real);
    let names: string[];
    try {
      names = await readdir(path);
    } catch (error) {
      throw cannotRead(path, errnoText(error));
    }
    for (const name of names) {
      if (name.startsWith(".")) continue;
      const child = join(path, name);
      const stats = await statOrNull(child);
      if (stats === null) continue; // a dangling link
      if (stats.isDirectory()) await visit(child);
      else if (stats.isFile() && include(relative(dir, child).split(sep).join("/"))) found.push({ name: child, stats });
    }
  };
  await visit(dir);
  return found.sort((a, b) => compareText(a.name, b.name));
}

function fileSource(name: string, path: string, size: number | null): InputSource {
  return {
    name,
    size,
    ...(size === null ? {} : { file: path }),
    // Pipes (`<(kubectl ...)`) are streamed: a blocking read of one would hold the thread until its writer writes.
    open: (options = {}) => decompress(counted(size === null ? streamFile(name, path, options.signal) : readFile(name, path), options.onRawBytes)),
  };
}

/** A pipe or FIFO, to its end or until `signal` aborts (its writer may never stop: `<(kubectl get pods -w)`). */
async function* streamFile(name: string, path: string, signal?: AbortSignal): AsyncGenerator<Buffer, void, undefined> {
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK });
  const stop = (): void => {
    stream.destroy();
  };
  signal?.addEventListener("abort", stop, { once: true });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (signal?.aborted === true) return;
    throw cannotRead(name, errnoText(error));
  } finally {
    signal?.removeEventListener("abort", stop);
    stream.destroy();
  }
}

/**
 * A regular file's bytes from `start` to `end` (the whole file by default),
 * read with blocking reads. Decoding keeps the thread busy anyway; a read
 * handed to the thread pool only adds a wait (measured in
 * docs/performance.md). Every READS_PER_TURN reads the event loop gets a
 * turn, for timers, messages and output.
 */
export async function* readFile(name: string, path: string, start = 0, end = Number.POSITIVE_INFINITY): AsyncGenerator<Buffer, void, undefined> {
  const fd = openOrThrow(name, path);
  try {
    for (let at = start, reads = 1; at < end; reads++) {
      // A new buffer each time: decoded records may keep views into the last one.
      const chunk = Buffer.allocUnsafeSlow(Math.min(READ_CHUNK, end - at));
      const n = readOrThrow(name, fd, chunk, at);
      if (n === 0) return;
      at += n;
      yield n === chunk.length ? chunk : chunk.subarray(0, n);
      if (reads % READS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(fd);
  }
}

function stdinSource(): InputSource {
  return {
    name: STDIN_NAME,
    size: null,
    open: (options = {}) => decompress(counted(readStdin(options.signal), options.onRawBytes)),
  };
}

/**
 * Standard input to its end, or until `signal` aborts: a live watch piped in
 * (`kubectl get pods -w -o json | podtrail analyze -`) never ends, so the
 * stream is destroyed then, which ends the iteration and lets the process exit.
 */
async function* readStdin(signal?: AbortSignal): AsyncGenerator<Buffer, void, undefined> {
  const stop = (): void => {
    process.stdin.destroy();
  };
  // A function, not a narrowed property: the signal aborts while the loop waits.
  const aborted = (): boolean => signal?.aborted === true;
  if (aborted()) return;
  signal?.addEventListener("abort", stop, { once: true });
  try {
    for await (const chunk of process.stdin) yield typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
  } catch (error) {
    // Destroyed on purpose: the end of what is read, not a failure.
    if (aborted()) return;
    throw cannotRead("<stdin>", errnoText(error));
  } finally {
    signal?.removeEventListener("abort", stop);
  }
}

/** Passes chunks on, telling `report` the bytes so far (nothing to tell: the chunks as they are). */
export async function* counted(chunks: AsyncIterable<Buffer>, report: ((bytes: number) => void) | undefined): AsyncGenerator<Buffer, void, undefined> {
  if (report === undefined) {
    yield* chunks;
    return;
  }
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    report(bytes);
    yield chunk;
  }
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

async function statError(path: string): Promise<string> {
  try {
    await stat(path);
    return "unreadable";
  } catch (error) {
    return errnoText(error);
  }
}

/** A file opened for reading, as input `name`; a `cannot read` UserError when it cannot be. */
export function openOrThrow(name: string, path: string): number {
  try {
    return openSync(path, "r");
  } catch (error) {
    throw cannotRead(name, errnoText(error));
  }
}

/** A blocking read of `buf.length` bytes at `position` (what was read); a `cannot read` UserError when it fails. */
export function readOrThrow(name: string, fd: number, buf: Buffer, position: number): number {
  try {
    return readSync(fd, buf, 0, buf.length, position);
  } catch (error) {
    throw cannotRead(name, errnoText(error));
  }
}

/** `cannot read 'NAME': REASON`, the one message for an input that cannot be opened or read. */
function cannotRead(name: string, reason: string): UserError {
  return new UserError(`cannot read '${name}': ${reason}`);
}

