/**
 * Pull-based reads over an input's chunks, with bytes given back: the gzip
 * reader takes a gzip member's header and trailer byte by byte and hands the
 * deflate data to zlib in slices, giving back what zlib did not consume.
 */
export class ByteReader {
  /** Bytes given back or not yet handed out, oldest first. */
  private readonly pending: Buffer[] = [];
  private done = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Up to `max` bytes (at least one), or null at the end of the input. */
  async chunk(max: number): Promise<Buffer | null> {
    while (this.pending.length === 0) {
      if (this.done) return null;
      const next = await this.source.next();
      if (next.done === true) {
        this.done = true;
        return null;
      }
      if (next.value.length > 0) this.pending.push(next.value);
    }
    const first = this.pending[0]!;
    if (first.length <= max) {
      this.pending.shift();
      return first;
    }
    this.pending[0] = first.subarray(max);
    return first.subarray(0, max);
  }

  /** `n` bytes, or fewer when the input ends first. */
  async exactly(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let have = 0;
    while (have < n) {
      const part = await this.chunk(n - have);
      if (part === null) break;
      parts.push(part);
      have += part.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** The next byte, or null at the end of the input. */
  async byte(): Promise<number | null> {
    const b = await this.chunk(1);
    return b === null ? null : b[0]!;
  }

  /** Gives bytes back: the next read starts with them. */
  unshift(bytes: Buffer): void {
    if (bytes.length > 0) this.pending.unshift(bytes);
  }

  /** Reads to the end: how many bytes were left and whether all of them were zero. */
  async drain(): Promise<{ bytes: number; zeros: boolean }> {
    let bytes = 0;
    let zeros = true;
    for (let part = await this.chunk(Infinity); part !== null; part = await this.chunk(Infinity)) {
      bytes += part.length;
      if (zeros && part.some((b) => b !== 0)) zeros = false;
    }
    return { bytes, zeros };
  }
}
