import { terminalText } from "./terminalText.js";

/**
 * A duration for people: `850ms`, `1.2s`, `3m 4s`, `2h 5m`, `3d 4h`.
 *
 * Plain arithmetic on milliseconds (a day is 86,400 s), never calendar fields,
 * so the machine's time zone cannot change a figure. From a minute up, the
 * value is rounded to whole seconds once and every unit is cut from that
 * rounded value: 59.6 s past 46 minutes reads `47m 0s`, never `46m 60s`. No
 * Node import: the HTML page's script bundles this same function.
 */
export function humanizeMs(ms: number | null): string {
  if (ms === null) return "-";
  const rounded = Math.round(ms);
  if (rounded < 1000) return `${rounded}ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${tenths / 10}s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor(s / 60) % 60}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor(s / 3600) % 24}h`;
}

/** An offset from an earlier time, signed: `+3m 4s`, `-850ms`. */
export function humanizeOffsetMs(ms: number): string {
  return ms < 0 ? `-${humanizeMs(-ms)}` : `+${humanizeMs(ms)}`;
}

/**
 * Left-aligned text table with two spaces between columns; `right` marks
 * numeric columns. Cells are shown through `terminalText`, and the widths
 * measured on what is shown: a tab or a newline in a name cannot break a row.
 */
export function table(header: readonly string[], cells: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
  const rows = cells.map((r) => r.map(terminalText));
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (right.has(i) ? pad(c, widths[i]!, true) : i === cells.length - 1 ? c : pad(c, widths[i]!, false)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}
