import type { FailureCategory, GroupBy, Stage } from "../types.js";
import type { PodProgress } from "../summarize/unfinished.js";

/* The comparison's types (compare.ts makes it, tolerances.ts checks it, render/comparison/ prints it). */

/** The statistics a comparison shows and tolerances check. */
export const COMPARED_STATS = ["p50", "p90", "p99", "max"] as const;
export type ComparedStat = (typeof COMPARED_STATS)[number];

/** What a comparison reads of a pod: a report's pod or a JSON report's. */
export interface ComparablePod extends PodProgress {
  readonly uid: string | null;
  readonly node: string | null;
  readonly owner: string | null;
  readonly stateful: boolean | null;
  /** Its containers' images, for `--group-by image`. */
  readonly containers: readonly { readonly image: string | null }[];
  readonly stuckIn: string | null;
  readonly durationsMs: { readonly [S in Stage]: number | null };
  readonly boundsMs: { readonly [S in Stage]?: { readonly atMost?: number; readonly atLeast?: number } };
  readonly failures: readonly { readonly reason: string; readonly category: FailureCategory; readonly count: number }[];
}

/** What a comparison reads of a report (`Report`, or `JsonReport` read back). */
export interface ComparableReport {
  readonly schemaVersion: 2;
  readonly pods: readonly ComparablePod[];
  readonly summary: {
    readonly includePartial: boolean;
    readonly failures: readonly { readonly reason: string; readonly category: FailureCategory; readonly pods: number; readonly occurrences: number }[];
  };
  readonly groupBy: GroupBy | null;
  readonly stuckTerminating: readonly { readonly namespace: string; readonly name: string; readonly uid: string | null }[];
}

/** One side as the comparison names it. */
export interface ComparisonSide {
  /** What the user gave: a file, a directory... */
  readonly label: string;
  /** A JSON report read back, or captures analyzed. */
  readonly kind: "report" | "captures";
  readonly pods: number;
  readonly notReady: number;
  readonly stuck: number;
  readonly includePartial: boolean;
  readonly groupBy: GroupBy | null;
}

/**
 * A statistic: milliseconds, `Infinity` when it falls on a pod that never
 * reached the stage ("not reached"), null when the side has no pod for it.
 */
export type StatValue = number | null;

export interface StageSide {
  /** Pods with a figure for the stage. */
  readonly count: number;
  /** Pods that never reached it (0 when excluded). */
  readonly unfinished: number;
  readonly stats: Readonly<Record<ComparedStat, StatValue>>;
}

export type ChangeKind = "same" | "slower" | "faster" | "new" | "gone";

export interface StatChange {
  readonly kind: ChangeKind;
  /** NEW − BASE in ms when both are figures; null otherwise. */
  readonly deltaMs: number | null;
  /** The change in percent of BASE when both are figures and BASE is not 0 (0 when both are 0); null otherwise. */
  readonly percent: number | null;
}

export interface StageComparison {
  readonly stage: Stage;
  readonly base: StageSide;
  readonly head: StageSide;
  readonly changes: Readonly<Record<ComparedStat, StatChange>>;
}

export interface ScopeComparison {
  /** null: every pod; else a group of `groupBy`. */
  readonly group: string | null;
  /** Pods of the scope on each side; 0 when the group is on one side only. */
  readonly basePods: number;
  readonly headPods: number;
  /** Stages that either side has a pod for, in stage order. */
  readonly stages: readonly StageComparison[];
}

export interface FailureChange {
  readonly reason: string;
  readonly category: FailureCategory;
  readonly base: { readonly pods: number; readonly occurrences: number };
  readonly head: { readonly pods: number; readonly occurrences: number };
  readonly kind: "appeared" | "disappeared" | "more" | "fewer" | "same";
}

/** A tolerance a statistic went past. */
export interface Regression {
  readonly tolerance: string;
  readonly group: string | null;
  readonly stage: Stage;
  readonly stat: ComparedStat;
  readonly base: StatValue;
  readonly head: StatValue;
  readonly change: StatChange;
}

export interface Comparison {
  readonly base: ComparisonSide;
  readonly head: ComparisonSide;
  /** The grouping both sides share, null when they have none in common. */
  readonly groupBy: GroupBy | null;
  /** Why groups were not compared, when a side is grouped and the other is not grouped the same way. */
  readonly notes: readonly string[];
  readonly excludeUnfinished: boolean;
  /** Every pod first, then each group on either side, by name. */
  readonly scopes: readonly ScopeComparison[];
  /** Failure reasons of either side, those that changed first (appeared, disappeared, more, fewer), then by reason. */
  readonly failures: readonly FailureChange[];
  /** `namespace/name` of pods only NEW has, and only BASE has, by name. */
  readonly podsAppeared: readonly string[];
  readonly podsDisappeared: readonly string[];
  readonly tolerances: readonly string[];
  readonly regressions: readonly Regression[];
}

