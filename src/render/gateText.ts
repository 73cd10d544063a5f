import { FAILURE_CATEGORIES, type ThresholdResult } from "../types.js";
import { humanizeMs } from "./humanize.js";

/*
 * What a gate found, in one line, as every output names it: the command's
 * breach lines on stderr, JUnit failure messages. Durations in the report's
 * format (`humanizeMs`), so a breach reads like the tables it came from.
 */

/** The statistic of an expression (`p99` of `startup.p99>5s`). */
function statOf(expression: string): string {
  return /^[A-Za-z0-9]+\.([a-z0-9]+)/.exec(expression)?.[1] ?? "value";
}

function stageOf(expression: string): string {
  return /^([A-Za-z0-9]+)/.exec(expression)?.[1] ?? expression;
}

const pods = (n: number): string => (n === 1 ? "1 pod" : `${n} pods`);

function examples(g: ThresholdResult, total: number): string {
  if (g.examples.length === 0) return "";
  const more = total - g.examples.length;
  return `: ${g.examples.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/** What a count gate counts, in words, for `n` pods. */
function counted(expression: string, n: number): string {
  const subject = stageOf(expression);
  const detail = /^failures\.([^\s<>=]+)/.exec(expression)?.[1];
  const were = n === 1 ? "was" : "were";
  switch (subject) {
    case "notReady":
      return `${pods(n)} never became ready`;
    case "stuck":
      return `${pods(n)} ${were} stuck at the end of the capture`;
    case "partial":
      return `${pods(n)} ${were} first seen after start-up began (partial)`;
    default:
      if (detail === undefined) return `${pods(n)} showed a failure`;
      return `${pods(n)} showed ${(FAILURE_CATEGORIES as readonly string[]).includes(detail) ? `a failure of category ${detail}` : detail}`;
  }
}

/**
 * `startup.p99>5s: p99 is 12s`, `startup.p99>5s: p99 not reached: 1 of 1 pod
 * never reached startup (counted above every limit): ml/web-x`,
 * `notReady>0: 2 of 3 pods never became ready: ...`.
 */
export function gateLine(g: ThresholdResult): string {
  if (g.kind === "count") {
    const n = g.count ?? 0;
    const share = g.pods === 0 ? "" : ` (${Math.round((n / g.pods) * 1000) / 10}% of ${g.pods})`;
    return `${g.expression}: ${counted(g.expression, n)}${share}${examples(g, n)}`;
  }
  const stat = statOf(g.expression);
  const stage = stageOf(g.expression);
  const left = g.unfinished === 0 ? "" : `${g.unfinished} of ${g.pods} ${g.pods === 1 ? "pod" : "pods"} never reached ${stage} (counted above every limit)${examples(g, g.unfinished)}`;
  if (g.notReached) return `${g.expression}: ${stat} not reached: ${left}`;
  if (g.valueMs === null) return `${g.expression}: no pod has a ${stage} figure, nothing to compare (${pods(g.pods)} selected)`;
  return `${g.expression}: ${stat} is ${humanizeMs(g.valueMs)}${left === "" ? "" : `; ${left}`}`;
}
