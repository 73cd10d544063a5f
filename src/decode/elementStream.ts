import { Capture } from "./capture.js";
import { indentedElementEnd } from "./indentedElement.js";
import { isObject, kindOfValue, parseOrUndefined } from "./json.js";
import type { ListItems } from "./listItems.js";
import type { ScanCursor } from "./scanCursor.js";
import type { ScanOutput } from "./scanOutput.js";
import type { ElementKind } from "./scannerTypes.js";

/**
 * The elements of a top-level array and the items of a List, each parsed
 * and handed on as soon as its last byte is read, so that a document of any
 * size is never held whole. The byte scanner says where each element begins
 * and ends (it alone knows strings and depth); this captures its bytes
 * across buffers and reports what cannot be used.
 */
export class ElementStream {
  /** The depth at which elements start: 1 in an array, 2 in a List's items, -1 outside either. */
  depth = -1;
  /** The element being read. */
  kind: ElementKind = "none";
  /** The line of the open element's first byte. */
  line = 0;
  /** The List whose items these are; null in an array. */
  private list: ListItems | null = null;
  private readonly capture: Capture;

  constructor(
    private readonly cursor: ScanCursor,
    private readonly out: ScanOutput,
    private readonly maxRecordBytes: number,
  ) {
    this.capture = new Capture(maxRecordBytes);
  }

  /**
   * The object element whose `{` is at `i`, taken whole when it is
   * pretty-printed and ends in this buffer: its end is found with native
   * searches and the byte scanner does not walk its bytes, which for the
   * items of a List is most of the file. Returns the index after it, or -1
   * (nothing taken) for the byte scanner to read it: the same element, as
   * only an element that parses to an object is taken here.
   */
  takeIndented(i: number): number {
    const b = this.cursor.buf;
    const end = indentedElementEnd(b, i, this.maxRecordBytes);
    if (end < 0) return -1;
    const value = parseOrUndefined(b, i, end);
    if (!isObject(value)) return -1;
    const line = this.cursor.lineAt(i);
    const bytes = b.subarray(i, end);
    if (this.list !== null) {
      this.out.checkUtf8(line, bytes);
      this.list.item(value, line, bytes.length);
    } else this.out.record(value, line, bytes);
    return end;
  }

  /** A new top-level value: elements start at `depth` (-1: none). */
  reset(depth: number): void {
    this.depth = depth;
    this.kind = "none";
    this.list = null;
  }

  /** A List's items start: they are elements at depth 2. */
  beginList(list: ListItems): void {
    this.list = list;
    this.depth = 2;
  }

  /** The items array closed; the List's own keys may follow. */
  endItems(): void {
    this.depth = -1;
  }

  /** The List ended (or was cut short): items held back for its kind go out. */
  endList(kind: unknown, apiVersion: unknown): void {
    this.list?.end(kind, apiVersion);
    this.list = null;
  }

  begin(i: number, kind: ElementKind): void {
    this.kind = kind;
    this.line = this.cursor.lineAt(i);
    this.capture.begin(i);
  }

  /** The open element's last byte is before `end`. */
  end(end: number): void {
    const line = this.line;
    const bytes = this.capture.end(this.cursor.buf, end);
    this.kind = "none";
    const value = this.out.parse(bytes, line);
    if (value === undefined || bytes === null) return;
    if (!isObject(value)) {
      this.out.warn(line, { kind: "notAnObject", found: kindOfValue(value) });
      return;
    }
    if (this.list !== null) {
      this.out.checkUtf8(line, bytes);
      this.list.item(value, line, bytes.length);
    } else this.out.record(value, line, bytes);
  }

  /** A `{` at column 0 (at `i`) inside an element: the element is cut short, and the `{` starts the next one. */
  cut(i: number): void {
    if (this.kind !== "none") {
      this.out.warn(this.line, { kind: "incompleteRecord", from: this.line, next: this.cursor.lineAt(i), topLevel: false });
    }
    this.drop();
  }

  /** The open element, if any, is given up (its loss is reported by the caller). */
  drop(): void {
    this.capture.cancel();
    this.kind = "none";
  }

  /** A buffer is about to be replaced: keep the open element's bytes. */
  stash(buf: Buffer): void {
    this.capture.stash(buf);
  }
}
