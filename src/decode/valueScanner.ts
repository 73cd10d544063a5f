import { BACKSLASH, COLON, COMMA, LBRACE, LBRACK, NL, QUOTE, RBRACE, RBRACK, SP } from "./bytes.js";
import type { ElementStream } from "./elementStream.js";
import type { ItemsKey } from "./itemsKey.js";
import type { ScanCursor } from "./scanCursor.js";
import type { ValueExits } from "./scannerTypes.js";
import type { TopValue } from "./topValue.js";

/**
 * The byte scanner: reads a top-level value byte by byte, tracking strings,
 * escapes and depth, for what the fast path cannot delimit (records that do
 * not end their line, indented records, damage) and for arrays and Lists,
 * whose elements it delimits for the element stream. Strings are skipped
 * with native searches for their closing quote; a value split across
 * buffers resumes where the last buffer ended, inside a string or a scalar.
 */
export class ValueScanner {
  /** Nesting depth inside the top-level value (1 just inside it). */
  private depth = 0;
  /** The last buffer ended inside a string. */
  private inString = false;
  /** 1 when the last buffer ended on a backslash inside a string, so the next starts with an escaped byte. */
  private skipByte = 0;
  /**
   * The first newline at or after the string being scanned (buffer length
   * when none): strings are many and short, so one search serves all those
   * on a line. Kept here, read and written inline, as this is the hottest
   * path of the scanner and a call to the cursor would not be inlined.
   */
  private nlAfter = -1;

  constructor(
    private readonly cursor: ScanCursor,
    private readonly top: TopValue,
    private readonly elements: ElementStream,
    private readonly keys: ItemsKey,
    private readonly exits: ValueExits,
  ) {}

  /** Scans from `i` of the cursor's buffer; returns where scanning goes on (the buffer's length when it needs more). */
  scan(i: number): number {
    const b = this.cursor.buf;
    const end = b.length;
    const elements = this.elements;
    const keys = this.keys;
    if (this.inString) {
      i = this.continueString(i);
      if (i < 0 || i >= end) return i < 0 ? -i - 1 : end;
    } else if (elements.kind === "scalar") {
      const stop = findDelimiter(b, i);
      if (stop >= end) return end;
      elements.end(stop);
      i = stop;
    }
    let depth = this.depth;
    for (; i < end; i++) {
      const c = b[i]!;
      if (c === QUOTE) {
        if (depth === elements.depth && elements.kind === "none") elements.begin(i, "string");
        const k = this.closingQuote(i + 1, i);
        if (k >= 0) {
          if (keys.active && depth === 1) keys.string(b, i + 1, k);
          i = k;
          if (elements.kind === "string" && depth === elements.depth) elements.end(k + 1);
          continue;
        }
        this.depth = depth;
        if (k < -1) return this.exits.brokenString(-k - 2);
        this.inString = true;
        if (keys.active && depth === 1) keys.begin(b, i + 1);
        else keys.ignore();
        return end;
      }
      if (c <= SP) continue; // whitespace (control bytes outside strings are left to JSON.parse)
      if (c === LBRACE || c === LBRACK) {
        if (c === LBRACE && this.cursor.startsLine(i)) {
          // A "{" at column 0 inside a value: a new record starts here (inside an array, its next element).
          const mode = this.top.mode;
          if (mode !== "array" && mode !== "skipArray") {
            this.depth = depth;
            return this.exits.cut(i);
          }
          if (depth > 1) {
            elements.cut(i);
            depth = 1;
          }
        }
        if (depth === elements.depth && elements.kind === "none") {
          if (c === LBRACE) {
            const after = elements.takeIndented(i);
            if (after > 0) {
              i = after - 1;
              continue;
            }
          }
          elements.begin(i, "container");
        }
        else if (keys.active && depth === 1) {
          if (c === LBRACK && keys.atItems() && this.top.beginList(i)) {
            keys.active = false;
            depth = 2;
            continue;
          }
          keys.clear();
        }
        depth++;
        continue;
      }
      if (c === RBRACE || c === RBRACK) {
        depth--;
        if (depth === 0) {
          this.depth = 0;
          return this.exits.ended(i + 1);
        }
        if (depth === elements.depth) {
          if (elements.kind !== "none") elements.end(i + 1);
        } else if (this.top.inItems && depth === 1) this.top.endItems(i + 1);
        continue;
      }
      if (c === COLON) {
        if (keys.active && depth === 1) keys.colon();
        continue;
      }
      if (c === COMMA) {
        if (keys.active && depth === 1) keys.clear();
        continue;
      }
      if (depth === elements.depth && elements.kind === "none") {
        // A scalar element (number, true, false, null or garbage): read to its delimiter.
        elements.begin(i, "scalar");
        const stop = findDelimiter(b, i + 1);
        this.depth = depth;
        if (stop >= end) return end;
        elements.end(stop);
        i = stop - 1;
      }
    }
    this.depth = depth;
    return end;
  }

  /** The cursor moved to a new buffer. */
  load(): void {
    this.nlAfter = -1;
  }

  /** A value starts (or, after resynchronisation, an array's elements go on) at `depth`. */
  begin(depth: number): void {
    this.depth = depth;
    this.inString = false;
  }

  /**
   * Continues a string that ran past the previous buffer. Returns the index
   * after its closing quote, `end` when it runs past this buffer too, or
   * `-(next) - 1` after a line break inside it ended the value's scan.
   */
  private continueString(i: number): number {
    const b = this.cursor.buf;
    const end = b.length;
    const k = this.closingQuote(i + this.skipByte, i + this.skipByte - 1);
    if (k === -1) {
      this.keys.extend(b, i, end);
      return end;
    }
    this.inString = false;
    if (k < -1) return -this.exits.brokenString(-k - 2) - 1;
    this.keys.end(b, i, k);
    if (this.elements.kind === "string" && this.depth === this.elements.depth) this.elements.end(k + 1);
    return k + 1;
  }

  /**
   * The closing quote of a string whose content starts at `from` (backslashes
   * at or before `floor` are not part of it). Returns its index; -1 when the
   * string runs past the buffer (`skipByte` then says whether the next buffer
   * starts with an escaped byte); `-(newline) - 2` when a raw line break comes first.
   */
  private closingQuote(from: number, floor: number): number {
    const b = this.cursor.buf;
    const end = b.length;
    let k = from < end ? b.indexOf(QUOTE, from) : -1;
    while (k > 0 && b[k - 1] === BACKSLASH) {
      let m = k - 1;
      while (m > floor && b[m] === BACKSLASH) m--;
      if (((k - 1 - m) & 1) === 0) break;
      k = b.indexOf(QUOTE, k + 1);
    }
    if (this.nlAfter < from) {
      const newline = b.indexOf(NL, from);
      this.nlAfter = newline < 0 ? end : newline;
    }
    if (this.nlAfter < (k < 0 ? end : k)) return -this.nlAfter - 2;
    if (k >= 0) return k;
    let m = end - 1;
    while (m > floor && b[m] === BACKSLASH) m--;
    this.skipByte = (end - 1 - m) & 1;
    return -1;
  }
}

/** Index of the first byte at or after `i` that ends a scalar (buffer length when none). */
function findDelimiter(b: Buffer, i: number): number {
  const end = b.length;
  for (; i < end; i++) {
    const c = b[i]!;
    if (c <= SP || c === COMMA || c === RBRACK || c === RBRACE || c === LBRACK || c === LBRACE || c === QUOTE || c === COLON) return i;
  }
  return end;
}
