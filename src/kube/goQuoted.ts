/**
 * Reading Go `%q` strings out of kubelet messages. Kubelet quotes image
 * references with `%q`, so an image is the text between double quotes with
 * Go escapes (`\"`, `\\`, `\xNN`, `\u00e9`, ...) undone.
 */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: "\u0007",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  '"': '"',
  "'": "'",
};

const HEX_ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * Reads the Go-quoted string starting at `text[start]` (which must be `"`).
 * Returns its value and the index just past the closing quote, or null when
 * there is no well-formed quoted string there.
 */
export function readGoQuoted(text: string, start: number): { value: string; end: number } | null {
  if (text[start] !== '"') return null;
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] ?? "";
    if (c === '"') return { value, end: i + 1 };
    if (c !== "\\") {
      value += c;
      i += 1;
      continue;
    }
    const e = text[i + 1] ?? "";
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      value += simple;
      i += 2;
      continue;
    }
    const hexLength = HEX_ESCAPE_LENGTH[e];
    if (hexLength !== undefined) {
      const hex = text.slice(i + 2, i + 2 + hexLength);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) return null;
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) return null;
      // \xNN is a byte in Go; image references are ASCII, so a byte maps to its code point.
      value += String.fromCodePoint(code);
      i += 2 + hexLength;
      continue;
    }
    const octal = text.slice(i + 1, i + 4);
    if (/^[0-7]{3}$/.test(octal)) {
      value += String.fromCodePoint(Number.parseInt(octal, 8));
      i += 4;
      continue;
    }
    return null;
  }
  return null;
}
