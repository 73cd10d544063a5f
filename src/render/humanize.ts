// The subpath: the date-fns barrel loads hundreds of modules, at every start-up (docs/performance.md).
import { intervalToDuration } from "date-fns/intervalToDuration";

/** A duration for people: `850ms`, `1.2s`, `3m 4s`, `2h 5m`, `3d 4h`. */
export function humanizeMs(ms: number | null): string {
  if (ms === null) return "-";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) {
    const s = Math.round(ms / 100) / 10;
    return s === 60 ? "1m 0s" : `${s}s`;
  }
  const d = intervalToDuration({ start: 0, end: Math.round(ms / 1000) * 1000 });
  const days = d.days ?? 0;
  const hours = d.hours ?? 0;
  const minutes = d.minutes ?? 0;
  const seconds = d.seconds ?? 0;
  const totalDays = Math.floor(ms / 86_400_000);
  if (totalDays > 0) return `${totalDays}d ${hours}h`;
  if (hours > 0 || days > 0) return `${hours}h ${minutes}m`;
  return `${minutes}m ${seconds}s`;
}

/** Left-aligned text table with two spaces between columns; `right` marks numeric columns. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
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
