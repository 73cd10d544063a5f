import { isUtf8 } from "node:buffer";
import { isMap, isSeq, parseDocument, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions, type ToJSOptions } from "yaml";
import type { InputFormat } from "../types.js";
import { NL } from "./bytes.js";
import { excerpt, isObject, kindOfValue, oneLine } from "./json.js";
import { isListKind, ListItems } from "./listItems.js";
import { recordWithSpecAsRead } from "./specAsRead.js";
import type { DecodeSink } from "./types.js";
import { YamlPieces, type DocumentInfo, type PieceSink, type YamlLine } from "./yamlPieces.js";

/**
 * YAML 1.2 with its core schema, as kubectl and `oc` write it (go-yaml quotes
 * every string that another schema would read otherwise): timestamps stay
 * strings (`2024-01-01T00:00:00Z` is not a Date), `yes`/`no` are strings,
 * numbers and booleans are what JSON would give. `.inf` and `.nan` stay
 * strings, as JSON has no such numbers. Duplicate keys keep the last value,
 * as JSON.parse does. Aliases are bounded (a "billion laughs" document is an
 * error, not a hang).
 */
const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.2",
  schema: "core",
  uniqueKeys: false,
  merge: false,
  intAsBigInt: false,
  prettyErrors: true,
  customTags: (tags) => (Array.isArray(tags) ? tags.filter((tag) => !(typeof tag === "object" && "test" in tag && tag.test?.test(".inf") === true)) : tags),
};
const TO_JS: ToJSOptions = { maxAliasCount: 100, mapAsMap: false };

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string; readonly line: number };

/**
 * Reads a YAML stream (docs/spec.md §1.2, `yaml`) as records: every document
 * is one, except a List (`kind: List`, `PodList`, `EventList`, ... holding an
 * `items:` sequence), whose items are, and a document that is a sequence,
 * whose entries are. Items are parsed one by one as they end (yamlPieces.ts),
 * so memory follows the largest item, not the list. Each record reaches the
 * sink as the JSON value the same object written as JSON would give, at the
 * line of its document's first content or of its item's `-`.
 *
 * Damage costs the piece it is in: a piece that is not YAML is a warning at
 * its line and the next piece is read as usual.
 */
export class YamlDecoder implements PieceSink {
  /** `yaml` once a document started; null while none did. */
  format: InputFormat | null = null;
  private readonly pieces: YamlPieces;
  private line = 1;
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private list: ListItems | null = null;
  /** The list's `kind` was not among the lines before its items: kubectl writes it after them. */
  private listExpectsTail = false;
  /** The document is a sequence, not a List. */
  private sequence = false;
  /** The last line of the input had no line break (the input may have been cut inside it). */
  private lastLineOpen = false;

  constructor(
    private readonly sink: DecodeSink,
    private readonly maxRecordBytes: number,
  ) {
    this.pieces = new YamlPieces(this, maxRecordBytes);
  }

  push(buf: Buffer): void {
    let start = 0;
    for (let newline = buf.indexOf(NL); newline >= 0; newline = buf.indexOf(NL, start)) {
      if (this.carry.length > 0 || this.carryBytes > 0) {
        this.appendCarry(buf.subarray(start, newline));
        this.endCarry();
      } else this.lineOf(buf.subarray(start, newline));
      start = newline + 1;
    }
    if (start < buf.length) this.appendCarry(buf.subarray(start));
  }

  finish(): void {
    if (this.carry.length > 0 || this.carryBytes > 0) {
      this.lastLineOpen = true;
      this.endCarry();
    }
    this.pieces.finish();
  }

  // PieceSink ---------------------------------------------------------------

  documentStart(): void {
    this.format = "yaml";
    this.list = null;
    this.sequence = false;
  }

  itemsStart(head: readonly YamlLine[], list: boolean): void {
    this.format = "yaml";
    this.sequence = !list;
    if (!list) {
      this.list = new ListItems(this.sink, this.maxRecordBytes, { kind: "List" });
      this.listExpectsTail = false;
      return;
    }
    const before = head.length === 0 ? null : this.parse(head);
    const value = before?.ok && isObject(before.value) ? before.value : null;
    this.list = new ListItems(this.sink, this.maxRecordBytes, value);
    this.listExpectsTail = typeof value?.["kind"] !== "string";
  }

  item(lines: readonly YamlLine[], lastCut: boolean): void {
    const line = lines[0]!.no;
    if (lastCut && this.listExpectsTail) {
      // kubectl writes `kind` and `metadata` after the items: a list without them was cut, and so may be its last item.
      this.sink.warning(line, { kind: "truncatedAtEnd" });
      return;
    }
    const parsed = this.parse(lines);
    if (!parsed.ok) {
      // At the record's line, as for JSON; the library's own place is in the message.
      this.warnUnparsed({ ...parsed, line }, lastCut);
      return;
    }
    // The piece is a sequence of this one entry.
    const value = Array.isArray(parsed.value) ? (parsed.value[0] as unknown) : undefined;
    if (!isObject(value)) {
      this.sink.warning(line, { kind: "notAnObject", found: kindOfValue(value ?? null) });
      return;
    }
    this.list?.item(value, line, lines.reduce((n, l) => n + l.text.length + 1, 0));
  }

  garbage(lines: readonly YamlLine[]): void {
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    this.sink.warning(first.no, { kind: "notYaml", excerpt: excerpt(first.text.trim()), from: first.no, through: last.no });
  }

  tooLarge(line: number): void {
    this.sink.warning(line, { kind: "recordTooLarge", limitBytes: this.maxRecordBytes });
  }

  documentEnd(head: readonly YamlLine[], info: DocumentInfo): void {
    const line = info.firstLine ?? head[0]?.no ?? this.line;
    if (info.headTooLarge) {
      this.tooLarge(line);
      this.list?.end(undefined, undefined);
      return;
    }
    if (info.hadItems) {
      const list = this.list;
      this.list = null;
      if (this.sequence || list === null) {
        list?.end(undefined, undefined);
        return;
      }
      const parsed = head.length === 0 ? ({ ok: true, value: null } as const) : this.parse(head);
      if (!parsed.ok) {
        this.sink.warning(parsed.line, { kind: "invalidYaml", error: parsed.error, where: "list" });
        list.end(undefined, undefined);
        return;
      }
      const value = isObject(parsed.value) ? parsed.value : null;
      const kind = value?.["kind"];
      if (typeof kind === "string" && !isListKind(kind)) this.sink.warning(line, { kind: "itemsOfNonList", objectKind: kind });
      list.end(kind, value?.["apiVersion"]);
      return;
    }
    if (head.length === 0 || info.firstLine === null) return; // an empty document (`---` alone, or comments)
    const parsed = this.parse(head);
    if (!parsed.ok) {
      this.warnUnparsed(parsed, info.cut);
      return;
    }
    if (parsed.value === null || parsed.value === undefined) return;
    if (!isObject(parsed.value)) {
      this.sink.warning(line, { kind: "notAnObject", found: kindOfValue(parsed.value) });
      return;
    }
    this.format = "yaml";
    this.sink.value(parsed.value, line, null);
  }

  // -------------------------------------------------------------------------

  /** A piece that did not parse: cut off by the end of the input, or damaged. */
  private warnUnparsed(parsed: Extract<Parsed, { ok: false }>, atEnd: boolean): void {
    if (atEnd && this.lastLineOpen) this.sink.warning(parsed.line, { kind: "truncatedAtEnd" });
    else this.sink.warning(parsed.line, { kind: "invalidYaml", error: parsed.error, where: "record" });
  }

  private parse(lines: readonly YamlLine[]): Parsed {
    let doc: Document.Parsed;
    try {
      doc = parseDocument(lines.map((l) => l.text).join("\n"), PARSE_OPTIONS);
    } catch (error) {
      return { ok: false, error: oneLine(error instanceof Error ? error.message : String(error)), line: lines[0]!.no };
    }
    const error = doc.errors[0];
    if (error !== undefined) {
      const at = error.linePos?.[0]?.line ?? 1;
      return { ok: false, error: firstLine(error.message), line: lines[Math.min(Math.max(at, 1), lines.length) - 1]!.no };
    }
    trimManagedFields(doc);
    try {
      const value = doc.toJS(TO_JS) as unknown;
      // The record is the piece's one item when it is a list item, as for managedFields.
      recordWithSpecAsRead(Array.isArray(value) ? value[0] : value);
      return { ok: true, value };
    } catch (error) {
      // Too many aliases, or an alias to nothing.
      return { ok: false, error: oneLine(error instanceof Error ? error.message : String(error)), line: lines[0]!.no };
    }
  }

  private appendCarry(part: Buffer): void {
    this.carryBytes += part.length;
    if (this.carryBytes > this.maxRecordBytes) this.carry = [];
    else if (part.length > 0) this.carry.push(Buffer.from(part));
  }

  private endCarry(): void {
    if (this.carryBytes > this.maxRecordBytes) {
      this.pieces.line({ text: "", no: this.line, oversize: true });
      this.line++;
    } else this.lineOf(this.carry.length === 1 ? this.carry[0]! : Buffer.concat(this.carry));
    this.carry = [];
    this.carryBytes = 0;
  }

  private lineOf(bytes: Buffer): void {
    let start = 0;
    let end = bytes.length;
    if (this.line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    if (end > start && bytes[end - 1] === 0x0d) end--;
    const slice = bytes.subarray(start, end);
    if (!isUtf8(slice)) this.sink.warning(this.line, { kind: "invalidUtf8" });
    if (end - start > this.maxRecordBytes) this.pieces.line({ text: "", no: this.line, oversize: true });
    else this.pieces.line({ text: slice.toString("utf8"), no: this.line });
    this.line++;
  }
}

/**
 * `metadata.managedFields` as the JSON decoder hands it on (parseRecord.ts; its spec too, `specAsRead.ts`):
 * each entry's `time` only, the rest (fieldsV1, a large share of a pod) never
 * converted. For a record, a list item (the piece is a sequence of one) and a
 * watch envelope's object.
 */
function trimManagedFields(doc: Document.Parsed): void {
  const root = doc.contents;
  const record = isSeq(root) ? root.items[0] : root;
  if (!isMap(record)) return;
  for (const holder of [record, record.get("object", true)]) {
    if (!isMap(holder)) continue;
    const metadata = holder.get("metadata", true);
    if (!isMap(metadata)) continue;
    const managed = metadata.get("managedFields", true);
    if (!isSeq(managed)) continue;
    const times: { time: string }[] = [];
    for (const entry of managed.items) {
      const time = isMap(entry) ? entry.get("time") : undefined;
      if (typeof time === "string") times.push({ time });
    }
    metadata.set("managedFields", doc.createNode(times));
  }
}

/** The first line of a `yaml` error message (the rest is a picture of the place). */
function firstLine(message: string): string {
  const text = message.split("\n", 1)[0] ?? message;
  // The place is the warning's line; the library counts lines of the piece, not of the input.
  return text.replace(/ at line \d+, column \d+:?$/, "").replace(/:$/, "");
}
