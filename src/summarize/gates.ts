import { FAILURE_CATEGORIES, STAGES, type FailureCategory, type PodReport, type Stage, type StuckTerminating, type ThresholdResult } from "../types.js";
import { parseGoDuration } from "../kube/goDuration.js";
import { UserError } from "../errors.js";
import { didYouMean } from "../didYouMean.js";
import { stageValues } from "./summarize.js";
import { unfinished } from "./unfinished.js";

/*
 * `--fail-if` gates (docs/spec.md §7.5): a stage statistic against a
 * duration (`startup.p99>5s`), or a number or share of pods
 * (`notReady>0`, `failures.image>5%`). Exact and deterministic: the
 * statistics are the summary's nearest-rank ones, over the same figures, with
 * the pods that never reached the stage counted as slower than any limit.
 */

export const THRESHOLD_STATS = ["min", "p50", "p90", "p95", "p99", "max", "mean"] as const;
export type ThresholdStat = (typeof THRESHOLD_STATS)[number];
export type GateOp = ">" | ">=" | "<" | "<=";

/** What a count gate counts. */
export const COUNT_SUBJECTS = ["notReady", "stuck", "failures", "partial"] as const;
export type CountSubject = (typeof COUNT_SUBJECTS)[number];

/** `startup.p99>5s`: the exit status is 1 when the comparison holds. */
export interface StageThreshold {
  readonly kind: "stage";
  readonly expression: string;
  readonly stage: Stage;
  readonly stat: ThresholdStat;
  readonly op: GateOp;
  readonly limitMs: number;
}

/** `notReady>0`, `failures.ImagePullBackOff>=3`, `partial>10%`: pods counted, or their share of the report's pods. */
export interface CountThreshold {
  readonly kind: "count";
  readonly expression: string;
  readonly subject: CountSubject;
  /** `failures.<category|reason>`: a failure category (lower case, as the catalogue names them) or a reason. */
  readonly failure: { readonly category: FailureCategory } | { readonly reason: string } | null;
  readonly op: GateOp;
  /** Pods, or percent of the pods when `percent`. */
  readonly limit: number;
  readonly percent: boolean;
}

export type Threshold = StageThreshold | CountThreshold;

export interface GateOptions {
  /** Summaries include bounds (the report's `includePartial`): the gates then count them too. */
  readonly includePartial?: boolean;
  /** Leave out the pods that never reached a stage, instead of counting them above every limit (stage gates only). */
  readonly excludeUnfinished?: boolean;
}

const SHAPE = /^\s*([A-Za-z][A-Za-z0-9]*)(?:\.([^\s<>=]+))?\s*(>=|<=|>|<)\s*(\S+)\s*$/;
const COUNTS_HELP = "notReady, stuck, failures, failures.<category|reason>, partial";

/**
 * Parses a gate; `UserError` naming the expression and what is wrong with it.
 * A stage gate's limit is a Go duration with its unit (`500ms`, `5s`, `2m`,
 * `1h30m`): a bare number is refused rather than guessed to be
 * milliseconds. A count gate's limit is a whole number of pods or a
 * percentage of them.
 */
export function parseThreshold(expression: string): Threshold {
  const m = SHAPE.exec(expression);
  const fail = (why: string): never => {
    throw new UserError(`'${expression}': ${why}`);
  };
  if (m === null) return fail("expected STAGE.STAT>DURATION or COUNT>N, e.g. 'startup.p99>5s' or 'notReady>0'");
  const [, name, detail, op, limit] = m as unknown as [string, string, string | undefined, GateOp, string];
  if ((COUNT_SUBJECTS as readonly string[]).includes(name)) return parseCount(name as CountSubject, detail, op, limit, fail);
  if (!(STAGES as readonly string[]).includes(name)) return fail(`unknown stage '${name}'${didYouMean(name, [...STAGES, ...COUNT_SUBJECTS])} (one of ${STAGES.join(", ")}; or a count: ${COUNTS_HELP})`);
  if (detail === undefined) return fail(`'${name}' needs a statistic: ${name}.p99, one of ${THRESHOLD_STATS.join(", ")}`);
  if (!(THRESHOLD_STATS as readonly string[]).includes(detail)) return fail(`unknown statistic '${detail}'${didYouMean(detail, THRESHOLD_STATS)} (one of ${THRESHOLD_STATS.join(", ")})`);
  const limitMs = parseLimitDuration(limit, fail);
  return { kind: "stage", expression: `${name}.${detail}${op}${limit}`, stage: name as Stage, stat: detail as ThresholdStat, op, limitMs };
}

/** A duration with its unit; a bare number says which units there are. Shared with the comparison's tolerances. */
export function parseLimitDuration(text: string, fail: (why: string) => never): number {
  if (/^\d+(\.\d+)?$/.test(text)) return fail(`'${text}' has no unit: write ${text}ms, or seconds (5s), minutes (2m), hours (1h); a bare number is not read as milliseconds`);
  if (text.endsWith("%")) return fail(`'${text}' is a share: a stage statistic takes a duration (500ms, 5s, 2m, 1h30m)`);
  const ms = parseGoDuration(text);
  if (ms === null) return fail(`'${text}' is not a duration (500ms, 5s, 2m, 1h30m)`);
  return ms;
}

function parseCount(subject: CountSubject, detail: string | undefined, op: GateOp, limit: string, fail: (why: string) => never): CountThreshold {
  let failure: CountThreshold["failure"] = null;
  if (detail !== undefined) {
    if (subject !== "failures") return fail(`'${subject}' takes no '.${detail}': only failures does (failures.<category|reason>)`);
    failure = (FAILURE_CATEGORIES as readonly string[]).includes(detail) ? { category: detail as FailureCategory } : { reason: detail };
  }
  const share = /^(\d+(?:\.\d+)?)%$/.exec(limit);
  const whole = /^\d+$/.test(limit);
  if (share === null && !whole) return fail(`${subject} counts pods: give a number of pods (0, 3) or a share of them (5%), not '${limit}'`);
  const value = Number(share === null ? limit : share[1]);
  if (share !== null && value > 100) return fail(`'${limit}' is more than all the pods`);
  return { kind: "count", expression: `${subject}${detail === undefined ? "" : `.${detail}`}${op}${limit}`, subject, failure, op, limit: value, percent: share !== null };
}

const EXAMPLES = 5;

/** Each gate against the report's selected pods (docs/spec.md §7.5). */
export function evaluateGates(
  pods: readonly PodReport[],
  stuckTerminating: readonly StuckTerminating[],
  thresholds: readonly Threshold[],
  options: GateOptions = {},
): ThresholdResult[] {
  return thresholds.map((t) => (t.kind === "stage" ? evaluateStage(pods, t, options) : evaluateCount(pods, stuckTerminating, t)));
}

function evaluateStage(pods: readonly PodReport[], t: StageThreshold, options: GateOptions): ThresholdResult {
  const { values } = stageValues(pods, t.stage, options.includePartial ?? false);
  const left = options.excludeUnfinished === true ? [] : pods.filter((p) => unfinished(p, t.stage));
  const value = gateStatistic(values, left.length, t.stat);
  return {
    expression: t.expression,
    kind: "stage",
    valueMs: value === null || value === Number.POSITIVE_INFINITY ? null : value,
    notReached: value === Number.POSITIVE_INFINITY,
    count: null,
    pods: pods.length,
    unfinished: left.length,
    breached: value !== null && holds(value, t.op, t.limitMs),
    examples: left.slice(0, EXAMPLES).map(podName),
  };
}

function evaluateCount(pods: readonly PodReport[], stuckTerminating: readonly StuckTerminating[], t: CountThreshold): ThresholdResult {
  const counted = countedPods(pods, stuckTerminating, t);
  // A share compares count/pods·100 with the limit, multiplied out: no division, so `10%` of 10 pods is exactly 1.
  const breached = t.percent ? holds(counted.length * 100, t.op, t.limit * pods.length) : holds(counted.length, t.op, t.limit);
  return {
    expression: t.expression,
    kind: "count",
    valueMs: null,
    notReached: false,
    count: counted.length,
    pods: pods.length,
    unfinished: 0,
    breached,
    examples: counted.slice(0, EXAMPLES).map(podName),
  };
}

/** The pods a count gate counts, in report order. */
export function countedPods(pods: readonly PodReport[], stuckTerminating: readonly StuckTerminating[], t: Pick<CountThreshold, "subject" | "failure">): PodReport[] {
  switch (t.subject) {
    case "notReady":
      return pods.filter((p) => unfinished(p, "startup"));
    case "stuck": {
      const terminating = new Set(stuckTerminating.map((s) => `${s.namespace}/${s.name}/${s.uid ?? ""}`));
      return pods.filter((p) => p.stuckIn !== null || terminating.has(`${p.namespace}/${p.name}/${p.uid ?? ""}`));
    }
    case "failures": {
      const f = t.failure;
      return pods.filter((p) => p.failures.some((x) => f === null || ("category" in f ? x.category === f.category : x.reason === f.reason)));
    }
    case "partial":
      return pods.filter((p) => p.partial);
  }
}

/**
 * A statistic over measured figures and `unfinished` pods taken as slower
 * than any figure: +Infinity when it falls on one of them (a percentile whose
 * rank reaches them, max and mean as soon as there is one, min when no pod
 * has a figure); null only when there are neither.
 */
export function gateStatistic(values: readonly number[], unfinishedCount: number, stat: ThresholdStat): number | null {
  const n = values.length + unfinishedCount;
  if (n === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const INF = Number.POSITIVE_INFINITY;
  switch (stat) {
    case "min":
      return sorted[0] ?? INF;
    case "max":
      return unfinishedCount > 0 ? INF : sorted[sorted.length - 1]!;
    case "mean": {
      if (unfinishedCount > 0) return INF;
      let sum = 0;
      for (const v of sorted) sum += v;
      return sum / sorted.length;
    }
    default: {
      const q = Number(stat.slice(1)) / 100;
      const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
      // Nearest rank, as the summary takes it (percentiles.ts), over the figures followed by the unfinished pods.
      return rank > sorted.length ? INF : sorted[rank - 1]!;
    }
  }
}

export function holds(value: number, op: GateOp, limit: number): boolean {
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

function podName(p: { readonly namespace: string; readonly name: string }): string {
  return `${p.namespace}/${p.name}`;
}
