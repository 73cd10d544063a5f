import type { Report } from "../types.js";
import { renderJson, renderJsonChunks } from "./json.js";
import { renderText } from "./text.js";
import { renderMarkdown } from "./markdown.js";
import { renderCsv, type CsvTable } from "./csv.js";
import { renderHtml } from "./html.js";
import { renderNdjson, renderNdjsonChunks } from "./ndjson.js";
import { renderOpenMetrics } from "./openmetrics.js";
import { renderJunit } from "./junit.js";
import { renderKubeBurner } from "./kubeBurner.js";
import { renderClusterloader2 } from "./clusterloader2.js";

import type { OutputFormat } from "./formats.js";

export { OUTPUT_FORMATS, type OutputFormat } from "./formats.js";
export { CSV_TABLES, type CsvTable } from "./csv.js";

export interface RenderOptions {
  /** Rows of pod lists to show (slowest pods, stuck pods). */
  readonly top?: number;
  /** ANSI colours in the text report. */
  readonly color?: boolean;
  /** The text report fits this many columns (a terminal's width); whole lines without it. */
  readonly width?: number;
  /** Which CSV table (default pods), and whether it starts with a UTF-8 byte order mark. */
  readonly csvTable?: CsvTable;
  readonly bom?: boolean;
}

type Renderer = (report: Report, options: RenderOptions) => string;

/** One renderer per output format: the compiler checks that each format has one. */
const RENDERERS: Record<OutputFormat, Renderer> = {
  text: (report, options) => renderText(report, options),
  json: (report) => renderJson(report),
  markdown: (report, options) => renderMarkdown(report, options),
  csv: (report, options) => renderCsv(report, { ...(options.csvTable === undefined ? {} : { table: options.csvTable }), ...(options.bom === undefined ? {} : { bom: options.bom }) }),
  html: (report, options) => renderHtml(report, options),
  ndjson: (report) => renderNdjson(report),
  openmetrics: (report) => renderOpenMetrics(report),
  junit: (report) => renderJunit(report),
  "kube-burner": (report) => renderKubeBurner(report),
  clusterloader2: (report) => renderClusterloader2(report),
};

/**
 * The report in pieces, to write as they come: a JSON report of many pods is
 * never one string. Other formats come in one piece.
 */
export function* renderChunks(report: Report, format: OutputFormat, options: RenderOptions = {}): Generator<string> {
  if (format === "json") yield* renderJsonChunks(report);
  else if (format === "ndjson") yield* renderNdjsonChunks(report);
  else yield render(report, format, options);
}

/** Renders a report in one of the output formats. */
export function render(report: Report, format: OutputFormat, options: RenderOptions = {}): string {
  return RENDERERS[format](report, options);
}
