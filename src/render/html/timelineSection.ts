/** The timeline's frame: its controls, legend and the empty list the page's script fills (client/main.ts). */
import { STAGE_LABELS } from "../stageFacts.js";
import { num, plural } from "../keyFindings.js";
import { escapeHtml as esc } from "./escape.js";
import { FIELDS } from "./client/filter.js";

const LEGEND: readonly (readonly [string, string])[] = [
  ["scheduling", `${STAGE_LABELS.scheduling} (created → scheduled)`],
  ["imagePull", `${STAGE_LABELS.imagePull} (from events; placed right after scheduling)`],
  ["containerStart", `${STAGE_LABELS.containerStart} (rest until all containers run)`],
  ["runUnknown", "Scheduled → running (no pull events)"],
  ["readiness", `${STAGE_LABELS.readiness} (running → Ready)`],
  ["waiting", "Waiting, never ready"],
  ["ran", "Ran to completion (never Ready)"],
];

/** `pods`: how many the page's data holds (every pod of the report); null when none has a time. */
export function renderTimeline(pods: number | null): string {
  const heading = `<h2 id="timeline-h">Start-up timeline</h2>`;
  if (pods === null || pods === 0) {
    return `<section id="timeline-empty" aria-labelledby="timeline-h">${heading}<p class="tl-empty">No pods with timestamps in this capture.</p></section>`;
  }
  const legend = LEGEND.map(([cls, label]) => `<li><span class="bar bar-${cls}" aria-hidden="true"></span>${esc(label)}</li>`).join("");
  return `<section id="timeline" aria-labelledby="timeline-h">${heading}
<p class="hint">Every pod of the report (${esc(plural(pods, "pod"))}), slowest first: pods that never became ready rank by how long they waited.</p>
<div class="controls">
<div><span class="seg-label" id="mode-l">Time axis</span><span class="seg" role="group" aria-labelledby="mode-l"><button type="button" data-mode="absolute" aria-pressed="true">Absolute</button><button type="button" data-mode="aligned" aria-pressed="false">Aligned at creation</button></span></div>
<div><span class="seg-label" id="sort-l">Sort</span><span class="seg" role="group" aria-labelledby="sort-l"><button type="button" data-sort="slowest" aria-pressed="true">Slowest first</button><button type="button" data-sort="created" aria-pressed="false">Creation</button><button type="button" data-sort="name" aria-pressed="false">Name</button></span></div>
<input type="search" class="tl-filter" placeholder="Filter: Evicted node:ip-10 exit:137" aria-label="Filter pods: every word must match (name, namespace, outcome, reason, message, node, owner, image, exit code)" aria-describedby="filter-help">
<span class="tl-count" aria-live="polite"></span>
</div>
<details class="filter-help" id="filter-help"><summary>How the filter matches</summary><p>Every word must occur in the pod's name, namespace, outcome, node, owner, failure reasons and messages, images, containers or exit codes, in any case: <code>evicted team-03</code>. <code>"two words"</code> is a phrase, <code>-word</code> must not occur. <code>field:text</code> looks in one field, <code>field=value</code> asks for its whole value: ${FIELDS.map((f) => `<code>${f}:</code>`).join(" ")} (<code>exit:137</code>, <code>notready:</code> for every pod not ready at the end, <code>outcome=Ready</code>).</p></details>
<ul class="legend" aria-label="Legend">${legend}<li><span class="lg-life" aria-hidden="true"></span>Observed lifetime</li><li><span class="marker-failure" aria-hidden="true">◆</span>Failure (first seen)</li><li><span class="marker-failure" aria-hidden="true">◇</span>Failure, time unknown (at end)</li><li><span class="marker-deleted" aria-hidden="true">✕</span>Deleted</li><li><span class="marker-finished" aria-hidden="true">■</span>Finished</li></ul>
<div class="tl">
<div class="tl-axis"><div class="tl-axis-title"></div><div class="tl-axis-ticks" aria-hidden="true"></div></div>
<div class="tl-view"><div class="tl-scroll"><div class="tl-rows" role="list" aria-label="Pods"></div></div><div class="tl-grid" aria-hidden="true"></div></div>
</div>
<p class="hint">Hover or focus a row for every timestamp, stage and failure of the pod; click (or Enter) pins the card; arrow keys, Page Up/Down, Home and End move between rows. Times come from whole-second Kubernetes stamps; image pull is a sum of pull durations, drawn right after scheduling.</p>
<noscript><p class="note">The timeline is drawn by the page's inline script; enable JavaScript to see it (${esc(num(pods))} pods). The tables above need none.</p></noscript>
<div id="tl-tip" class="tip" role="tooltip" hidden></div>
</section>`;
}
