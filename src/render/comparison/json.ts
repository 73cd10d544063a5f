import { COMPARED_STATS, type ComparedStat, type Comparison, type ComparisonSide, type StageSide, type StatChange, type StatValue } from "../../compare/compare.js";
import { changed } from "./words.js";

/*
 * The comparison as JSON (schemas/comparison.schema.json): keys in a fixed
 * order, durations in integer milliseconds as the report's, a statistic as
 * `{ms, notReached}` since JSON has no Infinity.
 */

export const COMPARISON_VERSION = 1;

function stat(v: StatValue): { ms: number | null; notReached: boolean } {
  return v === Number.POSITIVE_INFINITY ? { ms: null, notReached: true } : { ms: v, notReached: false };
}

function sideJson(s: ComparisonSide) {
  return { label: s.label, kind: s.kind, pods: s.pods, notReady: s.notReady, stuck: s.stuck, includePartial: s.includePartial, groupBy: s.groupBy };
}

function stageSideJson(s: StageSide) {
  const stats = {} as Record<ComparedStat, ReturnType<typeof stat>>;
  for (const k of COMPARED_STATS) stats[k] = stat(s.stats[k]);
  return { count: s.count, unfinished: s.unfinished, ...stats };
}

function changeJson(c: StatChange) {
  return { kind: c.kind, deltaMs: c.deltaMs, percent: c.percent };
}

export function toComparisonJson(c: Comparison) {
  return {
    comparisonVersion: COMPARISON_VERSION,
    base: sideJson(c.base),
    new: sideJson(c.head),
    changed: changed(c),
    groupBy: c.groupBy,
    notes: c.notes,
    excludeUnfinished: c.excludeUnfinished,
    scopes: c.scopes.map((s) => ({
      group: s.group,
      basePods: s.basePods,
      newPods: s.headPods,
      stages: s.stages.map((st) => {
        const changes = {} as Record<ComparedStat, ReturnType<typeof changeJson>>;
        for (const k of COMPARED_STATS) changes[k] = changeJson(st.changes[k]);
        return { stage: st.stage, base: stageSideJson(st.base), new: stageSideJson(st.head), changes };
      }),
    })),
    failures: c.failures.map((f) => ({ reason: f.reason, category: f.category, base: f.base, new: f.head, kind: f.kind })),
    podsAppeared: c.podsAppeared,
    podsDisappeared: c.podsDisappeared,
    tolerances: c.tolerances,
    regressions: c.regressions.map((r) => ({ tolerance: r.tolerance, group: r.group, stage: r.stage, stat: r.stat, base: stat(r.base), new: stat(r.head), change: changeJson(r.change) })),
  };
}

export function renderComparisonJson(c: Comparison): string {
  return `${JSON.stringify(toComparisonJson(c), null, 2)}\n`;
}
