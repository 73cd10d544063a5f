import { isUtf8 } from "node:buffer";
import type { EpochMs } from "../types.js";
import { CR, LBRACE, NL, SP, TAB } from "./bytes.js";
import { isObject, kindOfValue, parseJson } from "./json.js";
import { allNul, classifyPrefix, mayBePrefix, PrefixRuns } from "./linePrefix.js";
import type { DecodeSink } from "./types.js";

/**
 * Strict JSONL (the forced `watch-jsonl` format): every non-blank line is one
 * record. A bad line is one warning; the next line is read as usual. JSON
 * after a prefix on its line (a log header, NUL padding) is read from its
 * `{`, and the prefix reported, as the record scanner does.
 */
export class LineDecoder {
  private line = 1;
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private oversize = false;
  private carryLine = 1;
  private readonly prefixes: PrefixRuns;

  constructor(
    private readonly sink: DecodeSink,
    private readonly maxRecordBytes: number,
  ) {
    this.prefixes = new PrefixRuns((from, through, prefix) => sink.warning(from, { kind: "linePrefix", prefix, from, through }));
  }

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
    this.finishCarry();
    this.prefixes.flush();
  }

  private finishCarry(): void {
    if (this.carry.length === 0 && !this.oversize) return;
    const bytes = Buffer.concat(this.carry);
    if (!this.oversize && !isBlank(bytes, 0, bytes.length) && !parseJson(bytes, jsonStart(bytes, 0, bytes.length)).ok) {
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
    let parsed = parseJson(buf, start, end);
    let prefixTime: EpochMs | null = null;
    const brace = parsed.ok || buf[start] === LBRACE ? start : jsonStart(buf, start, end);
    if (brace > start) {
      const after = parseJson(buf, brace, end);
      if (after.ok) {
        parsed = after;
        const prefix = classifyPrefix(buf.toString("latin1", start, Math.min(brace, start + 256)), allNul(buf, start, brace));
        this.prefixes.add(line, prefix.kind);
        prefixTime = prefix.time;
        start = brace;
      }
    }
    if (!parsed.ok) this.sink.warning(line, { kind: "invalidJson", error: parsed.error });
    else if (!isObject(parsed.value)) this.sink.warning(line, { kind: "notAnObject", found: kindOfValue(parsed.value) });
    else {
      if (!isUtf8(buf.subarray(start, end))) this.sink.warning(line, { kind: "invalidUtf8" });
      this.sink.value(parsed.value, line, null, prefixTime);
    }
  }
}

/** Where the JSON after a prefix starts on the line `buf[start, end)`: its `{`, else `start`. */
function jsonStart(buf: Buffer, start: number, end: number): number {
  const brace = buf.indexOf(LBRACE, start);
  return brace > start && brace < end && mayBePrefix(buf, start, brace) ? brace : start;
}

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== SP && c !== TAB && c !== CR) return false;
  }
  return true;
}
