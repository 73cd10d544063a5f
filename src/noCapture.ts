import type { Report } from "./types.js";

/**
 * When no input of the run held a pod or event record: one line saying so,
 * with what each input looks like (`pods.txt: looks like kubectl table
 * output: capture with -o json`), for the CLI to print before it exits with
 * status 2 (docs/spec.md §1.8, §7.5). Null when any input held one, however
 * the filters selected.
 */
export function noCaptureMessage(report: Report): string | null {
  if (report.totals.podRecords + report.totals.eventRecords > 0) return null;
  if (report.inputs.length === 0) return "podtrail: no input to read";
  const said = report.inputs.map((i) => `${i.name}: ${i.looksLike ?? (i.format === null ? "no record" : `${i.format}, but no Pod or Event`)}`);
  return `podtrail: no pod or event in the input (${said.join("; ")})`;
}
