import { NL, NL_LBRACE, RBRACE, SP } from "./bytes.js";

/**
 * Where a pretty-printed element that starts at `i` (a `{` alone at the start
 * of its line after spaces, as kubectl, jq and JSON.stringify indent the
 * items of a List or an array) ends: after the first `}` that opens a line
 * at the same indentation, as every printer indents what is nested deeper.
 * -1 when the element does not sit that way, does not end within the buffer
 * or within `maxBytes`, or a `{` opens a line before it (a record cut short,
 * which the byte scanner reports). The byte scanner would find the same end
 * for an element that parses: the caller parses before it takes it.
 *
 * `closers` caches the closing pattern of each indentation (one per List).
 */
export function indentedElementEnd(b: Buffer, i: number, maxBytes: number, closers: Map<number, Buffer>): number {
  let s = i;
  while (s > 0 && b[s - 1] === SP) s--;
  const indent = i - s;
  // Byte 0 of a buffer: whether it opens its line is the previous buffer's to say.
  if (indent === 0 || s === 0 || b[s - 1] !== NL) return -1;
  let closer = closers.get(indent);
  if (closer === undefined) {
    closer = Buffer.alloc(indent + 2, SP);
    closer[0] = NL;
    closer[indent + 1] = RBRACE;
    closers.set(indent, closer);
  }
  const at = b.indexOf(closer, i);
  const end = at + closer.length;
  if (at < 0 || end - i > maxBytes) return -1;
  return b.subarray(i, at).indexOf(NL_LBRACE) >= 0 ? -1 : end;
}
