import { normalizeValue } from "../../src/normalize/normalizeValue.js";
import { Reconstruction, type InputStats } from "../../src/reconstruct/reconstruction.js";
import { buildReport } from "../../src/report.js";
import type { Report } from "../../src/types.js";

/** Runs values (envelopes or bare objects) of named inputs through normalize, reconstruct and derive, without I/O. */
export function reportOf(inputs: Record<string, readonly unknown[]> | readonly unknown[]): Report {
  const named = Array.isArray(inputs) ? { "capture.jsonl": inputs } : (inputs as Record<string, readonly unknown[]>);
  const capture = new Reconstruction();
  const summaries = [];
  for (const [name, values] of Object.entries(named)) {
    const stats: InputStats = { name, records: 0, skipped: 0, duplicates: 0, warnings: 0 };
    values.forEach((v, i) => capture.apply(normalizeValue(v, { input: name, line: i + 1 }, null), stats));
    capture.closeInput(stats);
    summaries.push({ name, format: "watch-jsonl" as const, records: stats.records, skipped: stats.skipped, duplicates: stats.duplicates, bytes: 0 });
  }
  return buildReport(capture.finish(), summaries);
}
