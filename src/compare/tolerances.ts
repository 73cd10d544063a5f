import { STAGES, type Stage } from "../types.js";
import { UserError } from "../errors.js";
import { parseLimitDuration } from "../summarize/gates.js";
import type { ComparedStat, Regression, ScopeComparison } from "./types.js";

/*
 * `--fail-if-slower [STAGE[.STAT]:]LIMIT` (docs/spec.md §7.6): LIMIT is a
 * share of BASE's figure (`10%`) or a duration (`500ms`); without a stage it
 * holds for every stage, without a statistic for p50, p90, p99 and max.
 * NEW is a regression beyond it when its statistic is more than BASE's by
 * more than the limit, when it is not reached (a pod never got there) where
 * BASE's was, or when BASE had a figure and NEW has none: a tolerance is
 * not met by missing data.
 */

const STATS: readonly ComparedStat[] = ["p50", "p90", "p99", "max"];

export interface Tolerance {
  readonly expression: string;
  /** null: every stage. */
  readonly stage: Stage | null;
  /** null: every compared statistic. */
  readonly stat: ComparedStat | null;
  readonly limit: { readonly percent: number } | { readonly ms: number };
}

const SHAPE = /^\s*(?:([A-Za-z][A-Za-z0-9]*)(?:\.([a-z0-9]+))?\s*:\s*)?(\S+)\s*$/;

export function parseTolerance(expression: string): Tolerance {
  const fail = (why: string): never => {
    throw new UserError(`'${expression}': ${why}`);
  };
  const m = SHAPE.exec(expression);
  if (m === null) return fail("expected [STAGE[.STAT]:]LIMIT, e.g. '10%', 'startup.p99:10%' or 'scheduling:500ms'");
  const [, stage, stat, limit] = m as unknown as [string, string | undefined, string | undefined, string];
  if (stage !== undefined && !(STAGES as readonly string[]).includes(stage)) return fail(`unknown stage '${stage}' (one of ${STAGES.join(", ")})`);
  if (stat !== undefined && !(STATS as readonly string[]).includes(stat)) return fail(`unknown statistic '${stat}' (a comparison shows ${STATS.join(", ")})`);
  const share = /^(\d+(?:\.\d+)?)%$/.exec(limit);
  const parsed = share !== null ? { percent: Number(share[1]) } : { ms: parseLimitDuration(limit, (why) => fail(`${why}, or a share of BASE's figure (10%)`)) };
  const where = stage === undefined ? "" : `${stage}${stat === undefined ? "" : `.${stat}`}:`;
  return { expression: `${where}${limit}`, stage: (stage as Stage | undefined) ?? null, stat: (stat as ComparedStat | undefined) ?? null, limit: parsed };
}

/** Every statistic of every scope and stage that a tolerance covers and NEW went past, in scope, stage, statistic and tolerance order. */
export function checkTolerances(scopes: readonly ScopeComparison[], tolerances: readonly Tolerance[]): Regression[] {
  const out: Regression[] = [];
  for (const scope of scopes) {
    // A group on one side only has nothing to compare with; its pods are in the scope of every pod.
    if (scope.basePods === 0 || scope.headPods === 0) continue;
    for (const s of scope.stages) {
      for (const stat of STATS) {
        for (const t of tolerances) {
          if ((t.stage !== null && t.stage !== s.stage) || (t.stat !== null && t.stat !== stat)) continue;
          const base = s.base.stats[stat];
          const head = s.head.stats[stat];
          if (beyond(base, head, t)) out.push({ tolerance: t.expression, group: scope.group, stage: s.stage, stat, base, head, change: s.changes[stat] });
        }
      }
    }
  }
  return out;
}

function beyond(base: number | null, head: number | null, t: Tolerance): boolean {
  if (base === null) return false;
  if (head === null) return true;
  if (head <= base) return false;
  if (head === Number.POSITIVE_INFINITY) return true;
  // Multiplied out, as the gates' shares are: 10% of 5 s is exactly 500 ms.
  return "percent" in t.limit ? (head - base) * 100 > t.limit.percent * base : head - base > t.limit.ms;
}
