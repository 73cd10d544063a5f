import { STAGES, type PodReport, type Report } from "../types.js";
import { formatTime } from "../kube/time.js";
import { lookupReason } from "../catalog/index.js";
import { humanizeMs, table } from "./humanize.js";
import { boundedPods, exampleWhere, heldBy, interruptedLine, lastPhase, missingEventsReason, noStartupReason, outcomeCounts, QUALITY_LABELS, qualityFindings, qualityLine, STAGE_LABELS, stuckTerminating } from "./stageFacts.js";
import { compareText } from "../compareText.js";
import { terminalText } from "./terminalText.js";
import { causeText, notReadyPods, notReadyReasons } from "./notReady.js";
import { GROUP_LABELS, topFailure, worstGroups } from "./groups.js";
import { axisLegend, sharedAxis, sparkline } from "./histogram.js";
import { cutToWidth, wrapToWidth } from "./fit.js";

export interface TextOptions {
  /** How many slowest pods to list. */
  readonly top?: number;
  /** ANSI colours for section titles (the CLI turns them on for a terminal without NO_COLOR). */
  readonly color?: boolean;
  /**
   * Fit every line to this many columns (a terminal's width): tables shrink
   * their name columns, cells and captured messages are cut with an
   * ellipsis, explanations wrap. Without it every line is whole.
   */
  readonly width?: number;
}

type Paint = (s: string) => string;

function painter(on: boolean): { title: Paint; bad: Paint; warn: Paint } {
  const sgr = (code: string): Paint => (on ? (s) => `\x1b[${code}m${s}\x1b[0m` : (s) => s);
  return { title: sgr("1"), bad: sgr("1;31"), warn: sgr("1;33") };
}


/**
 * The terminal report: header, stage table, failure reasons, slowest pods,
 * warnings. Every line is passed through `terminalText` (names, reasons and
 * messages come from the capture) before the section titles are painted.
 */
export function renderText(report: Report, options: TextOptions = {}): string {
  const out: string[] = [];
  /** Lines to paint, by index in `out`: painted after escaping, so their own escape codes stay. */
  const titles = new Map<number, Paint>();
  const paint = painter(options.color ?? false);
  const title = (text: string, p: Paint = paint.title): void => {
    titles.set(out.length, p);
    out.push(text);
  };
  /** Lines of prose, wrapped rather than cut when they do not fit. */
  const prose = new Set<number>();
  const wrap = (text: string): void => {
    prose.add(out.length);
    out.push(text);
  };
  const width = options.width;
  /** How a table may fit the width: its name columns shrink (each line is indented by two). */
  const fit = (...shrink: number[]) => (width === undefined ? null : { width: width - 2, shrink: new Set(shrink) });
  /** A line whose text after `label` is painted: after escaping too, so that the escape codes stay codes. */
  const labelled = (label: string, text: string, p: Paint): void => {
    titles.set(out.length, (safe) => `${label}${p(safe.slice(label.length))}`);
    out.push(`${label}${text}`);
  };
  const t = report.totals;
  const formats = [...new Set(report.inputs.map((i) => i.format ?? "empty"))].join(", ");
  title("podtrail report");
  const verdict = report.quality.verdict;
  const paintVerdict = verdict === "unreliable" ? paint.bad : verdict === "degraded" ? paint.warn : (s: string) => s;
  prose.add(out.length);
  labelled("  quality    ", qualityLine(report), paintVerdict);
  out.push(`  inputs     ${report.inputs.length} (${formats})`);
  out.push(`  records    ${t.records} (${t.podRecords} pod, ${t.eventRecords} event; ${t.duplicates} duplicates, ${t.skipped} skipped)`);
  out.push(`  pods       ${report.pods.length}${outcomeBreakdown(report.pods)}`);
  if (report.span.start !== null && report.span.end !== null) {
    out.push(`  span       ${formatTime(report.span.start)} .. ${formatTime(report.span.end)} (${humanizeMs(report.span.end - report.span.start)})`);
  }
  if (report.interrupted !== null) labelled("  read       ", interruptedLine(report.interrupted), paint.warn);
  if (report.gaps.length > 0) out.push(`  gaps       ${report.gaps.length} (watch ERROR: ${report.gaps.map((g) => `${g.input}:${g.line} ${g.reason ?? g.code ?? ""}`).join("; ")})`);
  out.push(`  warnings   ${report.warnings.length}`);
  out.push("");

  const findings = qualityFindings(report);
  if (findings.length > 0) {
    title("Capture quality", verdict === "reliable" ? paint.title : paint.warn);
    const labelWidth = Math.max(...findings.map(({ name }) => QUALITY_LABELS[name].length));
    for (const { name, check } of findings) {
      wrap(`  ${check.severity.toUpperCase().padEnd(4)}  ${QUALITY_LABELS[name].padEnd(labelWidth)}  ${check.summary}`);
      for (const e of check.examples.slice(0, 3)) out.push(`  ${" ".repeat(6 + labelWidth)}  ${exampleWhere(e)}: ${e.pod !== null && e.input !== null ? `${e.pod}: ` : ""}${e.detail}`);
    }
    out.push("");
  }

  // What was broken when the capture ended: what an incident needs first.
  const top = options.top ?? 10;
  const broken = notReadyPods(report);
  if (broken.length > 0) {
    const reasons = notReadyReasons(broken).map(([reason, n]) => `${n} ${reason}`);
    title(`Not ready at the end (${broken.length} pod${broken.length === 1 ? "" : "s"}: ${reasons.join(", ")})`, paint.warn);
    const shown = broken.slice(0, top);
    const end = report.span.end;
    const rows = shown.map((p) => {
      const n = p.notReadyAtEnd;
      return [`${p.namespace}/${p.name}`, p.outcome, n.wasReady ? "yes" : "no", `${n.reason}${n.exitCode === null ? "" : ` (exit ${n.exitCode})`}`, n.container ?? "-", n.since === null || end === null ? "-" : humanizeMs(Math.max(0, end - n.since))];
    });
    const lines = table(["POD", "OUTCOME", "WAS READY", "REASON", "CONTAINER", "FOR"], rows, new Set([5]), fit(0, 3, 4));
    out.push(`  ${lines[0]}`);
    shown.forEach((p, i) => {
      out.push(`  ${lines[i + 1]}`);
      const n = p.notReadyAtEnd;
      if (n.message !== null) out.push(`      ${oneLine(n.message)}`);
      if (n.cause !== null) out.push(`      cause: ${oneLine(causeText(n.cause))}`);
    });
    if (broken.length > top) out.push(`  ... and ${broken.length - top} more (--top N shows more, -o json all)`);
    out.push("");
  }
  // The left-out column only when something was left out: most captures see every pod from its creation.
  const leftOut = STAGES.some((stage) => report.summary.stages[stage].leftOut > 0);
  // The distribution of every stage on one axis, so that the columns line up from row to row.
  const axis = sharedAxis(STAGES.map((stage) => report.summary.stages[stage].histogram));
  const stageRows = STAGES.map((stage) => {
    const s = report.summary.stages[stage];
    const row = [STAGE_LABELS[stage], String(s.count), humanizeMs(s.p50), humanizeMs(s.p90), humanizeMs(s.p99), humanizeMs(s.max)];
    return [...row, ...(leftOut ? [String(s.leftOut)] : []), ...(axis === null ? [] : [sparkline(s.histogram, axis)])];
  });
  title("Start-up stages");
  const header = ["STAGE", "PODS", "P50", "P90", "P99", "MAX", ...(leftOut ? ["LEFT OUT"] : []), ...(axis === null ? [] : ["DISTRIBUTION"])];
  out.push(...indent(table(header, stageRows, new Set(leftOut ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5]), fit(0))));
  if (axis !== null) wrap(`  DISTRIBUTION: ${axisLegend(axis)}`);
  if (leftOut) {
    wrap("  LEFT OUT: pods first seen after the transition the figure rests on; what the capture shows bounds");
    wrap("  their figure (see boundsMs in -o json) but does not measure it.");
  } else if (report.summary.includePartial && boundedPods(report.pods) > 0) {
    wrap(`  Bounds of ${boundedPods(report.pods)} pods first seen after a transition are counted as figures (includePartial).`);
  }
  const missing = missingEventsReason(report);
  if (missing === "no-events") {
    out.push("");
    wrap("  Image pull, container start and start-up SLI are unknown: the capture has no kubelet events.");
    out.push("  Next time record events beside the pods:");
    out.push("    kubectl get events -A -w -o json --output-watch-events > events.jsonl");
  } else if (missing === "none-matched") {
    out.push("");
    wrap("  Image pull, container start and start-up SLI are unknown: no Pulled events matched these pods.");
  }
  out.push("");

  if (report.groupBy !== null) {
    const label = GROUP_LABELS[report.groupBy];
    const groups = worstGroups(report);
    const shown = groups.slice(0, top);
    title(`By ${label.column} (${groups.length} ${groups.length === 1 ? label.one : label.many}, worst first)`);
    if (report.groupBy === "image") {
      const rows = shown.map((g) => {
        const i = g.imagePulls!;
        return [g.group, String(g.summary.pods), String(i.pullMs.count), String(i.cached), pair(i.pullMs.p50, i.pullMs.p99), i.failedPods === 0 ? "-" : `${i.failedPods} pod${i.failedPods === 1 ? "" : "s"} (${i.failures})`, String(g.notReadyAtEnd)];
      });
      // Few columns, so that the table fits 80 columns; the max and more are in -o json.
      const lines = table(["IMAGE", "PODS", "PULLS", "CACHED", "PULL P50 / P99", "PULL FAILURES", "NOT READY"], rows, new Set([1, 2, 3, 4, 6]), fit(0, 5));
      out.push(`  ${lines[0]}`);
      shown.forEach((g, i) => {
        out.push(`  ${lines[i + 1]}`);
        if (g.imagePulls!.lastFailure !== null) out.push(`      ${oneLine(g.imagePulls!.lastFailure)}`);
      });
    } else {
      const rows = shown.map((g) => {
        const st = g.summary.stages;
        return [g.group, String(g.summary.pods), String(g.notReadyAtEnd), pair(st.startup.p50, st.startup.p99), humanizeMs(st.imagePull.p99), topFailure(g)];
      });
      out.push(...indent(table([label.column.toUpperCase(), "PODS", "NOT READY", "STARTUP P50 / P99", "PULL P99", "TOP FAILURE"], rows, new Set([1, 2, 3, 4]), fit(0, 5))));
    }
    if (groups.length > top) out.push(`  ... and ${groups.length - top} more (--top N shows more, -o json all)`);
    out.push("");
  }

  title("Failure reasons", report.summary.failures.length === 0 ? paint.title : paint.bad);
  if (report.summary.failures.length === 0) {
    out.push("  none");
  } else {
    const rows = report.summary.failures.map((f) => [f.reason, f.category, String(f.pods), String(f.occurrences), f.examplePod]);
    const lines = table(["REASON", "CATEGORY", "PODS", "OCCURRENCES", "EXAMPLE POD"], rows, new Set([2, 3]), fit(0, 4));
    out.push(`  ${lines[0]}`);
    report.summary.failures.forEach((f, i) => {
      out.push(`  ${lines[i + 1]}`);
      const info = lookupReason(f.reason);
      if (info !== null) wrap(`      ${info.meaning}`);
      // What the capture said, not only what the catalogue says of the reason.
      if (f.exampleMessage !== null) out.push(`      e.g. ${oneLine(f.exampleMessage)}`);
    });
  }
  out.push("");

  const slowest = slowestPods(report.pods, top);
  title(`Slowest pods (by startup, top ${top})`);
  if (slowest.length === 0) {
    out.push(report.summary.stages.startup.leftOut > 0 ? `  none measured: ${noStartupReason(report).replace(/^no startup was measured: /, "")}` : "  none became ready in the capture");
  } else {
    const rows = slowest.map((p) => [
      `${p.namespace}/${p.name}`,
      p.outcome,
      humanizeMs(p.durationsMs.scheduling),
      humanizeMs(p.durationsMs.imagePull),
      humanizeMs(p.durationsMs.scheduledToRunning),
      humanizeMs(p.durationsMs.readiness),
      humanizeMs(p.durationsMs.startup),
    ]);
    out.push(...indent(table(["POD", "OUTCOME", "SCHEDULING", "IMAGE PULL", "TO RUNNING", "READINESS", "STARTUP"], rows, new Set([2, 3, 4, 5, 6]), fit(0))));
  }
  const lingering = stuckTerminating(report);
  if (lingering.length > 0) {
    out.push("");
    title("Pods stuck terminating (still there 5 minutes or more after their grace period)", paint.warn);
    const rows = lingering.slice(0, top).map(({ pod: p, overdueMs }) => [
      `${p.namespace}/${p.name}`,
      lastPhase(p),
      p.timestamps.deletionRequested === null ? "-" : formatTime(p.timestamps.deletionRequested),
      humanizeMs(overdueMs),
      heldBy(p),
    ]);
    out.push(...indent(table(["POD", "PHASE", "DELETE REQUESTED", "OVERDUE", "HELD BY"], rows, new Set([3]), fit(0, 4))));
    if (lingering.length > top) out.push(`  ... and ${lingering.length - top} more`);
  }

  if (report.warnings.length > 0) {
    out.push("");
    title("Warnings", paint.warn);
    const shown = report.warnings.slice(0, 50);
    for (const w of shown) out.push(`  ${w.input}${w.line === null ? "" : `:${w.line}`}: ${w.message}`);
    if (report.warnings.length > shown.length) out.push(`  ... and ${report.warnings.length - shown.length} more (see -o json)`);
  }
  const lines = out.flatMap((line, i) => {
    const safe = terminalText(line);
    // Fitted on the escaped text, painted after: the width is what the terminal shows.
    const fitted = width === undefined ? [safe] : prose.has(i) ? wrapToWidth(safe, width, 2) : [cutToWidth(safe, width)];
    const p = titles.get(i);
    return p === undefined ? fitted : [p(fitted[0]!), ...fitted.slice(1)];
  });
  return `${lines.join("\n")}\n`;
}

/** Pods with a startup time, slowest first; name breaks ties. */
export function slowestPods(pods: readonly PodReport[], n: number): PodReport[] {
  return pods
    .filter((p) => p.durationsMs.startup !== null)
    .sort((a, b) => b.durationsMs.startup! - a.durationsMs.startup! || compareText(a.name, b.name))
    .slice(0, n);
}

function outcomeBreakdown(pods: readonly PodReport[]): string {
  if (pods.length === 0) return "";
  const { counts, partial } = outcomeCounts(pods);
  return ` (${counts.map(([k, v]) => `${v} ${k}`).join(", ")}${partial > 0 ? `; ${partial} partial` : ""})`;
}

/** `2s / 19s`: a p50 and a p99 in one column. */
function pair(a: number | null, b: number | null): string {
  return a === null && b === null ? "-" : `${humanizeMs(a)} / ${humanizeMs(b)}`;
}

/** A captured message on one line: runs of blank space (newlines of a termination message too) as one space. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => `  ${l}`);
}
