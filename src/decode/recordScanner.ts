import type { InputFormat } from "../types.js";
import type { Diagnostic } from "../diagnostics.js";
import { CR, LBRACE, LBRACK, NL, SP, TAB } from "./bytes.js";
import { ElementStream } from "./elementStream.js";
import { FastPath } from "./fastPath.js";
import { ItemsKey } from "./itemsKey.js";
import { Resync } from "./resync.js";
import { ScanCursor } from "./scanCursor.js";
import { ScanOutput } from "./scanOutput.js";
import { unreachable, type ScannerOptions, type ScanState, type ValueExits, type ValueMode } from "./scannerTypes.js";
import { TopValue } from "./topValue.js";
import type { DecodeSink } from "./types.js";
import { ValueScanner } from "./valueScanner.js";

/**
 * Splits a byte stream of concatenated JSON values (compact or pretty, with or
 * without watch envelopes), top-level arrays and Lists into records, with the
 * line of each record's first byte. The output does not depend on how the
 * bytes were chunked.
 *
 * Between top-level values this decides what comes next: an object goes to
 * the fast path (FastPath), and to the byte scanner (ValueScanner) when the
 * fast path declines it; arrays and Lists go to the byte scanner, which
 * streams their elements (ElementStream). Damage never stops the scan
 * (Resync): a line that is not JSON or a line break inside a string skips
 * to the next `{` at column 0 (JSON after a prefix on the same line, such
 * as a log header or NUL padding, is read from its `{`), and a `{` at column 0 inside an object
 * always starts a new record, since pretty printers (kubectl, jq,
 * JSON.stringify, Go, Python with indent) indent everything nested.
 */
export class RecordScanner implements ValueExits {
  private state: ScanState = "top";
  private readonly cursor = new ScanCursor();
  private readonly out: ScanOutput;
  private readonly fast: FastPath;
  private readonly elements: ElementStream;
  private readonly top: TopValue;
  private readonly keys = new ItemsKey();
  private readonly scanner: ValueScanner;
  private readonly resync: Resync;

  constructor(
    sink: DecodeSink,
    private readonly options: ScannerOptions,
  ) {
    this.out = new ScanOutput(sink, options);
    this.fast = new FastPath(this.cursor, this.out, options);
    this.elements = new ElementStream(this.cursor, this.out, options.maxRecordBytes);
    this.top = new TopValue(this.cursor, this.out, this.elements, sink, options);
    this.scanner = new ValueScanner(this.cursor, this.top, this.elements, this.keys, this);
    this.resync = new Resync(this.cursor, this.out);
  }

  /** The detected format; null until something recognisable was read. */
  get format(): InputFormat | null {
    return this.out.format;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const cut = this.fast.cutAfterCarried(chunk);
    if (cut > 0) {
      this.push(chunk.subarray(0, cut));
      this.push(chunk.subarray(cut));
      return;
    }
    const buf = this.fast.join(chunk);
    this.cursor.load(buf);
    this.scanner.load();
    const end = buf.length;
    let i = 0;
    while (i < end) {
      switch (this.state) {
        case "value":
          i = this.scanner.scan(i);
          break;
        case "top":
          i = this.scanTop(i);
          break;
        case "resync":
          i = this.scanResync(i);
          break;
        case "garbage":
          i = this.scanGarbage(i);
          break;
        default:
          unreachable(this.state);
      }
    }
    this.top.stash(buf);
    this.cursor.release(end - this.fast.carriedBytes());
  }

  /** The input ended: report what was left open. */
  finish(): void {
    const carried = this.fast.takeCarried();
    if (carried !== null) this.push(carried);
    this.cursor.clear();
    if (this.state === "garbage") this.state = this.resync.endGarbage();
    if (this.state === "resync") this.resync.endOfInput();
    else if (this.state === "value") {
      this.out.warn(this.top.openLine(), { kind: "truncatedAtEnd" });
      this.top.abandon();
    }
    this.resync.flushPrefixes();
    this.state = "top";
  }

  // ValueExits: the byte scanner leaves the value.

  ended(end: number): number {
    this.state = "top";
    this.top.end(end);
    return end;
  }

  cut(at: number): number {
    const line = this.top.openLine();
    // The lines given up are named, so that garbage after a cut-off record is accounted for.
    this.out.warn(line, { kind: "incompleteRecord", from: line, next: this.cursor.lineAt(at), topLevel: true });
    this.top.abandon();
    this.state = "top";
    return at;
  }

  brokenString(newline: number): number {
    this.state = "resync";
    this.resync.brokenString(this.top.openLine(), this.top.mode === "array");
    this.top.abandon();
    return newline + 1;
  }

  // ---------------------------------------------------------------------------

  private scanTop(i: number): number {
    const b = this.cursor.buf;
    const end = b.length;
    while (i < end && isBlank(b[i]!)) i++;
    if (i >= end) return end;
    const c = b[i]!;
    const accept = this.options.accept;
    if (c === LBRACE) {
      if (accept === "arrays") return this.beginValue(i, "skipObject", { kind: "wrongTopLevel", expected: "array", found: "object" });
      const next = this.fast.record(i);
      return next >= 0 ? next : this.beginValue(i, "object", null);
    }
    if (c === LBRACK) {
      if (accept === "objects" || accept === "lists") {
        return this.beginValue(i, "skipArray", { kind: "wrongTopLevel", expected: accept === "lists" ? "list" : "objects", found: "array" });
      }
      return this.beginValue(i, "array", null);
    }
    if (c === 0xef && b[i + 1] === 0xbb && b[i + 2] === 0xbf) return i + 3; // a byte order mark
    this.state = "garbage";
    this.resync.beginGarbage(i);
    return i;
  }

  private beginValue(i: number, mode: ValueMode, rejection: Diagnostic | null): number {
    this.state = "value";
    this.top.begin(i, mode);
    this.scanner.begin(1);
    this.keys.reset(mode === "object" && this.options.expandLists);
    if (rejection !== null) this.out.warn(this.top.line, rejection);
    return i + 1;
  }

  private scanGarbage(i: number): number {
    const json = this.resync.jsonAfterPrefix(i);
    if (json >= 0) {
      this.state = "top";
      return json;
    }
    const next = this.resync.readGarbage(i);
    if (next < 0) return this.cursor.buf.length;
    this.state = this.resync.endGarbage();
    return next;
  }

  private scanResync(i: number): number {
    const at = this.resync.resume(i);
    if (at < 0) return this.cursor.buf.length;
    if (this.resync.intoArray) {
      this.state = "value";
      this.top.resumeArray();
      this.scanner.begin(1);
    } else this.state = "top";
    return at;
  }
}

function isBlank(c: number): boolean {
  return c === SP || c === NL || c === CR || c === TAB;
}
