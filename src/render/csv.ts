import { STAGES, TIMESTAMP_NAMES, type DurationBound, type PodReport, type Report, type Stage } from "../types.js";
import { formatTime } from "../kube/time.js";
import { groupOf } from "../summarize/groups.js";

/** Columns in output order; timestamps and stages follow the order of their type lists, so a new one gets a column. */
const COLUMNS: readonly (readonly [header: string, value: (p: PodReport) => string])[] = [
  ["namespace", (p) => p.namespace],
  ["name", (p) => p.name],
  ["uid", (p) => p.uid ?? ""],
  ["node", (p) => p.node ?? ""],
  ["owner", (p) => p.owner ?? ""],
  ["stateful", (p) => (p.stateful === null ? "" : String(p.stateful))],
  ["outcome", (p) => p.outcome],
  ["stuckIn", (p) => p.stuckIn ?? ""],
  ["partial", (p) => String(p.partial)],
  ...TIMESTAMP_NAMES.map((n) => [n, (p: PodReport) => time(p.timestamps[n])] as const),
  ...STAGES.map((s) => [`${s}Ms`, (p: PodReport) => (p.durationsMs[s] === null ? "" : String(p.durationsMs[s]))] as const),
  // Moments before the capture and the stages they bound, as `ready<=TIME` and `startup<=MS` / `readiness>=MS`.
  ["notAfter", (p) => TIMESTAMP_NAMES.flatMap((n) => (p.notAfter[n] === undefined ? [] : [`${n}<=${formatTime(p.notAfter[n])}`])).join("; ")],
  ["boundsMs", (p) => STAGES.flatMap((s) => bound(s, p.boundsMs[s])).join("; ")],
  ["restarts", (p) => String(p.containers.reduce((sum, c) => sum + c.restarts, 0))],
  ["failures", (p) => p.failures.map((f) => `${f.reason}${f.container === null ? "" : `[${f.container}]`}×${f.count}`).join("; ")],
];

/**
 * One row per pod, in report order, header first: RFC 4180 (CRLF line ends,
 * fields holding `,` `"` CR or LF quoted, quotes doubled), UTF-8 without BOM.
 * Times are RFC 3339 UTC and durations integer milliseconds, empty when unknown.
 *
 * Names, reasons and `stuckIn` come from the capture and are not checked to
 * be DNS labels (an Event's reason is free text), so a crafted capture could
 * start a field with `=` and a spreadsheet would run it as a formula. Fields
 * are neutralised as OWASP recommends for CSV injection: one starting with
 * `=` `+` `-` `@` TAB or CR gets a leading `'`, which spreadsheet apps read
 * as "text", and is quoted. A field that is a plain decimal number (`-5`,
 * `+1.5`) is left alone: a spreadsheet reads it as that number, never as a
 * formula. Messages are not included.
 */
export function renderCsv(report: Report): string {
  const by = report.groupBy;
  // With --group-by, each row starts with the pod's group (for `image`, its images joined by `, `), for a pivot table.
  const columns: readonly (readonly [string, (p: PodReport) => string])[] = by === null ? COLUMNS : [["group", (p) => groupOf(p, by)], ...COLUMNS];
  const lines = [columns.map(([header]) => header), ...report.pods.map((p) => columns.map(([, value]) => value(p)))];
  return lines.map((fields) => `${fields.map(csvField).join(",")}\r\n`).join("");
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

function csvField(value: string): string {
  if (FORMULA_START.test(value) && !PLAIN_NUMBER.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function time(ms: number | null): string {
  return ms === null ? "" : formatTime(ms);
}

function bound(stage: Stage, b: DurationBound | undefined): string[] {
  if (b === undefined) return [];
  return ["atMost" in b ? `${stage}<=${b.atMost}` : `${stage}>=${b.atLeast}`];
}
