import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { DamagedInputError } from "./damagedInputError.js";

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
/** gzip's trailer: CRC32 and size of the data. */
const TRAILER = 8;
/** Compressed bytes per zlib write. */
const SLICE = 64 * 1024;

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
  const compressed = Readable.from(replay(), { objectMode: false });
  const inflater = createGunzip({ chunkSize: 64 * 1024 });
  let sourceError: unknown = null;
  compressed.on("error", (error) => {
    sourceError = error;
    inflater.destroy(error);
  });
  // Read through events, not the async iterator: a zlib error (a bad trailer,
  // a cut) must not drop output already inflated but not yet consumed.
  const queue: Buffer[] = [];
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  inflater.on("data", (chunk: Buffer) => {
    queue.push(chunk);
    if (queue.length >= 16) inflater.pause();
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
  });
  compressed.pipe(inflater);
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk !== undefined) {
        yield chunk;
        continue;
      }
      if (ended) break;
      inflater.resume();
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (failure !== null) {
      if (sourceError !== null) throw sourceError;
      throw new DamagedInputError(describeZlibError(failure));
    }
  } finally {
    compressed.destroy();
    inflater.destroy();
  }
}

function describeZlibError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "Z_BUF_ERROR") return `input is a truncated gzip stream: ${message}`;
  return `input is a corrupt gzip stream: ${message}`;
}
