/**
 * The shape of the JSON the HTML report embeds for its timeline
 * (`<script type="application/json" id="podtrail-data">`): written by
 * `buildTimelineData`, read by the page's script (`client/`), which is
 * type-checked against these same types. Numbers only for durations: the page
 * formats them with the report's own `humanizeMs`.
 */
import type { EpochMs, Stage, TimestampName } from "../../types.js";

export interface TimelinePod {
  readonly ns: string;
  readonly name: string;
  readonly node: string | null;
  readonly owner: string | null;
  readonly outcome: string;
  readonly stuckIn: string | null;
  readonly partial: boolean;
  /** Rank of the default order (0 = slowest). */
  readonly rank: number;
  /** Created to ready, or created to the end of what was seen when it never became ready. */
  readonly slow: number | null;
  /** Times in ms since the timeline origin. */
  readonly t: Readonly<Record<TimestampName, number | null>>;
  readonly iso: Readonly<Record<TimestampName, string | null>>;
  /** End of the pod's observed life (deleted, finished, else the capture's end), ms since origin. */
  readonly end: number | null;
  /** Stage durations in ms. */
  readonly d: Readonly<Record<Stage, number | null>>;
  readonly failures: readonly TimelineFailure[];
  readonly containers: readonly TimelineContainer[];
}

export interface TimelineFailure {
  readonly reason: string;
  readonly category: string;
  readonly container: string | null;
  readonly count: number;
  /** First seen, ms since origin. */
  readonly first: number | null;
  readonly firstIso: string | null;
  readonly lastIso: string | null;
  readonly message: string | null;
  readonly exitCodes: readonly number[];
}

export interface TimelineContainer {
  readonly name: string;
  readonly init: boolean;
  readonly image: string | null;
  readonly pullMs: number | null;
  readonly cached: boolean | null;
  readonly restarts: number;
}

export interface TimelineData {
  /** Epoch ms of x = 0 in absolute mode: the capture's span start. */
  readonly origin: EpochMs;
  readonly originIso: string;
  /** The capture's span end, ms since origin. */
  readonly spanEnd: number | null;
  readonly totalPods: number;
  readonly pods: readonly TimelinePod[];
}
