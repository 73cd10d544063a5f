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
      if (includePartial) values.push("atMost" in bound ? bound.atMost : bound.atLeast);
      else bounded++;
    }
    stages[stage] = summarizeValues(values, bounded);
  }
  return { pods: pods.length, includePartial, stages, failures: summarizeFailures(pods) };
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
