/** The HTML report's summary tables: start-up stages (with their distributions) and failure reasons. Both sort on a click. */
import { STAGES, type Report, type Stage } from "../../types.js";
import { lookupReason } from "../../catalog/index.js";
import { boundedPods, missingEventsReason, STAGE_HINTS, STAGE_LABELS } from "../stageFacts.js";
import { sharedAxis } from "../histogram.js";
import { num, plural } from "../keyFindings.js";
import { escapeHtml as esc } from "./escape.js";
import { histogramChart, histogramLegend } from "./histogramChart.js";
import { count, dataTable, duration, exactFilter, filterButton, type Cell, type Column } from "./table.js";

/** Kubernetes start-up SLO (SIG Scalability): p99 of the SLI at most 5 s. */
const SLO_P99_MS = 5000;

export function renderStageTable(report: Report): string {
  const stages = report.summary.stages;
  const leftOut = STAGES.some((stage) => stages[stage].leftOut > 0);
  const axis = sharedAxis(STAGES.map((stage) => stages[stage].histogram));
  const columns: Column[] = [
    // Sorted by the stages' own order, so that a click brings it back.
    { label: "Stage" },
    { label: "Pods", num: true },
    ...["p50", "p90", "p95", "p99", "Max", "Mean"].map((label) => ({ label, num: true })),
    ...(leftOut ? [{ label: "Left out", num: true }] : []),
    ...(axis === null ? [] : [{ label: "Distribution", sort: false }]),
  ];
  const rows = STAGES.map((stage, i): Cell[] => {
    const s = stages[stage];
    const p99 = duration(s.p99);
    const breach = stage === "startupSLI" && s.p99 !== null && s.p99 > SLO_P99_MS;
    return [
      { html: `${stageSwatch(stage)}${esc(STAGE_LABELS[stage])}<div class="hint">${esc(STAGE_HINTS[stage])}</div>`, v: i },
      count(s.count),
      duration(s.p50),
      duration(s.p90),
      duration(s.p95),
      breach ? { ...p99, html: `<span class="breach">${p99.html}</span>` } : p99,
      duration(s.max),
      duration(s.mean),
      ...(leftOut ? [count(s.leftOut)] : []),
      ...(axis === null ? [] : [{ html: histogramChart(s.histogram, axis) }]),
    ];
  });
  const notes: string[] = [];
  if (axis !== null) notes.push(`<p class="hint">${histogramLegend(axis)}</p>`);
  if (leftOut) {
    notes.push(`<p class="hint">Left out: pods first seen after the transition the figure rests on (a List, a watch started late): the capture bounds their figure but does not measure it.</p>`);
  } else if (report.summary.includePartial && boundedPods(report.pods) > 0) {
    notes.push(`<p class="hint">Bounds of ${esc(plural(boundedPods(report.pods), "pod"))} first seen after a transition are counted as figures.</p>`);
  }
  const missing = missingEventsReason(report);
  if (missing === "no-events") {
    notes.push(`<p class="note">Image pull, container start and start-up SLI are unknown: the capture has no kubelet events. Next time record them beside the pods: <code>kubectl get events -A -w -o json --output-watch-events &gt; events.jsonl</code></p>`);
  } else if (missing === "none-matched") {
    notes.push(`<p class="note">Image pull, container start and start-up SLI are unknown: no Pulled events matched these pods.</p>`);
  }
  return `<section id="stages" aria-labelledby="stages-h"><h2 id="stages-h">Start-up stages</h2>
${dataTable(columns, rows, { label: "Start-up stages" })}
${notes.join("\n")}
<p class="hint">Percentiles are nearest-rank over the pods that have the figure; hover a value for exact milliseconds; click a column's title to sort by it.</p></section>`;
}

function stageSwatch(stage: Stage): string {
  const cls = stage === "scheduling" || stage === "imagePull" || stage === "containerStart" || stage === "readiness" ? stage : null;
  return cls === null ? `<span class="swatch none" aria-hidden="true"></span>` : `<span class="swatch bar-${cls}" aria-hidden="true"></span>`;
}

export function renderFailureTable(report: Report): string {
  const failures = report.summary.failures;
  const heading = `<h2 id="failures-h">Failure reasons</h2>`;
  if (failures.length === 0) return `<section id="failures" aria-labelledby="failures-h">${heading}<p class="ok">No failure reasons in this capture.</p></section>`;
  const rows = failures.map((f): Cell[] => {
    const info = lookupReason(f.reason);
    const explain = info === null ? `<span class="muted">not in the catalogue</span>` : esc(info.meaning);
    const check = info === null ? "" : `<details class="check"><summary>What to check</summary>${esc(info.check)}</details>`;
    const said = f.exampleMessage === null ? "" : `<div class="msg">It said: ${esc(f.exampleMessage.trim())}</div>`;
    return [
      { html: `<span class="reason">${esc(f.reason)}</span>` },
      { html: `<span class="chip cat cat-${esc(f.category)}">${esc(f.category)}</span>` },
      { html: `${esc(num(f.pods))} ${filterButton(exactFilter("reason", f.reason), "show", `the pods with ${f.reason}`)}`, v: f.pods },
      count(f.occurrences),
      { html: `${explain}${check}${said}<div class="hint">e.g. <code class="pod">${esc(f.examplePod)}</code></div>` },
    ];
  });
  const columns: Column[] = [{ label: "Reason" }, { label: "Category" }, { label: "Pods", num: true }, { label: "Occurrences", num: true }, { label: "What it means", sort: false }];
  return `<section id="failures" aria-labelledby="failures-h">${heading}
${dataTable(columns, rows, { label: "Failure reasons", sortedBy: { column: 2, order: "descending" } })}</section>`;
}
