import type { Warning } from "./diagnostics.js";

/**
 * Public types of podtrail: the report that derive and summarize produce and
 * render prints. The records that flow from normalize to derive are internal
 * (`records.ts`).
 *
 * Times inside podtrail are epoch milliseconds (`EpochMs`), fractional when the
 * source carried sub-millisecond precision (µs `eventTime`). They are parsed
 * once at normalization and formatted once at rendering.
 */

/** Epoch milliseconds; may be fractional (µs precision). */
export type EpochMs = number;

/** The formats of docs/spec.md §1.2. */
export const INPUT_FORMATS = ["watch-jsonl", "watch-json-stream", "object-stream", "list", "array", "yaml"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** Where a record came from: input name and 1-based line of its first byte. */
export interface Location {
  readonly input: string;
  readonly line: number;
}

export type { Diagnostic, DiagnosticKind, Warning } from "./diagnostics.js";

// ---------------------------------------------------------------------------
// The report (docs/spec.md §8)

export const STAGES = [
  "scheduling",
  "imagePull",
  "containerStart",
  "scheduledToRunning",
  "readiness",
  "startup",
  "startupSLI",
] as const;
export type Stage = (typeof STAGES)[number];

export const TIMESTAMP_NAMES = [
  "created",
  "scheduled",
  "sandboxReady",
  "initialized",
  "containersStarted",
  "ready",
  "finished",
  "deleted",
] as const;
export type TimestampName = (typeof TIMESTAMP_NAMES)[number];

export const OUTCOMES = ["Ready", "Running", "Succeeded", "Failed", "Pending", "Deleted", "Unknown"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const FAILURE_CATEGORIES = [
  "scheduling",
  "image",
  "config",
  "runtime",
  "probe",
  "storage",
  "network",
  "node",
  "deadline",
  "other",
] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

/** Where a failure occurrence was seen. */
export type FailureSource = "waiting" | "terminated" | "podStatus" | "condition" | "event";

export interface PodFailure {
  readonly reason: string;
  readonly category: FailureCategory;
  readonly container: string | null;
  readonly count: number;
  readonly firstSeen: EpochMs | null;
  readonly lastSeen: EpochMs | null;
  readonly message: string | null;
  /** Distinct exit codes, ascending (terminations only). */
  readonly exitCodes: readonly number[];
}

export interface ContainerReport {
  readonly name: string;
  readonly init: boolean;
  readonly image: string | null;
  readonly imagePullMs: number | null;
  readonly cached: boolean | null;
  readonly firstStartedAt: EpochMs | null;
  readonly restarts: number;
  /** Reasons (with exit codes) of the terminations behind the restarts. */
  readonly restartReasons: readonly { readonly reason: string; readonly exitCode: number | null; readonly count: number }[];
}

export interface PhaseEntry {
  readonly phase: string;
  readonly at: EpochMs | null;
}

export interface ConditionEntry {
  readonly type: string;
  readonly status: string;
  readonly reason: string | null;
  readonly message: string | null;
  readonly at: EpochMs | null;
}

export interface PodReport {
  readonly uid: string | null;
  readonly namespace: string;
  readonly name: string;
  readonly node: string | null;
  readonly owner: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly outcome: Outcome;
  readonly stuckIn: string | null;
  readonly partial: boolean;
  readonly phases: readonly PhaseEntry[];
  readonly conditions: readonly ConditionEntry[];
  readonly timestamps: Readonly<Record<TimestampName, EpochMs | null>>;
  readonly durationsMs: Readonly<Record<Stage, number | null>>;
  readonly containers: readonly ContainerReport[];
  readonly failures: readonly PodFailure[];
  /** How many pod records and events were applied to this pod. */
  readonly observations: number;
  readonly events: number;
}

export interface StageSummary {
  readonly count: number;
  readonly min: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

export interface FailureSummary {
  readonly reason: string;
  readonly category: FailureCategory;
  readonly pods: number;
  readonly occurrences: number;
  /** `namespace/name` of the first pod (report order) that showed it. */
  readonly examplePod: string;
}

export interface InputSummary {
  readonly name: string;
  readonly format: InputFormat | null;
  /** Records decoded (pods, events, bookmarks, errors, other kinds). */
  readonly records: number;
  /** Records not applied: other kinds, bookmarks, invalid objects. */
  readonly skipped: number;
  readonly bytes: number;
  /**
   * Null when the input held a pod or event record; otherwise one line saying
   * what it looks like (`empty file`, `looks like kubectl table output:
   * capture with -o json`, `YAML, but no Pod or Event`, `a tar archive with
   * no file to read in it`; docs/spec.md §1.6).
   */
  readonly looksLike: string | null;
}

export interface Summary {
  readonly pods: number;
  readonly stages: Readonly<Record<Stage, StageSummary>>;
  readonly failures: readonly FailureSummary[];
}

export const GROUP_BYS = ["namespace", "node", "owner"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** Stage and failure summaries of one group of pods (`--group-by`). */
export interface GroupSummary {
  readonly group: string;
  readonly summary: Summary;
}

/** A `--fail-if` threshold and whether the capture breached it. */
export interface ThresholdResult {
  readonly expression: string;
  readonly valueMs: number | null;
  readonly breached: boolean;
}

export interface CaptureGap {
  readonly input: string;
  readonly line: number;
  readonly code: number | null;
  readonly reason: string | null;
  readonly message: string | null;
}

export interface Report {
  readonly schemaVersion: 1;
  readonly inputs: readonly InputSummary[];
  /** Earliest and latest time seen in the capture. */
  readonly span: { readonly start: EpochMs | null; readonly end: EpochMs | null };
  readonly totals: {
    readonly records: number;
    readonly duplicates: number;
    readonly skipped: number;
    readonly podRecords: number;
    readonly eventRecords: number;
    readonly events: number;
    readonly skippedKinds: Readonly<Record<string, number>>;
  };
  readonly gaps: readonly CaptureGap[];
  /** Pods in the capture before filters; `pods` holds those selected. */
  readonly podsSeen: number;
  readonly pods: readonly PodReport[];
  readonly summary: Summary;
  readonly groupBy: GroupBy | null;
  readonly groups: readonly GroupSummary[];
  readonly thresholds: readonly ThresholdResult[];
  readonly warnings: readonly Warning[];
}
