import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { renderMarkdown } from "../../src/render/markdown.js";
import { summarizeGroups } from "../../src/summarize/groups.js";
import type { GroupBy, Report } from "../../src/types.js";
import { busyCluster } from "../helpers/cluster.js";
import { GITHUB_WIDTH, githubPage, hasChromium, launchChromium, measure, pngSize } from "../helpers/github.js";

/**
 * The Markdown report as GitHub shows it in an issue: rendered by a GFM
 * renderer (marked) with GitHub's stylesheet (github-markdown-css) at
 * GitHub's content width of 896 px, in headless Chromium. It must fit: no
 * table scrolls sideways (GitHub would hide its last columns behind a
 * scroll), the page does not, and a screenshot of it is 896 px wide.
 */
if (!hasChromium) console.warn("markdownGithub.test.ts: skipping, /usr/bin/chromium not found (apt-get install -y chromium)");

const artifacts = join(import.meta.dirname, "..", "artifacts");

function grouped(report: Report, by: GroupBy | null): Report {
  return by === null ? report : { ...report, groupBy: by, groups: summarizeGroups(report.pods, by) };
}

/** The longest text of a table cell: long text belongs below the table, so that the table stays short. */
function longestCell(markdown: string): { length: number; cell: string } {
  let longest = { length: 0, cell: "" };
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("| ") || line.startsWith("| ---")) continue;
    for (const cell of line.split(/(?<!\\)\|/).slice(1, -1)) if (cell.trim().length > longest.length) longest = { length: cell.trim().length, cell: cell.trim() };
  }
  return longest;
}

describe.skipIf(!hasChromium)("the Markdown report at GitHub's width, in headless Chromium", () => {
  let browser: Browser;
  let page: Page;
  let samples: Report;
  let cluster: Report;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: GITHUB_WIDTH, height: 1000 } });
    samples = await analyze(["samples"]);
    cluster = busyCluster(20_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const cases = [
    ["every sample", null],
    ["every sample, --group-by node", "node"],
    ["every sample, --group-by image", "image"],
    ["20,000 pods", null],
    ["20,000 pods, --group-by node", "node"],
    ["20,000 pods, --group-by image", "image"],
  ] as const;

  it.each(cases)("%s: no table scrolls sideways, the page is 896 px wide, tables hold no long text", async (name, by) => {
    const report = grouped(name.startsWith("20,000") ? cluster : samples, by);
    const markdown = renderMarkdown(report, {});
    const file = join(artifacts, `markdown-github-${name.replace(/\W+/g, "-")}.html`);
    writeFileSync(file, githubPage(markdown));
    await page.goto(`file://${file}`);
    const layout = await measure(page);
    expect(layout.tables).toBeGreaterThan(5);
    expect(layout.overflowing).toEqual([]);
    expect(layout.pageWidth).toBe(GITHUB_WIDTH);
    const shot = await page.locator(".markdown-body").screenshot({ path: file.replace(/\.html$/, ".png") });
    expect(pngSize(shot).width).toBe(GITHUB_WIDTH);
    // Messages, explanations and places are written below their tables.
    expect(longestCell(markdown).length, longestCell(markdown).cell).toBeLessThanOrEqual(160);
  });

  it("stays a ticket's size at 20,000 pods: every list stops at --top and says what it left out", () => {
    const markdown = renderMarkdown(grouped(cluster, "node"), {});
    expect(markdown.length).toBeLessThan(100_000);
    expect(markdown).toMatch(/^## Not ready at the end \(5,108 pods\)$/m);
    expect(markdown).toContain("… 5,098 more pods not shown; use --top N or -o json");
    // 240 nodes and (none), for the pods never scheduled.
    expect(markdown).toContain("… 231 more groups not shown; use --top N or -o json");
  });
});
