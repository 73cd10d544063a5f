import { terminalText } from "./terminalText.js";
import { cutToWidth, displayWidth } from "./fit.js";

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
export function table(
  header: readonly string[],
  cells: readonly (readonly string[])[],
  right: ReadonlySet<number> = new Set(),
  fit: { readonly width: number; readonly shrink: ReadonlySet<number> } | null = null,
): string[] {
  const escaped = cells.map((r) => r.map(terminalText));
  const widths = header.map((h, i) => Math.max(width(h), ...escaped.map((r) => width(r[i] ?? ""))));
  // Too wide for the terminal: the widest column that may shrink gives way first, never below 12 columns or its title.
  if (fit !== null) {
    const total = (): number => widths.reduce((n, w) => n + w, 0) + 2 * (widths.length - 1);
    for (;;) {
      const excess = total() - fit.width;
      if (excess <= 0) break;
      const candidates = [...fit.shrink].filter((i) => widths[i] !== undefined && widths[i]! > Math.max(12, width(header[i] ?? "")));
      if (candidates.length === 0) break;
      const widest = candidates.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
      widths[widest] = Math.max(12, width(header[widest] ?? ""), widths[widest]! - excess);
    }
  }
  const rows = fit === null ? escaped : escaped.map((r) => r.map((c, i) => (fit.shrink.has(i) ? cutToWidth(c, widths[i]!) : c)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (right.has(i) ? pad(c, widths[i]!, true) : i === cells.length - 1 ? c : pad(c, widths[i]!, false)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

const width = displayWidth;

function pad(s: string, w: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}
