import type { ReadEntry } from "tar";
import { DamagedInputError } from "./damagedInputError.js";
import { decompress } from "./decompress.js";
import { includes, type IncludeMatcher } from "./include.js";
import type { InputSource } from "./resolveInputs.js";

/**
 * Archives as inputs (docs/spec.md §1.1): a tar (plain, or gzipped: the
 * input's bytes are already gunzipped by then) or a zip is read member by
 * member as it streams, each regular member an input of its own named
 * `archive:path/in/archive`, its content detected like any file's (a `.gz`
 * member is gunzipped, a member that is itself an archive is expanded in
 * turn). Archives are recognised by their magic bytes, never by their name:
 * `ustar` at offset 257, `PK\x03\x04`; and xz (`FD 37 7A 58 5A 00`), bzip2
 * (`BZh1`-`BZh9`) and zstd (`28 B5 2F FD`), which podtrail does not inflate
 * (no well-kept pure-JavaScript reader of them): such an input is described,
 * with the command that reads it, not read.
 */

export type ArchiveKind = "tar" | "zip" | "xz" | "bzip2" | "zstd";

/** What the first bytes of an input say it is; null for anything that is not an archive. */
export function archiveKind(head: Buffer): ArchiveKind | null {
  if (head.length >= 262 && head.toString("latin1", 257, 262) === "ustar") return "tar";
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "zip";
  if (head.length >= 6 && head[0] === 0xfd && head.toString("latin1", 1, 6) === "7zXZ\u0000") return "xz";
  if (head.length >= 4 && head.toString("latin1", 0, 3) === "BZh" && head[3]! >= 0x31 && head[3]! <= 0x39) return "bzip2";
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return "zstd";
  return null;
}

/** Compressions podtrail recognises but does not inflate, and the command that does. */
const UNPACKERS: Readonly<Record<"xz" | "bzip2" | "zstd", { readonly what: string; readonly command: string }>> = {
  xz: { what: "an xz archive", command: "xz" },
  bzip2: { what: "a bzip2 archive", command: "bzip2" },
  zstd: { what: "a zstd archive", command: "zstd" },
};

/** Bytes enough to tell an archive (a tar header is 512 bytes). */
const HEAD_BYTES = 512;
/** Archives inside archives are expanded this deep; deeper ones are read as they are. */
const MAX_DEPTH = 4;

export interface ExpandOptions {
  /** Glob patterns a member's path must match (any of them); all members when empty. */
  readonly include?: readonly string[];
}

/**
 * The inputs to read: each source as it is, or, for an archive, its members
 * (recursively). A member is an input whose `open()` must be read before the
 * next one is asked for, as they share the archive's one stream; what a
 * reader leaves unread is skipped. An archive that holds no member to read,
 * or that is damaged between members, is also handed on under its own name
 * (its `open()` throws the damage as a `DamagedInputError`, or yields nothing),
 * with `looksLike` saying what it is.
 */
export async function* expandArchives(sources: Iterable<InputSource> | AsyncIterable<InputSource>, options: ExpandOptions = {}): AsyncGenerator<InputSource> {
  const include = includes(options.include ?? []);
  for await (const source of sources) yield* expand(source, include, 0);
}

async function* expand(source: InputSource, include: IncludeMatcher, depth: number): AsyncGenerator<InputSource> {
  if (source.looksLike !== undefined || depth > MAX_DEPTH) {
    yield source;
    return;
  }
  const { head, chunks } = await peek(source.open(), HEAD_BYTES);
  const kind = archiveKind(head);
  const replay: InputSource = { name: source.name, size: source.size, open: () => chunks };
  switch (kind) {
    case null:
      yield replay;
      return;
    case "xz":
    case "bzip2":
    case "zstd": {
      const tool = UNPACKERS[kind];
      yield { name: source.name, size: source.size, open: empty, looksLike: `${tool.what}, which podtrail does not unpack: read it with ${tool.command} -dc ${shellWord(source.name)} | podtrail analyze -` };
      return;
    }
    case "tar":
    case "zip": {
      const reader = new MemberReader(source.name, kind === "tar" ? tarEvents(chunks) : zipEvents(chunks));
      let members = 0;
      for (let member = await reader.next(include); member !== null; member = await reader.next(include)) {
        members++;
        yield* expand(member, include, depth + 1);
      }
      const problem = reader.problem;
      if (problem !== null || members === 0) {
        const what = kind === "tar" ? "a tar archive" : "a zip archive";
        yield {
          name: source.name,
          size: source.size,
          open: problem === null ? empty : () => failing(problem),
          looksLike: members === 0 ? `${what} with no file to read in it` : `${what}, damaged: ${problem!}`,
          archive: true,
        };
      }
      return;
    }
  }
}

// ---------------------------------------------------------------------------
// Archive events: what a parser reports, in order, for each chunk it is given.

type ArchiveEvent =
  | { readonly kind: "member"; readonly path: string; readonly file: boolean; readonly size: number | null }
  | { readonly kind: "data"; readonly chunk: Buffer }
  | { readonly kind: "end" }
  /** Damage: inside the open member when there is one, else between members. */
  | { readonly kind: "problem"; readonly detail: string };

/** Tar entries as events (node-tar's parser: pax and GNU long names, damaged headers skipped with a warning). */
async function* tarEvents(chunks: AsyncIterable<Buffer>): AsyncGenerator<ArchiveEvent> {
  // Loaded when an archive is met: a run without one never evaluates the library.
  const { Parser } = await import("tar");
  const queue: ArchiveEvent[] = [];
  const parser = new Parser({
    strict: false,
    onwarn: (_code: string, message: string) => queue.push({ kind: "problem", detail: message }),
    onReadEntry: (entry: ReadEntry) => {
      const file = entry.type === "File" || entry.type === "OldFile" || entry.type === "ContiguousFile";
      queue.push({ kind: "member", path: entry.path, file, size: typeof entry.size === "number" ? entry.size : null });
      entry.on("data", (chunk: Buffer) => queue.push({ kind: "data", chunk }));
      entry.on("end", () => queue.push({ kind: "end" }));
    },
  });
  // A whole tar ends with two zero blocks and is whole blocks long; node-tar says nothing of a cut between entries or inside a header.
  let total = 0;
  let tail: Buffer = Buffer.alloc(0);
  let damaged = false;
  try {
    for await (const chunk of chunks) {
      total += chunk.length;
      tail = chunk.length >= END_MARKER ? chunk.subarray(chunk.length - END_MARKER) : Buffer.concat([tail, chunk]).subarray(-END_MARKER);
      parser.write(chunk);
      yield* queue.splice(0);
    }
  } catch (error) {
    // The bytes under the archive stopped (a damaged gzip): what was read is kept.
    if (!(error instanceof DamagedInputError)) throw error;
    queue.push({ kind: "problem", detail: error.message });
    damaged = true;
  }
  parser.end();
  const truncated = queue.some((e) => e.kind === "problem");
  if (!damaged && !truncated && (total % 512 !== 0 || tail.length < END_MARKER || tail.some((b) => b !== 0))) {
    queue.push({ kind: "problem", detail: "the archive ends without its end-of-archive blocks: it was cut off after its last whole member" });
  }
  yield* queue.splice(0);
}

/** A tar's end: two blocks of zeros. */
const END_MARKER = 1024;

/** Zip entries as events (fflate's streaming reader: stored and deflated members). */
async function* zipEvents(chunks: AsyncIterable<Buffer>): AsyncGenerator<ArchiveEvent> {
  const { Unzip, UnzipInflate, UnzipPassThrough } = await import("fflate");
  const queue: ArchiveEvent[] = [];
  const unzip = new Unzip((file) => {
    const directory = file.name.endsWith("/");
    queue.push({ kind: "member", path: file.name, file: !directory, size: file.originalSize ?? null });
    file.ondata = (error, data, final) => {
      if (error !== null) queue.push({ kind: "problem", detail: error.message });
      else if (data.length > 0) queue.push({ kind: "data", chunk: Buffer.from(data.buffer, data.byteOffset, data.length) });
      if (final || error !== null) queue.push({ kind: "end" });
    };
    try {
      file.start();
    } catch (error) {
      queue.push({ kind: "problem", detail: `${file.name}: ${error instanceof Error ? error.message : String(error)}` }, { kind: "end" });
    }
  });
  unzip.register(UnzipPassThrough);
  unzip.register(UnzipInflate);
  const push = (chunk: Uint8Array, final: boolean): void => {
    try {
      unzip.push(chunk, final);
    } catch (error) {
      queue.push({ kind: "problem", detail: error instanceof Error ? error.message : String(error) });
    }
  };
  // A whole zip ends with its end-of-central-directory record (within its last 64 KiB + 22 bytes): without it, it was cut between members.
  let tail: Buffer = Buffer.alloc(0);
  let damaged = false;
  try {
    for await (const chunk of chunks) {
      tail = chunk.length >= ZIP_TAIL ? chunk.subarray(chunk.length - ZIP_TAIL) : Buffer.concat([tail, chunk]).subarray(-ZIP_TAIL);
      push(chunk, false);
      yield* queue.splice(0);
    }
  } catch (error) {
    if (!(error instanceof DamagedInputError)) throw error;
    queue.push({ kind: "problem", detail: error.message });
    damaged = true;
  }
  push(new Uint8Array(0), true);
  if (!damaged && !queue.some((e) => e.kind === "problem") && !tail.includes(ZIP_END)) {
    queue.push({ kind: "problem", detail: "the archive ends without its central directory: it was cut off after its last whole member" });
  }
  yield* queue.splice(0);
}

/** A zip's end-of-central-directory signature, and how far from the end it can be (its 22 bytes and a comment of up to 64 KiB). */
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP_TAIL = 22 + 0xffff;

// ---------------------------------------------------------------------------

/**
 * Hands out an archive's members one at a time over its single event stream.
 * A member's bytes are read through its `open()`; `next` first skips what the
 * reader of the previous member left.
 */
class MemberReader {
  /** The first damage seen outside a member; null when there was none. */
  problem: string | null = null;
  /** The open member's end was not reached yet. */
  private inMember = false;

  constructor(
    private readonly name: string,
    private readonly events: AsyncIterator<ArchiveEvent>,
  ) {}

  async next(include: IncludeMatcher): Promise<InputSource | null> {
    await this.skipMember();
    for (;;) {
      const step = await this.events.next();
      if (step.done === true) return null;
      const event = step.value;
      if (event.kind === "problem") {
        this.problem ??= event.detail;
        continue;
      }
      if (event.kind !== "member") continue;
      this.inMember = true;
      if (!event.file || isHidden(event.path) || !include(event.path)) {
        await this.skipMember();
        continue;
      }
      return { name: `${this.name}:${event.path}`, size: event.size, open: () => decompress(this.body(event.path)) };
    }
  }

  /** The open member's bytes; damage inside it ends them with a `DamagedInputError`, after every byte read. */
  private async *body(path: string): AsyncGenerator<Buffer, void, undefined> {
    while (this.inMember) {
      const step = await this.events.next();
      if (step.done === true) {
        this.inMember = false;
        throw archiveDamage(`the archive ends inside ${path}`);
      }
      const event = step.value;
      if (event.kind === "data") yield event.chunk;
      else if (event.kind === "end") this.inMember = false;
      // The rest of the member is skipped by the next `next()`.
      else if (event.kind === "problem") throw archiveDamage(event.detail);
    }
  }

  /** Skips the rest of the open member; damage in it is the archive's (no input carries it). */
  private async skipMember(): Promise<void> {
    while (this.inMember) {
      const step = await this.events.next();
      if (step.done === true || step.value.kind === "end") this.inMember = false;
      else if (step.value.kind === "problem") this.problem ??= step.value.detail;
    }
  }
}

function archiveDamage(detail: string): DamagedInputError {
  return new DamagedInputError({ kind: "damagedArchive", detail });
}

/** Hidden entries are skipped, as in directories: macOS `._name` files, `.git`. */
function isHidden(path: string): boolean {
  return path.split("/").some((segment) => segment.startsWith(".") && segment !== "." && segment !== "..");
}

/** The first `n` bytes (fewer at the end), and the whole stream again, those bytes first; an error of the stream comes where it came. */
async function peek(stream: AsyncIterable<Buffer>, n: number): Promise<{ head: Buffer; chunks: AsyncIterable<Buffer> }> {
  const iterator = stream[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let have = 0;
  let failure: { error: unknown } | null = null;
  let ended = false;
  try {
    while (have < n) {
      const step = await iterator.next();
      if (step.done === true) {
        ended = true;
        break;
      }
      taken.push(step.value);
      have += step.value.length;
    }
  } catch (error) {
    failure = { error };
  }
  const head = Buffer.concat(taken);
  async function* replay(): AsyncGenerator<Buffer, void, undefined> {
    yield* taken;
    if (failure !== null) throw failure.error;
    if (ended) return;
    for (let step = await iterator.next(); step.done !== true; step = await iterator.next()) yield step.value;
  }
  return { head: head.subarray(0, n), chunks: replay() };
}

async function* empty(): AsyncGenerator<Buffer, void, undefined> {}

/** A file name as a shell word: as it is when it is plain, else in single quotes. */
function shellWord(name: string): string {
  return /^[\w@%+=:,./-]+$/.test(name) ? name : `'${name.replace(/'/g, "'\\''")}'`;
}

// biome-ignore lint/correctness/useYield: it fails before yielding anything, as a damaged input does
async function* failing(detail: string): AsyncGenerator<Buffer, void, undefined> {
  throw archiveDamage(detail);
}
