import type { Report } from "../types.js";
import { escapeHtml as esc, jsonForScript } from "./html/escape.js";
import { renderFailureTable, renderHeader, renderStageTable, renderWarnings } from "./html/sections.js";
import { buildTimelineData, DEFAULT_TIMELINE_PODS, timelineLimit } from "./html/timelineData.js";
import type { TimelineData } from "./html/pageData.js";
import { CLIENT_CSS, CLIENT_JS } from "./html/clientAssets.js";
import { STAGE_LABELS } from "./stageFacts.js";

export interface HtmlOptions {
  /** Raises the number of pods in the timeline above its default of 500 (see `timelineLimit`). */
  readonly top?: number;
}

/**
 * The HTML report: one self-contained page (inline CSS, script and data, no
 * network; a Content-Security-Policy forbids any fetch) with the capture's
 * header, the stage and failure tables and a per-pod start-up timeline.
 * Tables are static HTML; the timeline is drawn by the inline script
 * (html/client/, bundled at build time) from the JSON in
 * `<script type="application/json" id="podtrail-data">` (html/pageData.ts).
 */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const data = buildTimelineData(report, timelineLimit(options.top));
  const title = `podtrail report · ${report.pods.length} pod${report.pods.length === 1 ? "" : "s"}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="podtrail">
<title>${esc(title)}</title>
<style>${CLIENT_CSS}</style>
</head>
<body>
${renderHeader(report)}
<main>
${renderStageTable(report)}
${renderFailureTable(report)}
${renderTimeline(data)}
${renderWarnings(report)}
</main>
<script type="application/json" id="podtrail-data">${jsonForScript(data)}</script>
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}

const LEGEND: readonly (readonly [string, string])[] = [
  ["scheduling", `${STAGE_LABELS.scheduling} (created → scheduled)`],
  ["imagePull", `${STAGE_LABELS.imagePull} (from events; placed right after scheduling)`],
  ["containerStart", `${STAGE_LABELS.containerStart} (rest until all containers run)`],
  ["runUnknown", "Scheduled → running (no pull events)"],
  ["readiness", `${STAGE_LABELS.readiness} (running → Ready)`],
  ["waiting", "Waiting, never ready"],
  ["ran", "Ran to completion (never Ready)"],
];

function renderTimeline(data: TimelineData | null): string {
  const heading = `<h2 id="timeline-h">Start-up timeline</h2>`;
  if (data === null || data.pods.length === 0) {
    return `<section id="timeline-empty" aria-labelledby="timeline-h">${heading}<p class="tl-empty">No pods with timestamps in this capture.</p></section>`;
  }
  const cut =
    data.pods.length < data.totalPods
      ? `<p class="note">Showing the ${esc(data.pods.length)} slowest of ${esc(data.totalPods)} pods (pods that never became ready rank by how long they waited). Sorting and filtering apply to these; the tables above cover every pod. Render with <code>--top N</code> (above ${esc(DEFAULT_TIMELINE_PODS)}) to include more.</p>`
      : "";
  const legend = LEGEND.map(([cls, label]) => `<li><span class="bar bar-${cls}" aria-hidden="true"></span>${esc(label)}</li>`).join("");
  return `<section id="timeline" aria-labelledby="timeline-h">${heading}
${cut}
<div class="controls">
<div><span class="seg-label" id="mode-l">Time axis</span><span class="seg" role="group" aria-labelledby="mode-l"><button type="button" data-mode="absolute" aria-pressed="true">Absolute</button><button type="button" data-mode="aligned" aria-pressed="false">Aligned at creation</button></span></div>
<div><span class="seg-label" id="sort-l">Sort</span><span class="seg" role="group" aria-labelledby="sort-l"><button type="button" data-sort="slowest" aria-pressed="true">Slowest first</button><button type="button" data-sort="created" aria-pressed="false">Creation</button><button type="button" data-sort="name" aria-pressed="false">Name</button></span></div>
<input type="search" class="tl-filter" placeholder="Filter: name, outcome, reason, node" aria-label="Filter pods by name, outcome, reason or node">
<span class="tl-count" aria-live="polite"></span>
</div>
<ul class="legend" aria-label="Legend">${legend}<li><span class="lg-life" aria-hidden="true"></span>Observed lifetime</li><li><span class="marker-failure" aria-hidden="true">◆</span>Failure (first seen)</li><li><span class="marker-failure" aria-hidden="true">◇</span>Failure, time unknown (at end)</li><li><span class="marker-deleted" aria-hidden="true">✕</span>Deleted</li><li><span class="marker-finished" aria-hidden="true">■</span>Finished</li></ul>
<div class="tl">
<div class="tl-axis"><div class="tl-axis-title"></div><div class="tl-axis-ticks" aria-hidden="true"></div></div>
<div class="tl-body"><div class="tl-grid" aria-hidden="true"></div><div class="tl-rows" role="list" aria-label="Pods"></div></div>
</div>
<p class="hint">Hover or focus a row for every timestamp, stage and failure of the pod; click (or Enter) pins the card. Times come from whole-second Kubernetes stamps; image pull is a sum of pull durations, drawn right after scheduling.</p>
<noscript><p class="note">The timeline is drawn by the page's inline script; enable JavaScript to see it. The tables above need none.</p></noscript>
<div id="tl-tip" class="tip" role="tooltip" hidden></div>
</section>`;
}
