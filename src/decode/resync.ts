import type { Diagnostic } from "../diagnostics.js";
import { LBRACE, NL, NL_LBRACE } from "./bytes.js";
import { excerpt, kindOfValue } from "./json.js";
import { allNul, classifyPrefix, mayBePrefix, PrefixRuns } from "./linePrefix.js";
import type { ScanCursor } from "./scanCursor.js";
import type { ScanOutput } from "./scanOutput.js";

/** Bytes of a garbage line kept: enough for the excerpt, and to tell a bare scalar from text. */
const GARBAGE_KEEP = 256;

/**
 * Resynchronisation after damage. A top-level line that starts neither an
 * object nor an array is read to its end: a bare scalar is reported as such,
 * anything else is not JSON. That, or a raw line break inside a string,
 * means the record cannot be delimited, so everything is skipped up to the
 * next line that starts with `{` at column 0 (pretty printers indent all
 * that is nested, so such a line starts a record), and the lines skipped
 * are reported in one warning. Inside a top-level array, that line starts
 * its next element.
 *
 * A garbage line whose text is followed by a `{` on the same line (a log
 * prefix, NUL padding) is not skipped: the JSON is read from that `{`, and
 * the prefix is reported (runs of prefixed lines in one warning).
 */
export class Resync {
  /** The first line given up. */
  private from = 0;
  /** The start of the garbage line being read. */
  private garbage: Buffer[] = [];
  private garbageBytes = 0;
  /** Why lines are skipped: the text of a line that is not JSON, or null for a line break inside a string. */
  private excerpt: string | null = null;
  /** The damage was inside a top-level array, whose elements go on after it. */
  intoArray = false;
  /** The garbage line read so far may be a prefix before JSON (`mayBePrefix`), and is all NUL bytes. */
  private prefixOk = true;
  private prefixNul = true;
  private readonly prefixes: PrefixRuns;

  constructor(
    private readonly cursor: ScanCursor,
    private readonly out: ScanOutput,
  ) {
    this.prefixes = new PrefixRuns((from, through, prefix) => out.warn(from, { kind: "linePrefix", prefix, from, through }));
  }

  /** A top-level line starting at `i` is neither an object nor an array. */
  beginGarbage(i: number): void {
    this.from = this.cursor.lineAt(i);
    this.garbage = [];
    this.garbageBytes = 0;
    this.prefixOk = true;
    this.prefixNul = true;
  }

  /**
   * The `{` after which the garbage line, read on from `i`, may hold JSON
   * (the text before it a prefix): its index, noted for the report; -1 when
   * not in this buffer (or the text cannot be a prefix).
   */
  jsonAfterPrefix(i: number): number {
    if (!this.prefixOk) return -1;
    const b = this.cursor.buf;
    const newline = b.indexOf(NL, i);
    const stop = newline < 0 ? b.length : newline;
    const brace = b.indexOf(LBRACE, i);
    const end = brace >= 0 && brace < stop ? brace : stop;
    if (!mayBePrefix(b, i, end)) {
      this.prefixOk = false;
      return -1;
    }
    const nul = this.prefixNul && allNul(b, i, end);
    if (end === stop) {
      this.prefixNul = nul;
      return -1;
    }
    const kept = Buffer.concat([...this.garbage, b.subarray(i, Math.min(end, i + GARBAGE_KEEP))]).toString("latin1");
    const prefix = classifyPrefix(kept, nul);
    this.prefixes.add(this.from, prefix.kind);
    this.out.prefixed(this.from, prefix.time);
    this.garbage = [];
    return brace;
  }

  /** The input ended: the last run of prefixed lines is reported. */
  flushPrefixes(): void {
    this.prefixes.flush();
  }

  /** Reads the garbage line on from `i`: the index after its newline, or -1 when it runs past the buffer. */
  readGarbage(i: number): number {
    const b = this.cursor.buf;
    const newline = b.indexOf(NL, i);
    const stop = newline < 0 ? b.length : newline;
    if (this.garbageBytes < GARBAGE_KEEP) this.garbage.push(Buffer.from(b.subarray(i, Math.min(stop, i + GARBAGE_KEEP))));
    this.garbageBytes += stop - i;
    return newline < 0 ? -1 : newline + 1;
  }

  /** The garbage line ended: back to the top level after a bare scalar, else resynchronising. */
  endGarbage(): "top" | "resync" {
    const text = Buffer.concat(this.garbage).toString("utf8").trim();
    this.garbage = [];
    if (this.garbageBytes <= GARBAGE_KEEP) {
      try {
        const value: unknown = JSON.parse(text);
        this.out.warn(this.from, { kind: "notAnObject", found: kindOfValue(value) });
        return "top";
      } catch {
        // not JSON: resynchronise
      }
    }
    this.excerpt = excerpt(text);
    this.intoArray = false;
    return "resync";
  }

  /** A raw line break inside a string of the record (or array element) that started at `line`. */
  brokenString(line: number, intoArray: boolean): void {
    this.from = line;
    this.excerpt = null;
    this.intoArray = intoArray;
  }

  /** Skips from `i` to the next `{` at column 0: its index (the skipped lines reported), or -1 when not in this buffer. */
  resume(i: number): number {
    const b = this.cursor.buf;
    let at = -1;
    if (b[i] === LBRACE && this.cursor.startsLine(i)) at = i;
    else {
      const found = b.indexOf(NL_LBRACE, i);
      if (found >= 0) at = found + 1;
    }
    if (at < 0) return -1;
    this.out.warn(this.from, this.skipped(this.cursor.lineAt(at) - 1));
    return at;
  }

  /** The input ended while skipping. */
  endOfInput(): void {
    this.out.warn(this.from, this.skipped(null));
  }

  /** What was skipped, through line `through` (null: to the end of input). */
  private skipped(through: number | null): Diagnostic {
    const from = this.from;
    return this.excerpt === null ? { kind: "lineBreakInString", from, through } : { kind: "notJson", excerpt: this.excerpt, from, through };
  }
}
