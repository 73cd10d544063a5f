import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { marked } from "marked";

/** GitHub's content width for an issue or a comment body, in CSS pixels. */
export const GITHUB_WIDTH = 896;

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

const require = createRequire(import.meta.url);
const GITHUB_CSS = readFileSync(require.resolve("github-markdown-css/github-markdown-light.css"), "utf8");

/** Markdown rendered as GitHub renders it (GFM, its stylesheet) in a page whose body is GitHub's content width. */
export function githubPage(markdown: string): string {
  const body = marked.parse(markdown, { gfm: true, async: false });
  return `<!doctype html><html><head><meta charset="utf-8"><style>${GITHUB_CSS}
html, body { margin: 0; padding: 0; }
.markdown-body { box-sizing: border-box; width: ${GITHUB_WIDTH}px; padding: 0; }
</style></head><body><article class="markdown-body">${body}</article></body></html>`;
}

/** Headless Chromium, launched as test/render/html.test.ts launches it. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface Layout {
  /** The page's scroll width: wider than GITHUB_WIDTH means the page scrolls sideways. */
  readonly pageWidth: number;
  /** Tables that scroll sideways (GitHub shows them in a scroll box): their heading, header and how much is hidden. */
  readonly overflowing: readonly { readonly section: string; readonly header: string; readonly hiddenPx: number }[];
  readonly tables: number;
  /** The widest table, in pixels. */
  readonly widestTable: number;
}

/** How a page laid out: its width and every table that does not fit. */
export async function measure(page: import("playwright-core").Page): Promise<Layout> {
  return page.evaluate(() => {
    const tables = [...document.querySelectorAll("table")];
    const overflowing = tables
      .filter((t) => t.scrollWidth > t.clientWidth + 1)
      .map((t) => {
        let heading: Element | null = t;
        while (heading !== null && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
        return { section: heading?.textContent ?? "", header: t.querySelector("tr")?.textContent?.trim() ?? "", hiddenPx: t.scrollWidth - t.clientWidth };
      });
    return { pageWidth: document.documentElement.scrollWidth, overflowing, tables: tables.length, widestTable: Math.max(0, ...tables.map((t) => t.scrollWidth)) };
  });
}

/** The width and height of a PNG, from its header. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
