import { STAGES, type FailureSummary, type PodReport, type Stage, type StageSummary, type Summary } from "../types.js";
import { summarizeValues } from "./percentiles.js";
import { compareText } from "../compareText.js";

export interface SummaryOptions {
  /**
   * Count figures that are only bounds (a pod first seen after the
   * transition they rest on) as if they were measured. Off by default: a
   * bound such as "Ready at most 116 days after creation" is no start-up time.
   */
  readonly includePartial?: boolean;
}

/** Stage percentiles and failure reasons over some pods (docs/spec.md §7): measured figures, unless told to include bounds. */
export function summarize(pods: readonly PodReport[], options: SummaryOptions = {}): Summary {
  const includePartial = options.includePartial ?? false;
  const stages = {} as Record<Stage, StageSummary>;
  for (const stage of STAGES) {
    const { values, bounded } = stageValues(pods, stage, includePartial);
    stages[stage] = summarizeValues(values, bounded);
  }
  return { pods: pods.length, includePartial, stages, failures: summarizeFailures(pods) };
}

/** What a pod's stage figures are read from: a report's pod or a JSON report's (whose bounds type has both keys optional). */
export interface StageFigures {
  readonly durationsMs: { readonly [S in Stage]: number | null };
  readonly boundsMs: { readonly [S in Stage]?: { readonly atMost?: number; readonly atLeast?: number } };
}

/**
 * The figures a stage summary is made of: the measured ones, plus the bounds
 * when told to include them (else counted in `bounded`). Gates and
 * comparisons take the same values as the summary.
 */
export function stageValues(pods: readonly StageFigures[], stage: Stage, includePartial: boolean): { values: number[]; bounded: number } {
  const values: number[] = [];
  let bounded = 0;
  for (const p of pods) {
    const v = p.durationsMs[stage];
    if (v !== null) {
      values.push(v);
      continue;
    }
    const bound = p.boundsMs[stage];
    if (bound === undefined) continue;
    const figure = bound.atMost ?? bound.atLeast;
    if (figure === undefined) continue;
    if (includePartial) values.push(figure);
    else bounded++;
  }
  return { values, bounded };
}

/** Per reason: how many pods showed it and how many times in all; most widespread first. */
export function summarizeFailures(pods: readonly PodReport[]): FailureSummary[] {
  const byReason = new Map<string, { reason: string; category: FailureSummary["category"]; pods: number; occurrences: number; examplePod: string; exampleMessage: string | null }>();
  for (const pod of pods) {
    const seen = new Set<string>();
    for (const f of pod.failures) {
      let entry = byReason.get(f.reason);
      if (entry === undefined) {
        entry = { reason: f.reason, category: f.category, pods: 0, occurrences: 0, examplePod: `${pod.namespace}/${pod.name}`, exampleMessage: f.message };
        byReason.set(f.reason, entry);
      }
      // The example pod's message (of any of its containers), else the first a pod has.
      entry.exampleMessage ??= f.message;
      entry.occurrences += f.count;
      if (!seen.has(f.reason)) {
        seen.add(f.reason);
        entry.pods++;
      }
    }
  }
  return [...byReason.values()].sort(
    (a, b) => b.pods - a.pods || b.occurrences - a.occurrences || compareText(a.reason, b.reason),
  );
}
