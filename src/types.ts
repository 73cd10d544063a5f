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
  // Condition latencies from creation, as kube-burner's podLatency reports them.
  "createdToSandboxReady",
  "createdToInitialized",
  "createdToContainersStarted",
  "createdToContainersReady",
] as const;
export type Stage = (typeof STAGES)[number];

export const TIMESTAMP_NAMES = [
  "created",
  "scheduled",
  "sandboxReady",
  "initialized",
  "containersStarted",
  "containersReady",
  "ready",
  "finished",
  "deletionRequested",
  "deleted",
] as const;
export type TimestampName = (typeof TIMESTAMP_NAMES)[number];

export const OUTCOMES = ["Ready", "Running", "Succeeded", "Failed", "Pending", "Terminating", "Deleted", "Unknown"] as const;
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

/**
 * A figure the capture cannot measure but can bound: it rests on a moment the
 * capture did not see (see `PodReport.notAfter`).
 */
export type DurationBound = { readonly atMost: number } | { readonly atLeast: number };

/** A pod whose deletion was requested and not seen to finish (`Terminating`, as kubectl prints it). */
export interface TerminatingState {
  /** The first deletionTimestamp seen: when the grace period ended. */
  readonly deadline: EpochMs | null;
  /** What keeps the object in the API besides its kubelet (`foregroundDeletion`, a controller's finalizer...). */
  readonly finalizers: readonly string[];
}

/** A pod still there this long after its grace period ended is stuck terminating (docs/spec.md §6.8). */
export const STUCK_TERMINATING_MS = 5 * 60_000;

/**
 * A Terminating pod the capture still shows more than `STUCK_TERMINATING_MS`
 * after its grace period ended. Report-level: how late a pod is depends on
 * the capture's end, not on the pod's records alone.
 */
export interface StuckTerminating {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string | null;
  readonly deadline: EpochMs;
  /** The capture's end minus the deadline. */
  readonly overdueMs: number;
}

/**
 * What a pod not Ready when the capture ended showed at the end, and why
 * (docs/spec.md §6.7): pods once Ready and crash-looping now included.
 */
export interface NotReadyAtEnd {
  /** The reason its last record shows (a PodScheduled=False reason, a waiting or terminated reason, `status.reason`, the Ready condition's). */
  readonly reason: string;
  /** The container the reason is about; null for a pod-level reason. */
  readonly container: string | null;
  /** The message captured with that reason: the scheduler's, the kubelet's, the container's termination message. */
  readonly message: string | null;
  /** The exit code, when the reason is a termination. */
  readonly exitCode: number | null;
  /** When the Ready condition last turned to something other than True, as the last record shows it (for a pod without one, when PodScheduled turned False). */
  readonly since: EpochMs | null;
  /** Ready at some point before (or before the capture saw it). */
  readonly wasReady: boolean;
  /** The failure behind the state, when it is another one: a back-off's last termination, a pull back-off's pull error, a probe failure. */
  readonly cause: NotReadyCause | null;
}

export interface NotReadyCause {
  readonly reason: string;
  readonly container: string | null;
  readonly message: string | null;
  readonly exitCode: number | null;
  /** When it was last seen (a termination's finishedAt). */
  readonly at: EpochMs | null;
}

export interface PodReport {
  readonly uid: string | null;
  readonly namespace: string;
  readonly name: string;
  readonly node: string | null;
  readonly owner: string | null;
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Mounts a volume other than emptyDir, configMap, secret, downwardAPI or
   * projected (a PVC, hostPath, an inline CSI or ephemeral volume), as
   * clusterloader2 splits pods; null when no record had the pod's spec.
   */
  readonly stateful: boolean | null;
  readonly outcome: Outcome;
  readonly stuckIn: string | null;
  readonly partial: boolean;
  /** Set when the outcome is `Terminating`. */
  readonly terminating: TerminatingState | null;
  readonly phases: readonly PhaseEntry[];
  readonly conditions: readonly ConditionEntry[];
  /** Moments the capture saw, measured (SPEC section 3); null when it did not see them. */
  readonly timestamps: Readonly<Record<TimestampName, EpochMs | null>>;
  /**
   * Moments that happened before the capture saw the pod, with the latest
   * time they can have happened (e.g. the Ready time a first record shows,
   * which a later probe flip may have rewritten). Their `timestamps` are null.
   */
  readonly notAfter: Readonly<Partial<Record<TimestampName, EpochMs>>>;
  /** Measured stages only: a stage resting on a moment in `notAfter` is null here and bounded in `boundsMs`. */
  readonly durationsMs: Readonly<Record<Stage, number | null>>;
  readonly boundsMs: Readonly<Partial<Record<Stage, DurationBound>>>;
  readonly containers: readonly ContainerReport[];
  readonly failures: readonly PodFailure[];
  /** Set when the pod was not Ready when the capture ended and had not ended well (docs/spec.md §6.7). */
  readonly notReadyAtEnd: NotReadyAtEnd | null;
  /** How many pod records and events were applied to this pod. */
  readonly observations: number;
  readonly events: number;
}

export interface StageSummary {
  /** Pods whose figure the summary holds: measured ones, plus bounds when `Summary.includePartial`. */
  readonly count: number;
  readonly min: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Pods whose figure is only a bound and is left out of the values above (0 when they are included). */
  readonly leftOut: number;
  /**
   * How the values spread: counts per bucket of `HISTOGRAM_EDGES_MS`, from
   * the first bucket that holds a value to the last (docs/spec.md §7.1);
   * empty without values.
   */
  readonly histogram: readonly HistogramBucket[];
}

/** Values `v` with `fromMs <= v < toMs` (`toMs` null: no upper edge). */
export interface HistogramBucket {
  readonly fromMs: number;
  readonly toMs: number | null;
  readonly count: number;
}

/**
 * The edges of every histogram, in milliseconds: fixed, so that reports,
 * stages and groups compare bucket by bucket; steps people read (250ms, 30s,
 * 2m), about two to three per tenfold. The first bucket starts at 0, the
 * last (1 day and more) has no upper edge.
 */
export const HISTOGRAM_EDGES_MS: readonly number[] = [
  100, 250, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000,
  86_400_000,
];

export interface FailureSummary {
  readonly reason: string;
  readonly category: FailureCategory;
  readonly pods: number;
  readonly occurrences: number;
  /** `namespace/name` of the first pod (report order) that showed it. */
  readonly examplePod: string;
  /** A message captured with this reason: the example pod's, else the first (report order) a pod has; null when none has one. */
  readonly exampleMessage: string | null;
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
   * no file to read in it`; docs/spec.md §1.8).
   */
  readonly looksLike: string | null;
}

export interface Summary {
  readonly pods: number;
  /** Whether stage figures include bounds (pods seen after a transition), not only measured figures. */
  readonly includePartial: boolean;
  readonly stages: Readonly<Record<Stage, StageSummary>>;
  readonly failures: readonly FailureSummary[];
}

/**
 * `storage` splits stateless from stateful pods, as clusterloader2 does (see
 * `PodReport.stateful`); `image` puts a pod in the group of every image its
 * containers run (docs/spec.md §7.4).
 */
export const GROUP_BYS = ["namespace", "node", "owner", "storage", "image"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** Stage and failure summaries of one group of pods (`--group-by`). */
export interface GroupSummary {
  readonly group: string;
  readonly summary: Summary;
  /** The group's pods not Ready at the end (`PodReport.notReadyAtEnd`). */
  readonly notReadyAtEnd: number;
  /** With `--group-by image`: the pulls and pull failures of the containers that run the group's image; null otherwise. */
  readonly imagePulls: ImagePulls | null;
}

/** The first pulls and the pull failures of the containers that run one image (docs/spec.md §7.4). */
export interface ImagePulls {
  /** Containers (of the group's pods) that run the image. */
  readonly containers: number;
  /** Of those, the ones whose first pull found the image on the node. */
  readonly cached: number;
  /** Their first pull times (cached ones as 0): `ContainerReport.imagePullMs`. */
  readonly pullMs: StageSummary;
  /** Image failures (category `image`) of those containers: occurrences, and the pods that had any. */
  readonly failures: number;
  readonly failedPods: number;
  /** The latest message of those failures that tells why (no back-off's, no `Error: ImagePullBackOff`), null when none does. */
  readonly lastFailure: string | null;
}

/** A `--fail-if` gate and whether the capture breached it (docs/spec.md §7.5). */
export interface ThresholdResult {
  readonly expression: string;
  /** `stage`: a stage statistic against a duration; `count`: a number or share of pods. */
  readonly kind: "stage" | "count";
  /** Stage gates: the statistic; null when no pod has a figure, or when it falls on a pod that never reached the stage (`notReached`). */
  readonly valueMs: number | null;
  /** The statistic falls on a pod that never reached the stage: above every limit. */
  readonly notReached: boolean;
  /** Count gates: the pods counted; null for stage gates. */
  readonly count: number | null;
  /** The pods the gate looked at (the report's selected pods). */
  readonly pods: number;
  /** Stage gates: pods that never reached the stage, counted above every limit (0 when they are excluded). */
  readonly unfinished: number;
  readonly breached: boolean;
  /** Up to 5 `namespace/name`: the unfinished pods of a stage gate, the pods a count gate counted. */
  readonly examples: readonly string[];
}

export interface CaptureGap {
  readonly input: string;
  readonly line: number;
  readonly code: number | null;
  readonly reason: string | null;
  readonly message: string | null;
}

/** The checks of a capture's quality, in report order. */
export const QUALITY_CHECKS = ["gaps", "holes", "partialPods", "missingEvents", "clockSkew", "rewrittenConditions", "duplicates", "outOfOrder"] as const;
export type QualityCheckName = (typeof QUALITY_CHECKS)[number];

/** `ok`: nothing found; `info`: found, figures unaffected; `warn`: some figures are missing, bounded or may be off; `bad`: figures of the run cannot be trusted. */
export type QualitySeverity = "ok" | "info" | "warn" | "bad";

/** Where a check found something: a pod, a node, a record. */
export interface QualityExample {
  /** `namespace/name`. */
  readonly pod: string | null;
  readonly node: string | null;
  readonly input: string | null;
  readonly line: number | null;
  /** A duration the finding is about (a skew), when it has one. */
  readonly ms: number | null;
  readonly detail: string;
}

export interface QualityCheck {
  readonly severity: QualitySeverity;
  /** How many things were found (gaps, missed restarts, pods, pairs...). */
  readonly count: number;
  /** How many of the report's pods they concern; null for a check about the capture as a whole. */
  readonly pods: number | null;
  /** One phrase, for the verdict line and the reports. */
  readonly summary: string;
  /** Up to 5, located. */
  readonly examples: readonly QualityExample[];
}

/** What makes the report's figures untrustworthy, counted and located (docs/spec.md §10). */
export interface CaptureQuality {
  /** `unreliable` when a check is bad, `degraded` when one warns, else `reliable`. */
  readonly verdict: "reliable" | "degraded" | "unreliable";
  readonly checks: Readonly<Record<QualityCheckName, QualityCheck>>;
}

/** Why reading stopped before the end of the inputs (docs/spec.md §8.2 `interrupted`). */
export interface Interruption {
  /** `signal`: `ReadOptions.signal` aborted (SIGINT, SIGTERM); `timeLimit`: `ReadOptions.timeLimitMs` ran out. */
  readonly by: "signal" | "timeLimit";
  /** The signal's name when the abort gave one as its reason (the CLI does). */
  readonly signal: string | null;
  /** The input being read when reading stopped. */
  readonly input: string;
  /** The inputs after it, not read at all. */
  readonly unread: readonly string[];
}

export interface Report {
  readonly schemaVersion: 2;
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
  /** Selected pods stuck terminating, longest overdue first. */
  readonly stuckTerminating: readonly StuckTerminating[];
  /** Pods in the capture before filters; `pods` holds those selected. */
  readonly podsSeen: number;
  readonly pods: readonly PodReport[];
  readonly summary: Summary;
  readonly groupBy: GroupBy | null;
  readonly groups: readonly GroupSummary[];
  readonly thresholds: readonly ThresholdResult[];
  readonly quality: CaptureQuality;
  readonly warnings: readonly Warning[];
  /** Set when reading stopped before the end of the inputs (a signal, a time limit): the report covers what was read. */
  readonly interrupted: Interruption | null;
}

/** How far reading is (`ReadOptions.onProgress`, for a progress display). */
export interface Progress {
  readonly input: string;
  /** Bytes of this input read so far (decompressed). */
  readonly bytes: number;
  /** Size of this input on disk, when known. */
  readonly size: number | null;
  /** Records read so far over all inputs. */
  readonly records: number;
  /** This input's place among the inputs (1-based), and how many there are. */
  readonly inputNumber: number;
  readonly inputCount: number;
  /** Bytes of this input read from disk or the pipe so far (before decompression: comparable with `size`). */
  readonly readBytes: number;
  /** Bytes read from disk over all inputs so far, and the size of all inputs (null when one has no known size: stdin, a pipe). */
  readonly totalRead: number;
  readonly totalSize: number | null;
}
