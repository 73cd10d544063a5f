import type { Interruption, PodReport } from "../types.js";
import type { StageSpan, TimelineEntry } from "../derive/timeline.js";
import { formatTimeOrNull } from "../kube/time.js";
import { podJson } from "./json.js";

/**
 * `podtrail timeline POD -o json`: the pod as the JSON report has it, its
 * stages with the moments that bound them, and every entry of its timeline
 * with its time and source (schemas/timeline.schema.json). Times are RFC
 * 3339 strings; keys in a fixed order; two-space indent, a final newline.
 */
export function renderTimelineJson(pod: PodReport, entries: readonly TimelineEntry[], spans: readonly StageSpan[], interrupted: Interruption | null): string {
  const created = pod.timestamps.created;
  const document = {
    pod: podJson(pod),
    stages: spans.map((s) => ({ stage: s.stage, from: formatTimeOrNull(s.from), to: formatTimeOrNull(s.to), ms: s.ms, bound: s.bound })),
    entries: entries.map((e) => {
      const common = { kind: e.kind, at: formatTimeOrNull(e.at), offsetMs: e.at === null || created === null ? null : Math.round(e.at - created) };
      const source = { input: e.source.input, line: e.source.line };
      switch (e.kind) {
        case "phase":
          return { ...common, phase: e.phase, source };
        case "condition":
          return { ...common, type: e.type, status: e.status, reason: e.reason, message: e.message, source };
        case "container":
          return { ...common, container: e.container, init: e.init, state: e.state, detail: e.detail, source };
        case "pod":
          return { ...common, what: e.what, source };
        case "event":
          return { ...common, type: e.type, reason: e.reason, container: e.container, count: e.count, message: e.message, source };
      }
    }),
    interrupted,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
