import { COMPARED_STATS, type Comparison, type ScopeComparison } from "../../compare/compare.js";
import { STAGE_LABELS } from "../stageFacts.js";
import { terminalText } from "../terminalText.js";
import { changeText, regressionLine, scopeTitle, sideLine, statText, verdict } from "./words.js";

/** Markdown cell text: control characters escaped, `|` and line breaks made harmless, as the report's Markdown does. */
function cell(s: string): string {
  return terminalText(s.replace(/\r?\n/g, " ↵ ")).replace(/\|/g, "\\|");
}

function mdTable(header: readonly string[], rows: readonly (readonly string[])[], align: string): string[] {
  const rule = [...align].map((a) => (a === "r" ? "---:" : "---"));
  return [`| ${header.join(" | ")} |`, `| ${rule.join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

/** The comparison for a ticket or a pull request comment. */
export function renderComparisonMarkdown(c: Comparison, options: { readonly top?: number } = {}): string {
  const top = Math.max(1, options.top ?? 10);
  const out: string[] = ["# podtrail compare", "", `- **Base:** ${cell(sideLine(c.base))}`, `- **New:** ${cell(sideLine(c.head))}`, `- **Verdict:** ${cell(verdict(c))}`];
  for (const note of c.notes) out.push(`- *Note:* ${cell(note)}`);
  if (!c.excludeUnfinished) out.push("", "*Pods that never reached a stage count as slower than any figure (`not reached`).*");
  if (c.tolerances.length > 0) {
    out.push("", "## Regressions", "");
    if (c.regressions.length === 0) out.push(`None beyond the tolerances (${cell(c.tolerances.join(", "))}).`);
    for (const r of c.regressions) out.push(`- ${cell(regressionLine(c, r))}`);
  }
  for (const scope of c.scopes) out.push("", ...scopeSection(c, scope));
  out.push("", "## Failure reasons", "");
  if (c.failures.length === 0) out.push("None on either side.");
  else {
    out.push(...mdTable(["Reason", "Category", "Base pods", "New pods", "Base occurrences", "New occurrences", "Change"], c.failures.map((f) => [f.reason, f.category, String(f.base.pods), String(f.head.pods), String(f.base.occurrences), String(f.head.occurrences), f.kind]), "llrrrrl"));
  }
  out.push("", "## Pods", "");
  const list = (what: string, names: readonly string[]): string[] => {
    if (names.length === 0) return [`- ${what}: none`];
    const shown = names.slice(0, top).map((n) => `\`${cell(n).replace(/`/g, "'")}\``).join(", ");
    return [`- ${what} (${names.length}): ${shown}${names.length > top ? `, and ${names.length - top} more` : ""}`];
  };
  out.push(...list("Only in new", c.podsAppeared), ...list("Only in base", c.podsDisappeared));
  return `${out.join("\n")}\n`;
}

function scopeSection(c: Comparison, scope: ScopeComparison): string[] {
  const head = `## Stages: ${cell(scopeTitle(c, scope))} (${scope.basePods} → ${scope.headPods} pods)`;
  if (scope.stages.length === 0) return [head, "", "No figures on either side."];
  const rows = scope.stages.flatMap((s) =>
    COMPARED_STATS.map((stat, i) => [i === 0 ? STAGE_LABELS[s.stage] : "", stat, statText(s.base.stats[stat]), statText(s.head.stats[stat]), changeText(s.changes[stat])]),
  );
  return [head, "", ...mdTable(["Stage", "Stat", "Base", "New", "Change"], rows, "llrrl")];
}
