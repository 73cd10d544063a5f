/** The static parts of the HTML report around its tables: header, key findings, capture quality, warnings and gaps. Every value passes through `escapeHtml`. */
import { OUTCOMES, type Outcome, type PodReport, type Report } from "../../types.js";
import { formatTime } from "../../kube/time.js";
import { humanizeMs } from "../humanize.js";
import { keyFindings, num, plural } from "../keyFindings.js";
import { exampleWhere, interruptedLine, QUALITY_LABELS, qualityFindings, qualityLine } from "../stageFacts.js";
import { escapeHtml as esc } from "./escape.js";
import { dataTable, text } from "./table.js";

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
  const verdict = report.quality.verdict;
  const quality = qualityLine(report).slice(verdict.length + 2);
  const interrupted = report.interrupted === null ? "" : `\n<p class="note interrupted"><strong>Interrupted:</strong> ${esc(interruptedLine(report.interrupted))}.</p>`;
  return `<header class="head">
<h1>podtrail report</h1>
<p class="verdict"><span class="chip quality-${esc(verdict)}">${esc(verdict)}</span> ${esc(quality)}</p>${interrupted}
<dl class="facts">
<div><dt>Capture span</dt><dd>${span}</dd></div>
<div><dt>Inputs</dt><dd><details><summary>${esc(report.inputs.length)} (${esc(formats || "none")})</summary><ul class="inputs">${inputs}</ul></details></dd></div>
<div><dt>Records</dt><dd>${esc(num(t.records))} <span class="muted">(${esc(num(t.podRecords))} pod, ${esc(num(t.eventRecords))} event; ${esc(num(t.duplicates))} duplicates, ${esc(num(t.skipped))} skipped)</span></dd></div>
<div><dt>Pods</dt><dd><strong>${esc(num(report.pods.length))}</strong> ${outcomeChips(report.pods)}</dd></div>
<div><dt>Warnings</dt><dd>${warnings === 0 ? "0" : `<a href="#warnings">${esc(num(warnings))}</a>`}${report.gaps.length > 0 ? ` <span class="muted">· ${esc(report.gaps.length)} capture gap${report.gaps.length === 1 ? "" : "s"} (watch ERROR)</span>` : ""}</dd></div>
</dl>
</header>`;
}

function outcomeChips(pods: readonly PodReport[]): string {
  const counts = new Map<Outcome, number>();
  for (const p of pods) counts.set(p.outcome, (counts.get(p.outcome) ?? 0) + 1);
  const chips = OUTCOMES.filter((o) => counts.has(o)).map((o) => `<span class="chip outcome-${o}">${esc(num(counts.get(o)!))} ${esc(o)}</span>`);
  const partial = pods.filter((p) => p.partial).length;
  if (partial > 0) chips.push(`<span class="chip partial" title="first seen after start-up began: the capture started late">${esc(num(partial))} partial</span>`);
  return chips.join(" ");
}

/** The Markdown report's key findings (keyFindings.ts), as a list. */
export function renderFindings(report: Report): string {
  const items = keyFindings(report).map(
    (spans) => `<li>${spans.map((s) => (typeof s === "string" ? esc(s) : "strong" in s ? `<strong>${esc(s.strong)}</strong>` : `<code>${esc(s.code)}</code>`)).join("")}</li>`,
  );
  return `<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Key findings</h2>
<ul class="findings">${items.join("\n")}</ul></section>`;
}

/** The checks that found something, worst first, each with where it found it. */
export function renderQuality(report: Report): string {
  const findings = qualityFindings(report);
  if (findings.length === 0) return "";
  const rows = findings.map(({ name, check }) => {
    const where = check.examples
      .slice(0, 3)
      .map((e) => `<li><code>${esc(exampleWhere(e))}</code> ${esc(e.detail)}</li>`)
      .join("");
    return [text(QUALITY_LABELS[name]), { html: `<span class="chip sev-${esc(check.severity)}">${esc(check.severity)}</span>` }, { html: `${esc(check.summary)}${where === "" ? "" : `<ul class="where">${where}</ul>`}` }];
  });
  const table = dataTable([{ label: "Check", sort: false }, { label: "Severity", sort: false }, { label: "Finding", sort: false }], rows, { label: "Capture quality" });
  return `<section id="quality" aria-labelledby="quality-h"><h2 id="quality-h">Capture quality</h2>
${table}</section>`;
}

export function renderWarnings(report: Report): string {
  if (report.warnings.length === 0 && report.gaps.length === 0) return "";
  const gaps = report.gaps.map((g) => `<li><code>${esc(g.input)}:${esc(g.line)}</code> capture gap: watch ERROR ${esc(g.code ?? "")} ${esc(g.reason ?? "")} ${esc(g.message ?? "")}</li>`);
  const shown = report.warnings.slice(0, MAX_WARNINGS);
  const items = shown.map((w) => `<li><code>${esc(w.input)}${w.line === null ? "" : `:${esc(w.line)}`}</code> ${esc(w.message)}</li>`);
  const more = report.warnings.length > shown.length ? `<p class="note">… and ${esc(num(report.warnings.length - shown.length))} more (see <code>-o json</code>).</p>` : "";
  const gapNote = report.gaps.length === 0 ? "" : `<p class="hint">${esc(plural(report.gaps.length, "capture gap"))}: the watch ended with an ERROR (e.g. 410 Expired, too old resource version); changes in between may be missing.</p>`;
  return `<section id="warnings" aria-labelledby="warnings-h"><h2 id="warnings-h">Warnings <span class="muted">(${esc(report.warnings.length)})</span></h2>${gapNote}
<details${report.warnings.length <= 20 ? " open" : ""}><summary>Show warnings and capture gaps</summary><ul class="warnings">${[...gaps, ...items].join("")}</ul>${more}</details></section>`;
}
