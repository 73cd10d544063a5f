import { STAGES, TIMESTAMP_NAMES, type PodFailure, type PodReport, type Report, type TimestampName } from "../types.js";
import { formatTime } from "../kube/time.js";
import { lookupReason } from "../catalog/index.js";
import { humanizeMs } from "./humanize.js";
import { boundedPods, exampleWhere, heldBy, interruptedLine, lastPhase, noStartupReason, outcomeCounts, QUALITY_LABELS, qualityFindings, qualityLine, stageFigure, STAGE_LABELS, stuckTerminating } from "./stageFacts.js";
import { slowestPods } from "./text.js";
import { hasControl, terminalText } from "./terminalText.js";
import { causeText, notReadyPods } from "./notReady.js";
import { keyFindings } from "./keyFindings.js";
import { GROUP_LABELS, topFailure, worstGroups } from "./groups.js";
import { axisLegend, sharedAxis, sparkline } from "./histogram.js";

export interface MarkdownOptions {
  /** Rows of every pod list and table (slowest, stuck, details, failure reasons). */
  readonly top?: number;
}


const MAX_HEADLINE_FAILURES = 3;
const MAX_WARNINGS = 20;
const MAX_GAPS = 20;
const CUT_HINT = "use --top N or -o json";

/**
 * A post-mortem page in GitHub-flavoured Markdown, meant to be pasted into an
 * issue: key findings first, then stage, failure and pod tables, per-pod
 * `<details>` blocks, warnings and capture gaps. Every list stops at `top`
 * rows (default 10) and says how many it left out, so 10,000 pods stay readable.
 * Output depends only on the report (no current date).
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const top = Math.max(1, options.top ?? 10);
  const slowest = slowestPods(report.pods, top);
  const withStartup = report.pods.filter((p) => p.durationsMs.startup !== null).length;
  const out: string[] = [title(report), "", scope(report), "", ...(report.interrupted === null ? [] : [`**Interrupted:** ${text(interruptedLine(report.interrupted))}.`, ""]), `**Capture quality: ${text(qualityLine(report)).replace(/^(\w+): /, "$1** — ")}`, ""];

  out.push("## Key findings", "", ...findingItems(report), "");

  const broken = notReadyPods(report);
  if (broken.length > 0) {
    out.push(`## Not ready at the end (${plural(broken.length, "pod")})`, "");
    const shown = broken.slice(0, top);
    const end = report.span.end;
    out.push(...mdTable(
      ["Pod", "Outcome", "Was ready", "Reason", "For"],
      shown.map((p) => {
        const n = p.notReadyAtEnd;
        return [podName(p), p.outcome, n.wasReady ? "yes" : "no", `${text(n.reason)}${n.exitCode === null ? "" : ` (exit ${n.exitCode})`}${n.container === null ? "" : ` [${text(n.container)}]`}`, n.since === null || end === null ? "-" : humanizeMs(Math.max(0, end - n.since))];
      }),
      "lllll",
    ), "");
    // Messages are long: below the table, so that it stays narrow.
    for (const p of shown) {
      const n = p.notReadyAtEnd;
      if (n.message === null && n.cause === null) continue;
      const parts = [...(n.message === null ? [] : [text(n.message.trim())]), ...(n.cause === null ? [] : [`cause: ${text(causeText(n.cause).trim())}`])];
      out.push(`- ${podName(p)} **${text(n.reason)}**: ${parts.join(" — ")}`);
    }
    out.push(...cutNote(broken.length - top, "more", "pod"), "");
  }

  out.push("## Start-up stages", "");
  const leftOut = STAGES.some((stage) => report.summary.stages[stage].leftOut > 0);
  // Min and mean are in -o json: the table stays narrow enough for a ticket, with room for the distribution.
  const axis = sharedAxis(STAGES.map((stage) => report.summary.stages[stage].histogram));
  out.push(...mdTable(
    ["Stage", "Pods", "p50", "p90", "p95", "p99", "Max", ...(leftOut ? ["Left out"] : []), ...(axis === null ? [] : ["Distribution"])],
    STAGES.map((stage) => {
      const s = report.summary.stages[stage];
      const row = [STAGE_LABELS[stage], num(s.count), ...[s.p50, s.p90, s.p95, s.p99, s.max].map(humanizeMs)];
      // No-break spaces for empty buckets: a code span loses a leading and a trailing ASCII space (CommonMark 6.1).
      return [...row, ...(leftOut ? [num(s.leftOut)] : []), ...(axis === null ? [] : [s.histogram.length === 0 ? "" : `\`${sparkline(s.histogram, axis).replaceAll(" ", "\u00a0")}\``])];
    }),
    `lrrrrrr${leftOut ? "r" : ""}${axis === null ? "" : "l"}`,
  ), "");
  if (axis !== null) out.push(`*Distribution:* ${axisLegend(axis)}.`, "");
  if (leftOut) {
    out.push("*Left out:* pods first seen after the transition the figure rests on (a List, a watch started late): the capture bounds their figure but does not measure it.", "");
  } else if (report.summary.includePartial && boundedPods(report.pods) > 0) {
    out.push(`*Bounds of ${plural(boundedPods(report.pods), "pod")} first seen after a transition are counted as figures.*`, "");
  }

  if (report.groupBy !== null) {
    const label = GROUP_LABELS[report.groupBy];
    const groups = worstGroups(report);
    const shown = groups.slice(0, top);
    out.push(`## By ${label.column} (${plural(groups.length, label.one, label.many)}, worst first)`, "");
    if (report.groupBy === "image") {
      out.push(...mdTable(
        ["Image", "Pods", "Pulls", "Cached", "Pull p50", "Pull p99", "Pull failures", "Not ready"],
        shown.map((g) => {
          const i = g.imagePulls!;
          return [code(g.group), num(g.summary.pods), num(i.pullMs.count), num(i.cached), humanizeMs(i.pullMs.p50), humanizeMs(i.pullMs.p99), i.failedPods === 0 ? "-" : `${plural(i.failedPods, "pod")} (${num(i.failures)})`, num(g.notReadyAtEnd)];
        }),
        "lrrrrrrr",
      ), "");
      for (const g of shown) if (g.imagePulls!.lastFailure !== null) out.push(`- ${code(g.group)}: ${text(g.imagePulls!.lastFailure.trim())}`);
    } else {
      out.push(...mdTable(
        [label.column.charAt(0).toUpperCase() + label.column.slice(1), "Pods", "Not ready", "Startup p50", "Startup p99", "Pull p99", "Top failure"],
        shown.map((g) => {
          const st = g.summary.stages;
          return [code(g.group), num(g.summary.pods), num(g.notReadyAtEnd), humanizeMs(st.startup.p50), humanizeMs(st.startup.p99), humanizeMs(st.imagePull.p99), text(topFailure(g))];
        }),
        "lrrrrrl",
      ));
    }
    out.push(...cutNote(groups.length - top, "more", "group"), "");
  }

  out.push("## Failure reasons", "");
  const failures = report.summary.failures;
  if (failures.length === 0) {
    out.push("None.", "");
  } else {
    out.push(...mdTable(
      ["Reason", "Category", "Pods", "Occurrences", "Example pod"],
      failures.slice(0, top).map((f) => [text(f.reason), f.category, num(f.pods), num(f.occurrences), code(f.examplePod)]),
      "llrrl",
    ), "");
    // Long text below the table: what to check first, and what the cluster said.
    for (const f of failures.slice(0, top)) {
      const check = lookupReason(f.reason)?.check;
      const said = f.exampleMessage === null ? "" : ` It said: ${text(f.exampleMessage.trim())}`;
      if (check !== undefined || said !== "") out.push(`- **${text(f.reason)}**:${check === undefined ? "" : ` *check first:* ${text(check)}`}${said}`);
    }
    out.push(...cutNote(failures.length - top, "more", "reason"), "");
  }

  out.push(`## Slowest pods (by startup, top ${num(top)})`, "");
  if (slowest.length === 0) {
    const why = noStartupReason(report);
    out.push(`${why.charAt(0).toUpperCase()}${why.slice(1)}.`, "");
  } else {
    // The sort column next to the name; outcome and node are in the pod's details.
    out.push(...mdTable(
      ["#", "Pod", "Startup", "Scheduling", "Image pull", "To running", "Readiness"],
      slowest.map((p, i) => {
        const d = p.durationsMs;
        return [String(i + 1), podName(p), `**${humanizeMs(d.startup)}**`, ...[d.scheduling, d.imagePull, d.scheduledToRunning, d.readiness].map(humanizeMs)];
      }),
      "rlrrrrr",
    ), ...cutNote(withStartup - slowest.length, "more", "pod"), "");
  }

  const lingering = stuckTerminating(report);
  if (lingering.length > 0) {
    out.push("## Pods stuck terminating", "");
    out.push("Deletion requested, and still there 5 minutes or more after the grace period ended (kubectl shows them as Terminating).", "");
    out.push(...mdTable(
      ["Pod", "Phase", "Delete requested", "Overdue", "Node", "Held by"],
      lingering.slice(0, top).map(({ pod: p, overdueMs }) => [
        podName(p),
        text(lastPhase(p)),
        p.timestamps.deletionRequested === null ? "-" : formatTime(p.timestamps.deletionRequested),
        humanizeMs(overdueMs),
        text(p.node ?? "-"),
        text(heldBy(p)),
      ]),
      "lllrll",
    ), ...cutNote(lingering.length - top, "more", "pod"), "");
  }

  const detailed = detailedPods(report.pods, slowest, top);
  if (detailed.pods.length > 0) {
    out.push("## Pod details", "");
    const intro = slowest.length > 0 ? `The ${plural(slowest.length, "slowest pod")}, then up to ${plural(top, "pod")}` : `Up to ${plural(top, "pod")}`;
    out.push(`${intro} with failures or stuck at the end.`, "");
    for (const p of detailed.pods) out.push(...podDetails(p), "");
    out.push(...cutNote(detailed.cut, "more", "pod", " with failures or stuck"), "");
  }

  const findings = qualityFindings(report);
  if (findings.length > 0) {
    out.push("## Capture quality", "");
    out.push(...mdTable(["Check", "Severity", "Finding"], findings.map(({ name, check }) => [QUALITY_LABELS[name], check.severity, text(check.summary)])), "");
    // Where each check found something, below the table: the places are long.
    for (const { name, check } of findings) {
      if (check.examples.length === 0) continue;
      out.push(`- **${QUALITY_LABELS[name]}:** ${check.examples.slice(0, 3).map((e) => `${code(exampleWhere(e))} ${text(e.detail)}`).join("; ")}`);
    }
    out.push("");
  }

  if (report.warnings.length > 0) {
    out.push(`## Warnings (${num(report.warnings.length)})`, "");
    for (const w of report.warnings.slice(0, MAX_WARNINGS)) out.push(`- ${code(`${w.input}${w.line === null ? "" : `:${w.line}`}`)}: ${text(w.message)}`);
    out.push(...cutNote(report.warnings.length - MAX_WARNINGS, "more", "warning", "", "use -o json"), "");
  }

  if (report.gaps.length > 0) {
    out.push(`## Capture gaps (${num(report.gaps.length)})`, "");
    out.push("The watch ended with an ERROR (e.g. 410 Expired, too old resource version): changes in between may be missing.", "");
    // One item per gap: where, the status, and the API server's message after them.
    for (const g of report.gaps.slice(0, MAX_GAPS)) {
      const status = [g.code === null ? null : String(g.code), g.reason === null ? null : text(g.reason)].filter((x) => x !== null).join(" ");
      out.push(`- ${code(`${g.input}:${g.line}`)}${status === "" ? "" : ` **${status}**`}${g.message === null ? "" : `: ${text(g.message)}`}`);
    }
    out.push(...cutNote(report.gaps.length - MAX_GAPS, "more", "gap", "", "use -o json"), "");
  }
  // Sections end with a blank line and cut notes start with one: keep one. No cell or summary spans lines.
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

function title(report: Report): string {
  const { start, end } = report.span;
  if (start === null || end === null) return "# Pod start-up report: no times in the capture";
  return `# Pod start-up report: ${formatTime(start)} – ${formatTime(end)} (${humanizeMs(end - start)})`;
}

function scope(report: Report): string {
  const t = report.totals;
  const formats = [...new Set(report.inputs.map((i) => i.format ?? "empty"))].join(", ");
  const parts = [
    `${plural(report.inputs.length, "input")} (${formats})`,
    `${plural(t.records, "record")} (${num(t.podRecords)} pod, ${num(t.eventRecords)} event; ${plural(t.duplicates, "duplicate")}, ${num(t.skipped)} skipped)`,
    `${plural(report.pods.length, "pod")}${outcomeBreakdown(report.pods)}`,
    plural(report.warnings.length, "warning"),
  ];
  if (report.gaps.length > 0) parts.push(plural(report.gaps.length, "capture gap"));
  return `**Scope:** ${parts.join(" · ")}`;
}

/** The shared key findings (keyFindings.ts), as Markdown list items. */
function findingItems(report: Report): string[] {
  return keyFindings(report).map((spans) => `- ${spans.map((s) => (typeof s === "string" ? text(s) : "strong" in s ? `**${text(s.strong)}**` : code(s.code))).join("")}`);
}

/** The slowest pods, then pods with failures or stuck at the end (up to `top` of those), each once. */
function detailedPods(pods: readonly PodReport[], slowest: readonly PodReport[], top: number): { pods: PodReport[]; cut: number } {
  const chosen = new Set<PodReport>(slowest);
  const troubled = pods.filter((p) => !chosen.has(p) && (p.failures.length > 0 || p.stuckIn !== null || p.outcome === "Failed"));
  return { pods: [...slowest, ...troubled.slice(0, top)], cut: Math.max(0, troubled.length - top) };
}

function podDetails(p: PodReport): string[] {
  const headline: string[] = [p.outcome];
  if (p.durationsMs.startup !== null) headline.push(`startup ${humanizeMs(p.durationsMs.startup)}`);
  if (p.stuckIn !== null) headline.push(`stuck in ${p.stuckIn}`);
  if (p.failures.length > 0) {
    const shown = p.failures.slice(0, MAX_HEADLINE_FAILURES).map(failureItem);
    if (p.failures.length > MAX_HEADLINE_FAILURES) shown.push(`+${p.failures.length - MAX_HEADLINE_FAILURES} more`);
    headline.push(shown.join(", "));
  }
  const out = [`<details><summary>${html(`${p.namespace}/${p.name} — ${headline.join(" · ")}`)}</summary>`, ""];
  const facts = [`node ${code(p.node ?? "-")}`, `owner ${code(p.owner ?? "-")}`, `uid ${code(p.uid ?? "-")}`];
  if (p.partial) facts.push("**partial** (first seen past Pending)");
  out.push(facts.join(" · "), "");
  if (p.phases.length > 0) out.push(`Phases: ${p.phases.map((e) => `${text(e.phase)} (${e.at === null ? "?" : formatTime(e.at)})`).join(" → ")}`, "");

  const created = p.timestamps.created;
  const seen = TIMESTAMP_NAMES.filter((n) => p.timestamps[n] !== null || p.notAfter[n] !== undefined);
  if (seen.length > 0) {
    out.push(...mdTable(
      ["Timestamp", "Time", "Since created"],
      seen.map((n: TimestampName) => {
        const measured = p.timestamps[n];
        // A moment from before the capture: the time shown is the latest it can have been.
        const ts = measured ?? p.notAfter[n]!;
        const mark = measured === null ? "≤ " : "";
        return [measured === null ? `${n} (before the capture)` : n, `${mark}${formatTime(ts)}`, created === null ? "-" : `${mark}+${humanizeMs(ts - created)}`];
      }),
      "llr",
    ), "");
  }
  // Eleven stages make a table too wide for a ticket: one line, the stages the capture gives a figure for.
  const figures = STAGES.filter((s) => stageFigure(p, s) !== "-").map((s) => `${STAGE_LABELS[s]} **${stageFigure(p, s)}**`);
  out.push(`Stages: ${figures.length === 0 ? "none measured" : figures.join(" · ")}`, "");
  if (p.containers.length > 0) {
    out.push(...mdTable(
      ["Container", "Image", "Pull", "First started", "Restarts", "Restart reasons"],
      p.containers.map((c) => [
        `${text(c.name)}${c.init ? " (init)" : ""}`,
        code(c.image ?? "-"),
        c.cached === true ? "cached" : humanizeMs(c.imagePullMs),
        c.firstStartedAt === null ? "-" : formatTime(c.firstStartedAt),
        num(c.restarts),
        c.restartReasons.length === 0 ? "-" : c.restartReasons.map((r) => code(`${r.reason}${r.exitCode === null ? "" : ` (exit ${r.exitCode})`}×${r.count}`)).join(", "),
      ]),
      "lllrrl",
    ), "");
  }
  if (p.failures.length > 0) {
    out.push(...mdTable(
      ["Reason", "Container", "Count", "First seen", "Last seen"],
      p.failures.map((f) => [
        `${text(f.reason)}${f.exitCodes.length > 0 ? ` (exit ${f.exitCodes.join(", ")})` : ""}`,
        text(f.container ?? "-"),
        num(f.count),
        f.firstSeen === null ? "-" : formatTime(f.firstSeen),
        f.lastSeen === null ? "-" : formatTime(f.lastSeen),
      ]),
      "llrll",
    ), "");
    const said = p.failures.filter((f) => f.message !== null && f.message.trim() !== "");
    for (const f of said) out.push(`- **${text(f.reason)}**${f.container === null ? "" : ` [${text(f.container)}]`}: ${text(f.message!.trim())}`);
    if (said.length > 0) out.push("");
  }
  out.push("</details>");
  return out;
}

/** `CrashLoopBackOff[app]×3`: the reason, its container when it has one, and its count. */
function failureItem(f: PodFailure): string {
  return `${f.reason}${f.container === null ? "" : `[${f.container}]`}×${f.count}`;
}

function outcomeBreakdown(pods: readonly PodReport[]): string {
  if (pods.length === 0) return "";
  const { counts, partial } = outcomeCounts(pods);
  return ` (${counts.map(([k, v]) => `${num(v)} ${k}`).join(", ")}${partial > 0 ? `; ${num(partial)} partial` : ""})`;
}

/** `… 9,990 more pods not shown; use --top N or -o json`, after a blank line; nothing when nothing was cut. */
function cutNote(cut: number, more: string, noun: string, qualifier = "", hint = CUT_HINT): string[] {
  return cut > 0 ? ["", `… ${num(cut)} ${more} ${noun}${cut === 1 ? "" : "s"}${qualifier} not shown; ${hint}`] : [];
}

/** A GFM table; `align` has one `l` or `r` per column. Cells must already be escaped. */
function mdTable(header: readonly string[], rows: readonly (readonly string[])[], align = ""): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  const rule = header.map((_, i) => (align[i] === "r" ? "---:" : "---"));
  return [line(header), line(rule), ...rows.map(line)];
}

/**
 * Escapes text for a Markdown table cell or list item: turns line breaks into
 * ` ↵ ` (a raw newline would end the table row), shows every other control
 * character as `terminalText` does (a Markdown file is also read with `cat`,
 * where a raw ESC would reach the terminal), then backslash-escapes the
 * characters that would start emphasis, links, code, HTML or a cell break.
 */
function text(s: string): string {
  return terminalText(s.replace(/\r\n|\r|\n/g, " ↵ ")).replace(/[\\`*_[\]<>|~&]/g, "\\$&");
}

/** An inline code span, or escaped text when the value would need escapes a code span cannot hold (control characters included). */
function code(s: string): string {
  return /[`|\\]/.test(s) || hasControl(s) ? text(s) : `\`${s}\``;
}

function podName(p: PodReport): string {
  return code(`${p.namespace}/${p.name}`);
}

/** Text inside raw HTML (`<summary>`): entities, one line, control characters shown as `terminalText` does. */
function html(s: string): string {
  return terminalText(s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r\n|\r|\n/g, " "));
}

function num(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${num(n)} ${n === 1 ? noun : nouns}`;
}
