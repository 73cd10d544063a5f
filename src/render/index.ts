import type { Report } from "../types.js";
import { renderJson, renderJsonChunks } from "./json.js";
import { renderText } from "./text.js";
import { renderMarkdown } from "./markdown.js";
import { renderCsv } from "./csv.js";
import { renderHtml } from "./html.js";

import type { OutputFormat } from "./formats.js";

export { OUTPUT_FORMATS, type OutputFormat } from "./formats.js";

export interface RenderOptions {
  /** Rows of pod lists to show (slowest pods, stuck pods). */
  readonly top?: number;
  /** ANSI colours in the text report. */
  readonly color?: boolean;
  /** The text report fits this many columns (a terminal's width); whole lines without it. */
  readonly width?: number;
}

type Renderer = (report: Report, options: RenderOptions) => string;

/** One renderer per output format: the compiler checks that each format has one. */
const RENDERERS: Record<OutputFormat, Renderer> = {
  text: (report, options) => renderText(report, options),
  json: (report) => renderJson(report),
  markdown: (report, options) => renderMarkdown(report, options),
  csv: (report) => renderCsv(report),
  html: (report, options) => renderHtml(report, options),
};

/**
 * The report in pieces, to write as they come: a JSON report of many pods is
 * never one string. Other formats come in one piece.
 */
export function* renderChunks(report: Report, format: OutputFormat, options: RenderOptions = {}): Generator<string> {
  if (format === "json") yield* renderJsonChunks(report);
  else yield render(report, format, options);
}

/** Renders a report in one of the output formats. */
export function render(report: Report, format: OutputFormat, options: RenderOptions = {}): string {
  return RENDERERS[format](report, options);
}
