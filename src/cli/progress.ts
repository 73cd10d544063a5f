import type { Progress } from "../analyze.js";
import { terminalText } from "../render/terminalText.js";

/**
 * A one-line progress display on a terminal's stderr (bytes read of the
 * input's size, records per second), redrawn at most 10 times a second.
 */
export function progressLine(stderr: NodeJS.WriteStream): { update: (p: Progress) => void; done: () => void } {
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const seconds = Math.max(0.001, (now - started) / 1000);
      const size = p.size === null ? "" : ` of ${mb(p.size)}`;
      const pct = p.size !== null && p.size > 0 && p.bytes <= p.size ? ` (${Math.floor((100 * p.bytes) / p.size)}%)` : "";
      stderr.write(`\r\x1b[2Kpodtrail: ${terminalText(p.input)}: ${mb(p.bytes)}${size}${pct}, ${Math.round(p.records / seconds)} records/s`);
      shown = true;
    },
    done() {
      if (shown) stderr.write("\r\x1b[2K");
    },
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
