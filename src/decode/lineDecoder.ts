import { isUtf8 } from "node:buffer";
import { CR, NL, SP, TAB } from "./bytes.js";
import { isObject, kindOfValue, parseJson } from "./json.js";
import type { DecodeSink } from "./types.js";

/**
 * Strict JSONL (the forced `watch-jsonl` format): every non-blank line is one
 * record. A bad line is one warning; the next line is read as usual.
 */
export class LineDecoder {
  private line = 1;
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private oversize = false;
  private carryLine = 1;

  constructor(
    private readonly sink: DecodeSink,
    private readonly maxRecordBytes: number,
  ) {}

  push(buf: Buffer): void {
    let start = 0;
    for (let newline = buf.indexOf(NL); newline >= 0; newline = buf.indexOf(NL, start)) {
      if (this.carry.length > 0 || this.oversize) {
        this.appendCarry(buf.subarray(start, newline));
        this.endCarry();
      } else this.decodeLine(buf, start, newline, this.line);
      this.line++;
      start = newline + 1;
    }
    if (start < buf.length) {
      if (this.carry.length === 0 && !this.oversize) this.carryLine = this.line;
      this.appendCarry(buf.subarray(start));
    }
  }

  finish(): void {
    if (this.carry.length === 0 && !this.oversize) return;
    const bytes = Buffer.concat(this.carry);
    if (!this.oversize && !isBlank(bytes, 0, bytes.length) && !parseJson(bytes).ok) {
      this.sink.warning(this.carryLine, { kind: "truncatedAtEnd" });
      this.carry = [];
      return;
    }
    this.endCarry();
  }

  private appendCarry(part: Buffer): void {
    if (this.oversize) return;
    this.carryBytes += part.length;
    if (this.carryBytes > this.maxRecordBytes) {
      this.oversize = true;
      this.carry = [];
    } else this.carry.push(Buffer.from(part));
  }

  private endCarry(): void {
    if (this.oversize) this.sink.warning(this.carryLine, { kind: "recordTooLarge", limitBytes: this.maxRecordBytes });
    else {
      const bytes = Buffer.concat(this.carry);
      this.decodeLine(bytes, 0, bytes.length, this.carryLine);
    }
    this.carry = [];
    this.carryBytes = 0;
    this.oversize = false;
  }

  private decodeLine(buf: Buffer, start: number, end: number, line: number): void {
    if (isBlank(buf, start, end)) return;
    if (end - start > this.maxRecordBytes) {
      this.sink.warning(line, { kind: "recordTooLarge", limitBytes: this.maxRecordBytes });
      return;
    }
    if (line === 1 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) start += 3;
    const parsed = parseJson(buf, start, end);
    if (!parsed.ok) this.sink.warning(line, { kind: "invalidJson", error: parsed.error });
    else if (!isObject(parsed.value)) this.sink.warning(line, { kind: "notAnObject", found: kindOfValue(parsed.value) });
    else {
      if (!isUtf8(buf.subarray(start, end))) this.sink.warning(line, { kind: "invalidUtf8" });
      this.sink.value(parsed.value, line, null);
    }
  }
}

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== SP && c !== TAB && c !== CR) return false;
  }
  return true;
}
