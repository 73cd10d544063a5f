import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { renderHtml } from "../../src/render/html.js";
import { escapeHtml, jsonForScript } from "../../src/render/html/escape.js";
import { decodePods } from "../../src/render/html/client/decode.js";
import type { PageData, PagePod } from "../../src/render/html/pageData.js";
import { STAGES } from "../../src/types.js";
import { formatTime } from "../../src/kube/time.js";
import { humanizeMs, humanizeOffsetMs } from "../../src/render/humanize.js";
import { STAGE_LABELS } from "../../src/render/stageFacts.js";
import { at, envelope, pod } from "../helpers/pods.js";
import { analyze } from "../../src/analyze.js";
import { renderMarkdown } from "../../src/render/markdown.js";
import { keyFindings } from "../../src/render/keyFindings.js";
import { notReadyPods } from "../../src/render/notReady.js";
import { slowestPods } from "../../src/render/text.js";
import { axisLegend, sharedAxis } from "../../src/render/histogram.js";
import { interruptedLine, stuckTerminating } from "../../src/render/stageFacts.js";
import { summarizeGroups } from "../../src/summarize/groups.js";
import { reportOf } from "../helpers/report.js";
import { SCRIPT_PLACEHOLDER, STYLE_PLACEHOLDER, withoutInlinedAssets } from "../helpers/htmlGolden.js";
import { CLIENT_CSS, CLIENT_JS } from "../../src/render/html/clientAssets.js";
import { clientAssetsModule } from "../../src/render/html/clientAssets.build.mjs";

const NASTY = `</script><script>window.pwned=1</script><!-- <img src=x onerror="window.pwned=2">`;

function kubeletEvent(p: { uid: string; name: string; ns: string }, s: number, reason: string, message: string, type = "Normal", count = 1): unknown {
  return envelope("ADDED", {
    kind: "Event",
    apiVersion: "v1",
    metadata: { name: `${p.name}.17b2c5f0a1b2c3d4`, namespace: p.ns, uid: `ev-${p.name}-${reason}`, resourceVersion: String(900 + s) },
    involvedObject: { kind: "Pod", apiVersion: "v1", namespace: p.ns, name: p.name, uid: p.uid, fieldPath: "spec.containers{app}" },
    reason,
    message,
    type,
    count,
    firstTimestamp: at(s),
    lastTimestamp: at(s),
    source: { component: "kubelet", host: "node-a" },
  });
}

const sched = (s: number) => ({ type: "PodScheduled", status: "True", at: s });
const ready = { uid: "u-ready", name: "web-ready-7d9f", ns: "shop", namespace: "shop" };
const crash = { uid: "u-crash", name: "api-crash-5c4b", ns: "shop", namespace: "shop" };
const image = { uid: "u-image", name: "img-stuck-0", ns: "batch", namespace: "batch" };
const pending = { uid: "u-pending", name: "big-pending-0", ns: "ml", namespace: "ml" };
const late = { uid: "u-late", name: "cache-late-1", ns: "shop", namespace: "shop" };
const gone = { uid: "u-gone", name: "old-deleted-2", ns: "shop", namespace: "shop" };

/** Six pods: ready (with image pull events), crash-looping, stuck in ImagePullBackOff, unschedulable, partial, deleted. */
const records: unknown[] = [
  // ready: created 0, scheduled 1, pulled 3.2s, running 6, ready 8
  envelope("ADDED", pod({ ...ready, rv: 100, created: 0 })),
  envelope("MODIFIED", pod({ ...ready, rv: 101, created: 0, node: "node-a", conditions: [sched(1)] })),
  envelope("MODIFIED", pod({ ...ready, rv: 102, created: 0, node: "node-a", conditions: [sched(1)], statuses: [{ name: "app", state: { waiting: "ContainerCreating" } }] })),
  kubeletEvent(ready, 1, "Pulling", 'Pulling image "nginx:1.27"'),
  kubeletEvent(ready, 5, "Pulled", 'Successfully pulled image "nginx:1.27" in 3.1s (3.2s including waiting). Image size: 72100000 bytes.'),
  envelope("MODIFIED", pod({ ...ready, rv: 103, phase: "Running", created: 0, node: "node-a", conditions: [sched(1), { type: "Ready", status: "False", at: 6, reason: "ContainersNotReady" }], statuses: [{ name: "app", state: { running: 6 } }] })),
  envelope("MODIFIED", pod({ ...ready, rv: 104, phase: "Running", created: 0, node: "node-a", conditions: [sched(1), { type: "Ready", status: "True", at: 8 }], statuses: [{ name: "app", state: { running: 6 }, ready: true }] })),

  // crash-looping: created 2, scheduled 3, runs at 5, exits 1 at 7, CrashLoopBackOff, runs again, exits again
  envelope("ADDED", pod({ ...crash, rv: 110, managed: 2, created: 2 })),
  envelope("MODIFIED", pod({ ...crash, rv: 111, managed: 3, created: 2, node: "node-b", conditions: [sched(3)] })),
  envelope("MODIFIED", pod({ ...crash, rv: 112, managed: 5, phase: "Running", created: 2, node: "node-b", conditions: [sched(3)], statuses: [{ name: "app", state: { running: 5 } }] })),
  envelope("MODIFIED", pod({ ...crash, rv: 113, managed: 8, phase: "Running", created: 2, node: "node-b", conditions: [sched(3)], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff", message: "back-off 10s restarting failed container=app" }, last: { terminated: "Error", exitCode: 1, started: 5, finished: 7, id: "c1" }, restarts: 1 }] })),
  envelope("MODIFIED", pod({ ...crash, rv: 114, managed: 18, phase: "Running", created: 2, node: "node-b", conditions: [sched(3)], statuses: [{ name: "app", state: { running: 18 }, last: { terminated: "Error", exitCode: 1, started: 5, finished: 7, id: "c1" }, restarts: 1 }] })),
  envelope("MODIFIED", pod({ ...crash, rv: 115, managed: 21, phase: "Running", created: 2, node: "node-b", conditions: [sched(3)], statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff", message: NASTY }, last: { terminated: "Error", exitCode: 1, started: 18, finished: 20, id: "c2" }, restarts: 2 }] })),

  // stuck pulling: created 4, scheduled 5, ErrImagePull then ImagePullBackOff
  envelope("ADDED", pod({ ...image, rv: 120, created: 4, containers: [{ name: "app", image: "registry.example/nope:latest" }] })),
  envelope("MODIFIED", pod({ ...image, rv: 121, created: 4, node: "node-a", conditions: [sched(5)], containers: [{ name: "app", image: "registry.example/nope:latest" }], statuses: [{ name: "app", state: { waiting: "ErrImagePull", message: 'failed to pull "registry.example/nope:latest": not found' } }] })),
  envelope("MODIFIED", pod({ ...image, rv: 122, created: 4, node: "node-a", conditions: [sched(5)], containers: [{ name: "app", image: "registry.example/nope:latest" }], statuses: [{ name: "app", state: { waiting: "ImagePullBackOff", message: 'Back-off pulling image "registry.example/nope:latest"' } }] })),
  kubeletEvent(image, 9, "Bad<i>Reason", "user <b>data</b> & more", "Warning"),

  // unschedulable
  envelope("ADDED", pod({ ...pending, rv: 130, created: 6, conditions: [{ type: "PodScheduled", status: "False", at: 6, reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient cpu." }] })),

  // partial: first seen running and ready
  envelope("ADDED", pod({ ...late, rv: 140, phase: "Running", created: -20, node: "node-c", conditions: [sched(-19), { type: "Ready", status: "True", at: -15 }], statuses: [{ name: "app", state: { running: -16 }, ready: true }] })),

  // ready then deleted
  envelope("ADDED", pod({ ...gone, rv: 150, created: 1 })),
  envelope("MODIFIED", pod({ ...gone, rv: 151, phase: "Running", created: 1, node: "node-c", conditions: [sched(2), { type: "Ready", status: "True", at: 4 }], statuses: [{ name: "app", state: { running: 3 }, ready: true }] })),
  envelope("DELETED", pod({ ...gone, rv: 152, phase: "Running", created: 1, deleted: 25, node: "node-c", conditions: [sched(2), { type: "Ready", status: "True", at: 4 }], statuses: [{ name: "app", state: { running: 3 }, ready: true }] })),
  envelope("MODIFIED", pod({ ...pending, rv: 160, created: 6, managed: 40, conditions: [{ type: "PodScheduled", status: "False", at: 6, reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient cpu." }] })),
];

const report = reportOf(records);
const html = renderHtml(report, {});
const ALL = [ready, crash, image, pending, late, gone].map((p) => `${p.ns}/${p.name}`);

/** The page's data as its script reads it (test/helpers/htmlData.ts unpacks a packed one too). */
function embedded(page: string): PageData {
  const m = /<script type="application\/json" id="podtrail-data">([\s\S]*?)<\/script>/.exec(page);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!);
}

function embeddedPods(page: string): PagePod[] {
  return decodePods(embedded(page));
}

describe("renderHtml: the page", () => {
  it("has the report's pods in the shapes the test means", () => {
    const byName = new Map(report.pods.map((p) => [p.name, p]));
    expect(byName.get(ready.name)).toMatchObject({ outcome: "Ready", durationsMs: { scheduling: 1000, imagePull: 3200, readiness: 2000 } });
    expect(byName.get(crash.name)!.failures.map((f) => f.reason)).toContain("CrashLoopBackOff");
    expect(byName.get(image.name)!.stuckIn).toBe("ImagePullBackOff");
    expect(byName.get(pending.name)!.stuckIn).toBe("Unschedulable");
    expect(byName.get(late.name)!.partial).toBe(true);
    expect(byName.get(gone.name)!.outcome).toBe("Deleted");
  });

  it("is self-contained: no external src/href, stylesheet, import or fetchable URL", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/\b(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|@import|url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it("inlines the stylesheet and the script unchanged, once each; its golden form holds neither", () => {
    expect(html.split(`<style>${CLIENT_CSS}</style>`)).toHaveLength(2);
    expect(html.split(`<script>${CLIENT_JS}</script>`)).toHaveLength(2);
    const golden = withoutInlinedAssets(html);
    expect(golden).toContain(`<style>\n${STYLE_PLACEHOLDER}\n</style>`);
    expect(golden).toContain(`<script>\n${SCRIPT_PLACEHOLDER}\n</script>`);
    expect(golden.length).toBe(html.length - CLIENT_CSS.length - CLIENT_JS.length + STYLE_PLACEHOLDER.length + SCRIPT_PLACEHOLDER.length + 4);
    expect(golden).toContain(`<script type="application/json" id="podtrail-data">${jsonForScript(embedded(html))}</script>`);
  });

  it("inlines what npm run build:client writes into dist: the tests load the same module", async () => {
    const dir = mkdtempSync(join(tmpdir(), "podtrail-client-"));
    try {
      await promisify(execFile)(process.execPath, ["src/render/html/clientAssets.build.mjs", dir]);
      expect(readFileSync(join(dir, "render", "html", "clientAssets.js"), "utf8")).toBe(clientAssetsModule({ js: CLIENT_JS, css: CLIENT_CSS }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Built from the TypeScript sources, with the text report's formatter in it.
    expect(CLIENT_JS).toContain('"podtrail-data"');
    expect(CLIENT_JS).not.toMatch(/\bimport\b|\brequire\(/);
    expect(CLIENT_CSS).toContain(".tl-row");
  });

  it("keeps user data inert: the JSON blob cannot close its script element and round-trips exactly", () => {
    expect(html).not.toContain("</script><script>window.pwned");
    expect(html).not.toContain("<!-- <img");
    expect(html).not.toContain("Bad<i>Reason");
    expect(html).toContain("Bad&lt;i&gt;Reason"); // the failure table, escaped
    // Exactly the two script elements of the page.
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const messages = embeddedPods(html).flatMap((p) => p.failures.map((f) => f.message));
    expect(messages).toContain(NASTY);
  });

  it("escapes text and script JSON", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const tricky = { s: "</script><!--<script>\u2028&" };
    const out = jsonForScript(tricky);
    expect(out).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(out)).toEqual(tricky);
  });

  it("shows the header, the stage table with every percentile and the failure table with explanations", () => {
    expect(html).toContain("Capture span");
    expect(html).toContain(`<time datetime="${formatTime(report.span.start!)}">`);
    expect(html).toMatch(/<strong>6<\/strong>/);
    for (const col of ["p50", "p90", "p95", "p99", "Max", "Mean"]) expect(html).toContain(`>${col}</th>`);
    expect(html).toContain("ImagePullBackOff");
    expect(html).toContain("The container keeps exiting"); // catalogue meaning of CrashLoopBackOff
    expect(html).toContain("3 Insufficient cpu"); // not in tables, but in the timeline data
  });

  it("holds every pod in the timeline's data, slowest first, whatever top says", () => {
    const many = reportOf(
      Array.from({ length: 503 }, (_, i) =>
        envelope("ADDED", pod({ uid: `u-${i}`, name: `p-${String(i).padStart(3, "0")}`, rv: 1000 + i, phase: "Running", created: 0, conditions: [sched(1), { type: "Ready", status: "True", at: 2 + (i % 50) }], statuses: [{ name: "app", state: { running: 2 }, ready: true }] })),
      ),
    );
    for (const top of [undefined, 10, 1000]) {
      const pods = embeddedPods(renderHtml(many, top === undefined ? {} : { top }));
      expect(pods).toHaveLength(503);
      const slow = pods.map((p) => p.slow!);
      expect(slow).toEqual([...slow].sort((a, b) => b - a));
    }
    expect(renderHtml(many, {})).not.toContain("Showing the");
  });

  it("renders an empty report without a timeline", () => {
    const page = renderHtml(reportOf([]), {});
    expect(page).toContain("No pods with timestamps");
    expect(page).toContain("No failure reasons");
  });
});

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`html.test.ts: skipping the browser checks, ${CHROMIUM} not found (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)("renderHtml: in headless Chromium", () => {
  const artifacts = join(import.meta.dirname, "..", "artifacts");
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    mkdirSync(artifacts, { recursive: true });
    const file = join(artifacts, "html-report.html");
    writeFileSync(file, html);
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector(".tl-row");
  });

  afterAll(async () => {
    await browser?.close();
  });

  const rowNames = (): Promise<string[]> => page.$$eval(".tl-row", (rows) => rows.map((r) => (r as HTMLElement).dataset["name"] ?? ""));
  const row = (p: { ns: string; name: string }): string => `.tl-row[data-name="${p.ns}/${p.name}"]`;

  it("loads from disk with no request but the file itself, no script error and nothing injected", async () => {
    expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });

  it("draws one row per pod, slowest first", async () => {
    const names = await rowNames();
    expect([...names].sort()).toEqual([...ALL].sort());
    // Never-ready pods waited longest; the partial pod's 5s startup is the fastest.
    expect(names.slice(0, 3)).toEqual(expect.arrayContaining([`${image.ns}/${image.name}`, `${pending.ns}/${pending.name}`, `${crash.ns}/${crash.name}`]));
    expect(names.at(-1)).toBe(`${gone.ns}/${gone.name}`);
  });

  it("draws every stage bar of the ready pod with a non-zero width, in order", async () => {
    const boxes: Record<string, { x: number; width: number }> = {};
    for (const stage of ["scheduling", "imagePull", "containerStart", "readiness"]) {
      const box = await page.locator(`${row(ready)} .bar-${stage}`).boundingBox();
      expect(box, stage).not.toBeNull();
      expect(box!.width, stage).toBeGreaterThan(3);
      boxes[stage] = box!;
    }
    expect(boxes["scheduling"]!.x).toBeLessThan(boxes["imagePull"]!.x);
    expect(boxes["imagePull"]!.x).toBeLessThan(boxes["containerStart"]!.x);
    expect(boxes["containerStart"]!.x).toBeLessThan(boxes["readiness"]!.x);
    expect(await page.locator(`${row(ready)} .tl-note`).textContent()).toBe("8s");
  });

  it("marks failures, deletion and stuck pods", async () => {
    await expect(page.locator(`${row(crash)} .marker-failure[data-reason="CrashLoopBackOff"]`).count()).resolves.toBe(1);
    await expect(page.locator(`${row(crash)} .marker-failure[data-reason="Error"]`).count()).resolves.toBe(1);
    await expect(page.locator(`${row(gone)} .marker-deleted`).count()).resolves.toBe(1);
    // No managedFields in the stuck pod's records: its failures have no time and sit, hollow, at the end.
    await expect(page.locator(`${row(image)} .marker-failure.untimed[data-reason="ImagePullBackOff"]`).count()).resolves.toBe(1);
    expect(await page.locator(`${row(pending)} .tl-note`).textContent()).toContain("Unschedulable");
    expect(await page.locator(`${row(image)} .tl-note`).textContent()).toContain("ImagePullBackOff");
    const wait = await page.locator(`${row(pending)} .bar-waiting`).boundingBox();
    expect(wait!.width).toBeGreaterThan(50);
  });

  it("shows every timestamp, stage and failure of a pod on hover", async () => {
    await page.hover(`${row(ready)} .tl-label`);
    const tip = page.locator("#tl-tip");
    await expect(tip.isVisible()).resolves.toBe(true);
    const text = (await tip.textContent()) ?? "";
    for (const s of ["shop/", ready.name, "containersStarted", "2024-05-01T10:00:06Z  (+6s)", "node-a", "pull 3.2s"]) expect(text).toContain(s);
    // Every stage as the text report names and formats it.
    const readyPod = report.pods.find((p) => p.name === ready.name)!;
    for (const stage of STAGES) expect(text).toContain(`${STAGE_LABELS[stage]}${humanizeMs(readyPod.durationsMs[stage])}`);

    await page.hover(`${row(crash)} .tl-label`);
    const crashText = (await tip.textContent()) ?? "";
    expect(crashText).toContain("CrashLoopBackOff");
    expect(crashText).toContain("exit 1");
    expect(crashText).toContain(NASTY); // shown as text, not parsed
    await page.screenshot({ path: join(artifacts, "html-report-hover.png") });
    await page.mouse.move(5, 5);
    await expect(tip.isVisible()).resolves.toBe(false);
  });

  it("sorts by name and by creation, and back", async () => {
    const before = await rowNames();
    await page.click('button[data-sort="name"]');
    const byName = await rowNames();
    expect(byName).toEqual([...ALL].sort(new Intl.Collator("en", { numeric: true }).compare));
    expect(byName).not.toEqual(before);
    await page.click('button[data-sort="created"]');
    expect((await rowNames())[0]).toBe(`${late.ns}/${late.name}`);
    await page.click('button[data-sort="slowest"]');
    expect(await rowNames()).toEqual(before);
    expect(await page.getAttribute('button[data-sort="slowest"]', "aria-pressed")).toBe("true");
  });

  it("aligns rows at creation on request", async () => {
    const track = async (p: { ns: string; name: string }) => (await page.locator(`${row(p)} .tl-track`).boundingBox())!;
    const absolute = (await page.locator(`${row(crash)} .bar-scheduling`).boundingBox())!;
    await page.click('button[data-mode="aligned"]');
    expect(await page.locator(".tl-axis-title").textContent()).toContain("creation");
    const aligned = (await page.locator(`${row(crash)} .bar-scheduling`).boundingBox())!;
    const t = await track(crash);
    expect(aligned.x - t.x).toBeLessThan(2);
    expect(aligned.x).toBeLessThan(absolute.x);
    await page.click('button[data-mode="absolute"]');
  });

  it("filters rows", async () => {
    await page.fill(".tl-filter", "backoff");
    await page.waitForFunction(() => document.querySelectorAll(".tl-row").length < 6);
    expect((await rowNames()).sort()).toEqual([`${crash.ns}/${crash.name}`, `${image.ns}/${image.name}`].sort());
    await page.fill(".tl-filter", "");
    await page.waitForFunction(() => document.querySelectorAll(".tl-row").length === 6);
  });

  it("formats the timeline's notes, ticks and card with the text report's humanizeMs", async () => {
    // Unschedulable for 46m 59.6s (the last record's managedFields time has milliseconds): the former page script read 46m 60s.
    const stuck = { uid: "u-stuck", name: "long-pending-0", namespace: "ml" };
    const unschedulable = [{ type: "PodScheduled", status: "False", at: 0, reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient cpu." }];
    const long = reportOf([
      envelope("ADDED", pod({ ...stuck, rv: 1, created: 0, conditions: unschedulable })),
      envelope("MODIFIED", pod({ ...stuck, rv: 2, created: 0, managed: 46 * 60 + 59.6, conditions: unschedulable })),
    ]);
    const waited = long.span.end! - long.span.start!;
    expect(waited).toBe(2_819_600);
    const other = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      const file = join(artifacts, "html-report-long.html");
      writeFileSync(file, renderHtml(long, {}));
      await other.goto(pathToFileURL(file).href);
      await other.waitForSelector(".tl-row");
      expect(await other.locator(".tl-note").textContent()).toBe(`Unschedulable · ${humanizeMs(waited)}+`);
      // Each tick reads the offset at its place on the axis (0 to the span's end), to the second.
      const ticks = await other.$$eval(".tick", (els) => els.map((e) => ({ text: e.textContent ?? "", left: parseFloat((e as HTMLElement).style.left) })));
      expect(ticks.length).toBeGreaterThan(2);
      for (const t of ticks) {
        const ms = Math.round((t.left / 100) * waited / 1000) * 1000;
        expect(t.text).toBe(ms === 0 ? "0" : humanizeOffsetMs(ms));
      }
      expect(ticks.map((t) => t.text).join(" ")).not.toMatch(/\b60[sm]\b|\+\d+m(?! )/);
      await other.hover(".tl-label");
      expect(await other.locator("#tl-tip").textContent()).toContain(`${STAGE_LABELS.startup}-`);
    } finally {
      await other.close();
    }
  });

  it("saves screenshots (light and dark) for review", async () => {
    await page.locator(".tl-filter").blur();
    await page.screenshot({ path: join(artifacts, "html-report.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(artifacts, "html-report-dark.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
    expect(existsSync(join(artifacts, "html-report.png"))).toBe(true);
  });
});

describe("renderHtml: what the Markdown report shows, from the same data", () => {
  const stripTags = (s: string): string => s.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

  it("has the key findings of the Markdown report, sentence for sentence", () => {
    const items = [...html.matchAll(/<ul class="findings">([\s\S]*?)<\/ul>/g)][0]![1]!.split("\n").map(stripTags);
    expect(items).toEqual(keyFindings(report).map((spans) => spans.map((s) => (typeof s === "string" ? s : "strong" in s ? s.strong : s.code)).join("")));
    const md = renderMarkdown(report, {});
    expect(md).toContain("## Key findings");
    expect(items.length).toBe(md.split("## Key findings")[1]!.split("\n## ")[0]!.trim().split("\n").length);
  });

  it("lists the pods not ready at the end in the order every report lists them, with their message and cause", () => {
    const section = /<section id="not-ready"[\s\S]*?<\/section>/.exec(html)![0];
    const listed = [...section.matchAll(/<th scope="row"><code class="pod">([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(listed).toEqual(notReadyPods(report).map((p) => `${p.namespace}/${p.name}`));
    expect(section).toContain("0/3 nodes are available: 3 Insufficient cpu.");
    expect(section).toContain("cause: Error (exit 1) [app] at 2024-05-01T10:00:20Z");
    expect(section).toContain('data-filter="notready=CrashLoopBackOff"');
  });

  it("has the slowest pods (text.ts slowestPods), the stage distributions on one axis and the capture quality", () => {
    const slowest = /<section id="slowest"[\s\S]*?<\/section>/.exec(html)![0];
    expect([...slowest.matchAll(/<code class="pod">([^<]+)<\/code>/g)].map((m) => m[1])).toEqual(slowestPods(report.pods, 10).map((p) => `${p.namespace}/${p.name}`));
    const stages = /<section id="stages"[\s\S]*?<\/section>/.exec(html)![0];
    const axis = sharedAxis(STAGES.map((s) => report.summary.stages[s].histogram))!;
    const charts = [...stages.matchAll(/<span class="hist"[^>]*>([\s\S]*?)<\/span><\/td>/g)];
    expect(charts.length).toBe(STAGES.filter((s) => report.summary.stages[s].count > 0).length);
    for (const c of charts) expect(c[1]!.match(/class="hb/g)).toHaveLength(axis.last - axis.first + 1);
    expect(stages).toContain(`Distribution: ${axisLegend(axis).replace(/^one column/, "one bar")}`);
    expect(html).toContain('<section id="quality"');
    expect(html).toContain("Partial pods");
  });

  it("shows --group-by, pods stuck terminating and an interrupted reading", async () => {
    const stuck = await analyze(["samples/stuck-terminating/input"]);
    const page = renderHtml({ ...stuck, groupBy: "node", groups: summarizeGroups(stuck.pods, "node"), interrupted: { by: "signal", signal: "SIGINT", input: "pods.jsonl", unread: [] } }, {});
    expect(page).toContain('<section id="terminating"');
    for (const { pod: p } of stuckTerminating(stuck)) expect(page).toContain(`<code class="pod">${escapeHtml(`${p.namespace}/${p.name}`)}</code>`);
    expect(page).toContain('<section id="groups"');
    expect(page).toMatch(/By node <span class="muted">\(\d+ nodes?, worst first\)/);
    expect(page).toContain(`<strong>Interrupted:</strong> ${escapeHtml(interruptedLine({ by: "signal", signal: "SIGINT", input: "pods.jsonl", unread: [] }))}.`);
    expect(renderHtml(stuck, {})).not.toContain('<section id="groups"');
  });
});

describe.skipIf(!hasChromium)("renderHtml in headless Chromium: tables, filter and formatter", () => {
  let browser: Browser;
  const open = async (name: string, page: string, width = 1280): Promise<Page> => {
    const tab = await browser.newPage({ viewport: { width, height: 900 } });
    const file = join(import.meta.dirname, "..", "artifacts", name);
    mkdirSync(join(import.meta.dirname, "..", "artifacts"), { recursive: true });
    writeFileSync(file, page);
    await tab.goto(pathToFileURL(file).href);
    await tab.waitForSelector(".tl-row");
    return tab;
  };

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("sorts the stage and failure tables by a click or a key, saying so in aria-sort", async () => {
    const tab = await open("html-report-sort.html", html);
    try {
      const failures = "#failures table";
      const column = async (table: string, i: number): Promise<string[]> => tab.$$eval(`${table} tbody tr`, (rows, i) => rows.map((r) => (r as HTMLTableRowElement).cells[i]!.textContent!.trim()), i);
      expect(await tab.getAttribute(`${failures} th:nth-child(3)`, "aria-sort")).toBe("descending");
      await tab.click(`${failures} th:nth-child(4) button`);
      expect(await tab.getAttribute(`${failures} th:nth-child(4)`, "aria-sort")).toBe("descending");
      expect(await tab.getAttribute(`${failures} th:nth-child(3)`, "aria-sort")).toBeNull();
      const occurrences = (await column(failures, 3)).map(Number);
      expect(occurrences).toEqual([...occurrences].sort((a, b) => b - a));
      await tab.click(`${failures} th:nth-child(4) button`);
      expect(await tab.getAttribute(`${failures} th:nth-child(4)`, "aria-sort")).toBe("ascending");
      expect((await column(failures, 3)).map(Number)).toEqual([...occurrences].sort((a, b) => a - b));
      // By keyboard: the header's button takes focus; Enter sorts.
      await tab.focus(`${failures} th:nth-child(1) button`);
      await tab.keyboard.press("Enter");
      expect(await tab.getAttribute(`${failures} th:nth-child(1)`, "aria-sort")).toBe("ascending");
      const reasons = await column(failures, 0);
      expect(reasons).toEqual([...reasons].sort(new Intl.Collator("en", { numeric: true }).compare));

      const stages = "#stages table";
      await tab.click(`${stages} th:nth-child(6) button`); // p99
      const p99 = await tab.$$eval(`${stages} tbody tr`, (rows) => rows.map((r) => (r as HTMLTableRowElement).cells[5]!.dataset["v"] ?? ""));
      const known = p99.filter((v) => v !== "").map(Number);
      expect(known).toEqual([...known].sort((a, b) => b - a));
      expect(p99.slice(known.length).every((v) => v === "")).toBe(true); // no figure: last
      await tab.click(`${stages} th:nth-child(1) button`); // back to the stages' order
      expect(await column(stages, 0)).toEqual(STAGES.map((s) => expect.stringContaining(STAGE_LABELS[s])));
    } finally {
      await tab.close();
    }
  });

  it("matches every evicted pod with Evicted, not only the slowest", async () => {
    const evicted = Array.from({ length: 60 }, (_, i) => ({ uid: `u-ev-${i}`, name: `batch-${i}`, namespace: "jobs" }));
    const fine = Array.from({ length: 1000 }, (_, i) => ({ uid: `u-ok-${i}`, name: `web-${i}`, namespace: "shop" }));
    const many = reportOf([
      ...fine.map((p, i) => envelope("ADDED", pod({ ...p, rv: 10 + i, phase: "Running", created: 0, node: "node-a", conditions: [sched(1), { type: "Ready", status: "True", at: 300 + (i % 7) }], statuses: [{ name: "app", state: { running: 2 }, ready: true }] }))),
      ...evicted.map((p, i) => envelope("ADDED", pod({ ...p, rv: 5000 + i, phase: "Failed", reason: "Evicted", message: "The node was low on resource: memory.", created: 0, node: "node-b", conditions: [sched(1)] }))),
    ]);
    expect(many.pods.filter((p) => p.notReadyAtEnd?.reason === "Evicted")).toHaveLength(60);
    const tab = await open("html-report-evicted.html", renderHtml(many, {}));
    try {
      await tab.fill(".tl-filter", "Evicted");
      await tab.waitForFunction(() => document.querySelector(".tl-count")?.textContent === "60 of 1,060 pods match");
      await tab.fill(".tl-filter", "evicted node:node-b LOW ON RESOURCE");
      await tab.waitForFunction(() => document.querySelector(".tl-count")?.textContent === "60 of 1,060 pods match");
      await tab.fill(".tl-filter", "evicted node:node-a");
      await tab.waitForFunction(() => document.querySelector(".tl-count")?.textContent === "0 of 1,060 pods match");
      expect(await tab.$$eval(".tl-row", (r) => r.length)).toBe(0);
    } finally {
      await tab.close();
    }
  });

  it("formats 2,819,999 ms in the page's script as humanizeMs does on the server: 47m 0s, never 60s", async () => {
    const stuck = { uid: "u-stuck", name: "long-pending-0", namespace: "ml" };
    const unschedulable = [{ type: "PodScheduled", status: "False", at: 0, reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient cpu." }];
    const long = reportOf([
      envelope("ADDED", pod({ ...stuck, rv: 1, created: 0, conditions: unschedulable })),
      envelope("MODIFIED", pod({ ...stuck, rv: 2, created: 0, managed: 2819.999, conditions: unschedulable })),
    ]);
    expect(long.span.end! - long.span.start!).toBe(2_819_999);
    const server = humanizeMs(2_819_999);
    expect(server).toBe("47m 0s");
    const page = renderHtml(long, {});
    // The server's figure, in the static table of pods not ready at the end.
    expect(page).toContain(`<td class="num" data-v="2819999" title="2819999 ms">${server}</td>`);
    const tab = await open("html-report-2819999.html", page);
    try {
      // The script's: the row's note and the card.
      expect(await tab.locator(".tl-note").textContent()).toBe(`Unschedulable · ${server}+`);
      await tab.hover(".tl-label");
      expect(await tab.locator("#tl-tip").textContent()).toContain(`for ${server}`);
      const text = (await tab.locator("main").textContent()) ?? "";
      expect(text).not.toMatch(/\b60s\b|46m 60s/);
    } finally {
      await tab.close();
    }
  });

  it("shows a partial pod's bounds, not a wait: ready before the capture saw it", async () => {
    const tab = await open("html-report-partial.html", html);
    try {
      const late = '.tl-row[data-name="shop/cache-late-1"]';
      expect(await tab.locator(`${late} .tl-note`).textContent()).toBe("≤ 5s");
      expect(await tab.locator(`${late} .bar-waiting`).count()).toBe(0);
      await tab.hover(`${late} .tl-label`);
      const card = (await tab.locator("#tl-tip").textContent()) ?? "";
      expect(card).toContain(`${STAGE_LABELS.startup}≤ 5s`);
      expect(card).toContain("(before the capture)");
    } finally {
      await tab.close();
    }
  });
});
