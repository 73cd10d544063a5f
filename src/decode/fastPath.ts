import { CR, LBRACE, NL, NL_RBRACE, RBRACE, SP, TAB } from "./bytes.js";
import { isObject, parseOrUndefined } from "./json.js";
import type { ScanCursor } from "./scanCursor.js";
import type { ScanOutput } from "./scanOutput.js";
import type { ScannerOptions } from "./scannerTypes.js";

/** The buffer ended before the record could. */
const INCOMPLETE = -2;
/** Native searches do not give a plain object here: the byte scanner decides. */
const NOT_PLAIN = -1;
/** Largest record start carried over to the next buffer; longer ones go to the byte scanner, which never copies twice. */
const CARRY_MAX = 1024 * 1024;

/**
 * Top-level records found with native searches (memchr) and handed whole to
 * JSON.parse: a record whose line ends in `}` (compact), or one that runs to
 * the next `}` at column 0 (pretty-printed, as kubectl, jq and every other
 * pretty printer indent everything nested). Most records of most captures
 * are taken here, with no byte loop in JavaScript.
 *
 * It agrees with the byte scanner by declining rather than guessing: when
 * the bytes it delimits do not parse to a plain object within the size
 * limit (damage, a List to stream, a `{` at column 0 before the closing `}`),
 * the scanner reads the record from its first byte. A record cut by a buffer
 * boundary is carried over and retried with the next buffer, so chunking
 * does not decide which path reads it.
 */
export class FastPath {
  /** The start of a record that will be retried with the next buffer appended. */
  private carry: Buffer | null = null;
  /** The current buffer starts with a carried record. */
  private carried = false;
  /**
   * Off after a carried record was still incomplete (records longer than a
   * buffer, or a layout the fast path cannot delimit, such as indented
   * objects): carrying each of them would copy the rest of every buffer.
   * Back on at the next record the fast path takes.
   */
  private carrying = true;
  /** The input ended: what is left is scanned without carrying. */
  private finishing = false;

  constructor(
    private readonly cursor: ScanCursor,
    private readonly out: ScanOutput,
    private readonly options: ScannerOptions,
  ) {}

  /**
   * Where to cut `chunk` so that the carried record's rest is scanned on its
   * own (joining the carried start to the whole chunk would copy every byte
   * once more); -1 for no cut.
   */
  cutAfterCarried(chunk: Buffer): number {
    if (this.carry === null) return -1;
    const end = carriedRecordEnd(this.carry, chunk);
    return end > 0 && end < chunk.length ? end : -1;
  }

  /** The buffer to scan for `chunk`: the carried record start, if any, joined to it. */
  join(chunk: Buffer): Buffer {
    const carry = this.carry;
    this.carry = null;
    this.carried = carry !== null;
    return carry === null ? chunk : Buffer.concat([carry, chunk], carry.length + chunk.length);
  }

  /** How many bytes at the end of the current buffer are carried over (not yet scanned). */
  carriedBytes(): number {
    return this.carry?.length ?? 0;
  }

  /** The input ended: the carried record start, if any, to be scanned one last time. */
  takeCarried(): Buffer | null {
    const carry = this.carry;
    if (carry !== null) this.finishing = true;
    this.carry = null;
    return carry;
  }

  /**
   * The record whose `{` is at `i`: the index after it when taken, the
   * buffer's length when carried over to the next buffer, -1 when the byte
   * scanner must read it.
   */
  record(i: number): number {
    const next = this.find(i);
    if (next !== INCOMPLETE) return next;
    const b = this.cursor.buf;
    if (i === 0 && this.carried) this.carrying = false; // carried once and still incomplete: a long record
    else if (this.carrying && b.length - i <= CARRY_MAX && !this.finishing) {
      this.carry = Buffer.from(b.subarray(i));
      this.cursor.lineAt(i);
      return b.length;
    }
    return NOT_PLAIN;
  }

  /** Delimits and takes the record at `i`: the index after it, NOT_PLAIN or INCOMPLETE. */
  private find(i: number): number {
    const b = this.cursor.buf;
    const newline = b.indexOf(NL, i);
    if (newline < 0) return INCOMPLETE;
    {
      let e = newline;
      while (e > i && (b[e - 1] === CR || b[e - 1] === SP || b[e - 1] === TAB)) e--;
      if (b[e - 1] === RBRACE) return this.take(i, e, this.cursor.lineAt(i)) ? newline + 1 : NOT_PLAIN;
    }
    // A pretty-printed record ends at the first `}` that opens a line, unless a `{` opens one first (a record cut
    // short). One pass over its newlines finds that and counts its lines (three passes took twice as long).
    const line = this.cursor.lineAt(i);
    let lines = 0;
    let close = newline;
    for (; close >= 0; close = b.indexOf(NL, close + 1)) {
      const next = b[close + 1];
      if (next === RBRACE) break;
      if (next === LBRACE) return NOT_PLAIN;
      lines++;
    }
    if (close < 0) return INCOMPLETE;
    if (!this.take(i, close + 2, line)) return NOT_PLAIN;
    // Every byte up to the newline before `}` is on the record's last line: the cursor need not count them again.
    this.cursor.countedTo(line + lines, close);
    return close + 2;
  }

  private take(start: number, end: number, line: number): boolean {
    if (end - start > this.options.maxRecordBytes) return false;
    const b = this.cursor.buf;
    const value = parseOrUndefined(b, start, end);
    if (!isObject(value) || (this.options.expandLists && Array.isArray(value["items"]))) return false;
    this.out.topObject(value, line, b.subarray(start, end));
    this.carrying = true;
    return true;
  }
}

/**
 * Where in `chunk` the record carried over from the last chunk ends, as the
 * fast path delimits records: a one-line record at the first newline, a
 * multi-line one after the first `}` that opens a line. -1 when not in `chunk`.
 */
function carriedRecordEnd(carry: Buffer, chunk: Buffer): number {
  if (carry.indexOf(NL) < 0) {
    const newline = chunk.indexOf(NL);
    return newline < 0 ? -1 : newline + 1;
  }
  if (carry[carry.length - 1] === NL && chunk[0] === RBRACE) return 1;
  const close = chunk.indexOf(NL_RBRACE);
  return close < 0 ? -1 : close + 2;
}
