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
  schemaVersion: 1;
  inputs: {
    name: string;
    format: "watch-jsonl" | "watch-json-stream" | "object-stream" | "list" | "array" | "yaml" | null;
    records: number;
    skipped: number;
    bytes: number;
    /**
     * Present only when the input held no pod or event record: one line saying what it looks like (docs/spec.md §1.6).
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
   * pods in the capture before filters
   */
  podsSeen: number;
  pods: {
    uid: string | null;
    namespace: string;
    name: string;
    node: string | null;
    owner: string | null;
    outcome: "Ready" | "Running" | "Succeeded" | "Failed" | "Pending" | "Deleted" | "Unknown";
    stuckIn: string | null;
    partial: boolean;
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
    timestamps: {
      created: Time;
      scheduled: Time;
      sandboxReady: Time;
      initialized: Time;
      containersStarted: Time;
      ready: Time;
      finished: Time;
      deleted: Time;
    };
    durationsMs: {
      scheduling: DurationMs;
      imagePull: DurationMs;
      containerStart: DurationMs;
      scheduledToRunning: DurationMs;
      readiness: DurationMs;
      startup: DurationMs;
      startupSLI: DurationMs;
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
    observations: number;
    events: number;
  }[];
  summary: Summary;
  groupBy: "namespace" | "node" | "owner" | null;
  groups: {
    group: string;
    summary: Summary;
  }[];
  thresholds: {
    expression: string;
    valueMs: number | null;
    breached: boolean;
  }[];
  warnings: {
    input: string;
    line: number | null;
    message: string;
  }[];
}
export interface Summary {
  pods: number;
  stages: {
    scheduling: StageSummary;
    imagePull: StageSummary;
    containerStart: StageSummary;
    scheduledToRunning: StageSummary;
    readiness: StageSummary;
    startup: StageSummary;
    startupSLI: StageSummary;
  };
  failures: {
    reason: string;
    category: Category;
    pods: number;
    occurrences: number;
    examplePod: string;
  }[];
}
export interface StageSummary {
  count: number;
  min: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** The report as podtrail writes it: read-only all the way down. */
export type JsonReport = DeepReadonly<JsonReportDocument>;

type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
