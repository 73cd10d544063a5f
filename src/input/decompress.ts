import { constants as zlibConstants, createGunzip } from "node:zlib";
import { DamagedInputError } from "./damagedInputError.js";

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
/** gzip's trailer: CRC32 and size of the data. */
const TRAILER = 8;
/** Compressed bytes per zlib write. */
const SLICE = 64 * 1024;
/**
 * zlib's output buffer: what one trip to the thread pool can inflate, and the
 * most a failing write loses of what it inflated. 64 KiB, not Node's 16 KiB:
 * each trip costs a callback, a buffer and a wait, and at 16 KiB those trips
 * add measurably to reading a large .gz (figures: docs/performance.md).
 */
export const INFLATE_CHUNK = 64 * 1024;

/**
 * Passes bytes through, gunzipping them when they start with the gzip magic
 * bytes 1f 8b (the name of the input is never consulted).
 *
 * A zlib failure (truncated or corrupt stream) ends the iteration with a
 * `DamagedInputError` after every byte decompressed so far was yielded.
 * Errors of the underlying source are re-thrown as they are.
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

async function* gunzip(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer, void, undefined> {
  // zlib drops the output of a write that fails. The last 8 bytes (CRC32 and
  // size, or the end of a cut stream) go a byte a write, so a bad or cut
  // trailer costs no data; and big
  // chunks go in slices, so damage costs at most one slice's output.
  async function* replay(): AsyncGenerator<Buffer, void, undefined> {
    let held = Buffer.alloc(0);
    const slices = function* (bytes: Buffer): Generator<Buffer> {
      for (let i = 0; i < bytes.length; i += SLICE) yield bytes.subarray(i, Math.min(bytes.length, i + SLICE));
    };
    for (let next: IteratorResult<Buffer> = { done: false, value: head }; next.done !== true; next = await rest.next()) {
      const bytes = held.length === 0 ? next.value : Buffer.concat([held, next.value]);
      const cut = Math.max(0, bytes.length - TRAILER);
      yield* slices(bytes.subarray(0, cut));
      held = Buffer.from(bytes.subarray(cut));
    }
    // One byte a write: whatever is data still comes out when the trailer is bad or cut.
    for (let i = 0; i < held.length; i++) yield held.subarray(i, i + 1);
  }
  // Z_SYNC_FLUSH on every write: zlib hands over all it can decode at once, so nothing waits inside it when the input stops short.
  const inflater = createGunzip({ chunkSize: INFLATE_CHUNK, flush: zlibConstants.Z_SYNC_FLUSH });
  // Output is taken as it comes ('data'), never paused: a paused stream that
  // fails drops what it buffered. The feeder below waits instead, when the
  // consumer falls behind, so memory stays bounded.
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
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
    try {
      for await (const slice of replay()) {
        if (stopped || failure !== null) return;
        await written(slice);
        while (queued > HIGH_WATER && !stopped && failure === null) {
          await new Promise<void>((resolve) => {
            wakeFeeder = resolve;
          });
        }
      }
      if (!stopped && failure === null) await written(null);
    } catch (error) {
      sourceError = error;
      inflater.destroy(error as Error);
    }
  };
  void feed();
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk !== undefined) {
        queued -= chunk.length;
        if (queued <= HIGH_WATER / 2) notifyFeeder();
        yield chunk;
        continue;
      }
      if (ended) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (failure !== null) {
      if (sourceError !== null) throw sourceError;
      throw new DamagedInputError(describeZlibError(failure));
    }
  } finally {
    stopped = true;
    notifyFeeder();
    inflater.destroy();
  }
}

/** Inflated bytes waiting for the reader before the feeder stops writing. */
const HIGH_WATER = 4 * 1024 * 1024;

function describeZlibError(error: unknown): DamagedInputError["diagnostic"] {
  const code = (error as { code?: unknown }).code;
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: "damagedCompression", damage: code === "Z_BUF_ERROR" ? "truncated" : "corrupt", detail };
}
