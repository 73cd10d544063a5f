/**
 * Public types of podtrail: the records that flow from decode to reconstruct,
 * and the report that derive/summarize produce and render prints.
 *
 * Times inside podtrail are epoch milliseconds (`EpochMs`), fractional when the
 * source carried sub-millisecond precision (µs `eventTime`). They are parsed
 * once at normalization and formatted once at rendering.
 */

/** Epoch milliseconds; may be fractional (µs precision). */
export type EpochMs = number;

/** The formats of docs/spec.md §1.2. */
export const INPUT_FORMATS = ["watch-jsonl", "watch-json-stream", "object-stream", "list", "array"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** Where a record came from: input name and 1-based line of its first byte. */
export interface Location {
  readonly input: string;
  readonly line: number;
}

/** A located problem with the input. Never fatal. */
export interface Warning {
  readonly input: string;
  /** 1-based line; null when the problem is not tied to a line (e.g. a pod-level inconsistency). */
  readonly line: number | null;
  readonly message: string;
}

export type WatchType = "ADDED" | "MODIFIED" | "DELETED";
/** `UNTYPED`: a bare object from `kubectl get -w -o json` or a list/array item. */
export type ObservationType = WatchType | "UNTYPED";

// ---------------------------------------------------------------------------
// Normalized records (normalize -> reconstruct)

export type ContainerState =
  | { readonly kind: "waiting"; readonly reason: string | null; readonly message: string | null }
  | { readonly kind: "running"; readonly startedAt: EpochMs | null }
  | {
      readonly kind: "terminated";
      readonly reason: string | null;
      readonly message: string | null;
      readonly exitCode: number | null;
      readonly signal: number | null;
      readonly startedAt: EpochMs | null;
      readonly finishedAt: EpochMs | null;
      readonly containerID: string | null;
    }
  | { readonly kind: "unknown" };

export interface ContainerObservation {
  readonly name: string;
  readonly init: boolean;
  readonly image: string | null;
  readonly ready: boolean | null;
  readonly restartCount: number;
  readonly state: ContainerState;
  readonly lastState: ContainerState | null;
  readonly containerID: string | null;
}

export interface ConditionObservation {
  readonly type: string;
  readonly status: string;
  readonly reason: string | null;
  readonly message: string | null;
  readonly lastTransitionTime: EpochMs | null;
}

/** What one pod record tells about the pod's status: compact, no spec. */
export interface PodObservation {
  readonly type: ObservationType;
  readonly resourceVersion: string | null;
  readonly phase: string | null;
  readonly reason: string | null;
  readonly message: string | null;
  readonly nodeName: string | null;
  readonly deletionTimestamp: EpochMs | null;
  readonly conditions: readonly ConditionObservation[];
  /** Init containers first, in spec order, then regular containers. */
  readonly containers: readonly ContainerObservation[];
  /** Latest `metadata.managedFields[].time`. */
  readonly managedAt: EpochMs | null;
  readonly loc: Location;
}

/** Identity and descriptive fields of a pod, as of one record. */
export interface PodMeta {
  readonly uid: string | null;
  readonly namespace: string;
  readonly name: string;
  readonly created: EpochMs | null;
  /** Controller owner as `Kind/name`, null when none. */
  readonly owner: string | null;
  readonly labels: Readonly<Record<string, string>>;
  /** Container names and images from the spec (init first). */
  readonly specContainers: readonly { readonly name: string; readonly init: boolean; readonly image: string | null }[];
}

export interface PodRecord {
  readonly kind: "pod";
  readonly meta: PodMeta;
  readonly observation: PodObservation;
}

/** Reference from an event to the object it is about. */
export interface EventSubject {
  readonly kind: string | null;
  readonly uid: string | null;
  readonly namespace: string | null;
  readonly name: string | null;
  readonly fieldPath: string | null;
}

/** A core/v1 or events.k8s.io/v1 Event, normalized. */
export interface KubeEvent {
  readonly uid: string | null;
  readonly name: string | null;
  readonly namespace: string | null;
  readonly resourceVersion: string | null;
  readonly apiGroup: "core" | "events.k8s.io";
  readonly type: string | null;
  readonly reason: string | null;
  readonly message: string | null;
  readonly subject: EventSubject;
  /** Highest of `count` / `series.count`; 1 when absent. */
  readonly count: number;
  /** The event's time per docs/spec.md §3.5. */
  readonly time: EpochMs | null;
  /** Time of the first occurrence (firstTimestamp, eventTime, or the client-go name suffix). */
  readonly firstTime: EpochMs | null;
  readonly reportingComponent: string | null;
  readonly host: string | null;
  readonly loc: Location;
}

export interface EventRecord {
  readonly kind: "event";
  readonly type: ObservationType;
  readonly event: KubeEvent;
}

/** A watch ERROR (e.g. 410 Expired): the capture has a gap here. */
export interface GapRecord {
  readonly kind: "gap";
  readonly code: number | null;
  readonly reason: string | null;
  readonly message: string | null;
  readonly loc: Location;
}

export interface BookmarkRecord {
  readonly kind: "bookmark";
  readonly initialEventsEnd: boolean;
  readonly loc: Location;
}

export interface SkippedRecord {
  readonly kind: "skipped";
  /** The object's kind (e.g. `Node`), or null when it had none. */
  readonly objectKind: string | null;
  readonly loc: Location;
}

export type NormalizedRecord = PodRecord | EventRecord | GapRecord | BookmarkRecord | SkippedRecord;

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
  readonly duplicates: number;
  readonly bytes: number;
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
