import type { PodReport, Report, ThresholdResult } from "../types.js";
import { formatTime } from "../kube/time.js";
import { countedPods } from "../summarize/gates.js";
import { gateLine } from "./gateText.js";
import { terminalText } from "./terminalText.js";
import { humanizeMs } from "./humanize.js";

/*
 * `-o junit`: JUnit XML as CI servers read it (Jenkins' junit step, GitLab's
 * `artifacts:reports:junit`, GitHub actions that publish test results,
 * Azure Pipelines): a `testsuites` root with two suites, one test case per
 * `--fail-if` gate (failed when breached) and one per pod stuck at the end
 * of the capture (always failed: a stuck pod is what the run is judged by).
 * The exit status is the gates' alone: add `--fail-if 'stuck>0'` to fail on
 * stuck pods too. Written by hand: a few fixed elements, each attribute and
 * text escaped for XML 1.0, whose characters exclude most C0 controls even
 * as references; those are shown as `terminalText` shows them (`\x1b`).
 */

export function renderJunit(report: Report): string {
  const gates = report.thresholds;
  const stuck = countedPods(report.pods, report.stuckTerminating, { subject: "stuck", failure: null });
  const failures = gates.filter((g) => g.breached).length + stuck.length;
  const timestamp = report.span.end === null ? null : formatTime(report.span.end).replace(/(\.\d+)?Z$/, "");
  const suiteAttributes = (tests: number, failed: number) =>
    `tests="${tests}" failures="${failed}" errors="0" skipped="0" time="0"${timestamp === null ? "" : ` timestamp="${timestamp}"`}`;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="podtrail" tests="${gates.length + stuck.length}" failures="${failures}" errors="0" time="0">`,
    `  <testsuite name="podtrail.gates" ${suiteAttributes(gates.length, gates.filter((g) => g.breached).length)}>`,
    ...gates.flatMap(gateCase),
    "  </testsuite>",
    `  <testsuite name="podtrail.stuck" ${suiteAttributes(stuck.length, stuck.length)}>`,
    ...stuck.flatMap((p) => stuckCase(p, report)),
    "  </testsuite>",
    "</testsuites>",
  ];
  return `${lines.join("\n")}\n`;
}

function gateCase(g: ThresholdResult): string[] {
  const open = `    <testcase classname="podtrail.gates" name="${attr(g.expression)}" time="0"`;
  const line = gateLine(g);
  if (!g.breached) return [`${open}>`, `      <system-out>${text(line)}</system-out>`, "    </testcase>"];
  return [`${open}>`, `      <failure message="${attr(line)}" type="GateBreached">${text(line)}</failure>`, "    </testcase>"];
}

function stuckCase(p: PodReport, report: Report): string[] {
  const terminating = report.stuckTerminating.find((t) => t.namespace === p.namespace && t.name === p.name && t.uid === p.uid);
  const why = p.stuckIn !== null ? `stuck in ${p.stuckIn}` : `stuck terminating, ${humanizeMs(terminating?.overdueMs ?? 0)} past its grace period`;
  const created = p.timestamps.created;
  // The test's time is how long the pod had been waiting when the capture ended.
  const waited = created === null || report.span.end === null ? 0 : Math.max(0, report.span.end - created) / 1000;
  const details = [
    `${p.namespace}/${p.name}: ${why}`,
    `outcome ${p.outcome}${p.node === null ? "" : `, node ${p.node}`}${created === null ? "" : `, created ${formatTime(created)}`}`,
    ...(p.failures.length === 0 ? [] : [`failures: ${p.failures.map((f) => `${f.reason}×${f.count}`).join(", ")}`]),
    ...p.failures.flatMap((f) => (f.message === null ? [] : [`${f.reason}: ${f.message}`])),
  ];
  return [
    `    <testcase classname="podtrail.stuck.${attr(p.namespace)}" name="${attr(`${p.namespace}/${p.name}`)}" time="${waited.toFixed(3)}">`,
    `      <failure message="${attr(`${p.namespace}/${p.name}: ${why}`)}" type="${attr(p.stuckIn ?? "Terminating")}">${text(details.join("\n"))}</failure>`,
    "    </testcase>",
  ];
}

/** Text content: control characters shown as escapes (XML 1.0 allows tab, LF and CR only), markup escaped. */
function text(s: string): string {
  return s
    .split("\n")
    .map((l) => xmlChars(terminalText(l)))
    .join("\n");
}

/** An attribute value: one line, quotes escaped too. */
function attr(s: string): string {
  return xmlChars(terminalText(s)).replace(/"/g, "&quot;");
}

function xmlChars(s: string): string {
  // Lone surrogates and U+FFFE/U+FFFF are not XML characters either; terminalText leaves them.
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
