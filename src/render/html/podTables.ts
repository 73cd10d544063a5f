/**
 * The HTML report's lists of pods, as the text and Markdown reports choose
 * them (notReady.ts, text.ts `slowestPods`, stageFacts.ts
 * `stuckTerminating`): the first `top` of each, and a button that shows
 * them all in the timeline, which holds every pod.
 */
import type { Report } from "../../types.js";
import { formatTime } from "../../kube/time.js";
import { causeText, notReadyPods, notReadyReasons } from "../notReady.js";
import { slowestPods } from "../text.js";
import { heldBy, lastPhase, noStartupReason, stuckTerminating } from "../stageFacts.js";
import { num, plural } from "../keyFindings.js";
import { escapeHtml as esc } from "./escape.js";
import { count, dataTable, duration, exactFilter, filterButton, podCell, text, type Cell } from "./table.js";

/** `… 5,098 more not shown: …`, nothing when nothing was cut. */
function cutNote(cut: number, noun: string, rest: string): string {
  return cut > 0 ? `<p class="hint">… ${esc(num(cut))} more ${esc(cut === 1 ? noun : `${noun}s`)} not shown here; ${rest}</p>` : "";
}

export function renderNotReady(report: Report, top: number): string {
  const broken = notReadyPods(report);
  if (broken.length === 0) return "";
  const end = report.span.end;
  const reasons = notReadyReasons(broken)
    .map(([reason, n]) => `<li>${esc(num(n))} <span class="reason">${esc(reason)}</span> ${filterButton(exactFilter("notready", reason), "show", `the pods not ready at the end with ${reason}`)}</li>`)
    .join("");
  const rows = broken.slice(0, top).map((p): Cell[] => {
    const n = p.notReadyAtEnd;
    const what = `${n.reason}${n.exitCode === null ? "" : ` (exit ${n.exitCode})`}${n.container === null ? "" : ` [${n.container}]`}`;
    const message = n.message === null ? "" : `<div class="msg">${esc(n.message.trim())}</div>`;
    const cause = n.cause === null ? "" : `<div class="msg">cause: ${esc(causeText(n.cause).trim())}</div>`;
    return [
      podCell(p.namespace, p.name),
      text(p.outcome),
      text(n.wasReady ? "yes" : "no"),
      { html: `<span class="reason">${esc(what)}</span>${message}${cause}` },
      duration(n.since === null || end === null ? null : Math.max(0, end - n.since)),
    ];
  });
  return `<section id="not-ready" aria-labelledby="not-ready-h"><h2 id="not-ready-h">Not ready at the end <span class="muted">(${esc(plural(broken.length, "pod"))})</span></h2>
<ul class="reasons">${reasons}<li>${filterButton("notready:", "show all in the timeline", "every pod not ready at the end")}</li></ul>
${dataTable([{ label: "Pod" }, { label: "Outcome" }, { label: "Was ready" }, { label: "Reason and message" }, { label: "For", num: true }], rows, { label: "Pods not ready at the end" })}
${cutNote(broken.length - top, "pod", "the timeline below has every pod (filter it by <code>notready:</code> and a reason), <code>-o json</code> the whole list.")}
<p class="hint">Most common reason first, as every report lists them; "For": how long before the capture's end the pod stopped being Ready (or could not be scheduled).</p></section>`;
}

export function renderSlowest(report: Report, top: number): string {
  const slowest = slowestPods(report.pods, top);
  const heading = `<h2 id="slowest-h">Slowest pods <span class="muted">(by startup, top ${esc(num(top))})</span></h2>`;
  if (slowest.length === 0) {
    const why = noStartupReason(report);
    return `<section id="slowest" aria-labelledby="slowest-h">${heading}<p>${esc(`${why.charAt(0).toUpperCase()}${why.slice(1)}.`)}</p></section>`;
  }
  const withStartup = report.pods.filter((p) => p.durationsMs.startup !== null).length;
  const rows = slowest.map((p, i): Cell[] => {
    const d = p.durationsMs;
    return [count(i + 1), podCell(p.namespace, p.name), duration(d.startup), duration(d.scheduling), duration(d.imagePull), duration(d.scheduledToRunning), duration(d.readiness), text(p.outcome)];
  });
  const columns = [{ label: "#", num: true }, { label: "Pod" }, { label: "Startup", num: true }, { label: "Scheduling", num: true }, { label: "Image pull", num: true }, { label: "To running", num: true }, { label: "Readiness", num: true }, { label: "Outcome" }];
  return `<section id="slowest" aria-labelledby="slowest-h">${heading}
${dataTable(columns, rows, { label: "Slowest pods", rowHeader: 1, sortedBy: { column: 2, order: "descending" } })}
${cutNote(withStartup - slowest.length, "pod", "the timeline below has every pod, slowest first.")}</section>`;
}

export function renderStuckTerminating(report: Report, top: number): string {
  const lingering = stuckTerminating(report);
  if (lingering.length === 0) return "";
  const rows = lingering.slice(0, top).map(({ pod: p, overdueMs }): Cell[] => [
    podCell(p.namespace, p.name),
    text(lastPhase(p)),
    p.timestamps.deletionRequested === null ? text("-") : { html: `<time>${esc(formatTime(p.timestamps.deletionRequested))}</time>` },
    duration(overdueMs),
    text(p.node ?? "-"),
    text(heldBy(p)),
  ]);
  return `<section id="terminating" aria-labelledby="terminating-h"><h2 id="terminating-h">Pods stuck terminating <span class="muted">(${esc(plural(lingering.length, "pod"))})</span></h2>
<p>Deletion requested, and still there 5 minutes or more after the grace period ended (kubectl shows them as Terminating).</p>
${dataTable([{ label: "Pod" }, { label: "Phase" }, { label: "Delete requested" }, { label: "Overdue", num: true }, { label: "Node" }, { label: "Held by" }], rows, { label: "Pods stuck terminating", sortedBy: { column: 3, order: "descending" } })}
${cutNote(lingering.length - top, "pod", "<code>-o json</code> has them all.")}</section>`;
}
