import { beforeAll, describe, expect, it } from "vitest";
import { terminalText } from "../../src/render/terminalText.js";
import { render } from "../../src/render/index.js";
import { renderTimelineText } from "../../src/render/timelineText.js";
import { renderExplain } from "../../src/render/explain.js";
import { timeline } from "../../src/timeline.js";
import { analyzeBytes, memorySource } from "../fuzz/helpers.js";
import type { Report } from "../../src/types.js";
import { envelope, jsonl, pod } from "../helpers/pods.js";
import { reportOf } from "../helpers/report.js";
import { pagePods } from "../helpers/htmlData.js";

/** Any control character (C0, DEL, C1) except the newline that ends a line. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe("terminalText", () => {
  it("writes control characters the way Go's %q does, and nothing else", () => {
    expect(terminalText("a\tb\nc\rd")).toBe("a\\tb\\nc\\rd");
    expect(terminalText("\u0007\b\u000b\f")).toBe("\\a\\b\\v\\f");
    expect(terminalText("\u0000\u001b[2J\u007f")).toBe("\\x00\\x1b[2J\\x7f");
    expect(terminalText("\u0080\u009b31m\u009f")).toBe("\\u0080\\u009b31m\\u009f");
    // Printable text, a backslash, non-ASCII letters and wide characters stay as they are.
    for (const s of ["web-7d4b9c8f6d-x2x9k", "C:\\caps\\pods.jsonl", "Größe", "节点", "\u00a0", "\u00ff", ""]) expect(terminalText(s)).toBe(s);
  });

  it("leaves no control character behind, for every code point below U+00A0", () => {
    const all = Array.from({ length: 0xa0 }, (_, c) => String.fromCharCode(c)).join("");
    expect(terminalText(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

/**
 * The smallest input of the defect (repro term-escapes): a pod name that
 * clears the screen and sets the window title, a node name that writes the
 * clipboard (OSC 52), a reason that hides text, a message with a C1 CSI and
 * backspaces over earlier output.
 */
const NAME = "p\u001b[2J\u001b]0;owned\u0007";
const NODE = "n\u001b]52;c;ZWNobyBwd25lZA==\u0007";
const REASON = "R\u001b[8m";
const MESSAGE = "msg \u001b]52;c;ZWNobyBwd25lZA==\u0007 \u009b31m \b\b\bX";

function hostilePod(): Record<string, unknown> {
  const p = pod({ uid: "u1", name: NAME, namespace: "ns", rv: 1, node: NODE, statuses: [{ name: "app", state: { waiting: REASON, message: MESSAGE } }] });
  return envelope("ADDED", p);
}

describe("control characters from a capture never reach a terminal raw", () => {
  const input = "caps/\u001b]0;title\u0007pods.jsonl";
  let report: Report;
  beforeAll(async () => {
    // A line that is not JSON: its warning quotes it (DEL and C1 survive JSON.stringify).
    report = await analyzeBytes({ [input]: `${jsonl([hostilePod()])}garbage \u009b2J\u007f \u001b[2J\n` });
    expect(report.warnings.map((w) => w.diagnostic.kind)).toEqual(["notJson"]);
  });

  it.each(["text", "markdown", "html"] as const)("-o %s shows them escaped", (format) => {
    const out = render(report, format, { color: false });
    const lines = out.split("\n");
    for (const line of lines) expect(line, JSON.stringify(line)).not.toMatch(RAW_CONTROL);
    expect(out).toContain("p\\x1b[2J\\x1b]0;owned\\a".replace(/[\\[\]]/g, format === "markdown" ? "\\$&" : "$&"));
  });

  it("the text report computes its table widths on the escaped text", () => {
    const lines = render(report, "text").split("\n");
    const header = lines.findIndex((l) => l.startsWith("  POD ") && l.includes("WAS READY"));
    const row = lines[header + 1]!;
    expect(row.startsWith(`  ns/${terminalText(NAME)}  `)).toBe(true);
    // The OUTCOME column starts at the same place in the header and in the row.
    expect(row.indexOf("Pending")).toBe(lines[header]!.indexOf("OUTCOME"));
  });

  it("colours stay on with escaped text: only the section titles carry escape codes", () => {
    const out = render(report, "text", { color: true });
    const lines = out.split("\n");
    // The verdict is painted after its label, on the escaped text.
    const verdict = lines.find((l) => l.startsWith("  quality    "))!;
    expect(verdict).toMatch(/^ {2}quality {4}\u001b\[1;33mdegraded: [^\u001b]*\u001b\[0m$/);
    const painted = lines.filter((l) => l.includes("\u001b") && l !== verdict);
    const title = /^\u001b\[[0-9;]+m([^\u001b]*)\u001b\[0m$/;
    expect(painted.map((l) => title.exec(l)?.[1])).toEqual([
      "podtrail report",
      "Capture quality",
      `Not ready at the end (1 pod: 1 ${terminalText(REASON)})`,
      "Start-up stages",
      "Failure reasons",
      "Slowest pods (by startup, top 10)",
      "Warnings",
    ]);
  });

  it("a newline or a tab in a name cannot fake a table row", () => {
    const faked = reportOf([
      envelope("ADDED", pod({ uid: "u2", name: "a\n  ns/evil  Ready\tx", namespace: "ns", rv: 1, statuses: [{ name: "app", state: { waiting: "ErrImagePull" } }] })),
    ]);
    const rows = render(faked, "text").split("\n").filter((l) => l.includes("evil"));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toContain("ns/a\\n  ns/evil  Ready\\tx");
  });

  it("timeline shows them escaped, input names included", async () => {
    const t = await timeline("u1", [memorySource(input, jsonl([hostilePod()]))]);
    const out = renderTimelineText(t.pod, t.entries, t.spans);
    for (const line of out.split("\n")) expect(line, JSON.stringify(line)).not.toMatch(RAW_CONTROL);
    expect(out).toContain(`node ${terminalText(NODE)}`);
    expect(out).toContain(terminalText(MESSAGE));
    expect(out).toContain(`[${terminalText(input)}:1]`);
  });

  it("explain shows a typed reason escaped", () => {
    for (const asked of ["Crash\u001b[2JLoop", "Error\u009b137"]) {
      const { text } = renderExplain(asked, { lang: "en", list: false });
      for (const line of text.split("\n")) expect(line, JSON.stringify(line)).not.toMatch(RAW_CONTROL);
      expect(text).toContain(terminalText(asked));
    }
  });

  it("the HTML file holds no raw control character, in its tables or in its embedded data", () => {
    const html = render(report, "html");
    expect(html).not.toMatch(RAW_CONTROL);
    // The embedded JSON gives the page the values as they are.
    expect(pagePods(html)[0]!.name).toBe(NAME);
  });
});
