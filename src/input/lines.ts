/** One line of an input: its bytes without the newline, and whether a newline ended it (the last line of a file cut short has none). */
export interface InputLine {
  readonly bytes: Buffer;
  readonly ended: boolean;
}

/**
 * The lines of a byte stream, as they arrive: memory holds one line and one
 * chunk, however long the input. A line spread over chunks is joined once.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<InputLine, void, undefined> {
  let pending: Buffer[] = [];
  for await (const chunk of chunks) {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline >= 0; newline = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, newline);
      if (pending.length === 0) yield { bytes: piece, ended: true };
      else {
        pending.push(piece);
        yield { bytes: Buffer.concat(pending), ended: true };
        pending = [];
      }
      start = newline + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) yield { bytes: Buffer.concat(pending), ended: false };
}
