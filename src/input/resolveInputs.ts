import { closeSync, createReadStream, openSync, readSync, type Stats } from "node:fs";
import { access, constants, readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "../errors.js";
import { decompress } from "./decompress.js";
import { expandGlob, hasGlobMagic } from "./glob.js";
import { compareText } from "../compareText.js";

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
  open(): AsyncIterable<Buffer>;
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
 * A path named twice (or reached twice) is read once.
 * Throws a `UserError` for a missing or unreadable path or a pattern matching nothing.
 */
export async function resolveInputs(args: readonly string[]): Promise<InputSource[]> {
  const inputs: InputSource[] = [];
  const seen = new Set<string>();
  let stdinSeen = false;
  const add = async (name: string, path: string, stats: Stats): Promise<void> => {
    const key = await realpath(path).catch(() => path);
    if (seen.has(key)) return;
    seen.add(key);
    await access(path, constants.R_OK).catch((error: unknown) => {
      throw cannotRead(name, errorReason(error));
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
          for (const file of await listFiles(match)) await add(file.name, file.name, file.stats);
        } else await add(match, match, matchStats);
      }
      continue;
    }
    if (stats.isDirectory()) {
      const files = await listFiles(arg);
      if (files.length === 0) throw new UserError(`cannot read '${arg}': the directory holds no files`);
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

/** Regular non-hidden files under `dir`, recursively, sorted by path (code units). */
async function listFiles(dir: string): Promise<FoundFile[]> {
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
      throw cannotRead(path, errorReason(error));
    }
    for (const name of names) {
      if (name.startsWith(".")) continue;
      const child = join(path, name);
      const stats = await statOrNull(child);
      if (stats === null) continue; // a dangling link
      if (stats.isDirectory()) await visit(child);
      else if (stats.isFile()) found.push({ name: child, stats });
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
    open: () => decompress(size === null ? streamFile(name, path) : readFile(name, path)),
  };
}

async function* streamFile(name: string, path: string): AsyncGenerator<Buffer, void, undefined> {
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    throw cannotRead(name, errorReason(error));
  } finally {
    stream.destroy();
  }
}

/**
 * A regular file's bytes, read with blocking reads. Decoding keeps the thread busy
 * anyway; a read handed to the thread pool only adds a wait (measured in
 * docs/performance.md). Every READS_PER_TURN reads the event loop gets a
 * turn, for timers and output.
 */
async function* readFile(name: string, path: string): AsyncGenerator<Buffer, void, undefined> {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw cannotRead(name, errorReason(error));
  }
  try {
    for (let reads = 1; ; reads++) {
      // A new buffer each time: decoded records may keep views into the last one.
      const chunk = Buffer.allocUnsafeSlow(READ_CHUNK);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, READ_CHUNK, null);
      } catch (error) {
        throw cannotRead(name, errorReason(error));
      }
      if (n === 0) return;
      yield n === READ_CHUNK ? chunk : chunk.subarray(0, n);
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
    open: () => decompress(readStdin()),
  };
}

async function* readStdin(): AsyncGenerator<Buffer, void, undefined> {
  try {
    for await (const chunk of process.stdin) yield typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
  } catch (error) {
    throw cannotRead("<stdin>", errorReason(error));
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
    return errorReason(error);
  }
}

function cannotRead(name: string, reason: string): UserError {
  return new UserError(`cannot read '${name}': ${reason}`);
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "not a directory",
  ELOOP: "too many levels of symbolic links",
  EIO: "input/output error",
};

function errorReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && REASONS[code] !== undefined) return REASONS[code];
  return error instanceof Error ? error.message : String(error);
}
