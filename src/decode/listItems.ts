import type { DecodeSink, ImpliedKind } from "./types.js";

/** The List kind is not known yet (its `kind` key comes after `items`). */
const UNKNOWN = Symbol("unknown list kind");

/** `PodList` -> Pod (with the list's apiVersion); `List` and anything else -> null. */
export function impliedKindOf(kind: unknown, apiVersion: unknown): ImpliedKind | null {
  if (typeof kind !== "string" || kind === "List" || !kind.endsWith("List")) return null;
  return { kind: kind.slice(0, -"List".length), apiVersion: typeof apiVersion === "string" ? apiVersion : null };
}

export function isListKind(kind: string): boolean {
  return kind.endsWith("List");
}

interface PendingItem {
  readonly value: Record<string, unknown>;
  readonly line: number;
}

/**
 * Passes the items of one List to the sink with the kind the list implies.
 *
 * The list's `kind` and `apiVersion` usually precede `items` (API server,
 * kubectl); files with sorted keys put `kind` after `items`. Items carrying
 * their own `kind` never need the list's and go out at once; an item without
 * one, read while the list kind is still unknown, is held (with every item
 * after it, to keep the order) until the list ends. The held items are
 * bounded by `maxBytes`: past it they go out with a null implied kind and
 * one warning.
 */
export class ListItems {
  private implied: ImpliedKind | null | typeof UNKNOWN;
  private readonly pending: PendingItem[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly sink: DecodeSink,
    private readonly maxBytes: number,
    head: Readonly<Record<string, unknown>> | null,
  ) {
    const kind = head?.["kind"];
    const known = typeof kind === "string" && (kind === "List" || (head !== null && "apiVersion" in head));
    this.implied = known ? impliedKindOf(kind, head?.["apiVersion"]) : UNKNOWN;
  }

  item(value: Record<string, unknown>, line: number, bytes: number): void {
    if (this.pending.length === 0 && (this.implied !== UNKNOWN || typeof value["kind"] === "string")) {
      this.sink.value(value, line, this.implied === UNKNOWN ? null : this.implied);
      return;
    }
    this.pending.push({ value, line });
    this.pendingBytes += bytes;
    if (this.pendingBytes > this.maxBytes) {
      this.sink.warning(this.pending[0]!.line, { kind: "listKindLate", limitBytes: this.maxBytes });
      this.implied = null;
      this.flush();
    }
  }

  /** The list ended: `kind`/`apiVersion` as finally known (undefined when absent). */
  end(kind: unknown, apiVersion: unknown): void {
    if (this.implied === UNKNOWN) this.implied = impliedKindOf(kind, apiVersion);
    this.flush();
  }

  private flush(): void {
    const implied = this.implied === UNKNOWN ? null : this.implied;
    for (const { value, line } of this.pending) this.sink.value(value, line, implied);
    this.pending.length = 0;
    this.pendingBytes = 0;
  }
}
