import { Capture } from "./capture.js";
import type { ElementStream } from "./elementStream.js";
import { isObject, parseJson } from "./json.js";
import { isListKind, ListItems } from "./listItems.js";
import type { ScanCursor } from "./scanCursor.js";
import type { ScanOutput } from "./scanOutput.js";
import { unreachable, type ScannerOptions, type ValueMode } from "./scannerTypes.js";
import type { DecodeSink, JsonObject } from "./types.js";

const LIST_TAIL_PREFIX = Buffer.from('{"":0');
const LIST_HEAD_SUFFIX = Buffer.from("]}");

/**
 * The top-level value the byte scanner is inside: one record whose bytes are
 * captured until its end, or a List or array whose elements stream. A List
 * is only known as one at `"items": [`; the bytes before (its head) and after
 * the items (its tail) are parsed on their own for its `kind` and
 * `apiVersion`, which sorted keys put after the items.
 */
export class TopValue {
  mode: ValueMode = "object";
  /** The line of the value's first byte. */
  line = 0;
  /** Inside a List's items array. */
  inItems = false;
  /** The List's keys before its items; null when they did not parse or are not read yet. */
  private head: JsonObject | null = null;
  /** The record's bytes (mode "object"), or a List's tail. */
  private readonly capture: Capture;

  constructor(
    private readonly cursor: ScanCursor,
    private readonly out: ScanOutput,
    private readonly elements: ElementStream,
    private readonly sink: DecodeSink,
    private readonly options: ScannerOptions,
  ) {
    this.capture = new Capture(options.maxRecordBytes);
  }

  /** A top-level value starts at `i`. */
  begin(i: number, mode: ValueMode): void {
    this.mode = mode;
    this.line = this.cursor.lineAt(i);
    this.inItems = false;
    this.elements.reset(mode === "array" ? 1 : -1);
    if (mode === "object") this.capture.begin(i);
    if (mode === "array") this.out.format ??= "array";
  }

  /** Resynchronised inside the array started at `line`: its elements go on. */
  resumeArray(): void {
    this.mode = "array";
    this.elements.reset(1);
  }

  /** The line a loss inside the value is reported at: the open element's, else the value's. */
  openLine(): number {
    return this.elements.kind !== "none" ? this.elements.line : this.line;
  }

  /** At `"items": [` (the `[` at `i`) in a top-level object: false when the object's kind rules out a List. */
  beginList(i: number): boolean {
    const head = this.capture.peek(this.cursor.buf, i + 1);
    let headObject: JsonObject | null = null;
    if (head !== null) {
      const parsed = parseJson(Buffer.concat([head, LIST_HEAD_SUFFIX]));
      if (parsed.ok && isObject(parsed.value)) headObject = parsed.value;
    }
    const kind = headObject?.["kind"];
    if (typeof kind === "string" && !isListKind(kind)) return false;
    if (head !== null && headObject === null) this.out.warn(this.line, { kind: "listHeadInvalid" });
    this.capture.cancel();
    this.mode = "list";
    this.inItems = true;
    this.head = headObject;
    this.elements.beginList(new ListItems(this.sink, this.options.maxRecordBytes, headObject));
    this.out.format ??= "list";
    return true;
  }

  /** The items array closed before `end`: the List's tail is captured from there. */
  endItems(end: number): void {
    this.inItems = false;
    this.elements.endItems();
    this.capture.begin(end);
  }

  /** The value's last byte is before `end`. */
  end(end: number): void {
    switch (this.mode) {
      case "object": {
        const bytes = this.capture.end(this.cursor.buf, end);
        const value = this.out.parse(bytes, this.line);
        if (isObject(value) && bytes !== null) this.out.topObject(value, this.line, bytes);
        break;
      }
      case "list":
        this.endListValue(end);
        break;
      case "array":
      case "skipObject":
      case "skipArray":
        break; // elements went out as they ended; a rejected value is not kept
      default:
        unreachable(this.mode);
    }
  }

  /** The value is given up (cut short, or the input ended inside it). */
  abandon(): void {
    this.capture.cancel();
    this.elements.drop();
    this.endList(undefined, undefined);
  }

  /** A buffer is about to be replaced: keep the open captures' bytes. */
  stash(buf: Buffer): void {
    this.capture.stash(buf);
    this.elements.stash(buf);
  }

  private endListValue(end: number): void {
    const tail = this.capture.end(this.cursor.buf, end);
    let tailObject: JsonObject = {};
    if (tail !== null) {
      // The tail starts at the `,` or `}` after the items: prefixed with a key, it parses as an object.
      const parsed = parseJson(Buffer.concat([LIST_TAIL_PREFIX, tail]));
      if (parsed.ok && isObject(parsed.value)) tailObject = parsed.value;
      else this.out.warn(this.line, { kind: "listTailInvalid" });
    }
    const kind = tailObject["kind"] ?? this.head?.["kind"];
    if (typeof kind === "string" && !isListKind(kind)) this.out.warn(this.line, { kind: "itemsOfNonList", objectKind: kind });
    this.endList(kind, tailObject["apiVersion"] ?? this.head?.["apiVersion"]);
  }

  private endList(kind: unknown, apiVersion: unknown): void {
    this.elements.endList(kind, apiVersion);
    this.head = null;
  }
}
