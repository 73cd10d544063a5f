import type { Report, Stage } from "../types.js";
import { lookupReason } from "../catalog/index.js";
import { humanizeMs } from "./humanize.js";
import { boundedPods, heldBy, noStartupReason, STAGE_LABELS, stuckTerminating } from "./stageFacts.js";
import { notReadyPods, notReadyReasons } from "./notReady.js";

/*
 * The key findings the Markdown and HTML reports open with: the same
 * sentences, as runs of text that each format marks up and escapes its own
 * way (docs/spec.md §8.4).
 */

/** A run of a finding: plain text, emphasised text, or a name or command shown as code. Text is raw (from the capture): the renderer escapes it. */
export type FindingSpan = string | { readonly strong: string } | { readonly code: string };
export type Finding = readonly FindingSpan[];

/** The stages a reader checks first, in the order of the key findings. */
const KEY_STAGES: readonly Stage[] = ["startup", "scheduling", "imagePull"];
/** Kubernetes start-up SLO (SIG Scalability): p99 of the SLI at most 5 s. */
const SLO_P99_MS = 5000;
const MAX_FINDING_REASONS = 5;

const strong = (s: string): FindingSpan => ({ strong: s });
const code = (s: string): FindingSpan => ({ code: s });

/** What a reader of a post-mortem needs first: worst stages, failure reasons, pods broken at the end, pods stuck terminating, partial pods, gaps. */
export function keyFindings(report: Report): Finding[] {
  const out: Finding[] = [];
  const stages = report.summary.stages;
  if (report.pods.length === 0) return [["The capture holds no pods."]];
  for (const stage of KEY_STAGES) {
    const s = stages[stage];
    if (s.count > 0) {
      out.push([strong(`${STAGE_LABELS[stage]}:`), " p99 ", strong(humanizeMs(s.p99)), ", max ", strong(humanizeMs(s.max)), ` over ${plural(s.count, "pod")}.`]);
    } else if (stage === "startup") {
      out.push([strong(`${STAGE_LABELS[stage]}:`), ` ${noStartupReason(report)}.`]);
    } else if (stage === "imagePull") {
      out.push(
        report.totals.eventRecords === 0
          ? [strong("Image pull:"), " unknown, the capture has no kubelet events; next time record them too: ", code("kubectl get events -A -w -o json --output-watch-events > events.jsonl"), "."]
          : [strong("Image pull:"), " unknown, no Pulled event matched these pods."],
      );
    }
  }
  const sli = stages.startupSLI;
  if (sli.p99 !== null && sli.p99 > SLO_P99_MS) {
    out.push([strong("Start-up SLI"), " p99 ", strong(humanizeMs(sli.p99)), ` exceeds the Kubernetes SLO of 5s (over ${plural(sli.count, "pod")}).`]);
  }
  const failures = report.summary.failures;
  for (const f of failures.slice(0, MAX_FINDING_REASONS)) {
    const meaning = lookupReason(f.reason)?.meaning;
    out.push([strong(f.reason), ` (${f.category}) in ${plural(f.pods, "pod")}, ${plural(f.occurrences, "occurrence")}, e.g. `, code(f.examplePod), meaning === undefined ? "." : `: ${meaning}`]);
  }
  if (failures.length > MAX_FINDING_REASONS) out.push([`… ${num(failures.length - MAX_FINDING_REASONS)} more failure reasons in the table below.`]);
  const broken = notReadyPods(report);
  if (broken.length > 0) {
    const byReason = notReadyReasons(broken);
    const reasons: FindingSpan[] = [];
    for (const [r, n] of byReason.slice(0, MAX_FINDING_REASONS)) reasons.push(...(reasons.length === 0 ? [] : [", "]), `${num(n)} in `, code(r));
    if (byReason.length > MAX_FINDING_REASONS) reasons.push(`, ${num(byReason.length - MAX_FINDING_REASONS)} other reasons`);
    const examples: FindingSpan[] = [];
    for (const p of broken.slice(0, 3)) examples.push(...(examples.length === 0 ? [] : [", "]), code(`${p.namespace}/${p.name}`));
    const once = broken.filter((p) => p.notReadyAtEnd.wasReady).length;
    const before = once === 0 ? "" : ` (${once === broken.length ? (once === 1 ? "it was" : "all were") : `${num(once)} of them ${once === 1 ? "was" : "were"}`} Ready before)`;
    out.push([strong(`${plural(broken.length, "pod")} ${broken.length === 1 ? "was" : "were"} not ready at the end`), `${before}: `, ...reasons, " (e.g. ", ...examples, ")."]);
  }
  const failed = report.pods.filter((p) => p.outcome === "Failed").length;
  if (failed > 0) out.push([strong(`${plural(failed, "pod")} ended Failed.`)]);
  const lingering = stuckTerminating(report);
  if (lingering.length > 0) {
    const worst = lingering[0]!;
    out.push([
      strong(`${plural(lingering.length, "pod")} stuck terminating`),
      `, still there long after ${lingering.length === 1 ? "its" : "their"} grace period: e.g. `,
      code(`${worst.pod.namespace}/${worst.pod.name}`),
      `, ${humanizeMs(worst.overdueMs)} overdue, held by ${heldBy(worst.pod)}.`,
    ]);
  }
  const partial = report.pods.filter((p) => p.partial).length;
  if (partial > 0) {
    const bounded = boundedPods(report.pods);
    const left = report.summary.includePartial ? "counted as figures" : "left out of the percentiles";
    const bounds = bounded === 0 ? "" : ` ${plural(bounded, "pod")} ${bounded === 1 ? "has" : "have"} figures that are only bounds, ${left}.`;
    out.push([`${plural(partial, "pod")} already past Pending when first seen (partial): ${partial === 1 ? "its" : "their"} early stages are missing.${bounds}`]);
  }
  if (report.gaps.length > 0) out.push([`The capture has ${plural(report.gaps.length, "gap")} (watch ERROR ${[...new Set(report.gaps.map((g) => g.code ?? "?"))].join(", ")}): changes in between may be missing.`]);
  if (failures.length === 0 && broken.length === 0 && failed === 0 && lingering.length === 0) out.push(["No failure reasons; no pod was left not ready at the end."]);
  return out;
}

/** `12,345`: thousands separated by commas, as the Markdown and HTML reports write counts. */
export function num(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `1 pod`, `12,345 pods`. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${num(n)} ${n === 1 ? noun : nouns}`;
}
