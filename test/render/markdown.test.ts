import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/render/markdown.js";
import type { Report } from "../../src/types.js";
import { envelope, pod } from "../helpers/pods.js";
import { reportOf } from "../helpers/report.js";

const sched = { type: "PodScheduled", status: "True", at: 1 };
const ready = (at: number) => ({ type: "Ready", status: "True", at });
const notReady = { type: "Ready", status: "False", at: 1, reason: "ContainersNotReady" };

/** A pod that became ready `startup` seconds after creation at `created`. */
function readyPod(name: string, created: number, startup: number, rv: number): unknown[] {
  return [
    envelope("ADDED", pod({ uid: `uid-${name}`, name, namespace: "ns", rv, created })),
    envelope(
      "MODIFIED",
      pod({ uid: `uid-${name}`, name, namespace: "ns", rv: rv + 1, created, phase: "Running", node: "n1", conditions: [{ ...sched, at: created + 1 }, ready(created + startup)], statuses: [{ name: "app", state: { running: created + startup - 1 }, ready: true }] }),
    ),
  ];
}

function readyPods(n: number): unknown[] {
  return Array.from({ length: n }, (_, i) => readyPod(`p-${i}`, i, 2 + i, 1000 + 10 * i)).flat();
}

/**
 * Five pods: one ready, one crash-looping (with a pipe, Markdown and a newline
 * in its message), one stuck pulling, one unschedulable, one first seen running
 * (partial); a watch ERROR 410 and 25 warnings.
 */
function mixedCapture(): Report {
  const crash = (rv: number, extra: object) => pod({ uid: "uid-crash", name: "crash", rv, created: 10, phase: "Running", node: "n1", ...extra });
  const report = reportOf([
    ...readyPod("ok", 0, 5, 1),
    envelope("ADDED", crash(10, { phase: "Pending" })),
    envelope("MODIFIED", crash(11, { conditions: [{ ...sched, at: 11 }, ready(19)], statuses: [{ name: "app", state: { running: 15 }, ready: true }] })),
    envelope(
      "MODIFIED",
      crash(12, {
        managed: 40,
        conditions: [{ ...sched, at: 11 }, notReady],
        statuses: [{ name: "app", state: { waiting: "CrashLoopBackOff", message: "back-off 10s | restarting\nfailed container *app* <nil>" }, last: { terminated: "OOMKilled", exitCode: 137, started: 15, finished: 30 }, restarts: 1 }],
      }),
    ),
    envelope("ADDED", pod({ uid: "uid-pull", name: "pull", rv: 20, created: 20, node: "n2", conditions: [{ ...sched, at: 21 }, notReady], statuses: [{ name: "app", state: { waiting: "ImagePullBackOff", message: "Back-off pulling image \"nginx:1.99\"" } }] })),
    envelope("ADDED", pod({ uid: "uid-unsched", name: "unsched", rv: 30, created: 30, conditions: [{ type: "PodScheduled", status: "False", at: 30, reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient cpu." }] })),
    envelope("ERROR", { kind: "Status", apiVersion: "v1", status: "Failure", message: "too old resource version: 1 (2)", reason: "Expired", code: 410 }),
    envelope("ADDED", pod({ uid: "uid-late", name: "late", rv: 40, created: 50, phase: "Running", node: "n1", conditions: [{ ...sched, at: 51 }, ready(100)], statuses: [{ name: "app", state: { running: 99 }, ready: true }] })),
  ]);
  const warnings = Array.from({ length: 25 }, (_, i) => ({ input: "capture.jsonl", line: i + 1, diagnostic: { kind: "notJson" as const, excerpt: `line ${i + 1}`, from: i + 1, through: null }, message: `not JSON: line ${i + 1}` }));
  return { ...report, warnings };
}

/** Cells of a GFM table row: split on pipes not escaped by a backslash (an escaped backslash does not escape). */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = "";
  for (let i = 0; i < row.length; i++) {
    const ch = row[i]!;
    if (ch === "\\" && i + 1 < row.length) {
      cell += ch + row[i + 1]!;
      i++;
    } else if (ch === "|") {
      out.push(cell);
      cell = "";
    } else {
      cell += ch;
    }
  }
  out.push(cell);
  return out.slice(1, -1); // rows start and end with a pipe
}

/** Consecutive lines starting with `|`. */
function tables(md: string): string[][] {
  const found: string[][] = [];
  let current: string[] | null = null;
  for (const line of md.split("\n")) {
    if (line.startsWith("|")) {
      if (current === null) found.push((current = []));
      current.push(line);
    } else {
      current = null;
    }
  }
  return found;
}

function sectionTitles(md: string): string[] {
  return md.split("\n").filter((l) => /^#{1,2} /.test(l));
}

describe("renderMarkdown", () => {
  const report = mixedCapture();
  const md = renderMarkdown(report, { top: 10 });

  it("puts the title, scope and key findings first, then the tables, details, warnings and gaps", () => {
    const titles = sectionTitles(md);
    expect(titles[0]).toBe("# Pod start-up report: 2024-05-01T10:00:00Z – 2024-05-01T10:01:40Z (1m 40s)");
    expect(titles.slice(1)).toEqual([
      "## Key findings",
      "## Not ready at the end (3 pods)",
      "## Start-up stages",
      "## Failure reasons",
      "## Slowest pods (by startup, top 10)",
      "## Pod details",
      "## Capture quality",
      "## Warnings (25)",
      "## Capture gaps (1)",
    ]);
    // The verdict is the line after the scope: a gap, partial figures and no events make the run degraded.
    expect(md.split("\n")[4]).toMatch(/^\*\*Capture quality: degraded\*\* — 1 watch gap \(410 Expired\)/);
    expect(md.split("\n")[2]).toMatch(/^\*\*Scope:\*\* 1 input \(watch-jsonl\) · \d+ records .* · 5 pods \(2 Pending, 2 Ready, 1 Running; 1 partial\) · 25 warnings · 1 capture gap$/);
  });

  it("lists what to act on in the key findings: stage percentiles, reasons with their meaning, stuck pods", () => {
    const findings = md.slice(md.indexOf("## Key findings"), md.indexOf("## Not ready at the end"));
    expect(findings).toContain("- **Startup (created to ready):** p99 **");
    expect(findings).toContain("- **Scheduling:** p99 **");
    expect(findings).toContain("- **Image pull:** unknown, the capture has no kubelet events");
    expect(findings).toMatch(/- \*\*CrashLoopBackOff\*\* \(runtime\) in 1 pod, 1 occurrence, e\.g\. `shop\/crash`: The container keeps exiting/);
    // The crash-looping pod was Ready before: it is listed with the two that never were.
    expect(findings).toContain("- **3 pods were not ready at the end** (1 of them was Ready before):");
    expect(findings).toContain("1 in `ImagePullBackOff`");
    expect(findings).toContain("1 in `Unschedulable`");
    expect(findings).toContain("- 1 pod already past Pending when first seen (partial): its early stages are missing. 1 pod has figures that are only bounds, left out of the percentiles.");
    expect(findings).toContain("- The capture has 1 gap (watch ERROR 410)");
  });

  it("keeps the same number of cells on every row of every table", () => {
    const all = tables(md);
    expect(all.length).toBeGreaterThan(8);
    for (const t of all) {
      const widths = t.map((row) => cells(row).length);
      expect(new Set(widths), t.join("\n")).toEqual(new Set([widths[0]]));
      expect(t[1]).toMatch(/^\|( -{3}:? \|)+$/);
    }
  });

  it("escapes a pipe, Markdown characters and line breaks in a message, written below its table", () => {
    const row = md.split("\n").find((l) => l.startsWith("| CrashLoopBackOff | app |"));
    expect(row).toBeDefined();
    expect(cells(row!)).toHaveLength(5);
    const item = md.split("\n").find((l) => l.startsWith("- **CrashLoopBackOff** [app]: "));
    expect(item).toBe("- **CrashLoopBackOff** [app]: back-off 10s \\| restarting ↵ failed container \\*app\\* \\<nil\\>");
  });

  it("shows each detailed pod in a closed <details> block with a plain-text summary", () => {
    const opens = md.match(/^<details><summary>.*<\/summary>$/gm) ?? [];
    expect(opens.length).toBe(md.match(/^<\/details>$/gm)?.length);
    expect(opens).toContain("<details><summary>shop/crash — Running · startup 9s · OOMKilled[app]×1, CrashLoopBackOff[app]×1</summary>");
    expect(opens).toContain("<details><summary>shop/pull — Pending · stuck in ImagePullBackOff · ImagePullBackOff[app]×1</summary>");
    // The partial pod's startup is a bound: it is not among the slowest, so not detailed.
    expect(md).not.toContain("shop/late —");
    expect(md).not.toMatch(/(?<!\\)<(?!\/?details>|\/?summary>)[a-z]/i); // no other raw HTML
  });

  it("shows the first 20 warnings and counts the rest", () => {
    const warnings = md.slice(md.indexOf("## Warnings"), md.indexOf("## Capture gaps"));
    expect(warnings.match(/^- `capture\.jsonl:\d+`: /gm)).toHaveLength(20);
    expect(warnings).toContain("… 5 more warnings not shown; use -o json");
  });

  it("is deterministic", () => {
    expect(renderMarkdown(mixedCapture(), { top: 10 })).toBe(md);
  });
});

describe("renderMarkdown with many pods", () => {
  it("cuts every pod list at top and says how many it left out", () => {
    const md = renderMarkdown(reportOf(readyPods(30)), { top: 5 });
    const slow = md.slice(md.indexOf("## Slowest pods"), md.indexOf("## Pod details"));
    expect(slow).toContain("## Slowest pods (by startup, top 5)");
    expect(slow.match(/^\| \d+ \| `ns\/p-\d+` \|/gm)).toHaveLength(5);
    expect(slow).toContain("| 1 | `ns/p-29` |"); // slowest first
    expect(slow).toContain("… 25 more pods not shown; use --top N or -o json");
    expect(md.match(/^<details>/gm)).toHaveLength(5);
  });

  it("writes thousands with separators in cut notes", () => {
    const base = reportOf(readyPods(1));
    const one = base.pods[0]!;
    const pods = Array.from({ length: 10_000 }, (_, i) => ({ ...one, name: `p-${i}`, durationsMs: { ...one.durationsMs, startup: i } }));
    const md = renderMarkdown({ ...base, pods }, { top: 10 });
    expect(md).toContain("… 9,990 more pods not shown; use --top N or -o json");
    expect(md.length).toBeLessThan(40_000);
  });
});

describe("renderMarkdown on thin captures", () => {
  it("renders a capture without pods", () => {
    const empty: Report = reportOf([]);
    const md = renderMarkdown(empty, {});
    expect(md).toContain("# Pod start-up report: no times in the capture");
    expect(md).toContain("- The capture holds no pods.");
    expect(md).toContain("No pod became ready in the capture.");
    expect(md.endsWith("\n")).toBe(true);
  });

  it("says when nothing failed", () => {
    const md = renderMarkdown(reportOf([envelope("ADDED", pod({ rv: 1, phase: "Running", node: "n", conditions: [{ type: "PodScheduled", status: "True", at: 1 }, { type: "Ready", status: "True", at: 3 }], statuses: [{ name: "app", state: { running: 2 }, ready: true }] }))]), {});
    expect(md).toContain("- No failure reasons; no pod was left not ready at the end.");
    expect(md).toContain("## Failure reasons\n\nNone.\n");
  });
});
