import type { EpochMs } from "../types.js";
import { parseTime } from "../kube/time.js";
import type { LinePrefixKind } from "../diagnostics.js";
import { QUOTE, RBRACE } from "./bytes.js";

export type { LinePrefixKind };

export interface LinePrefix {
  readonly kind: LinePrefixKind;
  /** The time the prefix gives, when it gives a whole one (a klog header has no year). */
  readonly time: EpochMs | null;
}

const KLOG = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6}\s+\d+ \S+:\d+\] $/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2}))\s/;
const CRI_REST = /^(?:stdout|stderr) [FP] $/;
// `<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD `, after an optional octet count (RFC 6587 framing).
const SYSLOG = /^(?:\d+ )?<\d{1,3}>1 (\S+) \S+ \S+ \S+ \S+ (?:-|\[.*\]) $/;

/**
 * Whether text before a `{` may be a prefix to skip: never when it holds a
 * quote or a closing brace, which a fragment of JSON would (a nested object
 * after its key, the rest of a record cut short), so that what is recovered
 * is a record someone wrote, not a piece of one.
 */
export function mayBePrefix(b: Buffer, start: number, end: number): boolean {
  const quote = b.indexOf(QUOTE, start);
  if (quote >= 0 && quote < end) return false;
  const brace = b.indexOf(RBRACE, start);
  return brace < 0 || brace >= end;
}

/** What a prefix is, from its text (a long prefix: its first bytes) and whether all of it was NUL bytes. */
export function classifyPrefix(text: string, allNul: boolean): LinePrefix {
  if (allNul) return { kind: "nul", time: null };
  if (KLOG.test(text)) return { kind: "klog", time: null };
  const stamp = TIMESTAMP.exec(text);
  if (stamp !== null) {
    const time = parseTime(stamp[1]!.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
    const rest = text.slice(stamp[0].length);
    return { kind: CRI_REST.test(rest) ? "cri" : "timestamp", time };
  }
  const syslog = SYSLOG.exec(text);
  if (syslog !== null) return { kind: "syslog", time: parseTime(syslog[1]) };
  return { kind: "text", time: null };
}

/** Whether every byte of `b[start, end)` is NUL. */
export function allNul(b: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] !== 0) return false;
  return true;
}

/**
 * Prefixed lines, reported as runs: a file of container log lines has the
 * same prefix on every line, which is one warning ("lines 1-5000"), not
 * one per line.
 */
export class PrefixRuns {
  private run: { kind: LinePrefixKind; from: number; through: number } | null = null;

  constructor(private readonly report: (from: number, through: number, kind: LinePrefixKind) => void) {}

  /** The JSON on `line` was read after a prefix of this kind. */
  add(line: number, kind: LinePrefixKind): void {
    const run = this.run;
    if (run !== null && run.kind === kind && (line === run.through + 1 || line === run.through)) {
      run.through = line;
      return;
    }
    this.flush();
    this.run = { kind, from: line, through: line };
  }

  /** Reports the open run, if any. */
  flush(): void {
    const run = this.run;
    this.run = null;
    if (run !== null) this.report(run.from, run.through, run.kind);
  }
}
