import { COMPARED_STATS, type Comparison, type ScopeComparison } from "../../compare/compare.js";
import { table } from "../humanize.js";
import { STAGE_LABELS } from "../stageFacts.js";
import { terminalText } from "../terminalText.js";
import { changeText, regressionLine, scopeTitle, sideLine, statText, verdict } from "./words.js";

export interface CompareTextOptions {
  /** Rows of the lists of pods that appeared or went. */
  readonly top?: number;
}

/** The comparison for a terminal: both sides, the verdict, a stage table per scope, failure reasons, pods, regressions. */
export function renderComparisonText(c: Comparison, options: CompareTextOptions = {}): string {
  const top = Math.max(1, options.top ?? 10);
  const out: string[] = [
    "podtrail compare",
    `  base     ${terminalText(sideLine(c.base))}`,
    `  new      ${terminalText(sideLine(c.head))}`,
    `  verdict  ${verdict(c)}`,
  ];
  if (!c.excludeUnfinished) out.push("  (pods that never reached a stage count as slower than any figure: `not reached`)");
  for (const note of c.notes) out.push(`  note     ${terminalText(note)}`);
  for (const scope of c.scopes) out.push("", ...scopeTable(c, scope));
  out.push("", "Failure reasons");
  if (c.failures.length === 0) out.push("  none on either side");
  else {
    const rows = c.failures.map((f) => [f.reason, f.category, String(f.base.pods), String(f.head.pods), String(f.base.occurrences), String(f.head.occurrences), f.kind]);
    out.push(...table(["REASON", "CATEGORY", "BASE PODS", "NEW PODS", "BASE OCC.", "NEW OCC.", "CHANGE"], rows, new Set([2, 3, 4, 5])).map((l) => `  ${l}`));
  }
  out.push("", "Pods");
  const list = (what: string, names: readonly string[]): string[] => {
    if (names.length === 0) return [`  ${what}: none`];
    const shown = names.slice(0, top).map((n) => `    ${terminalText(n)}`);
    return [`  ${what} (${names.length}):`, ...shown, ...(names.length > top ? [`    ... and ${names.length - top} more (--top N, or -o json)`] : [])];
  };
  out.push(...list("only in NEW", c.podsAppeared), ...list("only in BASE", c.podsDisappeared));
  if (c.tolerances.length > 0) {
    out.push("", `Regressions beyond the tolerances (${c.tolerances.join(", ")})`);
    if (c.regressions.length === 0) out.push("  none");
    for (const r of c.regressions) out.push(`  ${terminalText(regressionLine(c, r))}`);
  }
  return `${out.join("\n")}\n`;
}

function scopeTable(c: Comparison, scope: ScopeComparison): string[] {
  const head = `Stages (${terminalText(scopeTitle(c, scope))}: ${scope.basePods} → ${scope.headPods} pods)`;
  if (scope.stages.length === 0) return [head, "  no figures on either side"];
  const rows = scope.stages.flatMap((s) =>
    COMPARED_STATS.map((stat, i) => [
      i === 0 ? STAGE_LABELS[s.stage] : "",
      stat,
      statText(s.base.stats[stat]),
      statText(s.head.stats[stat]),
      changeText(s.changes[stat]),
      i === 0 ? `${s.base.count}+${s.base.unfinished} → ${s.head.count}+${s.head.unfinished}` : "",
    ]),
  );
  return [head, ...table(["STAGE", "STAT", "BASE", "NEW", "CHANGE", "PODS (FIGURES+NOT REACHED)"], rows, new Set([2, 3])).map((l) => `  ${l}`)];
}
