import type { Report } from "../types.js";
import { escapeHtml as esc } from "./html/escape.js";
import { embedData } from "./html/embed.js";
import { renderFindings, renderHeader, renderQuality, renderWarnings } from "./html/sections.js";
import { renderFailureTable, renderStageTable } from "./html/summaryTables.js";
import { renderNotReady, renderSlowest, renderStuckTerminating } from "./html/podTables.js";
import { renderGroups } from "./html/groupTables.js";
import { renderTimeline } from "./html/timelineSection.js";
import { buildPageData } from "./html/timelineData.js";
import { CLIENT_CSS, CLIENT_JS } from "./html/clientAssets.js";

export interface HtmlOptions {
  /** Rows of the lists of pods (not ready at the end, slowest, stuck terminating) and groups given their stage tables; default 10. The timeline holds every pod. */
  readonly top?: number;
}

/**
 * The HTML report: one self-contained page (inline CSS, script and data, no
 * network; a Content-Security-Policy forbids any fetch) with what the
 * Markdown report shows (key findings, pods not ready at the end, stage
 * table with distributions, groups, failure reasons, slowest pods, pods
 * stuck terminating, capture quality, warnings) and a start-up timeline of
 * every pod. Tables are static HTML, sortable when the script runs; the
 * timeline is drawn by the inline script (html/client/, bundled at build
 * time) from the data in `<script id="podtrail-data">` (html/pageData.ts,
 * html/embed.ts).
 */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const top = Math.max(1, options.top ?? 10);
  const data = buildPageData(report);
  const title = `podtrail report · ${report.pods.length} pod${report.pods.length === 1 ? "" : "s"}`;
  const sections = [
    renderFindings(report),
    renderNotReady(report, top),
    renderStageTable(report),
    renderGroups(report, top),
    renderFailureTable(report),
    renderSlowest(report, top),
    renderStuckTerminating(report, top),
    renderQuality(report),
    renderTimeline(data === null ? null : data.pods.length),
    renderWarnings(report),
  ].filter((s) => s !== "");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="podtrail">
<title>${esc(title)}</title>
<style>${CLIENT_CSS}</style>
</head>
<body>
${renderHeader(report)}
${renderNav(sections)}
<main>
${sections.join("\n")}
</main>
${embedData(data)}
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}

/** Links to the page's sections, by the id and heading each section has. */
function renderNav(sections: readonly string[]): string {
  const links = sections.flatMap((s) => {
    const m = /^<section id="([^"]+)"[^>]*><h2 id="[^"]+">([^<]+)/.exec(s);
    return m === null ? [] : [`<a href="#${m[1]}">${m[2]!.trim()}</a>`];
  });
  return `<nav class="toc" aria-label="Sections">${links.join(" ")}</nav>`;
}
