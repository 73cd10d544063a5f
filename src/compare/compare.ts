import { STAGES, type FailureCategory, type Stage } from "../types.js";
import { compareText } from "../compareText.js";
import { stageValues } from "../summarize/summarize.js";
import { unfinished } from "../summarize/unfinished.js";
import { gateStatistic } from "../summarize/gates.js";
import { podsByGroup } from "../summarize/groups.js";
import { checkTolerances, type Tolerance } from "./tolerances.js";
import {
  COMPARED_STATS,
  type ComparablePod,
  type ComparableReport,
  type ComparedStat,
  type Comparison,
  type ComparisonSide,
  type FailureChange,
  type ScopeComparison,
  type StageComparison,
  type StageSide,
  type StatChange,
  type StatValue,
} from "./types.js";

export * from "./types.js";

/*
 * Two runs side by side (docs/spec.md §7.6): per stage and group, the
 * statistics of each with the change, the pods and failure reasons that
 * appeared or went, and the regressions beyond the tolerances given. Pure:
 * each side is a report, made by `analyze` from captures or read back from
 * a JSON report; both shapes carry what this needs, so a comparison of a
 * report with its own captures gives no change.
 *
 * The statistics are the gates' (§7.5): the summary's nearest-rank figures
 * with the pods that never reached the stage counted as slower than any
 * figure, unless `excludeUnfinished`. A run whose pods never started
 * therefore compares as slower, not as faster for having only its quick
 * pods measured.
 */

export interface CompareOptions {
  /** Leave out the pods that never reached a stage instead of counting them slower than any figure. */
  readonly excludeUnfinished?: boolean;
  /** `--fail-if-slower`: a regression beyond any of these is listed in `regressions`. */
  readonly tolerances?: readonly Tolerance[];
  readonly baseLabel?: string;
  readonly headLabel?: string;
  readonly baseKind?: ComparisonSide["kind"];
  readonly headKind?: ComparisonSide["kind"];
}

export function compareReports(base: ComparableReport, head: ComparableReport, options: CompareOptions = {}): Comparison {
  const exclude = options.excludeUnfinished ?? false;
  const notes: string[] = [];
  const groupBy = base.groupBy !== null && base.groupBy === head.groupBy ? base.groupBy : null;
  if (base.groupBy !== head.groupBy) notes.push(`groups not compared: BASE is grouped by ${base.groupBy ?? "nothing"}, NEW by ${head.groupBy ?? "nothing"}`);
  if (base.summary.includePartial !== head.summary.includePartial) {
    notes.push(`${base.summary.includePartial ? "BASE" : "NEW"} counts the bounds of partial pods in its figures (--include-partial), ${base.summary.includePartial ? "NEW" : "BASE"} does not`);
  }
  const scopes: ScopeComparison[] = [compareScope(null, base.pods, head.pods, base, head, exclude)];
  if (groupBy !== null) {
    const baseGroups = podsByGroup(base.pods, groupBy);
    const headGroups = podsByGroup(head.pods, groupBy);
    for (const name of [...new Set([...baseGroups.keys(), ...headGroups.keys()])].sort(compareText)) {
      scopes.push(compareScope(name, baseGroups.get(name) ?? [], headGroups.get(name) ?? [], base, head, exclude));
    }
  }
  const baseNames = new Set(base.pods.map(podName));
  const headNames = new Set(head.pods.map(podName));
  const tolerances = options.tolerances ?? [];
  return {
    base: side(base, options.baseLabel ?? "BASE", options.baseKind ?? "report"),
    head: side(head, options.headLabel ?? "NEW", options.headKind ?? "report"),
    groupBy,
    notes,
    excludeUnfinished: exclude,
    scopes,
    failures: compareFailures(base, head),
    podsAppeared: [...headNames].filter((n) => !baseNames.has(n)).sort(compareText),
    podsDisappeared: [...baseNames].filter((n) => !headNames.has(n)).sort(compareText),
    tolerances: tolerances.map((t) => t.expression),
    regressions: checkTolerances(scopes, tolerances),
  };
}

function podName(p: { readonly namespace: string; readonly name: string }): string {
  return `${p.namespace}/${p.name}`;
}

function side(r: ComparableReport, label: string, kind: ComparisonSide["kind"]): ComparisonSide {
  const terminating = new Set(r.stuckTerminating.map((s) => `${s.namespace}/${s.name}/${s.uid ?? ""}`));
  return {
    label,
    kind,
    pods: r.pods.length,
    notReady: r.pods.filter((p) => unfinished(p, "startup")).length,
    stuck: r.pods.filter((p) => p.stuckIn !== null || terminating.has(`${p.namespace}/${p.name}/${p.uid ?? ""}`)).length,
    includePartial: r.summary.includePartial,
    groupBy: r.groupBy,
  };
}

function stageSide(pods: readonly ComparablePod[], stage: Stage, includePartial: boolean, exclude: boolean): StageSide {
  const { values } = stageValues(pods, stage, includePartial);
  const left = exclude ? 0 : pods.filter((p) => unfinished(p, stage)).length;
  const stats = {} as Record<ComparedStat, StatValue>;
  for (const stat of COMPARED_STATS) stats[stat] = gateStatistic(values, left, stat);
  return { count: values.length, unfinished: left, stats };
}

function compareScope(
  group: string | null,
  basePods: readonly ComparablePod[],
  headPods: readonly ComparablePod[],
  base: ComparableReport,
  head: ComparableReport,
  exclude: boolean,
): ScopeComparison {
  const stages: StageComparison[] = [];
  for (const stage of STAGES) {
    const b = stageSide(basePods, stage, base.summary.includePartial, exclude);
    const h = stageSide(headPods, stage, head.summary.includePartial, exclude);
    if (b.count + b.unfinished + h.count + h.unfinished === 0) continue;
    const changes = {} as Record<ComparedStat, StatChange>;
    for (const stat of COMPARED_STATS) changes[stat] = change(b.stats[stat], h.stats[stat]);
    stages.push({ stage, base: b, head: h, changes });
  }
  return { group, basePods: basePods.length, headPods: headPods.length, stages };
}

/** How NEW's statistic compares with BASE's. */
export function change(base: StatValue, head: StatValue): StatChange {
  if (base === null && head === null) return { kind: "same", deltaMs: null, percent: null };
  if (base === null) return { kind: "new", deltaMs: null, percent: null };
  if (head === null) return { kind: "gone", deltaMs: null, percent: null };
  const INF = Number.POSITIVE_INFINITY;
  if (base === INF || head === INF) {
    return { kind: base === head ? "same" : head === INF ? "slower" : "faster", deltaMs: null, percent: null };
  }
  const delta = head - base;
  const percent = base === 0 ? (head === 0 ? 0 : null) : (delta / base) * 100;
  return { kind: delta === 0 ? "same" : delta > 0 ? "slower" : "faster", deltaMs: delta, percent };
}

function compareFailures(base: ComparableReport, head: ComparableReport): FailureChange[] {
  const byReason = new Map<string, { reason: string; category: FailureCategory; base: FailureChange["base"]; head: FailureChange["head"] }>();
  const none = { pods: 0, occurrences: 0 };
  for (const f of base.summary.failures) byReason.set(f.reason, { reason: f.reason, category: f.category, base: { pods: f.pods, occurrences: f.occurrences }, head: none });
  for (const f of head.summary.failures) {
    const known = byReason.get(f.reason);
    byReason.set(f.reason, { reason: f.reason, category: known?.category ?? f.category, base: known?.base ?? none, head: { pods: f.pods, occurrences: f.occurrences } });
  }
  const rank = { appeared: 0, disappeared: 1, more: 2, fewer: 3, same: 4 } as const;
  return [...byReason.values()]
    .map((f): FailureChange => {
      const kind =
        f.base.pods === 0 ? "appeared" : f.head.pods === 0 ? "disappeared" : f.head.pods !== f.base.pods ? (f.head.pods > f.base.pods ? "more" : "fewer") : f.head.occurrences > f.base.occurrences ? "more" : f.head.occurrences < f.base.occurrences ? "fewer" : "same";
      return { ...f, kind };
    })
    .sort((a, b) => rank[a.kind] - rank[b.kind] || compareText(a.reason, b.reason));
}
