/**
 * Terminal text of `podtrail explain [REASON]` and `podtrail explain --list`.
 * Plain text, no colors, deterministic; the caller prints it.
 */
import { FAILURE_CATEGORIES, type FailureSource } from "../types.js";
import { explainExitCode } from "../catalog/exitCodes.js";
import { KNOWN_REASONS, type KnownReason, type ReasonText } from "../catalog/knownReasons.js";
import { categoryOf, parseErrorExitCode, resolveReason } from "../catalog/lookupReason.js";
import { REASONS } from "../catalog/reasonsEn.js";
import { REASONS_ZH } from "../catalog/reasonsZh.js";
import { terminalText } from "./terminalText.js";
import { nearestWords } from "../didYouMean.js";

export type ExplainLang = "en" | "zh";

export interface ExplainOptions {
  readonly lang: ExplainLang;
  readonly list: boolean;
}

export interface ExplainResult {
  readonly text: string;
  /** False when a single reason was asked for and podtrail does not know it. */
  readonly found: boolean;
}

interface Labels {
  readonly category: string;
  readonly categoryValue: (category: string, kind: string) => string;
  readonly seenIn: string;
  readonly meaning: string;
  readonly check: string;
  readonly exitCodes: string;
  readonly exitCode: (code: number) => string;
  readonly signal: string;
  readonly kind: { readonly failure: string; readonly progress: string };
  readonly sources: Readonly<Record<FailureSource, string>>;
  readonly separator: string;
  readonly unknown: (reason: string) => string;
  readonly guessed: (category: string) => string;
  readonly didYouMean: (names: readonly string[]) => string;
  readonly seeList: string;
  readonly seeAlso: string;
}

const LABELS: Readonly<Record<ExplainLang, Labels>> = {
  en: {
    category: "Category:",
    categoryValue: (category, kind) => `${category} (${kind})`,
    seenIn: "Seen in:",
    meaning: "Meaning:",
    check: "Check first:",
    exitCodes: "Exit codes:",
    exitCode: (code) => `Exit code ${code}:`,
    signal: "killed by signal N (e.g. 137 = 128+9 SIGKILL)",
    kind: { failure: "failure", progress: "progress, not a failure by itself" },
    sources: {
      waiting: "container state.waiting.reason",
      terminated: "container state.terminated.reason",
      podStatus: "pod status.reason",
      condition: "pod condition reason",
      event: "event reason",
    },
    separator: ", ",
    unknown: (reason) => `Unknown reason: ${reason}`,
    guessed: (category) => `podtrail has no entry for it; by its name it would be grouped under: ${category}`,
    didYouMean: (names) => `Did you mean: ${names.join(", ")}?`,
    seeList: "Run `podtrail explain --list` to see every known reason.",
    seeAlso: "See also:",
  },
  zh: {
    category: "类别：",
    categoryValue: (category, kind) => `${category}（${kind}）`,
    seenIn: "出现位置：",
    meaning: "含义：",
    check: "优先排查：",
    exitCodes: "退出码：",
    exitCode: (code) => `退出码 ${code}：`,
    signal: "被信号 N 终止（例如 137 = 128+9，即 SIGKILL）",
    kind: { failure: "故障", progress: "进展状态，本身不是故障" },
    sources: {
      waiting: "容器 state.waiting.reason",
      terminated: "容器 state.terminated.reason",
      podStatus: "Pod status.reason",
      condition: "Pod condition 的 reason",
      event: "事件（Event）的 reason",
    },
    separator: "、",
    unknown: (reason) => `未知原因：${reason}`,
    guessed: (category) => `podtrail 的原因目录中没有该条目；按名称推断，其类别为：${category}`,
    didYouMean: (names) => `你要找的是不是：${names.join("、")}？`,
    seeList: "运行 `podtrail explain --list` 查看所有已知原因。",
    seeAlso: "另见：",
  },
};

/** Exit codes listed under `Error`, in this order, then 128+N. */
const COMMON_EXIT_CODES = [1, 2, 126, 127, 128, 137, 139, 143, 255] as const;

/**
 * The text of `podtrail explain`: the whole catalogue when `opts.list` is set
 * or no reason is given, otherwise one reason (`found` false when unknown).
 */
export function renderExplain(reason: string | undefined, opts: ExplainOptions): ExplainResult {
  if (opts.list || reason === undefined || reason.trim() === "") {
    return { text: renderList(opts.lang), found: true };
  }
  // A bare number is a container's exit code (`explain 137`), as `explain Error 137` explains it under Error.
  if (/^\s*-?\d{1,10}\s*$/.test(reason)) return { text: renderExitCode(Number(reason), opts.lang), found: true };
  const known = resolveReason(reason);
  if (known === null) return { text: renderUnknown(reason.trim(), opts.lang), found: false };
  return { text: renderOne(reason.trim(), known, opts.lang), found: true };
}

function textOf(reason: KnownReason, lang: ExplainLang): ReasonText {
  return lang === "en" ? REASONS[reason] : REASONS_ZH[reason];
}

function renderList(lang: ExplainLang): string {
  const width = Math.max(...KNOWN_REASONS.map((r) => r.length));
  const categoryWidth = Math.max(...FAILURE_CATEGORIES.map((c) => c.length));
  const groups: string[] = [];
  for (const category of FAILURE_CATEGORIES) {
    const names = KNOWN_REASONS.filter((r) => REASONS[r].category === category).sort(compareNames);
    if (names.length === 0) continue;
    groups.push(
      names
        .map((r) => `${r.padEnd(width)}  ${category.padEnd(categoryWidth)}  ${textOf(r, lang).meaning}`)
        .join("\n"),
    );
  }
  return `${groups.join("\n\n")}\n`;
}

function renderOne(asked: string, reason: KnownReason, lang: ExplainLang): string {
  const l = LABELS[lang];
  const info = REASONS[reason];
  const text = textOf(reason, lang);
  const rows: [string, string][] = [
    [l.category, l.categoryValue(info.category, l.kind[info.kind])],
    [l.seenIn, info.sources.map((s) => l.sources[s]).join(l.separator)],
    [l.meaning, text.meaning],
    [l.check, text.check],
  ];
  const code = reason === "Error" ? parseErrorExitCode(asked) : null;
  if (code !== null) rows.push([l.exitCode(code), explainExitCode(code, lang) ?? codeWithoutMeaning(lang)]);

  const labelWidth = Math.max(...rows.map(([label]) => displayWidth(label)));
  const title = asked === reason ? reason : `${terminalText(asked)} -> ${reason}`;
  const lines = [title, ...rows.map(([label, value]) => `  ${padDisplay(label, labelWidth)}  ${value}`)];
  if (reason === "Error") lines.push("", l.exitCodes, ...exitCodeTable(lang));
  return `${lines.join("\n")}\n`;
}

function renderExitCode(code: number, lang: ExplainLang): string {
  const l = LABELS[lang];
  const label = l.exitCode(code).replace(/[:：]$/, "");
  const rows: [string, string][] = [[l.meaning, explainExitCode(code, lang) ?? codeWithoutMeaning(lang)]];
  if (code !== 0) rows.push([l.seeAlso, `podtrail explain Error${code === 137 ? ", podtrail explain OOMKilled" : ""}`]);
  const labelWidth = Math.max(...rows.map(([name]) => displayWidth(name)));
  return `${[label, ...rows.map(([name, value]) => `  ${padDisplay(name, labelWidth)}  ${value}`)].join("\n")}\n`;
}

function exitCodeTable(lang: ExplainLang): string[] {
  const rows: [string, string][] = COMMON_EXIT_CODES.map((c) => [String(c), explainExitCode(c, lang) ?? ""]);
  rows.push(["128+N", LABELS[lang].signal]);
  const width = Math.max(...rows.map(([c]) => c.length));
  return rows.map(([c, text]) => `  ${c.padEnd(width)}  ${text}`);
}

function codeWithoutMeaning(lang: ExplainLang): string {
  return lang === "en"
    ? "application-specific: see the application's documentation and its logs (--previous)"
    : "由应用自定义：参考应用文档并查看其日志（--previous）";
}

function renderUnknown(reason: string, lang: ExplainLang): string {
  const l = LABELS[lang];
  // The reason is what the user typed (or pasted from a capture): shown escaped.
  const lines = [l.unknown(terminalText(reason)), l.guessed(categoryOf(reason))];
  const close = suggestReasons(reason);
  if (close.length > 0) lines.push(l.didYouMean(close));
  lines.push(l.seeList);
  return `${lines.join("\n")}\n`;
}

/** Known reasons close to an unknown one: nearest first, at most `limit` (see `nearestWords`). */
export function suggestReasons(reason: string, limit = 5): KnownReason[] {
  return nearestWords(reason, KNOWN_REASONS, limit);
}

/** Case-insensitive, then by code unit, so the order does not depend on the locale. */
function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Terminal columns of a label: CJK and full-width punctuation take two. */
function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

function padDisplay(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}
