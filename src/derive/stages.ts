import type { DurationBound, EpochMs, Stage, TimestampName } from "../types.js";

/** A start-up figure left null: `to` came out before `from`, or the SLI came out negative. */
export type StageProblem = { readonly kind: "inconsistentTimes"; readonly stage: Stage; readonly from: string; readonly to: string } | { readonly kind: "negativeStartupSLI" };

export interface StageInputs {
  /** Measured moments. */
  readonly timestamps: Readonly<Record<TimestampName, EpochMs | null>>;
  /** Moments the capture did not see, with the latest time they can have happened. */
  readonly notAfter: Readonly<Partial<Record<TimestampName, EpochMs>>>;
  /** Sum of the first completed pull of each container (fractional ms), null when none completed. */
  readonly imagePullMs: number | null;
  /** Sum of each init container's first successful run, null when one is unknown. */
  readonly initRunMs: number | null;
}

/**
 * A duration as the moments allow: measured, or only bounded because one end
 * is a moment the capture did not see (a `notAfter` end makes the duration
 * at most, a `notAfter` start at least, what the times say).
 */
type Figure = { readonly kind: "exact" | "atMost" | "atLeast"; readonly ms: number } | null;

/**
 * The start-up stages of docs/spec.md §4, in whole milliseconds (computed on
 * exact values, rounded once). Measured figures go to `durations`; a figure
 * resting on a moment the capture did not see goes to `bounds` instead. An
 * inconsistent pair gives null and a problem description instead of a
 * negative duration.
 */
export function deriveStages({ timestamps: t, notAfter, imagePullMs, initRunMs }: StageInputs): {
  durations: Record<Stage, number | null>;
  bounds: Partial<Record<Stage, DurationBound>>;
  problems: StageProblem[];
} {
  const problems: StageProblem[] = [];
  const moment = (name: TimestampName): { at: EpochMs; exact: boolean } | null => {
    const at = t[name];
    if (at !== null) return { at, exact: true };
    const bound = notAfter[name];
    return bound === undefined ? null : { at: bound, exact: false };
  };
  const span = (stage: Stage, fromName: TimestampName, toName: TimestampName): Figure => {
    const from = moment(fromName);
    const to = moment(toName);
    if (from === null || to === null || (!from.exact && !to.exact)) return null;
    const ms = to.at - from.at;
    if (from.exact && ms < 0) {
      // The latest the end can be is before a measured start: the times contradict each other.
      problems.push({ kind: "inconsistentTimes", stage, from: fromName, to: toName });
      return null;
    }
    if (!from.exact) return ms > 0 ? { kind: "atLeast", ms } : null;
    return { kind: to.exact ? "exact" : "atMost", ms };
  };
  /** `f` minus a measured amount, floored at 0 (a lower bound that reaches 0 says nothing). */
  const minus = (f: Figure, amount: number | null): Figure => {
    if (f === null || amount === null) return null;
    const ms = Math.max(0, f.ms - amount);
    return f.kind === "atLeast" && ms === 0 ? null : { kind: f.kind, ms };
  };

  const scheduledToRunning = span("scheduledToRunning", "scheduled", "containersStarted");
  // Only the SLI needs created-to-running; an inconsistency there is reported through scheduling/scheduledToRunning.
  const created = moment("created");
  const running = moment("containersStarted");
  let startupSLI: Figure = null;
  if (created?.exact === true && running !== null && imagePullMs !== null && initRunMs !== null) {
    const ms = running.at - created.at - imagePullMs - initRunMs;
    if (ms >= 0) startupSLI = { kind: running.exact ? "exact" : "atMost", ms };
    else if (running.exact) problems.push({ kind: "negativeStartupSLI" });
  }
  // Readiness is floored at 0 rather than left null: Ready can be stamped in the second the last container started.
  const ready = moment("ready");
  let readiness: Figure = null;
  if (ready !== null && running !== null && (ready.exact || running.exact)) {
    const ms = Math.max(0, ready.at - running.at);
    readiness = ready.exact && running.exact ? { kind: "exact", ms } : ready.exact ? (ms > 0 ? { kind: "atLeast", ms } : null) : { kind: "atMost", ms };
  }
  const figures: Record<Stage, Figure> = {
    scheduling: span("scheduling", "created", "scheduled"),
    imagePull: imagePullMs === null ? null : { kind: "exact", ms: imagePullMs },
    containerStart: minus(scheduledToRunning, imagePullMs),
    scheduledToRunning,
    readiness,
    startup: span("startup", "created", "ready"),
    startupSLI,
    createdToSandboxReady: span("createdToSandboxReady", "created", "sandboxReady"),
    createdToInitialized: span("createdToInitialized", "created", "initialized"),
    createdToContainersStarted: span("createdToContainersStarted", "created", "containersStarted"),
    createdToContainersReady: span("createdToContainersReady", "created", "containersReady"),
  };
  const durations = {} as Record<Stage, number | null>;
  const bounds: Partial<Record<Stage, DurationBound>> = {};
  for (const stage of Object.keys(figures) as Stage[]) {
    const f = figures[stage];
    durations[stage] = f?.kind === "exact" ? Math.round(f.ms) : null;
    if (f?.kind === "atMost") bounds[stage] = { atMost: Math.round(f.ms) };
    else if (f?.kind === "atLeast") bounds[stage] = { atLeast: Math.round(f.ms) };
  }
  return { durations, bounds, problems };
}
