import { Capture } from "./capture.js";
import { isObject, kindOfValue } from "./json.js";
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
    maxRecordBytes: number,
  ) {
    this.capture = new Capture(maxRecordBytes);
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
