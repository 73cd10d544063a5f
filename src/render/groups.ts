import type { GroupSummary, Report } from "../types.js";
import { compareText } from "../compareText.js";

/*
 * `--group-by` as the human reports show it (docs/spec.md §7.4): the groups
 * that need a look first, with their most widespread failure.
 */

/** How the reports name a grouping, in a column title or a heading. */
export const GROUP_LABELS: Readonly<Record<NonNullable<Report["groupBy"]>, { readonly column: string; readonly one: string; readonly many: string }>> = {
  namespace: { column: "namespace", one: "namespace", many: "namespaces" },
  node: { column: "node", one: "node", many: "nodes" },
  owner: { column: "owner", one: "owner", many: "owners" },
  storage: { column: "storage", one: "kind of storage", many: "kinds of storage" },
  image: { column: "image", one: "image", many: "images" },
};

/**
 * The groups worst first: most pods not Ready at the end, then (images) most
 * pods with pull failures, then the slowest p99 (startup; first pull for
 * images), then name. JSON keeps name order; people look at the worst.
 */
export function worstGroups(report: Pick<Report, "groups">): GroupSummary[] {
  const p99 = (g: GroupSummary): number => (g.imagePulls === null ? g.summary.stages.startup.p99 : g.imagePulls.pullMs.p99) ?? -1;
  return [...report.groups].sort(
    (a, b) =>
      b.notReadyAtEnd - a.notReadyAtEnd ||
      (b.imagePulls?.failedPods ?? 0) - (a.imagePulls?.failedPods ?? 0) ||
      p99(b) - p99(a) ||
      compareText(a.group, b.group),
  );
}

/** `OOMKilled (3 pods)`: the group's most widespread failure reason, `-` when none. */
export function topFailure(g: GroupSummary): string {
  const f = g.summary.failures[0];
  if (f === undefined) return "-";
  const more = g.summary.failures.length - 1;
  return `${f.reason} (${f.pods} pod${f.pods === 1 ? "" : "s"})${more > 0 ? ` +${more} more` : ""}`;
}
