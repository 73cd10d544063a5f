import type { JsonValue } from "../../src/decode/types.js";
import { normalizeValue } from "../../src/normalize/normalizeValue.js";
import { Reconstruction } from "../../src/reconstruct/reconstruction.js";
import { buildReport } from "../../src/report.js";
import type { Report } from "../../src/types.js";

/** Runs values (envelopes or bare objects) of named inputs through normalize, reconstruct and derive, without I/O. */
export function reportOf(inputs: Record<string, readonly unknown[]> | readonly unknown[]): Report {
  const named = Array.isArray(inputs) ? { "capture.jsonl": inputs } : (inputs as Record<string, readonly unknown[]>);
  const reconstruction = new Reconstruction();
  for (const [name, values] of Object.entries(named)) {
    const tally = reconstruction.input(name);
    tally.format = "watch-jsonl";
    for (const [i, v] of values.entries()) reconstruction.apply(normalizeValue(v as JsonValue, { input: name, line: i + 1 }, null), tally);
  }
  return buildReport(reconstruction.finish());
}
