import { gunzipSync } from "node:zlib";
import { partial } from "../../src/merge.js";
import type { ReadOptions } from "../../src/analyze.js";
import type { InputSource } from "../../src/input/index.js";

/** The bytes of the partial file of some inputs. */
export async function partialFile(inputs: readonly string[] | readonly InputSource[], options: ReadOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of partial(inputs, options)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The bytes of a merged partial. */
export async function bytesOf(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return Buffer.concat(out);
}

/** A partial file's lines, parsed. */
export function partialLines(file: Buffer): Record<string, unknown>[] {
  return gunzipSync(file)
    .toString("utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
