import { NL } from "./bytes.js";

const EMPTY = Buffer.alloc(0);

/**
 * The buffer being scanned and the line of any byte in it, shared by the
 * fast path, the byte scanner and resynchronisation so that they agree on
 * lines. Lines are counted when a line number is asked for, one native
 * newline search per line (no byte loop); within one buffer, callers ask
 * about bytes in increasing order.
 */
export class ScanCursor {
  buf: Buffer = EMPTY;
  // `lineNo` is the line of every byte up to and including `nlNext`, the next newline not yet counted.
  private lineNo = 1;
  private nlNext = 0;
  /** The last byte of the previous buffer, for whether byte 0 starts a line. */
  private prevLast = NL;

  /** Scans `buf` next. */
  load(buf: Buffer): void {
    this.buf = buf;
    const first = buf.indexOf(NL);
    this.nlNext = first < 0 ? buf.length : first;
  }

  /** The buffer is done up to `end`; bytes after it come again at the start of the next one. */
  release(end: number): void {
    this.lineAt(end);
    if (end > 0) this.prevLast = this.buf[end - 1]!;
  }

  /** The input ended: no bytes are left. */
  clear(): void {
    this.buf = EMPTY;
    this.nlNext = 0;
  }

  /** 1-based line of byte `i` of the current buffer; `i` never decreases within a buffer. */
  lineAt(i: number): number {
    const b = this.buf;
    while (this.nlNext < i) {
      this.lineNo++;
      const next = b.indexOf(NL, this.nlNext + 1);
      this.nlNext = next < 0 ? b.length : next;
    }
    return this.lineNo;
  }

  /** The caller counted the lines itself up to the newline at `newline`, which ends line `line`. */
  countedTo(line: number, newline: number): void {
    this.lineNo = line;
    this.nlNext = newline;
  }

  /** Byte `i` is the first of its line. */
  startsLine(i: number): boolean {
    return (i === 0 ? this.prevLast : this.buf[i - 1]) === NL;
  }
}
