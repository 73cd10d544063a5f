/**
 * The bytes of the record being read, which may span buffers: a slice of the
 * current buffer, plus copies of the earlier buffers' parts. Past `maxBytes`
 * the parts are dropped (the record will be skipped), so memory stays bounded.
 */
export class Capture {
  active = false;
  private start = 0;
  private parts: Buffer[] = [];
  private partsBytes = 0;
  private oversize = false;

  constructor(private readonly maxBytes: number) {}

  begin(at: number): void {
    this.active = true;
    this.start = at;
    this.parts = [];
    this.partsBytes = 0;
    this.oversize = false;
  }

  cancel(): void {
    this.active = false;
    this.parts = [];
  }

  /** `buf` is about to be replaced: keep a copy of the open record's bytes. */
  stash(buf: Buffer): void {
    if (!this.active) return;
    if (!this.oversize) {
      const tail = buf.subarray(this.start);
      this.partsBytes += tail.length;
      if (this.partsBytes > this.maxBytes) {
        this.oversize = true;
        this.parts = [];
      } else if (tail.length > 0) this.parts.push(Buffer.from(tail));
    }
    this.start = 0;
  }

  /** The bytes so far, up to `end` of `buf`, without ending the capture; null when over the limit. */
  peek(buf: Buffer, end: number): Buffer | null {
    if (this.oversize) return null;
    const last = buf.subarray(this.start, end);
    const total = this.partsBytes + last.length;
    if (total > this.maxBytes) return null;
    return this.parts.length === 0 ? last : Buffer.concat([...this.parts, last], total);
  }

  /** Ends the capture at `end` of `buf`: its bytes, or null when over the limit (or none was open). */
  end(buf: Buffer, end: number): Buffer | null {
    const bytes = this.active ? this.peek(buf, end) : null;
    this.cancel();
    this.partsBytes = 0;
    return bytes;
  }
}
