import { isUtf8 } from "node:buffer";
import type { InputFormat } from "../types.js";
import type { Diagnostic } from "../diagnostics.js";
import { BACKSLASH, COLON, COMMA, CR, LBRACE, LBRACK, NL, NL_LBRACE, NL_RBRACE, QUOTE, RBRACE, RBRACK, SP, TAB } from "./bytes.js";
import { excerpt, isObject, kindOfValue, parseJson, parseOrUndefined } from "./json.js";
import { Capture } from "./capture.js";
import { isListKind, ListItems } from "./listItems.js";
import type { DecodeSink } from "./types.js";

/** What a forced format lets through at the top level. */
export type TopLevelPolicy = "any" | "objects" | "lists" | "arrays";

export interface ScannerOptions {
  readonly maxRecordBytes: number;
  /** Stream the items of a top-level object holding an `items` array (a List). */
  readonly expandLists: boolean;
  readonly accept: TopLevelPolicy;
}

// Scanner states.
const TOP = 0; // between top-level values
const GARBAGE = 1; // inside a top-level line that does not start a JSON object or array
const RESYNC = 2; // skipping to the next line that starts with "{"
const VALUE = 3; // inside a top-level value

// Kinds of top-level value.
const OBJECT = 0; // one record
const LIST = 1; // a List whose items are streamed
const ARRAY = 2; // an array whose elements are streamed
const SKIP_OBJECT = 3; // rejected by a forced format: scanned, not kept
const SKIP_ARRAY = 4;

// Kinds of element (array element or list item) being read.
const NO_ELEMENT = 0;
const CONTAINER_ELEMENT = 1;
const STRING_ELEMENT = 2;
const SCALAR_ELEMENT = 3;

const KEY_MAX = 16;
const INCOMPLETE = -2;
/** Largest record start carried over to the next buffer; longer ones go to the scanner, which never copies twice. */
const CARRY_MAX = 1024 * 1024;
const GARBAGE_KEEP = 256;
const EMPTY = Buffer.alloc(0);

/**
 * Splits a byte stream of concatenated JSON values (compact or pretty, with or
 * without watch envelopes), top-level arrays and Lists into records, with the
 * line of each record's first byte.
 *
 * Fast path: a record is located with native searches (its line ends in `}`,
 * or the next `}` at column 0) and handed to `JSON.parse`. Otherwise a
 * byte scanner tracking strings, escapes and depth finds its end; the scanner
 * also streams the elements of top-level arrays and the `items` of Lists, so
 * a huge document is never held whole. Both paths agree on every input, so the
 * output does not depend on how the bytes were chunked.
 *
 * Damage never stops the scan. Resynchronisation rule: a record that cannot
 * be delimited (a line break inside a string, a stray line of text) is
 * skipped up to the next line that starts with `{` at column 0; and a line
 * starting with `{` at column 0 inside an object always starts a new record,
 * since pretty printers (kubectl, jq, JSON.stringify, Go, Python with indent)
 * indent everything nested. Inside a top-level array such a line starts the
 * next element.
 */
export class RecordScanner {
  format: InputFormat | null = null;

  private buf: Buffer = EMPTY;
  // Line cursor: `lineNo` is the line of every byte up to and including `nlNext`, the next newline not yet counted.
  private lineNo = 1;
  private nlNext = 0;
  // Next newline at or after the string being scanned (buffer length when none).
  private nlAfter = -1;
  private prevLast = NL;

  private state = TOP;
  /** The start of a record that the fast path will retry with the next buffer appended. */
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
  private finishing = false;
  private mode = OBJECT;
  private depth = 0;
  private inString = false;
  private skipByte = 0;
  private recordLine = 0;

  private elementDepth = -1;
  private elementKind = NO_ELEMENT;
  private elementLine = 0;

  private trackKeys = false;
  private keyText: string | null = null;
  private lastString: string | null = null;
  private pendingKey: string | null = null;

  private readonly capture: Capture;

  private list: ListItems | null = null;
  private listHead: Record<string, unknown> | null = null;
  private inItems = false;

  private garbageLine = 0;
  private garbage: Buffer[] = [];
  private garbageBytes = 0;
  private resyncLine = 0;
  /** Why the scanner is resynchronising: the text of a line that is not JSON, or null for a line break inside a string. */
  private resyncExcerpt: string | null = null;
  private resyncIntoArray = false;

  constructor(
    private readonly sink: DecodeSink,
    private readonly options: ScannerOptions,
  ) {
    this.capture = new Capture(options.maxRecordBytes);
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const carry = this.carry;
    if (carry !== null) {
      // Join the carried start only to the rest of its record: joining it to the whole chunk would copy every byte
      // read once more.
      const end = carriedRecordEnd(carry, chunk);
      if (end > 0 && end < chunk.length) {
        this.push(chunk.subarray(0, end));
        this.push(chunk.subarray(end));
        return;
      }
    }
    this.carry = null;
    this.carried = carry !== null;
    const buf = carry === null ? chunk : Buffer.concat([carry, chunk], carry.length + chunk.length);
    this.buf = buf;
    const first = buf.indexOf(NL);
    this.nlNext = first < 0 ? buf.length : first;
    this.nlAfter = -1;
    const end = buf.length;
    let i = 0;
    while (i < end) {
      if (this.state === VALUE) i = this.scanValue(i);
      else if (this.state === TOP) i = this.scanTop(i);
      else if (this.state === RESYNC) i = this.scanResync(i);
      else i = this.scanGarbage(i);
    }
    this.capture.stash(buf);
    // (scanTop may have set `carry` again: TypeScript's narrowing above does not know.)
    const kept = (this.carry as Buffer | null)?.length ?? 0;
    this.lineAt(end - kept);
    if (end - kept > 0) this.prevLast = buf[end - kept - 1]!;
  }

  /** The input ended: report what was left open. */
  finish(): void {
    if (this.carry !== null) {
      this.finishing = true;
      const carry = this.carry;
      this.carry = null;
      this.push(carry);
    }
    this.buf = EMPTY;
    this.nlNext = 0;
    if (this.state === GARBAGE) this.endGarbage();
    if (this.state === RESYNC) {
      this.sink.warning(this.resyncLine, this.resyncDiagnostic(null));
    } else if (this.state === VALUE) {
      this.sink.warning(this.elementKind !== NO_ELEMENT ? this.elementLine : this.recordLine, { kind: "truncatedAtEnd" });
      this.endList(undefined, undefined);
    }
    this.state = TOP;
  }

  // ---------------------------------------------------------------------------
  // Top level

  private scanTop(i: number): number {
    const b = this.buf;
    const end = b.length;
    let c = 0;
    while (i < end && ((c = b[i]!) === SP || c === NL || c === CR || c === TAB)) i++;
    if (i >= end) return end;
    if (c === LBRACE) {
      if (this.options.accept === "arrays") return this.beginValue(i, SKIP_OBJECT, { kind: "wrongTopLevel", expected: "array", found: "object" });
      const next = this.fastRecord(i);
      if (next >= 0) return next;
      if (next === INCOMPLETE) {
        if (i === 0 && this.carried) this.carrying = false; // carried once and still incomplete: a long record
        else if (this.carrying && end - i <= CARRY_MAX && !this.finishing) {
          // The record ends in a later buffer: carry its start over so the fast path can still take it.
          this.carry = Buffer.from(b.subarray(i));
          this.lineAt(i);
          return end;
        }
      }
      return this.beginValue(i, OBJECT, null);
    }
    if (c === LBRACK) {
      const accept = this.options.accept;
      if (accept === "objects" || accept === "lists") {
        return this.beginValue(i, SKIP_ARRAY, { kind: "wrongTopLevel", expected: accept === "lists" ? "list" : "objects", found: "array" });
      }
      return this.beginValue(i, ARRAY, null);
    }
    if (c === 0xef && b[i + 1] === 0xbb && b[i + 2] === 0xbf) return i + 3; // a byte order mark
    this.state = GARBAGE;
    this.garbageLine = this.lineAt(i);
    this.garbage = [];
    this.garbageBytes = 0;
    return i;
  }

  /**
   * A whole record found by native searches: its first line ends with `}`
   * (compact), or it runs to the next `}` at column 0 (pretty) with no `{`
   * at column 0 before it. -1 when that does not give a plain object (the
   * scanner then decides, so both paths agree), INCOMPLETE when the buffer
   * ends before the record could.
   */
  private fastRecord(i: number): number {
    const b = this.buf;
    const newline = b.indexOf(NL, i);
    if (newline < 0) return INCOMPLETE;
    {
      let e = newline;
      while (e > i && (b[e - 1] === CR || b[e - 1] === SP || b[e - 1] === TAB)) e--;
      if (b[e - 1] === RBRACE) return this.fastEmit(i, e) ? newline + 1 : -1;
    }
    // A pretty-printed record ends at the first `}` that opens a line, unless a `{` opens one first (a record cut
    // short). One pass over its newlines finds that and counts its lines (three passes took twice as long).
    const line = this.lineAt(i);
    let lines = 0;
    let close = newline;
    for (; close >= 0; close = b.indexOf(NL, close + 1)) {
      const next = b[close + 1];
      if (next === RBRACE) break;
      if (next === LBRACE) return -1;
      lines++;
    }
    if (close < 0) return INCOMPLETE;
    if (!this.fastEmit(i, close + 2, line)) return -1;
    // The line cursor (see lineAt) moves past the newlines counted: every byte up to the one before `}` is on this line.
    this.lineNo = line + lines;
    this.nlNext = close;
    return close + 2;
  }

  private fastEmit(start: number, end: number, line = this.lineAt(start)): boolean {
    if (end - start > this.options.maxRecordBytes) return false;
    const value = parseOrUndefined(this.buf, start, end);
    if (!isObject(value) || (this.options.expandLists && Array.isArray(value["items"]))) return false;
    this.emitTopObject(value, line, this.buf.subarray(start, end));
    this.carrying = true;
    return true;
  }

  private beginValue(i: number, mode: number, rejection: Diagnostic | null): number {
    this.state = VALUE;
    this.mode = mode;
    this.depth = 1;
    this.recordLine = this.lineAt(i);
    this.elementKind = NO_ELEMENT;
    this.elementDepth = mode === ARRAY ? 1 : -1;
    this.inItems = false;
    this.trackKeys = mode === OBJECT && this.options.expandLists;
    this.lastString = null;
    this.pendingKey = null;
    this.list = null;
    if (mode === OBJECT) this.capture.begin(i);
    if (mode === ARRAY) this.format ??= "array";
    if (rejection !== null) this.sink.warning(this.recordLine, rejection);
    return i + 1;
  }

  /** Emits a complete top-level object (not a List). */
  private emitTopObject(value: Record<string, unknown>, line: number, bytes: Buffer): void {
    if (this.options.accept === "lists") {
      this.sink.warning(line, { kind: "notAList", objectKind: typeof value["kind"] === "string" ? value["kind"] : null });
      return;
    }
    if (this.format === null) {
      const envelope = typeof value["type"] === "string" && isObject(value["object"]);
      this.format = !envelope ? "object-stream" : bytes.includes(NL) ? "watch-json-stream" : "watch-jsonl";
    }
    this.emit(value, line, bytes);
  }

  private emit(value: Record<string, unknown>, line: number, bytes: Buffer): void {
    if (!isUtf8(bytes)) this.sink.warning(line, { kind: "invalidUtf8" });
    this.sink.value(value, line, null);
  }

  // ---------------------------------------------------------------------------
  // Inside a top-level value

  private scanValue(i: number): number {
    const b = this.buf;
    const end = b.length;
    if (this.inString) {
      i = this.continueString(i);
      if (i < 0 || i >= end) return i < 0 ? -i - 1 : end;
    } else if (this.elementKind === SCALAR_ELEMENT) {
      const stop = findDelimiter(b, i);
      if (stop >= end) return end;
      this.endElement(stop);
      i = stop;
    }
    let depth = this.depth;
    for (; i < end; i++) {
      const c = b[i]!;
      if (c === QUOTE) {
        if (depth === this.elementDepth && this.elementKind === NO_ELEMENT) this.beginElement(i, STRING_ELEMENT);
        const k = this.closingQuote(i + 1, i);
        if (k >= 0) {
          if (this.trackKeys && depth === 1) this.noteString(b.toString("latin1", i + 1, Math.min(k, i + 1 + KEY_MAX + 1)));
          i = k;
          if (this.elementKind === STRING_ELEMENT && depth === this.elementDepth) this.endElement(k + 1);
          continue;
        }
        this.depth = depth;
        if (k < -1) return this.breakInsideString(-k - 2);
        this.inString = true;
        this.keyText = this.trackKeys && depth === 1 ? b.toString("latin1", i + 1, Math.min(end, i + 1 + KEY_MAX + 1)) : null;
        return end;
      }
      if (c <= SP) continue; // whitespace (control bytes outside strings are left to JSON.parse)
      if (c === LBRACE || c === LBRACK) {
        if (c === LBRACE && (i === 0 ? this.prevLast : b[i - 1]) === NL) {
          // A "{" at column 0 inside a value: a new record starts here.
          if (this.mode !== ARRAY && this.mode !== SKIP_ARRAY) {
            this.depth = depth;
            return this.breakTopValue(i);
          }
          if (depth > 1) {
            this.depth = depth;
            this.breakElement(i);
            depth = 1;
          }
        }
        if (depth === this.elementDepth && this.elementKind === NO_ELEMENT) this.beginElement(i, CONTAINER_ELEMENT);
        else if (this.trackKeys && depth === 1) {
          if (c === LBRACK && this.pendingKey === "items" && this.beginList(i)) {
            depth = 2;
            continue;
          }
          this.pendingKey = null;
        }
        depth++;
        continue;
      }
      if (c === RBRACE || c === RBRACK) {
        depth--;
        if (depth === 0) {
          this.depth = 0;
          return this.endTopValue(i + 1);
        }
        if (depth === this.elementDepth) {
          if (this.elementKind !== NO_ELEMENT) this.endElement(i + 1);
        } else if (this.inItems && depth === 1) this.endItems(i + 1);
        continue;
      }
      if (c === COLON) {
        if (this.trackKeys && depth === 1) this.pendingKey = this.lastString;
        continue;
      }
      if (c === COMMA) {
        if (this.trackKeys && depth === 1) this.pendingKey = null;
        continue;
      }
      if (depth === this.elementDepth && this.elementKind === NO_ELEMENT) {
        // A scalar element (number, true, false, null or garbage): read to its delimiter.
        this.beginElement(i, SCALAR_ELEMENT);
        const stop = findDelimiter(b, i + 1);
        this.depth = depth;
        if (stop >= end) return end;
        this.endElement(stop);
        i = stop - 1;
      }
    }
    this.depth = depth;
    return end;
  }

  /**
   * Continues a string that ran past the previous buffer. Returns the index
   * after its closing quote, `end` when it runs past this buffer too, or
   * `-(next) - 1` after a line break inside it changed the state.
   */
  private continueString(i: number): number {
    const b = this.buf;
    const end = b.length;
    const k = this.closingQuote(i + this.skipByte, i + this.skipByte - 1);
    const key = this.keyText;
    if (k === -1) {
      if (key !== null && key.length <= KEY_MAX) this.keyText = key + b.toString("latin1", i, Math.min(end, i + KEY_MAX + 1));
      return end;
    }
    this.inString = false;
    if (k < -1) return -this.breakInsideString(-k - 2) - 1;
    if (key !== null) this.noteString(key.length <= KEY_MAX ? key + b.toString("latin1", i, Math.min(k, i + KEY_MAX + 1)) : key);
    this.keyText = null;
    if (this.elementKind === STRING_ELEMENT && this.depth === this.elementDepth) this.endElement(k + 1);
    return k + 1;
  }

  /**
   * The closing quote of a string whose content starts at `from` (backslashes
   * at or before `floor` are not part of it). Returns its index; -1 when the
   * string runs past the buffer (`skipByte` then says whether the next buffer
   * starts with an escaped byte); `-(newline) - 2` when a raw line break comes first.
   */
  private closingQuote(from: number, floor: number): number {
    const b = this.buf;
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
    const stop = k < 0 ? end : k;
    if (this.nlAfter < stop) return -this.nlAfter - 2;
    if (k >= 0) return k;
    let m = end - 1;
    while (m > floor && b[m] === BACKSLASH) m--;
    this.skipByte = (end - 1 - m) & 1;
    return -1;
  }

  /** A string at depth 1 of a top-level object: remembered in case a `:` makes it a key. */
  private noteString(text: string): void {
    this.lastString = text.length <= KEY_MAX ? text : null;
    this.pendingKey = null;
  }

  private endTopValue(end: number): number {
    this.state = TOP;
    if (this.mode === OBJECT) {
      const bytes = this.capture.end(this.buf, end);
      const value = this.parseRecord(bytes, this.recordLine);
      if (isObject(value) && bytes !== null) this.emitTopObject(value, this.recordLine, bytes);
    } else if (this.mode === LIST) {
      const tail = this.capture.end(this.buf, end);
      let tailObject: Record<string, unknown> = {};
      if (tail !== null) {
        const parsed = parseJson(Buffer.concat([Buffer.from('{"":0'), tail]));
        if (parsed.ok && isObject(parsed.value)) tailObject = parsed.value;
        else this.sink.warning(this.recordLine, { kind: "listTailInvalid" });
      }
      const kind = tailObject["kind"] ?? this.listHead?.["kind"];
      if (typeof kind === "string" && !isListKind(kind)) {
        this.sink.warning(this.recordLine, { kind: "itemsOfNonList", objectKind: kind });
      }
      this.endList(kind, tailObject["apiVersion"] ?? this.listHead?.["apiVersion"]);
    }
    return end;
  }

  // ---------------------------------------------------------------------------
  // Lists and array elements

  /** At `"items": [` in a top-level object: false when the object's kind rules out a List. */
  private beginList(i: number): boolean {
    const head = this.capture.peek(this.buf, i + 1);
    let headObject: Record<string, unknown> | null = null;
    if (head !== null) {
      const parsed = parseJson(Buffer.concat([head, Buffer.from("]}")]));
      if (parsed.ok && isObject(parsed.value)) headObject = parsed.value;
    }
    const kind = headObject?.["kind"];
    if (typeof kind === "string" && !isListKind(kind)) return false;
    if (head !== null && headObject === null) this.sink.warning(this.recordLine, { kind: "listHeadInvalid" });
    this.capture.cancel();
    this.mode = LIST;
    this.trackKeys = false;
    this.inItems = true;
    this.elementDepth = 2;
    this.listHead = headObject;
    this.list = new ListItems(this.sink, this.options.maxRecordBytes, headObject);
    this.format ??= "list";
    return true;
  }

  private endItems(end: number): void {
    this.inItems = false;
    this.elementDepth = -1;
    this.capture.begin(end);
  }

  private endList(kind: unknown, apiVersion: unknown): void {
    this.list?.end(kind, apiVersion);
    this.list = null;
    this.listHead = null;
  }

  private beginElement(i: number, kind: number): void {
    this.elementKind = kind;
    this.elementLine = this.lineAt(i);
    this.capture.begin(i);
  }

  private endElement(end: number): void {
    const line = this.elementLine;
    const bytes = this.capture.end(this.buf, end);
    this.elementKind = NO_ELEMENT;
    const value = this.parseRecord(bytes, line);
    if (value === undefined || bytes === null) return;
    if (!isObject(value)) {
      this.sink.warning(line, { kind: "notAnObject", found: kindOfValue(value) });
      return;
    }
    if (this.list !== null) {
      if (!isUtf8(bytes)) this.sink.warning(line, { kind: "invalidUtf8" });
      this.list.item(value, line, bytes.length);
    } else if (this.mode === ARRAY) this.emit(value, line, bytes);
  }

  /** Parses captured bytes, warning (and returning undefined) when too large or not JSON. */
  private parseRecord(bytes: Buffer | null, line: number): unknown {
    if (bytes === null) {
      this.sink.warning(line, { kind: "recordTooLarge", limitBytes: this.options.maxRecordBytes });
      return undefined;
    }
    const parsed = parseJson(bytes);
    if (parsed.ok) return parsed.value;
    this.sink.warning(line, { kind: "invalidJson", error: parsed.error });
    return undefined;
  }

  // ---------------------------------------------------------------------------
  // Damage

  /** A `{` at column 0 cut the current top-level value short. */
  private breakTopValue(i: number): number {
    const line = this.elementKind !== NO_ELEMENT ? this.elementLine : this.recordLine;
    const next = this.lineAt(i);
    // The lines given up are named, so that garbage after a cut-off record is accounted for.
    this.sink.warning(line, { kind: "incompleteRecord", from: line, next, topLevel: true });
    this.capture.cancel();
    this.elementKind = NO_ELEMENT;
    this.endList(undefined, undefined);
    this.state = TOP;
    return i;
  }

  /** A `{` at column 0 inside an element of a top-level array: the element is cut short. */
  private breakElement(i: number): void {
    if (this.elementKind !== NO_ELEMENT) {
      this.sink.warning(this.elementLine, { kind: "incompleteRecord", from: this.elementLine, next: this.lineAt(i), topLevel: false });
    }
    this.capture.cancel();
    this.elementKind = NO_ELEMENT;
  }

  /** A raw line break inside a string: the record is damaged; skip to the next `{` at column 0. */
  private breakInsideString(newline: number): number {
    this.state = RESYNC;
    this.resyncLine = this.elementKind !== NO_ELEMENT ? this.elementLine : this.recordLine;
    this.resyncExcerpt = null;
    this.resyncIntoArray = this.mode === ARRAY;
    this.capture.cancel();
    this.elementKind = NO_ELEMENT;
    this.inString = false;
    this.endList(undefined, undefined);
    return newline + 1;
  }

  private scanGarbage(i: number): number {
    const b = this.buf;
    const newline = b.indexOf(NL, i);
    const stop = newline < 0 ? b.length : newline;
    if (this.garbageBytes < GARBAGE_KEEP) this.garbage.push(Buffer.from(b.subarray(i, Math.min(stop, i + GARBAGE_KEEP))));
    this.garbageBytes += stop - i;
    if (newline < 0) return b.length;
    this.endGarbage();
    return newline + 1;
  }

  /** A top-level line that is not an object: a bare scalar is reported as such, anything else resynchronises. */
  private endGarbage(): void {
    const text = Buffer.concat(this.garbage).toString("utf8").trim();
    this.garbage = [];
    if (this.garbageBytes <= GARBAGE_KEEP) {
      try {
        const value: unknown = JSON.parse(text);
        this.sink.warning(this.garbageLine, { kind: "notAnObject", found: kindOfValue(value) });
        this.state = TOP;
        return;
      } catch {
        // not JSON: fall through
      }
    }
    this.state = RESYNC;
    this.resyncLine = this.garbageLine;
    this.resyncExcerpt = excerpt(text);
    this.resyncIntoArray = false;
  }

  private scanResync(i: number): number {
    const b = this.buf;
    let at = -1;
    if (b[i] === LBRACE && (i === 0 ? this.prevLast : b[i - 1]) === NL) at = i;
    else {
      const found = b.indexOf(NL_LBRACE, i);
      if (found >= 0) at = found + 1;
    }
    if (at < 0) return b.length;
    const line = this.lineAt(at);
    this.sink.warning(this.resyncLine, this.resyncDiagnostic(line - 1));
    if (this.resyncIntoArray) {
      this.state = VALUE;
      this.mode = ARRAY;
      this.depth = 1;
      this.elementDepth = 1;
    } else this.state = TOP;
    return at;
  }

  /** What was skipped while resynchronising, through line `through` (null: to the end of input). */
  private resyncDiagnostic(through: number | null): Diagnostic {
    const from = this.resyncLine;
    return this.resyncExcerpt === null ? { kind: "lineBreakInString", from, through } : { kind: "notJson", excerpt: this.resyncExcerpt, from, through };
  }

  // ---------------------------------------------------------------------------

  /** 1-based line of byte `i` of the current buffer; `i` never decreases within a buffer. */
  private lineAt(i: number): number {
    const b = this.buf;
    while (this.nlNext < i) {
      this.lineNo++;
      const next = b.indexOf(NL, this.nlNext + 1);
      this.nlNext = next < 0 ? b.length : next;
    }
    return this.lineNo;
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

/** Index of the first byte at or after `i` that ends a scalar (buffer length when none). */
function findDelimiter(b: Buffer, i: number): number {
  const end = b.length;
  for (; i < end; i++) {
    const c = b[i]!;
    if (c <= SP || c === COMMA || c === RBRACK || c === RBRACE || c === LBRACK || c === LBRACE || c === QUOTE || c === COLON) return i;
  }
  return end;
}
