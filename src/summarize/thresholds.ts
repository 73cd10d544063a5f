import { STAGES, type Stage, type Summary, type ThresholdResult } from "../types.js";
import { parseGoDuration } from "../kube/goDuration.js";
import { UserError } from "../errors.js";
import { didYouMean } from "../didYouMean.js";

export const THRESHOLD_STATS = ["min", "p50", "p90", "p95", "p99", "max", "mean"] as const;
export type ThresholdStat = (typeof THRESHOLD_STATS)[number];
type Op = ">" | ">=" | "<" | "<=";

/** `startup.p99>5s`: the exit status is 1 when the condition holds. */
export interface Threshold {
  readonly expression: string;
  readonly stage: Stage;
  readonly stat: ThresholdStat;
  readonly op: Op;
  readonly limitMs: number;
}

const SHAPE = /^\s*([A-Za-z]+)\.([a-z0-9]+)\s*(>=|<=|>|<)\s*(\S+)\s*$/;

/**
 * Parses `STAGE.STAT OP DURATION` (durations like `500ms`, `5s`, `2m`,
 * `1h30m`; a bare number is ms); `UserError` naming the expression and what
 * is wrong with it.
 */
export function parseThreshold(expression: string): Threshold {
  const m = SHAPE.exec(expression);
  const fail = (why: string): never => {
    throw new UserError(`'${expression}': ${why}`);
  };
  if (m === null) return fail("expected STAGE.STAT>DURATION, e.g. 'startup.p99>5s'");
  const [, stage, stat, op, limit] = m as unknown as [string, string, string, Op, string];
  if (!(STAGES as readonly string[]).includes(stage)) return fail(`unknown stage '${stage}'${didYouMean(stage, STAGES)} (one of ${STAGES.join(", ")})`);
  if (!(THRESHOLD_STATS as readonly string[]).includes(stat)) return fail(`unknown statistic '${stat}'${didYouMean(stat, THRESHOLD_STATS)} (one of ${THRESHOLD_STATS.join(", ")})`);
  const limitMs = /^\d+(\.\d+)?$/.test(limit) ? Number(limit) : parseGoDuration(limit);
  if (limitMs === null) return fail(`'${limit}' is not a duration (500ms, 5s, 2m, 1h30m)`);
  return { expression: `${stage}.${stat}${op}${limit}`, stage: stage as Stage, stat: stat as ThresholdStat, op, limitMs };
}

/** Each threshold against the summary; a stage with no values breaches nothing. */
export function evaluateThresholds(summary: Summary, thresholds: readonly Threshold[]): ThresholdResult[] {
  return thresholds.map((t) => {
    const value = summary.stages[t.stage][t.stat];
    const breached = value !== null && compare(value, t.op, t.limitMs);
    return { expression: t.expression, valueMs: value, breached };
  });
}

function compare(value: number, op: Op, limit: number): boolean {
  switch (op) {
    case ">":
      return value > limit;
    case ">=":
      return value >= limit;
    case "<":
      return value < limit;
    case "<=":
      return value <= limit;
  }
}
