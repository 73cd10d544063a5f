import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crypto, zlib } from "./builtins.js";
import type { InputFormat } from "./types.js";
import { isDamagedInputError, resolveInputs, splitLines, type InputSource } from "./input/index.js";
import { Reconstruction } from "./reconstruct/reconstruction.js";
import { checkLine, LINE_RANK, PARTIAL_FORMAT, PARTIAL_VERSION, PartialDecoder, PartialEncoder, PartialLineError, writer, type EntryLine, type PartialLine } from "./reconstruct/partialCodec.js";
import { DEFAULT_MAX_RECORD_BYTES } from "./decode/index.js";
import { UserError } from "./errors.js";

/*
 * Partial files (docs/partial.md): the state a run folded its inputs into,
 * written so that any number of them merge into the report reading all the
 * inputs at once would give. gzip of JSON lines: a header, the entries of
 * `Reconstruction.toPartial` one line each, and an end line with the
 * SHA-256 of every line before it. Written and read one line at a time:
 * memory holds the reconstruction and one line, never the file.
 */

export { PARTIAL_FORMAT, PARTIAL_VERSION } from "./reconstruct/partialCodec.js";

/** The read options a partial's inputs were read with: partials merge only with partials read alike. */
export interface PartialReadOptions {
  readonly maxRecordBytes: number;
  readonly inputFormat: InputFormat | null;
}

/** What a partial's header tells besides its format. */
export interface PartialOrigin {
  readonly read: PartialReadOptions;
  /** The SHA-256 of every partial of captures merged into this one (none for a partial of captures itself). */
  readonly contains: readonly string[];
}

/** Lines are handed to gzip in batches of about this many characters. */
const BATCH_CHARS = 256 * 1024;

/** The text of a partial file, in batches of lines, ending with its end line. */
export function* partialText(reconstruction: Reconstruction, origin: PartialOrigin): Generator<string> {
  const hash = crypto().createHash("sha256");
  let lines = 0;
  let batch = "";
  const add = (line: PartialLine): string | null => {
    const text = `${JSON.stringify(line)}\n`;
    hash.update(text);
    lines++;
    batch += text;
    if (batch.length < BATCH_CHARS) return null;
    const full = batch;
    batch = "";
    return full;
  };
  const header: PartialLine = { kind: "header", format: PARTIAL_FORMAT, version: PARTIAL_VERSION, writer: writer(), read: origin.read, contains: [...new Set(origin.contains)].sort() };
  // A header of many merged partials' hashes can fill a batch by itself.
  const first = add(header);
  if (first !== null) yield first;
  const encoder = new PartialEncoder();
  for (const entry of reconstruction.toPartial()) {
    const full = add(encoder.line(entry));
    if (full !== null) yield full;
  }
  yield `${batch}${JSON.stringify({ kind: "end", lines, sha256: hash.digest("hex") } satisfies PartialLine)}\n`;
}

/** The bytes of a partial file (gzip), as they are made. */
export function partialBytes(reconstruction: Reconstruction, origin: PartialOrigin): AsyncIterable<Buffer> {
  // gzip's default level: level 1 makes noticeably larger files, and zlib compresses on the thread pool while
  // this thread encodes the next lines (docs/performance.md).
  const gzip = zlib().createGzip({ level: 6 });
  pipeline(Readable.from(partialText(reconstruction, origin)), gzip).catch(() => {
    // The error reaches whoever reads `gzip`: pipeline destroys it with the error.
  });
  return gzip;
}

/** The read options of a run, as a partial's header states them. */
export function readOptionsOf(options: { readonly maxRecordBytes?: number; readonly inputFormat?: InputFormat }): PartialReadOptions {
  return { maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES, inputFormat: options.inputFormat ?? null };
}

// ---------------------------------------------------------------------------
// Reading

/** Partials read into one reconstruction, with what their headers told. */
export interface ReadPartials {
  readonly reconstruction: Reconstruction;
  readonly origin: PartialOrigin;
}

/**
 * Reads partial files (paths, directories, globs, `-`; or ready sources)
 * into one reconstruction, line by line. Any problem with a partial (not
 * one, another format version, damaged, cut short, edited, read with other
 * options than the others, merged twice) is a `UserError` naming the file
 * and, where there is one, the line.
 */
export async function readPartials(partials: readonly string[] | readonly InputSource[], into: Reconstruction = new Reconstruction()): Promise<ReadPartials> {
  const sources = partials.every((p) => typeof p === "string") ? await resolveInputs(partials as readonly string[]) : (partials as readonly InputSource[]);
  if (sources.length === 0) throw new UserError("no partial to merge");
  let read: { readonly options: PartialReadOptions; readonly from: string } | null = null;
  // Every partial of captures merged, directly or inside another, by its hash: one counted twice would count its
  // records twice. (Merged partials are not listed themselves: their parts are, whatever the grouping of the merges.)
  const seen = new Map<string, string>();
  for (const source of sources) {
    const { origin, sha256, empty } = await readPartial(source, into);
    if (read === null) read = { options: origin.read, from: source.name };
    else if (!sameRead(read.options, origin.read)) {
      throw new UserError(`${source.name} and ${read.from} were read with different options (${describeRead(origin.read)}; ${describeRead(read.options)}): partials merge only with partials read alike`);
    }
    // A partial of no bytes (the shard of an Indexed Job that got no file) counts nothing, however often it is merged.
    for (const hash of empty ? [] : origin.contains.length === 0 ? [sha256] : origin.contains) {
      const other = seen.get(hash);
      if (other !== undefined) {
        const what = hash === sha256 ? `${source.name} is` : `a partial inside ${source.name} is`;
        throw new UserError(`${what} already part of ${other === source.name ? "itself" : other} (partial ${hash.slice(0, 12)}): merge each partial once`);
      }
      seen.set(hash, source.name);
    }
  }
  return { reconstruction: into, origin: { read: read!.options, contains: [...seen.keys()].sort() } };
}

function sameRead(a: PartialReadOptions, b: PartialReadOptions): boolean {
  return a.maxRecordBytes === b.maxRecordBytes && a.inputFormat === b.inputFormat;
}

function describeRead(r: PartialReadOptions): string {
  return `--max-record-size ${r.maxRecordBytes / 1048576} MiB, ${r.inputFormat === null ? "formats detected" : `--input-format ${r.inputFormat}`}`;
}

const REMAKE = "re-create it from the raw captures (podtrail analyze ... --partial)";

/** Reads one partial into `into`; returns its header's facts, its own hash, and whether its inputs held no bytes. */
async function readPartial(source: InputSource, into: Reconstruction): Promise<{ origin: PartialOrigin; sha256: string; empty: boolean }> {
  const name = source.name;
  const damaged = (line: number, problem: string): UserError => new UserError(`${name} line ${line}: ${problem}: the partial is damaged or was edited; ${REMAKE}`);
  const hash = crypto().createHash("sha256");
  const decoder = new PartialDecoder();
  const merge = into.entryMerger();
  let origin: PartialOrigin | null = null;
  let end: string | null = null;
  let rank = 0;
  let number = 0;
  let empty = true;
  try {
    for await (const { bytes, ended } of splitLines(source.open())) {
      number++;
      if (end !== null) throw damaged(number, "more lines after its end line");
      if (!ended) throw new UserError(`${name}: cut short in line ${number} (it has no end line): ${REMAKE}`);
      let value: unknown;
      try {
        value = JSON.parse(bytes.toString("utf8"));
      } catch {
        if (number === 1) throw notAPartial(name);
        throw damaged(number, "not JSON");
      }
      if (number === 1) {
        origin = header(name, value);
        hash.update(bytes).update("\n");
        continue;
      }
      const problem = checkLine(value);
      if (problem !== null) throw damaged(number, problem);
      const line = value as PartialLine;
      const misplaced = outOfPlace(line.kind, rank);
      if (misplaced !== null) throw damaged(number, misplaced);
      rank = LINE_RANK[line.kind];
      if (line.kind === "end") {
        if (line.lines !== number - 1) throw damaged(number, `its end line counts ${line.lines} lines before it, not ${number - 1}`);
        const sha256 = hash.digest("hex");
        if (line.sha256 !== sha256) throw damaged(number, "its lines do not match the SHA-256 of its end line");
        end = sha256;
        continue;
      }
      hash.update(bytes).update("\n");
      if (line.kind === "input" && line.bytes > 0) empty = false;
      try {
        merge(decoder.entry(line as EntryLine));
      } catch (error) {
        if (error instanceof PartialLineError) throw damaged(number, error.message);
        throw error;
      }
    }
  } catch (error) {
    if (isDamagedInputError(error)) throw new UserError(`${name}: ${error.message}: ${REMAKE}`);
    throw error;
  }
  if (number === 0) throw notAPartial(name);
  if (end === null) throw new UserError(`${name}: cut short after line ${number} (it has no end line): ${REMAKE}`);
  return { origin: origin!, sha256: end, empty };
}

/** Why a line of `kind` cannot come after a line of rank `previous` (null when it can). */
function outOfPlace(kind: PartialLine["kind"], previous: number): string | null {
  const rank = LINE_RANK[kind];
  const a = `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} line`;
  if (kind === "header") return "a second header line";
  if (previous === 0 && kind !== "names") return `${a} where the names line belongs (line 2)`;
  if (kind === "end" && previous < LINE_RANK.totals) return "an end line before the totals line";
  if (rank < previous || (rank === previous && (kind === "names" || kind === "totals"))) return `${a} out of place (docs/partial.md gives their order)`;
  return null;
}

function notAPartial(name: string): UserError {
  return new UserError(`${name} is not a podtrail partial (its first line is not a partial header): merge reads the files podtrail analyze --partial writes`);
}

/** The header: the format and version are read before anything else, so that any other version is refused in words. */
function header(name: string, value: unknown): PartialOrigin {
  const h = value as { format?: unknown; version?: unknown; writer?: unknown } | null;
  if (h === null || typeof h !== "object" || h.format !== PARTIAL_FORMAT) throw notAPartial(name);
  if (h.version !== PARTIAL_VERSION) {
    const by = typeof h.writer === "string" ? `, written by ${h.writer}` : "";
    const version = typeof h.version === "number" || typeof h.version === "string" ? String(h.version) : "unknown";
    throw new UserError(
      `${name} is a partial of format version ${version}${by}; this podtrail (${writer()}) reads version ${PARTIAL_VERSION}: re-create it from the raw captures with this podtrail, or merge it with the podtrail that wrote it`,
    );
  }
  const problem = checkLine(value);
  if (problem !== null) throw new UserError(`${name} line 1: ${problem}: the partial is damaged or was edited; ${REMAKE}`);
  const line = value as Extract<PartialLine, { kind: "header" }>;
  return { read: line.read, contains: line.contains };
}
