import type { Progress } from "../analyze.js";
import { terminalText } from "../render/terminalText.js";
import { humanizeMs } from "../render/humanize.js";

/** What the progress line needs of stderr: a terminal's width and a way to write. */
export interface ProgressTerminal {
  readonly columns?: number;
  write(text: string): unknown;
}

/**
 * A one-line progress display on a terminal's stderr, redrawn at most 10
 * times a second: the input being read of how many, bytes read of all
 * inputs (of their size on disk, when every size is known), the percentage,
 * records per second and, after a second, the time left at that rate. The
 * line is cut to the terminal's width, so that it never wraps (a wrapped
 * line cannot be erased with one carriage return), and `done` erases it
 * before anything else is written: nothing of it is left above the report.
 */
export function progressLine(stderr: ProgressTerminal, now: () => number = Date.now): { update: (p: Progress) => void; done: () => void } {
  const started = now();
  let last = Number.NEGATIVE_INFINITY;
  let shown = false;
  let finished = false;
  return {
    update(p) {
      const at = now();
      if (finished || at - last < 100) return;
      last = at;
      const width = Math.max(20, (stderr.columns ?? 80) - 1);
      stderr.write(`\r\x1b[2K${progressText(p, at - started, width)}`);
      shown = true;
    },
    done() {
      if (shown && !finished) stderr.write("\r\x1b[2K");
      finished = true;
    },
  };
}

/**
 * `podtrail: reading 2/5: 340.2 of 1024.0 MB (33%), 15092 records/s, 1m 20s left: caps/pods.jsonl`,
 * at most `width` characters: the input's name gives way first, from its start (its end names the file).
 */
export function progressText(p: Progress, elapsedMs: number, width = Number.POSITIVE_INFINITY): string {
  const seconds = Math.max(0.001, elapsedMs / 1000);
  const of = p.inputCount > 1 ? ` ${p.inputNumber}/${p.inputCount}` : "";
  const total = p.totalSize;
  const size = total === null ? "" : ` of ${mb(total)}`;
  const pct = total !== null && total > 0 && p.totalRead <= total ? ` (${Math.floor((100 * p.totalRead) / total)}%)` : "";
  const rate = p.totalRead / seconds;
  // The time left at the rate so far, once a second of reading makes the rate worth something.
  const left = total !== null && elapsedMs >= 1000 && rate > 0 && p.totalRead <= total ? `, ${humanizeMs(((total - p.totalRead) / rate) * 1000)} left` : "";
  const figures = `podtrail: reading${of}: ${mb(p.totalRead)}${size}${pct}, ${Math.round(p.records / seconds)} records/s${left}`;
  const name = [...terminalText(p.input)];
  const room = width - [...figures].length - 2;
  if (room >= name.length) return `${figures}: ${name.join("")}`;
  if (room >= 8) return `${figures}: …${name.slice(name.length - room + 1).join("")}`;
  const chars = [...figures];
  return chars.length <= width ? figures : `${chars.slice(0, width - 1).join("")}…`;
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
