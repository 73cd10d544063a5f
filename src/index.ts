/**
 * podtrail as a library: read captures, get a typed report, render it.
 * Nothing here prints or reads `process.argv`.
 *
 * ```ts
 * import { analyze, render } from "podtrail";
 * const report = await analyze(["pods.jsonl", "events.jsonl"], { groupBy: "namespace" });
 * process.stdout.write(render(report, "markdown", { top: 20 }));
 *
 * const { base, head } = await loadSides("base.json", "captures/");
 * const comparison = compare(base.report, head.report, { tolerances: [parseTolerance("startup.p99:10%")] });
 * process.stdout.write(renderComparison(comparison, "markdown"));
 * ```
 *
 * Partial results (docs/partial.md): `partial(inputs)` gives the bytes of a
 * partial file, `merge(partials, options)` the report of any number of
 * them, `mergePartials(partials)` the partial of several.
 */
export { analyze, type AnalyzeOptions, type Progress, type ReadOptions } from "./analyze.js";
export { merge, mergePartials, partial } from "./merge.js";
export { PARTIAL_FORMAT, PARTIAL_VERSION } from "./partial.js";
export type { ReportOptions } from "./report.js";
export { noCaptureMessage } from "./noCapture.js";
export { timeline, type PodTimeline } from "./timeline.js";
export { render, renderChunks, OUTPUT_FORMATS, type OutputFormat, type RenderOptions } from "./render/index.js";
export { toJsonReport, type JsonReport } from "./render/json.js";
export { validateJsonReport, reportSchema } from "./render/validateReport.js";
export { renderExplain, type ExplainLang, type ExplainOptions, type ExplainResult } from "./render/explain.js";
export { lookupReason, categoryOf, KNOWN_REASONS, REASONS, REASONS_ZH, type KnownReason, type ReasonInfo } from "./catalog/index.js";
export { parseShard, selectShard, type InputSource, type Shard } from "./input/index.js";
export { parseTimeBound, type PodFilter, type TimeBound } from "./summarize/podFilter.js";
export { parseLabelSelector, type LabelSelector } from "./kube/labelSelector.js";
export { compare, loadSides, readJsonReport, type Side } from "./comparison.js";
export { parseTolerance, type Tolerance } from "./compare/tolerances.js";
export {
  COMPARED_STATS,
  type ChangeKind,
  type ComparableReport,
  type ComparedStat,
  type CompareOptions,
  type Comparison,
  type ComparisonSide,
  type FailureChange,
  type Regression,
  type ScopeComparison,
  type StageComparison,
  type StageSide,
  type StatChange,
  type StatValue,
} from "./compare/compare.js";
export { renderComparison, COMPARE_FORMATS, type CompareFormat, type CompareRenderOptions } from "./render/comparison/index.js";
export { parseThreshold, type Threshold, type StageThreshold, type CountThreshold } from "./summarize/gates.js";
export type { TimelineEntry, StageSpan } from "./derive/timeline.js";
export { notReadyPods, type NotReadyPod } from "./render/notReady.js";
export { UserError, isUserError } from "./errors.js";
export type { Diagnostic, DiagnosticKind, Warning } from "./diagnostics.js";
export {
  FAILURE_CATEGORIES,
  GROUP_BYS,
  INPUT_FORMATS,
  OUTCOMES,
  STAGES,
  TIMESTAMP_NAMES,
  type CaptureGap,
  type ConditionEntry,
  type ContainerReport,
  type DurationBound,
  type EpochMs,
  type FailureCategory,
  type FailureSource,
  type FailureSummary,
  type GroupBy,
  type GroupSummary,
  type ImagePulls,
  type InputFormat,
  type InputSummary,
  type Interruption,
  type Location,
  type NotReadyAtEnd,
  type NotReadyCause,
  type Outcome,
  type PhaseEntry,
  type PodFailure,
  type PodReport,
  type Report,
  type Stage,
  type StageSummary,
  type Summary,
  type StuckTerminating,
  type TerminatingState,
  type ThresholdResult,
  type TimestampName,
} from "./types.js";
