import { closeSync } from "node:fs";
import { decompress } from "./decompress.js";
import { GZIP_MAGIC_0, GZIP_MAGIC_1 } from "./gzipMember.js";
import { openOrThrow, readFile, readOrThrow, type InputSource } from "./resolveInputs.js";

/*
 * Parts of one file, for reading a large file on several threads: byte
 * ranges that start at record boundaries, and the line each starts on, so
 * that a part is located in lines of the whole file. Only line-per-record
 * files (JSONL) are cut, and only before a line that starts with `{` and
 * after one that is a whole JSON object: what comes before such a line
 * cannot change how it is read, unless damage earlier left a value open
 * (an array never closed), which the reader of the part before tells.
 */

const READ_CHUNK = 1024 * 1024;
/** How far past its target a boundary is looked for; a record longer than this is not cut around. */
const BOUNDARY_WINDOW = 4 * 1024 * 1024;
const NL = 0x0a;
const LBRACE = 0x7b;

/** A byte range of a file (`end` Infinity: to its end, as it is then), read as an input of the file's name. */
export function fileRange(name: string, path: string, start: number, end: number): InputSource {
  return { name, size: end - start, open: () => decompress(readFile(name, path, start, end)) };
}

/**
 * Whether a file can be cut into parts: plain (not gzip, whose stream has no
 * boundaries to start at), its first record alone on its first line.
 */
export function isSplittable(name: string, path: string): boolean {
  const fd = openOrThrow(name, path);
  try {
    const head = Buffer.allocUnsafe(READ_CHUNK);
    const n = readOrThrow(name, fd, head, 0);
    if (n >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1) return false;
    let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    while (i < n && (head[i] === 0x20 || head[i] === NL || head[i] === 0x0d || head[i] === 0x09)) i++;
    if (head[i] !== LBRACE) return false;
    const newline = head.indexOf(NL, i);
    return newline > 0 && newline < n && wholeObject(head.subarray(i, newline));
  } finally {
    closeSync(fd);
  }
}

/**
 * Where to cut a file of `size` bytes into up to `parts` parts of about equal
 * size: offsets (sorted, none at 0 or at the end) each at the start of a
 * line that opens with `{`, after a line that is a whole JSON object. A
 * target with no such place within BOUNDARY_WINDOW after it is dropped
 * (that part joins the next).
 */
export function splitPoints(name: string, path: string, size: number, parts: number): number[] {
  const points: number[] = [];
  const fd = openOrThrow(name, path);
  try {
    const window = Buffer.allocUnsafe(BOUNDARY_WINDOW);
    for (let k = 1; k < parts; k++) {
      const target = Math.floor((size * k) / parts);
      if (target <= (points.at(-1) ?? 0)) continue;
      // From the line before the target, so that the line ending just after it can be checked whole.
      const from = Math.max(0, target - READ_CHUNK);
      const n = readOrThrow(name, fd, window, from);
      const point = boundaryIn(window.subarray(0, n), target - from);
      if (point !== null && from + point < size) points.push(from + point);
    }
  } finally {
    closeSync(fd);
  }
  return points;
}

/** The first place at or after `at` in `buf` that starts a line opening with `{`, after a line that is a whole JSON object. */
function boundaryIn(buf: Buffer, at: number): number | null {
  for (let newline = buf.indexOf(NL, Math.max(0, at - 1)); newline >= 0; newline = buf.indexOf(NL, newline + 1)) {
    const start = newline + 1;
    if (buf[start] !== LBRACE) continue;
    const previous = buf.lastIndexOf(NL, newline - 1) + 1;
    // The line before must have started within the buffer: a line cut off at its start cannot be checked.
    if (previous === 0 && buf.lastIndexOf(NL, newline - 1) < 0) continue;
    if (buf[previous] === LBRACE && wholeObject(buf.subarray(previous, newline))) return start;
  }
  return null;
}

function wholeObject(line: Buffer): boolean {
  try {
    const value: unknown = JSON.parse(line.toString("utf8"));
    // A List streams its items: never cut right after one, though its items end on its line.
    return value !== null && typeof value === "object" && !Array.isArray(value) && !Array.isArray((value as { items?: unknown }).items);
  } catch {
    return false;
  }
}

/** The line each offset starts on (1-based): one read of the file up to the last offset, counting newlines. */
export function linesAt(name: string, path: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  if (offsets.length === 0) return lines;
  const fd = openOrThrow(name, path);
  try {
    const buf = Buffer.allocUnsafe(READ_CHUNK);
    let newlines = 0;
    let at = 0;
    for (const offset of offsets) {
      while (at < offset) {
        const n = readOrThrow(name, fd, buf.subarray(0, Math.min(buf.length, offset - at)), at);
        if (n === 0) break;
        const b = n === buf.length ? buf : buf.subarray(0, n);
        for (let i = b.indexOf(NL); i >= 0; i = b.indexOf(NL, i + 1)) newlines++;
        at += n;
      }
      lines.push(newlines + 1);
    }
  } finally {
    closeSync(fd);
  }
  return lines;
}
