import type { EpochMs, Stage, TimestampName } from "../types.js";

/** A start-up figure left null: `to` came out before `from`, or the SLI came out negative. */
export type StageProblem = { readonly kind: "inconsistentTimes"; readonly stage: Stage; readonly from: string; readonly to: string } | { readonly kind: "negativeStartupSLI" };

export interface StageInputs {
  readonly timestamps: Readonly<Record<TimestampName, EpochMs | null>>;
  /** Sum of the first completed pull of each container (fractional ms), null when none completed. */
  readonly imagePullMs: number | null;
  /** Sum of each init container's first successful run, null when one is unknown. */
  readonly initRunMs: number | null;
}

/**
 * The start-up stages of docs/spec.md §4, in whole milliseconds (computed on
 * exact values, rounded once). An inconsistent pair gives null and a problem
 * description instead of a negative duration.
 */
export function deriveStages({ timestamps: t, imagePullMs, initRunMs }: StageInputs): {
  durations: Record<Stage, number | null>;
  problems: StageProblem[];
} {
  const problems: StageProblem[] = [];
  const span = (stage: Stage, from: EpochMs | null, to: EpochMs | null, fromName: string, toName: string): number | null => {
    if (from === null || to === null) return null;
    if (to < from) {
      problems.push({ kind: "inconsistentTimes", stage, from: fromName, to: toName });
      return null;
    }
    return to - from;
  };
  const scheduledToRunning = span("scheduledToRunning", t.scheduled, t.containersStarted, "scheduled", "containersStarted");
  // Only the SLI needs created-to-running; an inconsistency there is reported through scheduling/scheduledToRunning.
  const createdToRunning = t.created !== null && t.containersStarted !== null ? t.containersStarted - t.created : null;
  const readiness = t.ready !== null && t.containersStarted !== null ? Math.max(0, t.ready - t.containersStarted) : null;
  const containerStart = scheduledToRunning !== null && imagePullMs !== null ? Math.max(0, scheduledToRunning - imagePullMs) : null;
  let startupSLI: number | null = null;
  if (createdToRunning !== null && imagePullMs !== null && initRunMs !== null) {
    startupSLI = createdToRunning - imagePullMs - initRunMs;
    if (startupSLI < 0) {
      problems.push({ kind: "negativeStartupSLI" });
      startupSLI = null;
    }
  }
  return {
    durations: {
      scheduling: round(span("scheduling", t.created, t.scheduled, "created", "scheduled")),
      imagePull: round(imagePullMs),
      containerStart: round(containerStart),
      scheduledToRunning: round(scheduledToRunning),
      readiness: round(readiness),
      startup: round(span("startup", t.created, t.ready, "created", "ready")),
      startupSLI: round(startupSLI),
    },
    problems,
  };
}

function round(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms);
}
