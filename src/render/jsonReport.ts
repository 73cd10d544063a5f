/*
 * The type of the JSON report, generated from schemas/report.schema.json by
 * `npm run schema:types`. Do not edit: change the schema and regenerate.
 */

export type Time = string | null;
export type DurationMs = number | null;
export type Category = "scheduling" | "image" | "config" | "runtime" | "probe" | "storage" | "network" | "node" | "deadline" | "other";

/**
 * The JSON report of `podtrail analyze --format json` (docs/spec.md §8). Times are RFC 3339 UTC strings with the precision of their source; durations are integer milliseconds.
 */
export interface JsonReportDocument {
  schemaVersion: 2;
  inputs: {
    name: string;
    format: "watch-jsonl" | "watch-json-stream" | "object-stream" | "list" | "array" | "yaml" | null;
    records: number;
    skipped: number;
    bytes: number;
    /**
     * Present only when the input held no pod or event record: one line saying what it looks like (docs/spec.md §1.8).
     */
    looksLike?: string;
  }[];
  span: {
    start: Time;
    end: Time;
  };
  totals: {
    records: number;
    duplicates: number;
    skipped: number;
    podRecords: number;
    eventRecords: number;
    events: number;
    skippedKinds: {
      [k: string]: number | undefined;
    };
  };
  gaps: {
    input: string;
    line: number;
    code: number | null;
    reason: string | null;
    message: string | null;
  }[];
  /**
   * selected pods still there more than 5 minutes after their grace period ended, longest overdue first
   */
  stuckTerminating: {
    namespace: string;
    name: string;
    uid: string | null;
    /**
     * the first deletionTimestamp seen
     */
    deadline: string;
    /**
     * the capture's end minus the deadline
     */
    overdueMs: number;
  }[];
  /**
   * pods in the capture before filters
   */
  podsSeen: number;
  pods: {
    uid: string | null;
    namespace: string;
    name: string;
    node: string | null;
    owner: string | null;
    /**
     * mounts a volume other than emptyDir, configMap, secret, downwardAPI or projected (clusterloader2's stateful pods); null without a spec
     */
    stateful: boolean | null;
    outcome: "Ready" | "Running" | "Succeeded" | "Failed" | "Pending" | "Terminating" | "Deleted" | "Unknown";
    stuckIn: string | null;
    partial: boolean;
    /**
     * set when the outcome is Terminating: deletion requested, not seen to finish
     */
    terminating: null | {
      /**
       * the first deletionTimestamp seen: when the grace period ended
       */
      deadline: string | null;
      finalizers: string[];
    };
    phases: {
      phase: string;
      at: Time;
    }[];
    conditions: {
      type: string;
      status: string;
      reason: string | null;
      message: string | null;
      at: Time;
    }[];
    /**
     * moments the capture saw (measured); null when it did not see them
     */
    timestamps: {
      created: Time;
      scheduled: Time;
      sandboxReady: Time;
      initialized: Time;
      containersStarted: Time;
      containersReady: Time;
      ready: Time;
      finished: Time;
      deletionRequested: Time;
      deleted: Time;
    };
    /**
     * moments that happened before the capture saw the pod, with the latest time they can have happened; their timestamps are null
     */
    notAfter: {
      created?: string;
      scheduled?: string;
      sandboxReady?: string;
      initialized?: string;
      containersStarted?: string;
      containersReady?: string;
      ready?: string;
      finished?: string;
      deletionRequested?: string;
      deleted?: string;
    };
    /**
     * measured stages only
     */
    durationsMs: {
      scheduling: DurationMs;
      imagePull: DurationMs;
      containerStart: DurationMs;
      scheduledToRunning: DurationMs;
      readiness: DurationMs;
      startup: DurationMs;
      startupSLI: DurationMs;
      createdToSandboxReady: DurationMs;
      createdToInitialized: DurationMs;
      createdToContainersStarted: DurationMs;
      createdToContainersReady: DurationMs;
    };
    /**
     * stages that rest on a moment in notAfter: bounded, not measured (their durationsMs are null)
     */
    boundsMs: {
      scheduling?: DurationBound;
      imagePull?: DurationBound;
      containerStart?: DurationBound;
      scheduledToRunning?: DurationBound;
      readiness?: DurationBound;
      startup?: DurationBound;
      startupSLI?: DurationBound;
      createdToSandboxReady?: DurationBound;
      createdToInitialized?: DurationBound;
      createdToContainersStarted?: DurationBound;
      createdToContainersReady?: DurationBound;
    };
    containers: {
      name: string;
      init: boolean;
      image: string | null;
      imagePullMs: DurationMs;
      cached: boolean | null;
      firstStartedAt: Time;
      restarts: number;
      restartReasons: {
        reason: string;
        exitCode: number | null;
        count: number;
      }[];
    }[];
    failures: {
      reason: string;
      category: Category;
      container: string | null;
      count: number;
      firstSeen: Time;
      lastSeen: Time;
      message: string | null;
      exitCodes: number[];
    }[];
    /**
     * set when the pod was not Ready when the capture ended and had not ended well (docs/spec.md §6.7): what its last record shows, and why
     */
    notReadyAtEnd: null | {
      /**
       * PodScheduled=False reason, waiting or terminated reason, status.reason, the Ready condition's reason
       */
      reason: string;
      container: string | null;
      /**
       * the message captured with the reason
       */
      message: string | null;
      exitCode: number | null;
      /**
       * when Ready last turned to something other than True
       */
      since: string | null;
      /**
       * Ready at some point before
       */
      wasReady: boolean;
      /**
       * the failure behind the state, when it is another one: a back-off's last termination, a pull back-off's pull error, a probe failure
       */
      cause: {
        reason: string;
        container: string | null;
        message: string | null;
        exitCode: number | null;
        /**
         * when it was last seen
         */
        at: string | null;
      } | null;
    };
    observations: number;
    events: number;
  }[];
  summary: Summary;
  groupBy: "namespace" | "node" | "owner" | "storage" | "image" | null;
  groups: {
    group: string;
    summary: Summary;
    /**
     * the group's pods not Ready at the end
     */
    notReadyAtEnd: number;
    /**
     * with groupBy image: first pulls and pull failures of the containers that run the group's image; null otherwise
     */
    imagePulls: null | {
      /**
       * containers of the group's pods that run the image
       */
      containers: number;
      /**
       * of those, the ones whose first pull found the image on the node
       */
      cached: number;
      pullMs: StageSummary1;
      /**
       * occurrences of image failures of those containers
       */
      failures: number;
      failedPods: number;
      /**
       * the latest message of those failures that tells why
       */
      lastFailure: string | null;
    };
  }[];
  /**
   * Items: a --fail-if gate (docs/spec.md 7.5)
   */
  thresholds: {
    expression: string;
    /**
     * stage: a stage statistic against a duration; count: a number or share of pods
     */
    kind: "stage" | "count";
    /**
     * stage gates: the statistic; null when no pod has a figure or when it falls on a pod that never reached the stage
     */
    valueMs: number | null;
    /**
     * the statistic falls on a pod that never reached the stage: above every limit
     */
    notReached: boolean;
    /**
     * count gates: the pods counted; null for stage gates
     */
    count: number | null;
    /**
     * the pods the gate looked at
     */
    pods: number;
    /**
     * stage gates: pods that never reached the stage, counted above every limit (0 when excluded)
     */
    unfinished: number;
    breached: boolean;
    /**
     * up to 5 namespace/name: the unfinished pods of a stage gate, the pods a count gate counted
     *
     * @maxItems 5
     */
    examples: [] | [string] | [string, string] | [string, string, string] | [string, string, string, string] | [string, string, string, string, string];
  }[];
  /**
   * what makes the figures untrustworthy, counted and located
   */
  quality: {
    verdict: "reliable" | "degraded" | "unreliable";
    checks: {
      gaps: QualityCheck;
      holes: QualityCheck;
      partialPods: QualityCheck;
      missingEvents: QualityCheck;
      clockSkew: QualityCheck;
      rewrittenConditions: QualityCheck;
      duplicates: QualityCheck;
      outOfOrder: QualityCheck;
    };
  };
  warnings: {
    input: string;
    line: number | null;
    message: string;
  }[];
  /**
   * set when reading stopped before the end of the inputs: the report covers what was read (docs/spec.md §8.2)
   */
  interrupted: null | {
    /**
     * signal: SIGINT or SIGTERM (the library's abort signal); timeLimit: --for ran out
     */
    by: "signal" | "timeLimit";
    /**
     * the signal's name, when known
     */
    signal: string | null;
    /**
     * the input being read when reading stopped
     */
    input: string;
    /**
     * the inputs after it, not read
     */
    unread: string[];
  };
}
/**
 * A figure that rests on a moment the capture did not see: at most or at least this many milliseconds.
 */
export interface DurationBound {
  atMost?: number;
  atLeast?: number;
}
export interface Summary {
  pods: number;
  /**
   * whether stage figures include bounds of pods seen after a transition
   */
  includePartial: boolean;
  stages: {
    scheduling: StageSummary;
    imagePull: StageSummary;
    containerStart: StageSummary;
    scheduledToRunning: StageSummary;
    readiness: StageSummary;
    startup: StageSummary;
    startupSLI: StageSummary;
    createdToSandboxReady: StageSummary;
    createdToInitialized: StageSummary;
    createdToContainersStarted: StageSummary;
    createdToContainersReady: StageSummary;
  };
  failures: {
    reason: string;
    category: Category;
    pods: number;
    occurrences: number;
    examplePod: string;
    /**
     * a message captured with this reason: the example pod's, else the first a pod has
     */
    exampleMessage: string | null;
  }[];
}
export interface StageSummary {
  /**
   * pods whose figure the summary holds (measured; bounds too when summary.includePartial)
   */
  count: number;
  min: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
  /**
   * pods whose figure is only a bound, left out of this summary
   */
  leftOut: number;
  /**
   * how the values spread: counts per bucket of fixed edges (ms: 100, 250, 500, 1000, 2000, 5000, 10000, 20000, 30000, 60000, 120000, 300000, 600000, 1200000, 1800000, 3600000, 7200000, 21600000, 43200000, 86400000), from the first bucket holding a value to the last; empty without values (docs/spec.md §7.1)
   */
  histogram: {
    /**
     * lower edge, included
     */
    fromMs: number;
    /**
     * upper edge, excluded; null for the last bucket (1 day and more)
     */
    toMs: number | null;
    count: number;
  }[];
}
/**
 * their first pull times, cached ones as 0
 */
export interface StageSummary1 {
  /**
   * pods whose figure the summary holds (measured; bounds too when summary.includePartial)
   */
  count: number;
  min: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
  /**
   * pods whose figure is only a bound, left out of this summary
   */
  leftOut: number;
  /**
   * how the values spread: counts per bucket of fixed edges (ms: 100, 250, 500, 1000, 2000, 5000, 10000, 20000, 30000, 60000, 120000, 300000, 600000, 1200000, 1800000, 3600000, 7200000, 21600000, 43200000, 86400000), from the first bucket holding a value to the last; empty without values (docs/spec.md §7.1)
   */
  histogram: {
    /**
     * lower edge, included
     */
    fromMs: number;
    /**
     * upper edge, excluded; null for the last bucket (1 day and more)
     */
    toMs: number | null;
    count: number;
  }[];
}
export interface QualityCheck {
  /**
   * ok: nothing found; info: found, figures unaffected; warn: some figures missing, bounded or possibly off; bad: the run's figures cannot be trusted
   */
  severity: "ok" | "info" | "warn" | "bad";
  count: number;
  /**
   * pods concerned; null for a check about the capture as a whole
   */
  pods: number | null;
  summary: string;
  /**
   * @maxItems 5
   */
  examples:
    | []
    | [
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        }
      ]
    | [
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        },
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        }
      ]
    | [
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        },
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        },
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        }
      ]
    | [
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        },
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        },
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        },
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        }
      ]
    | [
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        },
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        },
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        },
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        },
        {
          pod: string | null;
          node: string | null;
          input: string | null;
          line: number | null;
          ms: number | null;
          detail: string;
        }
      ];
}

/** The report as podtrail writes it: read-only all the way down. */
export type JsonReport = DeepReadonly<JsonReportDocument>;

type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
