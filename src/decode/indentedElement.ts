import { LBRACE, NL, RBRACE, SP } from "./bytes.js";

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
 * Both searches are for one byte (`}`, `{`: memchr), each hit checked in
 * place: a search for the closing line itself (a newline, the indentation's
 * spaces, `}`) moves one byte at a time through indented text, whose bytes
 * are mostly spaces (docs/performance.md).
 */
export function indentedElementEnd(b: Buffer, i: number, maxBytes: number): number {
  let s = i;
  while (s > 0 && b[s - 1] === SP) s--;
  const indent = i - s;
  // Byte 0 of a buffer: whether it opens its line is the previous buffer's to say.
  if (indent === 0 || s === 0 || b[s - 1] !== NL) return -1;
  // The closing line is a newline, `indent` spaces and `}`: found by its `}`.
  let at = -1;
  for (let p = b.indexOf(RBRACE, i + 1); p >= 0; p = b.indexOf(RBRACE, p + 1)) {
    if (p + 1 - i > maxBytes) return -1;
    const start = p - indent - 1;
    if (b[start] === NL && start >= i && spacesBetween(b, start + 1, p)) {
      at = start;
      break;
    }
  }
  if (at < 0) return -1;
  // A `{` that opens a line (column 0) before it: a record cut short.
  for (let q = b.indexOf(LBRACE, i + 1); q >= 0 && q < at; q = b.indexOf(LBRACE, q + 1)) if (b[q - 1] === NL) return -1;
  return at + indent + 2;
}

function spacesBetween(b: Buffer, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (b[k] !== SP) return false;
  return true;
}
