/**
 * The JSON the HTML report embeds for its timeline
 * (`<script type="application/json" id="podtrail-data">`): every pod of the
 * report, written by `buildPageData`, read by the page's script (`client/`),
 * which is type-checked against these same types.
 *
 * Compact, because a page of 20,000 pods must stay small: strings that recur
 * (namespaces, nodes, reasons, messages, images) are written once in
 * `strings` and referred to by index; times are ms since `origin`; lists of
 * figures are arrays in the order of `TIMESTAMP_NAMES` and `STAGES`, their
 * trailing nulls left out; absent fields are left out. Times are not
 * formatted here: the page formats them, and durations with the text
 * report's own `humanizeMs` (client/decode.ts turns this into `PagePod`s).
 */
import type { DurationBound, EpochMs, FailureCategory, Outcome, Stage, TimestampName } from "../../types.js";

/** An index into `PageData.strings`. */
export type Str = number;
/** Ms since `PageData.origin`. */
export type Rel = number;

export interface PageData {
  /** Epoch ms of time 0: the capture's span start (else the earliest creation), down to a whole second. */
  readonly origin: EpochMs;
  /** The capture's span end. */
  readonly end: Rel | null;
  readonly strings: readonly string[];
  /** Every pod, slowest first (`slowness`): the timeline's default order. */
  readonly pods: readonly WirePod[];
}

export interface WirePod {
  /** Namespace. */
  readonly s: Str;
  readonly n: string;
  /** The uid, only when another pod has the same namespace and name. */
  readonly u?: string;
  /** Index in `OUTCOMES`. */
  readonly o: number;
  readonly node?: Str;
  readonly own?: Str;
  readonly st?: Str;
  readonly pa?: 1;
  /** `slowness`, when the pod has one. */
  readonly sl?: number;
  /** Timestamps, `TIMESTAMP_NAMES` order. */
  readonly t: readonly (Rel | null)[];
  /** `notAfter`: [index in `TIMESTAMP_NAMES`, latest time]. */
  readonly na?: readonly (readonly [number, Rel])[];
  /** Stage durations, `STAGES` order. */
  readonly d: readonly (number | null)[];
  /** `boundsMs`: [index in `STAGES`, 0 for at most or 1 for at least, ms]. */
  readonly b?: readonly (readonly [number, 0 | 1, number])[];
  /** Phases: phase, when, phase, when... */
  readonly ph?: readonly (Str | Rel | null)[];
  readonly f?: readonly WireFailure[];
  readonly c?: readonly WireContainer[];
  readonly nr?: WireNotReady;
}

/** reason, index in `FAILURE_CATEGORIES`, container, count, first seen, last seen, message, exit codes. */
export type WireFailure = readonly [Str, number, Str | null, number, Rel | null, Rel | null, Str | null, readonly number[]];

/** name, init (1), image, first pull ms, cached (1, 0, null), restarts, first started, restart reasons [reason, exit code, count]. */
export type WireContainer = readonly [Str, 0 | 1, Str | null, number | null, 0 | 1 | null, number, Rel | null, readonly (readonly [Str, number | null, number])[]];

/** reason, container, message, exit code, since, was ready (1), cause [reason, container, message, exit code, at]. */
export type WireNotReady = readonly [Str, Str | null, Str | null, number | null, Rel | null, 0 | 1, WireCause | null];
export type WireCause = readonly [Str, Str | null, Str | null, number | null, Rel | null];

// What the page's script reads the data into: one object per pod, times still ms since origin.

export interface PagePod {
  readonly ns: string;
  readonly name: string;
  readonly uid: string | null;
  readonly node: string | null;
  readonly owner: string | null;
  readonly outcome: Outcome;
  readonly stuckIn: string | null;
  readonly partial: boolean;
  /** Position in the default order (0 = slowest). */
  readonly rank: number;
  readonly slow: number | null;
  readonly t: Readonly<Record<TimestampName, Rel | null>>;
  readonly notAfter: Readonly<Partial<Record<TimestampName, Rel>>>;
  /** End of the pod's observed life: deleted, finished, else the capture's end. */
  readonly end: Rel | null;
  readonly d: Readonly<Record<Stage, number | null>>;
  readonly bounds: Readonly<Partial<Record<Stage, DurationBound>>>;
  readonly phases: readonly { readonly phase: string; readonly at: Rel | null }[];
  readonly failures: readonly PageFailure[];
  readonly containers: readonly PageContainer[];
  readonly notReady: PageNotReady | null;
}

export interface PageFailure {
  readonly reason: string;
  readonly category: FailureCategory;
  readonly container: string | null;
  readonly count: number;
  readonly first: Rel | null;
  readonly last: Rel | null;
  readonly message: string | null;
  readonly exitCodes: readonly number[];
}

export interface PageContainer {
  readonly name: string;
  readonly init: boolean;
  readonly image: string | null;
  readonly pullMs: number | null;
  readonly cached: boolean | null;
  readonly restarts: number;
  readonly firstStarted: Rel | null;
  readonly restartReasons: readonly { readonly reason: string; readonly exitCode: number | null; readonly count: number }[];
}

export interface PageCause {
  readonly reason: string;
  readonly container: string | null;
  readonly message: string | null;
  readonly exitCode: number | null;
  readonly at: Rel | null;
}

export interface PageNotReady {
  readonly reason: string;
  readonly container: string | null;
  readonly message: string | null;
  readonly exitCode: number | null;
  readonly since: Rel | null;
  readonly wasReady: boolean;
  readonly cause: PageCause | null;
}
