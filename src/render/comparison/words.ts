import type { ComparedStat, Comparison, Regression, ScopeComparison, StatChange, StatValue } from "../../compare/compare.js";
import { humanizeMs } from "../humanize.js";

/* How every comparison output words its figures, in the report's duration format. */

/** A statistic: a duration, `not reached` (a pod never got there), `-` (no pod). */
export function statText(v: StatValue): string {
  if (v === null) return "-";
  return v === Number.POSITIVE_INFINITY ? "not reached" : humanizeMs(v);
}

function signed(ms: number): string {
  return ms < 0 ? `-${humanizeMs(-ms)}` : `+${humanizeMs(ms)}`;
}

function percentText(p: number): string {
  const rounded = Math.round(p * 10) / 10;
  return `${rounded > 0 ? "+" : ""}${rounded}%`;
}

/** `+7s (+140%)`, `-1s (-20%)`, `+1s (from 0)`, `no change`, `now not reached`, `now reached`, `new`, `gone`. */
export function changeText(c: StatChange): string {
  switch (c.kind) {
    case "same":
      return "no change";
    case "new":
      return "new: only NEW has it";
    case "gone":
      return "gone: only BASE has it";
    default:
      if (c.deltaMs === null) return c.kind === "slower" ? "now not reached" : "now reached";
      return `${signed(c.deltaMs)} (${c.percent === null ? "from 0" : percentText(c.percent)})`;
  }
}

export function scopeTitle(comparison: Comparison, scope: ScopeComparison): string {
  if (scope.group === null) return "all pods";
  return `${comparison.groupBy ?? "group"} ${scope.group}`;
}

/** Whether anything differs: a statistic, a failure reason, a pod. */
export function changed(c: Comparison): boolean {
  return (
    c.podsAppeared.length > 0 ||
    c.podsDisappeared.length > 0 ||
    c.failures.some((f) => f.kind !== "same") ||
    c.scopes.some((s) => s.basePods !== s.headPods || s.stages.some((st) => Object.values(st.changes).some((ch) => ch.kind !== "same") || st.base.unfinished !== st.head.unfinished))
  );
}

/** One line per regression: `startup.p99 (all pods): 12s → not reached, beyond 10% (tolerance startup.p99:10%)`. */
export function regressionLine(c: Comparison, r: Regression): string {
  const scope = r.group === null ? "all pods" : `${c.groupBy ?? "group"} ${r.group}`;
  const what =
    r.head === null ? " (NEW has no figure: the tolerance cannot be met)" : r.change.deltaMs === null ? " (a pod of NEW never got there)" : `, ${changeText(r.change)}`;
  return `${r.stage}.${r.stat} (${scope}): ${statText(r.base)} → ${statText(r.head)}${what}; beyond ${r.tolerance}`;
}

/** The verdict line. */
export function verdict(c: Comparison): string {
  if (c.regressions.length > 0) return `${c.regressions.length} regression${c.regressions.length === 1 ? "" : "s"} beyond the tolerances (${c.tolerances.join(", ")})`;
  if (!changed(c)) return "no change";
  const slower = c.scopes[0]?.stages.reduce((n, s) => n + Object.values(s.changes).filter((ch) => ch.kind === "slower").length, 0) ?? 0;
  const faster = c.scopes[0]?.stages.reduce((n, s) => n + Object.values(s.changes).filter((ch) => ch.kind === "faster").length, 0) ?? 0;
  const tolerance = c.tolerances.length > 0 ? `, within the tolerances (${c.tolerances.join(", ")})` : "";
  return `changed: ${slower} statistic${slower === 1 ? "" : "s"} slower, ${faster} faster over all pods${tolerance}`;
}

export function sideLine(s: Comparison["base"]): string {
  return `${s.label} (${s.kind === "report" ? "JSON report" : "captures"}): ${s.pods} pod${s.pods === 1 ? "" : "s"}, ${s.notReady} never ready, ${s.stuck} stuck`;
}

export const STAT_LABELS: Readonly<Record<ComparedStat, string>> = { p50: "p50", p90: "p90", p99: "p99", max: "max" };
