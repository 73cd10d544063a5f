import type { Comparison } from "../../compare/compare.js";
import type { CompareFormat } from "./formats.js";
import { renderComparisonText } from "./text.js";
import { renderComparisonJson } from "./json.js";
import { renderComparisonMarkdown } from "./markdown.js";
import { renderComparisonHtml } from "./html.js";

export { COMPARE_FORMATS, type CompareFormat } from "./formats.js";

export interface CompareRenderOptions {
  /** Rows of the lists of pods that appeared or went. */
  readonly top?: number;
}

const RENDERERS: Record<CompareFormat, (c: Comparison, options: CompareRenderOptions) => string> = {
  text: (c, o) => renderComparisonText(c, o),
  json: (c) => renderComparisonJson(c),
  markdown: (c, o) => renderComparisonMarkdown(c, o),
  html: (c, o) => renderComparisonHtml(c, o),
};

/** Renders a comparison in one of `COMPARE_FORMATS`. */
export function renderComparison(c: Comparison, format: CompareFormat, options: CompareRenderOptions = {}): string {
  return RENDERERS[format](c, options);
}
