/** Longest key remembered: only `items` matters, so longer strings need not be kept. */
const KEY_MAX = 16;

/**
 * Watches the keys at depth 1 of a top-level object for `"items": [`, where
 * a List's items start: from there they are streamed one by one instead of
 * the List being held whole. The byte scanner reports each string, `:` and
 * `,` at that depth while `active`.
 */
export class ItemsKey {
  /** Keys are being watched: the value is a top-level object and Lists are streamed. */
  active = false;
  /** The start of a string at depth 1 that runs past the buffer; null when not watched. */
  private partial: string | null = null;
  /** The last string at depth 1, while it may still become a key (null when longer than any key watched). */
  private last: string | null = null;
  /** The key whose value comes next. */
  private pending: string | null = null;

  reset(active: boolean): void {
    this.active = active;
    this.last = null;
    this.pending = null;
  }

  /** The string at depth 1 in `b[from, to)`: remembered in case a `:` makes it a key. */
  string(b: Buffer, from: number, to: number): void {
    this.remember(keyText(b, from, to));
  }

  colon(): void {
    this.pending = this.last;
  }

  /** A `,` or the start of a value other than the items array. */
  clear(): void {
    this.pending = null;
  }

  /** The value starting now is that of `items`. */
  atItems(): boolean {
    return this.pending === "items";
  }

  /** A string at depth 1 runs past the buffer from `from`: keep its start. */
  begin(b: Buffer, from: number): void {
    this.partial = keyText(b, from, b.length);
  }

  /** A string at any other depth runs past the buffer. */
  ignore(): void {
    this.partial = null;
  }

  /** More of the string that ran past a buffer: `b[from, to)`. */
  extend(b: Buffer, from: number, to: number): void {
    const partial = this.partial;
    if (partial !== null && partial.length <= KEY_MAX) this.partial = partial + keyText(b, from, to);
  }

  /** The string that ran past a buffer ends with `b[from, to)`. */
  end(b: Buffer, from: number, to: number): void {
    const partial = this.partial;
    if (partial !== null) this.remember(partial.length <= KEY_MAX ? partial + keyText(b, from, to) : partial);
    this.partial = null;
  }

  private remember(text: string): void {
    this.last = text.length <= KEY_MAX ? text : null;
    this.pending = null;
  }
}

/** Up to KEY_MAX + 1 characters of `b[from, to)`, enough to tell a short key from a longer string. */
function keyText(b: Buffer, from: number, to: number): string {
  return b.toString("latin1", from, Math.min(to, from + KEY_MAX + 1));
}
