import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { DamagedInputError } from "./damagedInputError.js";

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

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
  async function* replay(): AsyncGenerator<Buffer, void, undefined> {
    yield head;
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
  }
  const compressed = Readable.from(replay(), { objectMode: false });
  const inflater = createGunzip({ chunkSize: 256 * 1024 });
  let sourceError: unknown = null;
  compressed.on("error", (error) => {
    sourceError = error;
    inflater.destroy(error);
  });
  compressed.pipe(inflater);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } catch (error) {
    if (sourceError !== null) throw sourceError;
    throw new DamagedInputError(describeZlibError(error));
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
