import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { renderHtml } from "../../src/render/html.js";
import { summarizeGroups } from "../../src/summarize/groups.js";
import type { Report } from "../../src/types.js";
import { busyCluster } from "../helpers/cluster.js";
import { GITHUB_WIDTH, hasChromium, launchChromium, measure } from "../helpers/github.js";
import { pagePods } from "../helpers/htmlData.js";

/**
 * The HTML report of 20,000 pods (test/helpers/cluster.ts, grouped by node)
 * in headless Chromium at GitHub's content width: it loads in a sane time,
 * keeps few rows in the DOM however far it scrolls, reaches the last pod,
 * filters all 20,000, and never scrolls sideways. The figures it measures
 * are printed (`npx vitest run --config test/vitest.config.ts test/render/htmlScale.test.ts`).
 */
if (!hasChromium) console.warn("htmlScale.test.ts: skipping, /usr/bin/chromium not found (apt-get install -y chromium)");

const PODS = 20_000;
const artifacts = join(import.meta.dirname, "..", "artifacts");

describe.skipIf(!hasChromium)("the HTML report of 20,000 pods, in headless Chromium at 896 px", () => {
  let browser: Browser;
  let page: Page;
  let report: Report;
  let html: string;
  let loadMs: number;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const cluster = busyCluster(PODS);
    report = { ...cluster, groupBy: "node", groups: summarizeGroups(cluster.pods, "node") };
    html = renderHtml(report, {});
    const file = join(artifacts, "html-20000-pods.html");
    writeFileSync(file, html);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: GITHUB_WIDTH, height: 1000 } });
    page.on("pageerror", (e) => errors.push(String(e)));
    const started = Date.now();
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction((n) => document.querySelector(".tl-count")?.textContent === n, "20,000 pods");
    loadMs = Date.now() - started;
    console.log(`20,000 pods: page ${(html.length / 1e6).toFixed(2)} MB, loaded and drawn in ${loadMs} ms`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  const rowCount = (): Promise<number> => page.$$eval(".tl-row", (rows) => rows.length);
  const scroller = ".tl-scroll";

  it("is a page of a few MB that loads and draws in a sane time, with no script error", () => {
    expect(errors).toEqual([]);
    expect(html.length).toBeLessThan(3_000_000);
    expect(html).toContain('type="application/gzip" data-encoding="base64" id="podtrail-data"');
    expect(pagePods(html)).toHaveLength(PODS);
    expect(loadMs).toBeLessThan(15_000);
  });

  it("keeps few rows in the DOM, says where each stands, and reaches the last pod by scrolling and by End", async () => {
    expect(await rowCount()).toBeLessThan(100);
    expect(await page.getAttribute(".tl-row >> nth=0", "aria-setsize")).toBe(String(PODS));
    const last = pagePods(html).at(-1)!;
    await page.$eval(scroller, (s) => s.scrollTo(0, s.scrollHeight));
    const end = page.locator(`.tl-row[aria-posinset="${PODS}"]`);
    await end.waitFor();
    expect(await end.getAttribute("data-name")).toBe(`${last.ns}/${last.name}`);
    const box = (await end.boundingBox())!;
    const view = (await page.locator(scroller).boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height + 1);
    expect(box.y).toBeGreaterThanOrEqual(view.y);
    expect(await rowCount()).toBeLessThan(100);

    await page.$eval(scroller, (s) => s.scrollTo(0, 0));
    await page.locator('.tl-row[aria-posinset="1"]').waitFor();
    await page.focus('.tl-row[aria-posinset="1"]');
    await page.keyboard.press("End");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-posinset"))).toBe(String(PODS));
    await page.keyboard.press("ArrowUp");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-posinset"))).toBe(String(PODS - 1));
    await page.keyboard.press("Home");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-posinset"))).toBe("1");
    await page.keyboard.press("Escape");
  });

  it("filters all 20,000 pods, on several words, and sorts them", async () => {
    const filterTo = async (q: string, expected: number): Promise<number> => {
      const started = Date.now();
      await page.fill(".tl-filter", q);
      const text = expected === PODS ? "20,000 pods" : `${expected.toLocaleString("en")} of 20,000 pods match`;
      await page.waitForFunction((t) => document.querySelector(".tl-count")?.textContent === t, text);
      return Date.now() - started;
    };
    const pulls = report.pods.filter((p) => p.notReadyAtEnd?.reason === "ImagePullBackOff").length;
    const oomInTeam3 = report.pods.filter((p) => p.namespace.includes("team-03") && p.failures.some((f) => f.exitCodes.includes(137))).length;
    expect(pulls).toBeGreaterThan(1000);
    expect(oomInTeam3).toBeGreaterThan(50);
    const times = [await filterTo("notready=ImagePullBackOff", pulls), await filterTo("Team-03 EXIT:137", oomInTeam3), await filterTo("", PODS)];
    // The filter waits 120 ms for typing to stop; the rest is matching and drawing.
    for (const ms of times) expect(ms).toBeLessThan(5_000);
    expect(await rowCount()).toBeLessThan(100);
    const started = Date.now();
    await page.click('button[data-sort="name"]');
    await page.waitForFunction(() => document.querySelector('button[data-sort="name"]')?.getAttribute("aria-pressed") === "true");
    const sortMs = Date.now() - started;
    const first = [...report.pods].map((p) => `${p.namespace}/${p.name}`).sort(new Intl.Collator("en", { numeric: true }).compare)[0];
    expect(await page.getAttribute('.tl-row[aria-posinset="1"]', "data-name")).toBe(first);
    await page.click('button[data-sort="slowest"]');
    console.log(`20,000 pods: filter ${times.join(" ms, ")} ms (each with 120 ms of debounce); sort by name ${sortMs} ms`);
  });

  it("shows every pod not ready at the end of a reason with one click", async () => {
    const crash = report.pods.filter((p) => p.notReadyAtEnd?.reason === "CrashLoopBackOff").length;
    await page.click('#not-ready button[data-filter="notready=CrashLoopBackOff"]');
    await page.waitForFunction((t) => document.querySelector(".tl-count")?.textContent === t, `${crash.toLocaleString("en")} of 20,000 pods match`);
    expect(await page.inputValue(".tl-filter")).toBe("notready=CrashLoopBackOff");
    await page.fill(".tl-filter", "");
    await page.waitForFunction(() => document.querySelector(".tl-count")?.textContent === "20,000 pods");
  });

  it("fits 896 px: no sideways scroll of the page or of a table", async () => {
    const layout = await measure(page);
    expect(layout.pageWidth).toBe(GITHUB_WIDTH);
    expect(layout.overflowing).toEqual([]);
    await page.screenshot({ path: join(artifacts, "html-20000-pods-896.png") });
  });
});

describe.skipIf(!hasChromium)("the HTML report of every sample, in headless Chromium at 896 px", () => {
  it("fits: no sideways scroll of the page or of a table, with and without --group-by", async () => {
    const samples = await analyze(["samples"]);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: GITHUB_WIDTH, height: 1000 } });
      for (const by of [null, "node", "image"] as const) {
        const report = by === null ? samples : { ...samples, groupBy: by, groups: summarizeGroups(samples.pods, by) };
        const file = join(artifacts, `html-samples-${by ?? "ungrouped"}.html`);
        writeFileSync(file, renderHtml(report, {}));
        await page.goto(pathToFileURL(file).href);
        await page.waitForSelector(".tl-row");
        const layout = await measure(page);
        expect(layout.pageWidth, String(by)).toBe(GITHUB_WIDTH);
        expect(layout.overflowing, String(by)).toEqual([]);
      }
      await page.screenshot({ path: join(artifacts, "html-samples-896.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 120_000);
});
