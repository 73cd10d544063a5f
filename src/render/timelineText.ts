import { TIMESTAMP_NAMES, type EpochMs, type PodReport } from "../types.js";
import type { StageSpan, TimelineEntry } from "../derive/timeline.js";
import { formatTime } from "../kube/time.js";
import { humanizeMs } from "./humanize.js";
import { terminalText } from "./terminalText.js";
import { boundText } from "./stageFacts.js";
import { cutToWidth } from "./fit.js";

/**
 * The evidence of one pod as text: figures first, then every transition with
 * time, offset and source. Names, reasons, messages and input names come from
 * the capture: every line is shown through `terminalText`.
 */
export function renderTimelineText(pod: PodReport, entries: readonly TimelineEntry[], spans: readonly StageSpan[], options: { readonly width?: number } = {}): string {
  const created = pod.timestamps.created;
  const out: string[] = [];
  out.push(`Pod ${pod.namespace}/${pod.name}${pod.uid === null ? "" : ` (uid ${pod.uid})`}`);
  out.push(`  node ${pod.node ?? "-"}   owner ${pod.owner ?? "-"}   outcome ${pod.outcome}${pod.stuckIn === null ? "" : `, stuck in ${pod.stuckIn}`}${pod.partial ? (pod.observations === 0 ? "   partial: known only from events" : "   partial: first seen after Pending") : ""}`);
  out.push("");
  out.push("Stages");
  const before = TIMESTAMP_NAMES.filter((n) => pod.notAfter[n] !== undefined);
  if (before.length > 0) out.push(`  (${before.join(", ")}: before the capture saw the pod; the times are the latest they can have been, and the stages resting on them are bounds)`);
  for (const s of spans) {
    const range = s.from !== null || s.to !== null ? `${stamp(s.from, created)} -> ${stamp(s.to, created)}` : s.stage === "imagePull" ? "sum of each container's first Pulled event" : "";
    const figure = s.ms === null && s.bound !== null ? boundText(s.bound) : humanizeMs(s.ms);
    out.push(`  ${s.stage.padEnd(19)} ${figure.padStart(8)}   ${range}`);
  }
  if (pod.durationsMs.imagePull === null) {
    out.push(
      pod.events === 0
        ? "  (image pull, container start and start-up SLI need kubelet events, and none matched this pod: record them with kubectl get events -A -w -o json --output-watch-events > events.jsonl)"
        : "  (image pull, container start and start-up SLI need a Pulled event, and none of this pod's events is one)",
    );
  }
  out.push("");
  out.push("Timeline (time, offset from creation, what, source)");
  for (const e of entries) {
    out.push(`  ${(e.at === null ? "?" : formatTime(e.at)).padEnd(27)} ${offset(e.at, created).padStart(9)}  ${describe(e)}   [${e.source.input}:${e.source.line}]`);
    const detail = e.kind === "container" ? e.detail : e.kind === "condition" || e.kind === "event" ? e.message : null;
    if (detail !== null && detail !== "") out.push(`  ${" ".repeat(38)}${oneLine(detail)}`);
  }
  if (pod.failures.length > 0) {
    out.push("");
    out.push("Failures");
    for (const f of pod.failures) {
      out.push(`  ${f.reason}${f.container === null ? "" : ` [${f.container}]`} x${f.count}  ${f.category}  first ${stamp(f.firstSeen, created)}  last ${stamp(f.lastSeen, created)}${f.exitCodes.length > 0 ? `  exit ${f.exitCodes.join(",")}` : ""}`);
    }
  }
  // On a terminal, cut to its width (measured on the escaped text); whole otherwise.
  const width = options.width;
  return `${out.map((line) => (width === undefined ? terminalText(line) : cutToWidth(terminalText(line), width))).join("\n")}\n`;
}

function describe(e: TimelineEntry): string {
  switch (e.kind) {
    case "phase":
      return `phase ${e.phase}`;
    case "condition":
      return `condition ${e.type}=${e.status}${e.reason === null ? "" : ` (${e.reason})`}`;
    case "container":
      return `${e.init ? "init container" : "container"} ${e.container}: ${e.state}`;
    case "pod":
      return `pod ${e.what}`;
    case "event":
      return `event ${e.type ?? ""} ${e.reason}${e.container === null ? "" : ` [${e.container}]`}${e.count > 1 ? ` x${e.count}` : ""}`.replace("  ", " ");
  }
}

function stamp(t: EpochMs | null, created: EpochMs | null): string {
  if (t === null) return "?";
  return created === null ? formatTime(t) : `${formatTime(t)} (${offset(t, created)})`;
}

function offset(t: EpochMs | null, created: EpochMs | null): string {
  if (t === null || created === null) return "";
  const d = t - created;
  return d < 0 ? `-${humanizeMs(-d)}` : `+${humanizeMs(d)}`;
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
