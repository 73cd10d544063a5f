/**
 * The framing of a gzip member (RFC 1952) around its deflate data: the header
 * before it and the CRC32 and size after it, checked as zlib checks them and
 * failing with zlib's own words, so a damaged stream is described the same
 * whichever part is damaged.
 */
import { zlib } from "../builtins.js";
import type { ByteReader } from "./byteReader.js";

export const GZIP_MAGIC_0 = 0x1f;
export const GZIP_MAGIC_1 = 0x8b;
const DEFLATE = 8;
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED = 0xe0;

/** Why a member's framing cannot be read, in zlib's words. */
export type FramingProblem = { readonly damage: "truncated" | "corrupt"; readonly detail: string };

const CUT: FramingProblem = { damage: "truncated", detail: "unexpected end of file" };

/**
 * Reads one member's header, from its magic bytes to its deflate data; null
 * when it is whole and valid. The optional fields (extra, name, comment) are
 * skipped; a header CRC is checked.
 */
export async function readMemberHeader(input: ByteReader): Promise<FramingProblem | null> {
  const fixed = await input.exactly(10);
  if (fixed.length < 10) return CUT;
  if (fixed[0] !== GZIP_MAGIC_0 || fixed[1] !== GZIP_MAGIC_1) return { damage: "corrupt", detail: "incorrect header check" };
  if (fixed[2] !== DEFLATE) return { damage: "corrupt", detail: "unknown compression method" };
  const flags = fixed[3]!;
  if ((flags & RESERVED) !== 0) return { damage: "corrupt", detail: "unknown header flags set" };
  const { crc32 } = zlib();
  let crc = crc32(fixed);
  if ((flags & FEXTRA) !== 0) {
    const size = await input.exactly(2);
    if (size.length < 2) return CUT;
    crc = crc32(size, crc);
    for (let left = size.readUInt16LE(0); left > 0; ) {
      const part = await input.chunk(left);
      if (part === null) return CUT;
      crc = crc32(part, crc);
      left -= part.length;
    }
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if ((flags & flag) === 0) continue;
    // Zero-terminated: read in pieces up to the zero, give the rest back.
    for (;;) {
      const part = await input.chunk(4096);
      if (part === null) return CUT;
      const zero = part.indexOf(0);
      const field = zero === -1 ? part : part.subarray(0, zero + 1);
      crc = crc32(field, crc);
      if (zero !== -1) {
        input.unshift(part.subarray(zero + 1));
        break;
      }
    }
  }
  if ((flags & FHCRC) !== 0) {
    const check = await input.exactly(2);
    if (check.length < 2) return CUT;
    if (check.readUInt16LE(0) !== (crc & 0xffff)) return { damage: "corrupt", detail: "header crc mismatch" };
  }
  return null;
}

/** Reads a member's trailer and checks it against the CRC32 and size of what was inflated; null when it matches. */
export async function readMemberTrailer(input: ByteReader, crc: number, size: number): Promise<FramingProblem | null> {
  const trailer = await input.exactly(8);
  if (trailer.length < 8) return CUT;
  if (trailer.readUInt32LE(0) !== crc >>> 0) return { damage: "corrupt", detail: "incorrect data check" };
  // ISIZE is the size modulo 2^32.
  if (trailer.readUInt32LE(4) !== size % 2 ** 32) return { damage: "corrupt", detail: "incorrect length check" };
  return null;
}
