/**
 * Cuts a YAML stream into the pieces podtrail parses one at a time: each
 * document, and each item of a List's `items:` block sequence on its own, so
 * that a must-gather `events.yaml` of any size is read item by item and a
 * damaged item costs only itself. Only boundaries are found here, from the
 * lines' first columns (as a JSON scanner finds braces); every piece is
 * parsed by the `yaml` library (yamlDecoder.ts).
 *
 * The boundaries are those kubectl, `oc adm inspect` and every YAML emitter
 * write, and that YAML itself requires: a document starts at `---` (or after
 * `...`); a block sequence's entries are `-` at one column, and everything
 * inside an entry is indented further; a line at column 0 that is not `- `
 * ends a sequence at column 0. A line at column 0 inside `items:` that is
 * neither an entry nor a mapping key cannot be YAML there: it and its
 * indented continuation are one damaged piece, and the items after it go on.
 */

/** A line of the input, without its line break (and without a trailing `\r`). */
export interface YamlLine {
  readonly text: string;
  /** 1-based. */
  readonly no: number;
  /** Longer than the record limit: its text was not kept (`text` is empty). */
  readonly oversize?: boolean;
}

export interface DocumentInfo {
  readonly hadItems: boolean;
  readonly tailSeen: boolean;
  readonly cut: boolean;
  /** The document outside its items outgrew the limit: its lines were dropped. */
  readonly headTooLarge: boolean;
  /** The line of the document's first content (not blank, not a comment); null for an empty document. */
  readonly firstLine: number | null;
}

/** What the piece cutter hands on. */
export interface PieceSink {
  /** A new document starts (the previous one has ended). */
  documentStart(): void;
  /**
   * The document's `items:` block sequence starts (or the document is itself
   * a block sequence: `list` false). `head` holds the document's lines before it.
   */
  itemsStart(head: readonly YamlLine[], list: boolean): void;
  /**
   * One entry of the items sequence: its lines, the first holding its `-`.
   * `lastCut`: the input ended inside it, with nothing of its document after
   * the items (kubectl writes `kind` and `metadata` after them).
   */
  item(lines: readonly YamlLine[], lastCut: boolean): void;
  /** Lines at column 0 inside the items that are not YAML there, with their continuation. */
  garbage(lines: readonly YamlLine[]): void;
  /**
   * The document ended. `head` holds its lines outside the items (all of them
   * when it had none); `tailSeen` tells whether any of them came after the
   * items; `cut` is true when the input ended inside the document.
   */
  documentEnd(head: readonly YamlLine[], info: DocumentInfo): void;
  /** An item outgrew `limit` characters: its lines were dropped. */
  tooLarge(line: number): void;
}

type Mode = "head" | "itemsKey" | "items" | "garbage";

const DOC_START = /^---(?:[ \t]|$)/;
const DOC_END = /^\.\.\.(?:[ \t]|$)/;
const ITEMS_KEY = /^items:[ \t]*(?:#.*)?$/;
/** A block mapping key at column 0, as Kubernetes objects have them. */
const KEY_LINE = /^(?:[A-Za-z_$][\w.$/-]*|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$)/;

export class YamlPieces {
  private mode: Mode = "head";
  private head: YamlLine[] = [];
  private headChars = 0;
  private headTooLarge = false;
  /** The document has some content (a line other than blank and comments). */
  private docContent = false;
  private firstLine: number | null = null;
  private hadItems = false;
  private tailSeen = false;
  /** Lines after `items:` while waiting for its first entry. */
  private itemsKeyLines: YamlLine[] = [];
  private itemIndent = 0;
  /** Where the lines after the items start in `head`; null when there are none (or they were not kept). */
  private tailFrom: number | null = null;
  /** The column of the open entry's keys; null until known. */
  private contentIndent: number | null = null;
  private item: YamlLine[] = [];
  private itemChars = 0;
  private itemTooLarge = false;
  private junk: YamlLine[] = [];
  private started = false;

  constructor(
    private readonly sink: PieceSink,
    private readonly limit: number,
  ) {}

  line(line: YamlLine): void {
    const text = line.text;
    if (DOC_START.test(text)) {
      this.endDocument(false);
      this.beginDocument();
      const rest = text.slice(3).trim();
      // `--- {...}` or `--- value`: the document's content starts on the marker line.
      if (rest !== "" && !rest.startsWith("#")) this.content({ text: ` ${text.slice(3)}`, no: line.no });
      return;
    }
    if (DOC_END.test(text)) {
      this.endDocument(false);
      this.started = false;
      return;
    }
    if (!this.started) {
      if (text.startsWith("%") || isBlankOrComment(text)) return; // directives, and nothing before the first document
      this.beginDocument();
    }
    this.content(line);
  }

  /** The input ended. */
  finish(): void {
    this.endDocument(true);
  }

  private beginDocument(): void {
    this.started = true;
    this.sink.documentStart();
  }

  private content(line: YamlLine): void {
    const text = line.text;
    if (this.firstLine === null && !isBlankOrComment(text)) this.firstLine = line.no;
    switch (this.mode) {
      case "head":
        if (!this.hadItems && ITEMS_KEY.test(text)) {
          this.mode = "itemsKey";
          this.itemsKeyLines = [line];
          return;
        }
        if (!this.docContent && !this.hadItems && isEntry(text, 0) && /^-[ \t]+\S/.test(text)) {
          // The document is itself a block sequence: each entry is a record.
          this.startItems(0, false);
          this.itemLine(line, true);
          return;
        }
        if (this.hadItems && this.tailFrom !== null && indentOf(text) === this.itemIndent && isEntry(text, this.itemIndent) && !this.tailOpensBlock()) {
          // An entry after keys that hold no sequence: the "keys" were damage inside the items, which go on.
          const junk = this.head.splice(this.tailFrom);
          this.headChars -= junk.reduce((n, l) => n + l.text.length + 1, 0);
          this.tailFrom = null;
          this.tailSeen = false;
          this.sink.garbage(trimTrailing(junk));
          this.mode = "items";
          this.itemLine(line, true);
          return;
        }
        if (this.hadItems && !isBlankOrComment(text)) this.tailSeen = true;
        this.headLine(line);
        return;
      case "itemsKey": {
        if (isBlankOrComment(text)) {
          this.itemsKeyLines.push(line);
          return;
        }
        const indent = indentOf(text);
        const waited = this.itemsKeyLines.slice(1).some((l) => !isBlankOrComment(l.text));
        if (isEntry(text, indent) && (!waited || indent === 0)) {
          // Lines between `items:` and an entry at column 0 cannot be YAML there: damage, skipped.
          const junk = this.itemsKeyLines.slice(1);
          this.startItems(indent, true);
          if (waited) this.sink.garbage(trimTrailing(junk.slice(junk.findIndex((l) => !isBlankOrComment(l.text)))));
          this.itemLine(line, true);
          return;
        }
        if (indent > 0 || !KEY_LINE.test(text)) {
          // A mapping under `items:`, or damage before the first entry: the next key or entry at column 0 tells.
          this.itemsKeyLines.push(line);
          return;
        }
        // Not a block sequence (`items:` holding a mapping): it is part of the head.
        for (const l of this.itemsKeyLines) this.headLine(l);
        this.itemsKeyLines = [];
        this.mode = "head";
        this.content(line);
        return;
      }
      case "items": {
        if (isBlankOrComment(text)) {
          if (this.item.length > 0) this.itemLine(line, false);
          return;
        }
        const indent = indentOf(text);
        if (indent === this.itemIndent && isEntry(text, indent)) {
          this.endItem();
          this.itemLine(line, true);
          return;
        }
        if (indent > this.itemIndent) {
          this.contentIndent ??= indent;
          // Less indented than the entry's own keys: it cannot be inside the entry.
          if (this.item.length > 0 && indent >= this.contentIndent) this.itemLine(line, false);
          else this.beginJunk(line);
          return;
        }
        if (indent === 0 && !KEY_LINE.test(text)) {
          this.beginJunk(line);
          return;
        }
        // A key at the list's level: the items are over, the rest of the document follows.
        this.endItem();
        this.endJunk();
        this.mode = "head";
        this.tailFrom = this.headTooLarge ? null : this.head.length;
        this.content(line);
        return;
      }
      case "garbage":
        if (isBlankOrComment(text) || indentOf(text) > this.itemIndent) {
          this.junk.push(line);
          return;
        }
        this.endJunk();
        this.mode = "items";
        this.content(line);
        return;
      default:
        unreachableMode(this.mode);
    }
  }

  private startItems(indent: number, list: boolean): void {
    this.hadItems = true;
    this.itemIndent = indent;
    this.mode = "items";
    this.sink.itemsStart(this.head, list);
    this.itemsKeyLines = [];
  }

  private headLine(line: YamlLine): void {
    if (!isBlankOrComment(line.text)) this.docContent = true;
    if (this.headTooLarge) return;
    this.headChars += line.text.length + 1;
    if (this.headChars > this.limit || line.oversize === true) {
      this.headTooLarge = true;
      this.head = [];
      return;
    }
    this.head.push(line);
  }

  /** The last line after the items is a key without a value (`other:`): an entry next is its sequence, not an item. */
  private tailOpensBlock(): boolean {
    for (let i = this.head.length - 1; i >= (this.tailFrom ?? this.head.length); i--) {
      const text = this.head[i]!.text;
      if (!isBlankOrComment(text)) return /:[ \t]*(?:#.*)?$/.test(text);
    }
    return false;
  }

  private beginJunk(line: YamlLine): void {
    this.endItem();
    this.mode = "garbage";
    this.junk = [line];
  }

  private itemLine(line: YamlLine, first: boolean): void {
    if (first) {
      // The column of the entry's content (`- kind: Pod`: 2); on the next line when the `-` stands alone.
      const content = /\S/.exec(line.text.slice(this.itemIndent + 1));
      this.contentIndent = content === null ? null : this.itemIndent + 1 + content.index;
      this.item = [];
      this.itemChars = 0;
      this.itemTooLarge = false;
    }
    if (this.itemTooLarge) {
      if (first) this.item = [line];
      return;
    }
    this.itemChars += line.text.length + 1;
    if (this.itemChars > this.limit || line.oversize === true) {
      this.itemTooLarge = true;
      this.item = [this.item[0] ?? line];
      return;
    }
    this.item.push(line);
  }

  private endItem(lastCut = false): void {
    if (this.item.length === 0) return;
    if (this.itemTooLarge) this.sink.tooLarge(this.item[0]!.no);
    else this.sink.item(trimTrailing(this.item), lastCut);
    this.item = [];
    this.itemTooLarge = false;
  }

  private endJunk(): void {
    if (this.junk.length === 0) return;
    this.sink.garbage(trimTrailing(this.junk));
    this.junk = [];
  }

  private endDocument(cut: boolean): void {
    if (!this.started) return;
    if (this.mode === "itemsKey") for (const l of this.itemsKeyLines) this.headLine(l);
    // The input ended inside the items, with nothing of the document after them: the last item may be cut short.
    const lastCut = cut && (this.mode === "items" || this.mode === "garbage") && !this.tailSeen;
    this.endJunk();
    this.endItem(lastCut);
    this.endJunk();
    this.sink.documentEnd(this.head, { hadItems: this.hadItems, tailSeen: this.tailSeen, cut, headTooLarge: this.headTooLarge, firstLine: this.firstLine });
    this.mode = "head";
    this.head = [];
    this.headChars = 0;
    this.headTooLarge = false;
    this.docContent = false;
    this.firstLine = null;
    this.hadItems = false;
    this.tailSeen = false;
    this.tailFrom = null;
    this.itemsKeyLines = [];
    this.item = [];
    this.junk = [];
    this.started = false;
  }
}

function isBlankOrComment(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) continue;
    return c === 0x23; // '#'
  }
  return true;
}

function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 0x20) i++;
  return i;
}

/** A block sequence entry (`-` then a blank or the end of the line) at column `indent`. */
function isEntry(text: string, indent: number): boolean {
  if (text.charCodeAt(indent) !== 0x2d) return false;
  const next = text.charCodeAt(indent + 1);
  return Number.isNaN(next) || next === 0x20 || next === 0x09;
}

/** Without the blank and comment lines at its end (they separate pieces; they do not belong to the last). */
function trimTrailing(lines: readonly YamlLine[]): YamlLine[] {
  let end = lines.length;
  while (end > 1 && isBlankOrComment(lines[end - 1]!.text)) end--;
  return lines.slice(0, end);
}

function unreachableMode(mode: never): never {
  throw new Error(`decode: unexpected YAML state ${String(mode)}`);
}
