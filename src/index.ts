/**
 * podtrail as a library: read captures, get a typed report, render it.
 * Nothing here prints or reads `process.argv`.
 */
export { analyze, readCapture, type AnalyzeOptions, type Capture, type Progress, type ReadOptions } from "./analyze.js";
export { buildReport, type ReportOptions } from "./buildReport.js";
export { timeline, type PodTimeline } from "./timeline.js";
export { render, OUTPUT_FORMATS, type OutputFormat, type RenderOptions } from "./render/index.js";
export { toJsonReport } from "./render/json.js";
export { validateJsonReport, reportSchema } from "./render/validateReport.js";
export { resolveInputs, type InputSource } from "./input/index.js";
export { renderExplain } from "./render/explain.js";
export { lookupReason, categoryOf, KNOWN_REASONS, REASONS, REASONS_ZH, type KnownReason, type ReasonInfo } from "./catalog/index.js";
export { parseTimeBound, type PodFilter, type TimeBound } from "./summarize/podFilter.js";
export { parseLabelSelector, matchesSelector, type LabelSelector } from "./kube/labelSelector.js";
export type { Threshold } from "./summarize/thresholds.js";
export { parseThreshold } from "./summarize/thresholds.js";
export type { TimelineEntry, StageSpan } from "./derive/timeline.js";
export { UserError, isUserError } from "./errors.js";
export * from "./types.js";
