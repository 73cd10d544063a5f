/**
 * `--group-by` in the HTML report (docs/spec.md §7.4): one row per group,
 * worst first as the text and Markdown reports order them (groups.ts
 * `worstGroups`), sortable; then the stage tables of the worst `top` groups.
 */
import { STAGES, type GroupBy, type GroupSummary, type Report } from "../../types.js";
import { GROUP_LABELS, topFailure, worstGroups } from "../groups.js";
import { STAGE_LABELS } from "../stageFacts.js";
import { num, plural } from "../keyFindings.js";
import { escapeHtml as esc } from "./escape.js";
import { count, dataTable, duration, exactFilter, filterButton, text, type Cell, type Column } from "./table.js";

/** Beyond this many groups (owners of a large capture of Jobs), the table stops: its page would be larger than the timeline's. */
const MAX_GROUP_ROWS = 1000;

/** The timeline filter's field for a grouping; storage has none (the page's data does not say which pods are stateful). */
const FILTER_FIELD: Readonly<Record<GroupBy, string | null>> = { namespace: "ns", node: "node", owner: "owner", image: "image", storage: null };

export function renderGroups(report: Report, top: number): string {
  const by = report.groupBy;
  if (by === null) return "";
  const label = GROUP_LABELS[by];
  const groups = worstGroups(report);
  const shown = groups.slice(0, MAX_GROUP_ROWS);
  const title = label.column.charAt(0).toUpperCase() + label.column.slice(1);
  const field = FILTER_FIELD[by];
  const name = (g: GroupSummary): Cell => {
    const real = g.group !== "(none)" && g.group !== "(unknown)";
    const button = field === null || !real ? "" : ` ${filterButton(exactFilter(field, g.group), "show", `the pods of ${g.group}`)}`;
    const failure = g.imagePulls?.lastFailure ?? null;
    return { html: `<code class="pod">${esc(g.group)}</code>${button}${failure === null ? "" : `<div class="msg">${esc(failure.trim())}</div>`}` };
  };
  let columns: Column[];
  let rows: Cell[][];
  if (by === "image") {
    columns = [{ label: title }, { label: "Pods", num: true }, { label: "Pulls", num: true }, { label: "Cached", num: true }, { label: "Pull p50", num: true }, { label: "Pull p99", num: true }, { label: "Pull failures", num: true }, { label: "Not ready", num: true }];
    rows = shown.map((g) => {
      const i = g.imagePulls!;
      return [name(g), count(g.summary.pods), count(i.pullMs.count), count(i.cached), duration(i.pullMs.p50), duration(i.pullMs.p99), { html: i.failedPods === 0 ? "-" : esc(`${plural(i.failedPods, "pod")} (${num(i.failures)})`), v: i.failedPods }, count(g.notReadyAtEnd)];
    });
  } else {
    columns = [{ label: title }, { label: "Pods", num: true }, { label: "Not ready", num: true }, { label: "Startup p50", num: true }, { label: "Startup p99", num: true }, { label: "Pull p99", num: true }, { label: "Top failure" }];
    rows = shown.map((g) => {
      const st = g.summary.stages;
      return [name(g), count(g.summary.pods), count(g.notReadyAtEnd), duration(st.startup.p50), duration(st.startup.p99), duration(st.imagePull.p99), text(topFailure(g))];
    });
  }
  const cut = groups.length - shown.length;
  const details = groups.slice(0, top).map(groupDetails).join("\n");
  return `<section id="groups" aria-labelledby="groups-h"><h2 id="groups-h">By ${esc(label.column)} <span class="muted">(${esc(plural(groups.length, label.one, label.many))}, worst first)</span></h2>
${dataTable(columns, rows, { label: `By ${label.column}`, tall: rows.length > 15 })}
${cut > 0 ? `<p class="hint">… ${esc(plural(cut, label.one, label.many))} more not shown; <code>-o json</code> has every group.</p>` : ""}
<h3>Stages of the ${esc(plural(Math.min(top, groups.length), `worst ${label.one}`, `worst ${label.many}`))}</h3>
${details}</section>`;
}

function groupDetails(g: GroupSummary): string {
  const rows = STAGES.filter((stage) => g.summary.stages[stage].count > 0).map((stage): Cell[] => {
    const s = g.summary.stages[stage];
    return [text(STAGE_LABELS[stage]), count(s.count), duration(s.p50), duration(s.p90), duration(s.p99), duration(s.max)];
  });
  const failures = g.summary.failures.slice(0, 5).map((f) => `<li><span class="reason">${esc(f.reason)}</span> <span class="muted">${esc(`${plural(f.pods, "pod")}, ${plural(f.occurrences, "occurrence")}`)}</span></li>`);
  const table = rows.length === 0 ? `<p class="muted">No stage measured.</p>` : dataTable([{ label: "Stage", sort: false }, { label: "Pods", num: true }, { label: "p50", num: true }, { label: "p90", num: true }, { label: "p99", num: true }, { label: "Max", num: true }], rows, { label: `Stages of ${g.group}` });
  return `<details class="group"><summary><code class="pod">${esc(g.group)}</code> <span class="muted">${esc(`${plural(g.summary.pods, "pod")}, ${num(g.notReadyAtEnd)} not ready at the end`)}</span></summary>
${table}${failures.length === 0 ? "" : `<ul class="group-failures">${failures.join("")}</ul>`}</details>`;
}
