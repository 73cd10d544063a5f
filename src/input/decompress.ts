import { zlib } from "../builtins.js";
import { ByteReader } from "./byteReader.js";
import { DamagedInputError } from "./damagedInputError.js";
import { GZIP_MAGIC_0, GZIP_MAGIC_1, readMemberHeader, readMemberTrailer } from "./gzipMember.js";

/**
 * Compressed bytes per zlib write. Each write is one wait for zlib and a turn
 * of the event loop; a slice of a highly compressible capture inflates to
 * tens of times its size, so slices as large as the output buffer cost few
 * waits (figures: docs/performance.md).
 */
const SLICE = 256 * 1024;
/**
 * zlib's output buffer: what one trip to the thread pool can inflate, and the
 * most a failing write loses of what it inflated. 256 KiB, not Node's 16 KiB:
 * each trip costs a callback, a buffer and a wait, and small trips made the
 * inflate loop cost twice what Node's own gunzip stream costs; larger buffers
 * gain little more and would lose more at the damage (figures:
 * docs/performance.md).
 */
export const INFLATE_CHUNK = 256 * 1024;

/**
 * Passes bytes through, gunzipping them when they start with the gzip magic
 * bytes 1f 8b (the name of the input is never consulted).
 *
 * A truncated or corrupt stream, and bytes after the last member that are
 * not gzip, end the iteration with a `DamagedInputError` after every byte
 * decompressed so far was yielded. Errors of the underlying source are
 * re-thrown as they are.
 */
export async function* decompress(raw: AsyncIterable<Buffer>): AsyncGenerator<Buffer, void, undefined> {
  const source = raw[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  while (head.length < 2) {
    const next = await source.next();
    if (next.done === true) {
      if (head.length > 0) yield head;
      return;
    }
    head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
  }
  if (head[0] !== GZIP_MAGIC_0 || head[1] !== GZIP_MAGIC_1) {
    yield head;
    for (let next = await source.next(); next.done !== true; next = await source.next()) yield next.value;
    return;
  }
  yield* gunzip(head, source);
}

/**
 * Inflates a gzip stream member by member, as `gzip -dc` does: members
 * concatenated (`cat a.gz b.gz`) are read whole; bytes after the last member
 * that are not another member (a rotated log's padding or junk) are ignored
 * with a `trailingCompressedBytes` diagnostic, after everything inflated was
 * yielded. Node's gunzip would instead fail on them and drop the output of
 * the write that held the end of the last member: for a small file, all of it.
 */
async function* gunzip(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer, void, undefined> {
  const input = new ByteReader(rest);
  input.unshift(head);
  for (;;) {
    const header = await readMemberHeader(input);
    if (header !== null) throw new DamagedInputError({ kind: "damagedCompression", ...header });
    const { crc, size } = yield* inflateMember(input);
    const trailer = await readMemberTrailer(input, crc, size);
    if (trailer !== null) throw new DamagedInputError({ kind: "damagedCompression", ...trailer });
    const next = await input.exactly(2);
    if (next.length === 0) return;
    input.unshift(next);
    if (next.length === 2 && next[0] === GZIP_MAGIC_0 && next[1] === GZIP_MAGIC_1) continue;
    const { bytes, zeros } = await input.drain();
    throw new DamagedInputError({ kind: "trailingCompressedBytes", bytes, zeros });
  }
}

/**
 * The deflate data of one member, inflated as it comes; returns the CRC32 and
 * size of what it yielded for the trailer check. Bytes after the deflate data
 * are given back to `input`.
 */
async function* inflateMember(input: ByteReader): AsyncGenerator<Buffer, { crc: number; size: number }, undefined> {
  // zlib drops the output of a write that fails, so big chunks go in slices:
  // damage costs at most one slice's output. Z_SYNC_FLUSH on every write: zlib
  // hands over all it can decode at once, so nothing waits inside it when the input stops short.
  const { constants, crc32, createInflateRaw } = zlib();
  const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK, flush: constants.Z_SYNC_FLUSH });
  // Output is taken as it comes ('data'), never paused: a paused stream that
  // fails drops what it buffered. The feeder below waits instead, when the
  // consumer falls behind, so memory stays bounded.
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let feeding = true;
  let stopped = false;
  let failure: unknown = null;
  let sourceError: unknown = null;
  let wake: (() => void) | null = null;
  let wakeFeeder: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const notifyFeeder = (): void => {
    const w = wakeFeeder;
    wakeFeeder = null;
    w?.();
  };
  inflater.on("data", (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    notify();
  });
  inflater.on("end", () => {
    ended = true;
    notify();
    notifyFeeder();
  });
  inflater.on("error", (error) => {
    failure = error;
    ended = true;
    notify();
    notifyFeeder();
  });
  inflater.on("close", notifyFeeder);
  // One write at a time, each finished and its output delivered ('data' is
  // emitted on a later tick) before the next: a write that fails then costs
  // only its own output, never output still on its way.
  const written = (slice: Buffer | null): Promise<void> =>
    new Promise<void>((resolve) => {
      const done = (): void => {
        inflater.off("close", done);
        setImmediate(resolve);
      };
      inflater.on("close", done);
      if (slice === null) inflater.end(done);
      else inflater.write(slice, done);
    });
  const feed = async (): Promise<void> => {
    let total = 0;
    try {
      while (!stopped && failure === null) {
        const slice = await input.chunk(SLICE);
        if (slice === null) {
          await written(null);
          return;
        }
        await written(slice);
        total += slice.length;
        // The deflate data ended inside this slice (zlib consumed less than it was given): the rest is the trailer and what follows.
        const unused = total - inflater.bytesWritten;
        if (unused > 0) {
          input.unshift(slice.subarray(slice.length - unused));
          return;
        }
        while (queued > HIGH_WATER && !stopped && failure === null && !ended) {
          await new Promise<void>((resolve) => {
            wakeFeeder = resolve;
          });
        }
      }
    } catch (error) {
      sourceError = error;
      inflater.destroy(error as Error);
    } finally {
      feeding = false;
      notify();
    }
  };
  void feed();
  let crc = 0;
  let size = 0;
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk !== undefined) {
        queued -= chunk.length;
        if (queued <= HIGH_WATER / 2) notifyFeeder();
        crc = crc32(chunk, crc);
        size += chunk.length;
        yield chunk;
        continue;
      }
      if (ended && !feeding) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (sourceError !== null) throw sourceError;
    if (failure !== null) throw new DamagedInputError(describeZlibError(failure));
  } finally {
    stopped = true;
    notifyFeeder();
    inflater.destroy();
  }
  return { crc, size };
}

/** Inflated bytes waiting for the reader before the feeder stops writing. */
const HIGH_WATER = 4 * 1024 * 1024;

function describeZlibError(error: unknown): Extract<DamagedInputError["diagnostic"], { kind: "damagedCompression" }> {
  const code = (error as { code?: unknown }).code;
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: "damagedCompression", damage: code === "Z_BUF_ERROR" ? "truncated" : "corrupt", detail };
}
