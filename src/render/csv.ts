import { STAGES, TIMESTAMP_NAMES, type DurationBound, type GroupSummary, type PodReport, type Report, type Stage } from "../types.js";
import { formatTime } from "../kube/time.js";
import { groupOf } from "../summarize/groups.js";
import type { CsvTable } from "./formats.js";

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
  // Containers (init ones first) and their distinct images, in the pod's order.
  ["containers", (p) => p.containers.map((c) => `${c.name}${c.init ? " (init)" : ""}`).join("; ")],
  ["images", (p) => [...new Set(p.containers.flatMap((c) => (c.image === null ? [] : [c.image])))].join("; ")],
  ["notReadyAtEnd", (p) => p.notReadyAtEnd?.reason ?? ""],
];

type Row<T> = readonly (readonly [header: string, value: (row: T) => string])[];

/** One row per failure of a pod (docs/spec.md §6): the message whole. */
const FAILURE_COLUMNS: Row<{ readonly pod: PodReport; readonly f: PodReport["failures"][number] }> = [
  ["namespace", ({ pod }) => pod.namespace],
  ["name", ({ pod }) => pod.name],
  ["uid", ({ pod }) => pod.uid ?? ""],
  ["node", ({ pod }) => pod.node ?? ""],
  ["reason", ({ f }) => f.reason],
  ["category", ({ f }) => f.category],
  ["container", ({ f }) => f.container ?? ""],
  ["image", ({ pod, f }) => pod.containers.find((c) => c.name === f.container)?.image ?? ""],
  ["count", ({ f }) => String(f.count)],
  ["firstSeen", ({ f }) => time(f.firstSeen)],
  ["lastSeen", ({ f }) => time(f.lastSeen)],
  ["exitCodes", ({ f }) => f.exitCodes.join("; ")],
  ["message", ({ f }) => f.message ?? ""],
];

/** One row per container of a pod (§6.4). */
const CONTAINER_COLUMNS: Row<{ readonly pod: PodReport; readonly c: PodReport["containers"][number] }> = [
  ["namespace", ({ pod }) => pod.namespace],
  ["name", ({ pod }) => pod.name],
  ["uid", ({ pod }) => pod.uid ?? ""],
  ["node", ({ pod }) => pod.node ?? ""],
  ["container", ({ c }) => c.name],
  ["init", ({ c }) => String(c.init)],
  ["image", ({ c }) => c.image ?? ""],
  ["imagePullMs", ({ c }) => (c.imagePullMs === null ? "" : String(c.imagePullMs))],
  ["cached", ({ c }) => (c.cached === null ? "" : String(c.cached))],
  ["firstStartedAt", ({ c }) => time(c.firstStartedAt)],
  ["restarts", ({ c }) => String(c.restarts)],
  ["restartReasons", ({ c }) => c.restartReasons.map((r) => `${r.reason}${r.exitCode === null ? "" : `(${r.exitCode})`}×${r.count}`).join("; ")],
];

/** One row per group (`--group-by`, §7.4): for each stage its count and percentiles, then the image pulls of an image group. */
const GROUP_COLUMNS: Row<GroupSummary> = [
  ["group", (g) => g.group],
  ["pods", (g) => String(g.summary.pods)],
  ["notReadyAtEnd", (g) => String(g.notReadyAtEnd)],
  ...STAGES.flatMap((s) =>
    (["count", "p50", "p90", "p99", "max"] as const).map((stat) => [`${s}.${stat}${stat === "count" ? "" : "Ms"}`, (g: GroupSummary) => numberOrEmpty(g.summary.stages[s][stat])] as const),
  ),
  ["failures", (g) => g.summary.failures.map((f) => `${f.reason}×${f.occurrences}`).join("; ")],
  ["imagePulls.containers", (g) => numberOrEmpty(g.imagePulls?.containers ?? null)],
  ["imagePulls.cached", (g) => numberOrEmpty(g.imagePulls?.cached ?? null)],
  ["imagePulls.p50Ms", (g) => numberOrEmpty(g.imagePulls?.pullMs.p50 ?? null)],
  ["imagePulls.p99Ms", (g) => numberOrEmpty(g.imagePulls?.pullMs.p99 ?? null)],
  ["imagePulls.failures", (g) => numberOrEmpty(g.imagePulls?.failures ?? null)],
  ["imagePulls.lastFailure", (g) => g.imagePulls?.lastFailure ?? ""],
];

export { CSV_TABLES, type CsvTable } from "./formats.js";

export interface CsvOptions {
  /** Which rows (default `pods`); `groups` needs a report made with a grouping. */
  readonly table?: CsvTable;
  /** Start with a UTF-8 byte order mark, by which spreadsheet programs (Excel) tell UTF-8 from their local code page. */
  readonly bom?: boolean;
}

/**
 * One row per pod (or per failure, container or group: `options.table`), in
 * report order, header first: RFC 4180 (CRLF line ends, fields holding `,`
 * `"` CR or LF quoted, quotes doubled), UTF-8, with a byte order mark only
 * when asked for.
 * Times are RFC 3339 UTC and durations integer milliseconds, empty when unknown.
 *
 * Names, reasons and `stuckIn` come from the capture and are not checked to
 * be DNS labels (an Event's reason is free text), so a crafted capture could
 * start a field with `=` and a spreadsheet would run it as a formula. Fields
 * are neutralised as OWASP recommends for CSV injection: one starting with
 * `=` `+` `-` `@` TAB or CR gets a leading `'`, which spreadsheet apps read
 * as "text", and is quoted. A field that is a plain decimal number (`-5`,
 * `+1.5`) is left alone: a spreadsheet reads it as that number, never as a
 * formula. Messages are in the failures table, whole.
 */
export function renderCsv(report: Report, options: CsvOptions = {}): string {
  const by = report.groupBy;
  const text = (() => {
    switch (options.table ?? "pods") {
      case "pods":
        // With --group-by, each row starts with the pod's group (for `image`, its images joined by `, `), for a pivot table.
        return lines(by === null ? COLUMNS : [["group", (p: PodReport) => groupOf(p, by)], ...COLUMNS], report.pods);
      case "failures":
        return lines(FAILURE_COLUMNS, report.pods.flatMap((pod) => pod.failures.map((f) => ({ pod, f }))));
      case "containers":
        return lines(CONTAINER_COLUMNS, report.pods.flatMap((pod) => pod.containers.map((c) => ({ pod, c }))));
      case "groups":
        return lines(GROUP_COLUMNS, report.groups);
    }
  })();
  return options.bom === true ? `\ufeff${text}` : text;
}

function lines<T>(columns: Row<T>, rows: readonly T[]): string {
  const all = [columns.map(([header]) => header), ...rows.map((r) => columns.map(([, value]) => value(r)))];
  return all.map((fields) => `${fields.map(csvField).join(",")}\r\n`).join("");
}

function numberOrEmpty(n: number | null): string {
  return n === null ? "" : String(n);
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
