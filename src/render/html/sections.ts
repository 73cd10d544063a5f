/** The static parts of the HTML report: header, summary tables, warnings. Every value passes through `escapeHtml`. */
import { OUTCOMES, STAGES, type Outcome, type PodReport, type Report, type Stage } from "../../types.js";
import { formatTime } from "../../kube/time.js";
import { lookupReason } from "../../catalog/index.js";
import { humanizeMs } from "../humanize.js";
import { escapeHtml as esc } from "./escape.js";
import { missingEventsReason, STAGE_HINTS, STAGE_LABELS } from "../stageFacts.js";

const MAX_WARNINGS = 200;

export function renderHeader(report: Report): string {
  const t = report.totals;
  const { start, end } = report.span;
  const span =
    start !== null && end !== null
      ? `<time datetime="${esc(formatTime(start))}">${esc(formatTime(start))}</time> → <time datetime="${esc(formatTime(end))}">${esc(formatTime(end))}</time> <span class="muted">(${esc(humanizeMs(end - start))})</span>`
      : `<span class="muted">no timestamps</span>`;
  const formats = [...new Set(report.inputs.map((i) => i.format ?? "empty"))].join(", ");
  const inputs = report.inputs
    .map((i) => `<li><code>${esc(i.name)}</code> <span class="muted">${esc(i.format ?? "empty")}, ${esc(i.records)} records, ${esc(i.skipped)} skipped</span></li>`)
    .join("");
  const warnings = report.warnings.length;
  return `<header class="head">
<h1>podtrail report</h1>
<dl class="facts">
<div><dt>Capture span</dt><dd>${span}</dd></div>
<div><dt>Inputs</dt><dd><details><summary>${esc(report.inputs.length)} (${esc(formats || "none")})</summary><ul class="inputs">${inputs}</ul></details></dd></div>
<div><dt>Records</dt><dd>${esc(t.records)} <span class="muted">(${esc(t.podRecords)} pod, ${esc(t.eventRecords)} event; ${esc(t.duplicates)} duplicates, ${esc(t.skipped)} skipped)</span></dd></div>
<div><dt>Pods</dt><dd><strong>${esc(report.pods.length)}</strong> ${outcomeChips(report.pods)}</dd></div>
<div><dt>Warnings</dt><dd>${warnings === 0 ? "0" : `<a href="#warnings">${esc(warnings)}</a>`}${report.gaps.length > 0 ? ` <span class="muted">· ${esc(report.gaps.length)} capture gap${report.gaps.length === 1 ? "" : "s"} (watch ERROR)</span>` : ""}</dd></div>
</dl>
</header>`;
}

function outcomeChips(pods: readonly PodReport[]): string {
  const counts = new Map<Outcome, number>();
  for (const p of pods) counts.set(p.outcome, (counts.get(p.outcome) ?? 0) + 1);
  const chips = OUTCOMES.filter((o) => counts.has(o)).map((o) => `<span class="chip outcome-${o}">${esc(counts.get(o)!)} ${esc(o)}</span>`);
  const partial = pods.filter((p) => p.partial).length;
  if (partial > 0) chips.push(`<span class="chip partial" title="first seen after start-up began: the capture started late">${esc(partial)} partial</span>`);
  return chips.join(" ");
}

export function renderStageTable(report: Report): string {
  const rows = STAGES.map((stage) => {
    const s = report.summary.stages[stage];
    const cell = (v: number | null, cls = ""): string =>
      `<td class="num${cls}"${v === null ? "" : ` title="${esc(Math.round(v))} ms"`}>${esc(humanizeMs(v))}</td>`;
    const sloBreach = stage === "startupSLI" && s.p99 !== null && s.p99 > 5000;
    return `<tr><th scope="row">${stageSwatch(stage)}${esc(STAGE_LABELS[stage])}<div class="hint">${esc(STAGE_HINTS[stage])}</div></th><td class="num">${esc(s.count)}</td>${cell(s.p50)}${cell(s.p90)}${cell(s.p95)}${cell(s.p99, sloBreach ? " breach" : "")}${cell(s.max)}${cell(s.mean)}</tr>`;
  }).join("\n");
  let note = "";
  const missing = missingEventsReason(report);
  if (missing === "no-events") {
    note = `<p class="note">Image pull, container start and start-up SLI are unknown: the capture has no kubelet events. Next time record them beside the pods: <code>kubectl get events -A -w -o json --output-watch-events &gt; events.jsonl</code></p>`;
  } else if (missing === "none-matched") {
    note = `<p class="note">Image pull, container start and start-up SLI are unknown: no Pulled events matched these pods.</p>`;
  }
  return `<section aria-labelledby="stages-h"><h2 id="stages-h">Start-up stages</h2>
<div class="scroll"><table class="data"><thead><tr><th scope="col">Stage</th><th scope="col" class="num">Pods</th><th scope="col" class="num">p50</th><th scope="col" class="num">p90</th><th scope="col" class="num">p95</th><th scope="col" class="num">p99</th><th scope="col" class="num">Max</th><th scope="col" class="num">Mean</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>${note}
<p class="hint">Percentiles are nearest-rank over the pods that have the figure; hover a value for exact milliseconds.</p></section>`;
}

function stageSwatch(stage: Stage): string {
  const cls = stage === "scheduling" || stage === "imagePull" || stage === "containerStart" || stage === "readiness" ? stage : null;
  return cls === null ? `<span class="swatch none" aria-hidden="true"></span>` : `<span class="swatch bar-${cls}" aria-hidden="true"></span>`;
}

export function renderFailureTable(report: Report): string {
  const failures = report.summary.failures;
  if (failures.length === 0) return `<section aria-labelledby="failures-h"><h2 id="failures-h">Failure reasons</h2><p class="ok">No failure reasons in this capture.</p></section>`;
  const rows = failures
    .map((f) => {
      const info = lookupReason(f.reason);
      const explain = info === null ? `<span class="muted">not in the catalogue</span>` : esc(info.meaning);
      const check = info === null ? "" : `<details class="check"><summary>What to check</summary>${esc(info.check)}</details>`;
      return `<tr><th scope="row"><span class="reason">${esc(f.reason)}</span></th><td><span class="chip cat cat-${esc(f.category)}">${esc(f.category)}</span></td><td class="num">${esc(f.pods)}</td><td class="num">${esc(f.occurrences)}</td><td class="explain">${explain}${check}<div class="hint">e.g. <code>${esc(f.examplePod)}</code></div></td></tr>`;
    })
    .join("\n");
  return `<section aria-labelledby="failures-h"><h2 id="failures-h">Failure reasons</h2>
<div class="scroll"><table class="data"><thead><tr><th scope="col">Reason</th><th scope="col">Category</th><th scope="col" class="num">Pods</th><th scope="col" class="num">Occurrences</th><th scope="col">What it means</th></tr></thead>
<tbody>
${rows}
</tbody></table></div></section>`;
}

export function renderWarnings(report: Report): string {
  if (report.warnings.length === 0 && report.gaps.length === 0) return "";
  const gaps = report.gaps.map((g) => `<li><code>${esc(g.input)}:${esc(g.line)}</code> capture gap: watch ERROR ${esc(g.code ?? "")} ${esc(g.reason ?? "")} ${esc(g.message ?? "")}</li>`);
  const shown = report.warnings.slice(0, MAX_WARNINGS);
  const items = shown.map((w) => `<li><code>${esc(w.input)}${w.line === null ? "" : `:${esc(w.line)}`}</code> ${esc(w.message)}</li>`);
  const more = report.warnings.length > shown.length ? `<p class="note">… and ${esc(report.warnings.length - shown.length)} more (see <code>--format json</code>).</p>` : "";
  return `<section id="warnings" aria-labelledby="warnings-h"><h2 id="warnings-h">Warnings <span class="muted">(${esc(report.warnings.length)})</span></h2>
<details${report.warnings.length <= 20 ? " open" : ""}><summary>Show warnings and capture gaps</summary><ul class="warnings">${[...gaps, ...items].join("")}</ul>${more}</details></section>`;
}
