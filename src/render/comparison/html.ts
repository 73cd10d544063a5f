import { COMPARED_STATS, type Comparison, type ScopeComparison } from "../../compare/compare.js";
import { escapeHtml as esc } from "../html/escape.js";
import { STAGE_LABELS } from "../stageFacts.js";
import { changeText, regressionLine, scopeTitle, sideLine, statText, verdict } from "./words.js";

/**
 * The comparison as one self-contained page: static tables, no script, no
 * network (a Content-Security-Policy forbids any). Every capture string is
 * escaped, its control characters shown as `terminalText` shows them.
 */
export function renderComparisonHtml(c: Comparison, options: { readonly top?: number } = {}): string {
  const top = Math.max(1, options.top ?? 10);
  const sections = c.scopes.map((s) => scopeSection(c, s)).join("\n");
  const regressions =
    c.tolerances.length === 0
      ? ""
      : `<section><h2>Regressions</h2>${c.regressions.length === 0 ? `<p>None beyond the tolerances (${esc(c.tolerances.join(", "))}).</p>` : `<ul>${c.regressions.map((r) => `<li class="slower">${esc(regressionLine(c, r))}</li>`).join("")}</ul>`}</section>`;
  const failures =
    c.failures.length === 0
      ? "<p>None on either side.</p>"
      : `<table><thead><tr><th>Reason</th><th>Category</th><th class="n">Base pods</th><th class="n">New pods</th><th class="n">Base occurrences</th><th class="n">New occurrences</th><th>Change</th></tr></thead><tbody>${c.failures
          .map((f) => `<tr class="${f.kind === "appeared" || f.kind === "more" ? "slower" : f.kind === "same" ? "" : "faster"}"><td>${esc(f.reason)}</td><td>${esc(f.category)}</td><td class="n">${f.base.pods}</td><td class="n">${f.head.pods}</td><td class="n">${f.base.occurrences}</td><td class="n">${f.head.occurrences}</td><td>${esc(f.kind)}</td></tr>`)
          .join("")}</tbody></table>`;
  const list = (what: string, names: readonly string[]): string =>
    names.length === 0
      ? `<p>${esc(what)}: none</p>`
      : `<p>${esc(what)} (${names.length}):</p><ul>${names
          .slice(0, top)
          .map((n) => `<li><code>${esc(n)}</code></li>`)
          .join("")}${names.length > top ? `<li>… and ${names.length - top} more</li>` : ""}</ul>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="generator" content="podtrail">
<title>podtrail compare · ${esc(verdict(c))}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1b1f24}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{padding:.2rem .6rem;border-bottom:1px solid #d8dee4;text-align:left}
th{background:#f6f8fa}.n{text-align:right;font-variant-numeric:tabular-nums}
.slower{color:#a40e26}.faster{color:#116329}code{font-size:13px}
</style>
</head>
<body>
<header>
<h1>podtrail compare</h1>
<dl>
<dt>Base</dt><dd>${esc(sideLine(c.base))}</dd>
<dt>New</dt><dd>${esc(sideLine(c.head))}</dd>
<dt>Verdict</dt><dd class="${c.regressions.length > 0 ? "slower" : ""}">${esc(verdict(c))}</dd>
${c.notes.map((n) => `<dt>Note</dt><dd>${esc(n)}</dd>`).join("\n")}
</dl>
${c.excludeUnfinished ? "" : "<p><em>Pods that never reached a stage count as slower than any figure (“not reached”).</em></p>"}
</header>
<main>
${regressions}
${sections}
<section><h2>Failure reasons</h2>${failures}</section>
<section><h2>Pods</h2>${list("Only in new", c.podsAppeared)}${list("Only in base", c.podsDisappeared)}</section>
</main>
</body>
</html>
`;
}

function scopeSection(c: Comparison, scope: ScopeComparison): string {
  const title = `<h2>Stages: ${esc(scopeTitle(c, scope))} (${scope.basePods} → ${scope.headPods} pods)</h2>`;
  if (scope.stages.length === 0) return `<section>${title}<p>No figures on either side.</p></section>`;
  const rows = scope.stages
    .flatMap((s) =>
      COMPARED_STATS.map((stat, i) => {
        const ch = s.changes[stat];
        const cls = ch.kind === "slower" ? ' class="slower"' : ch.kind === "faster" ? ' class="faster"' : "";
        return `<tr${cls}>${i === 0 ? `<td rowspan="${COMPARED_STATS.length}">${esc(STAGE_LABELS[s.stage])}</td>` : ""}<td>${stat}</td><td class="n">${esc(statText(s.base.stats[stat]))}</td><td class="n">${esc(statText(s.head.stats[stat]))}</td><td>${esc(changeText(ch))}</td></tr>`;
      }),
    )
    .join("\n");
  return `<section>${title}<table><thead><tr><th>Stage</th><th>Stat</th><th class="n">Base</th><th class="n">New</th><th>Change</th></tr></thead><tbody>\n${rows}\n</tbody></table></section>`;
}
