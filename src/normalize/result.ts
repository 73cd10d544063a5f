import type { Location } from "../types.js";
import type { NormalizedRecord } from "../records.js";
import type { Diagnostic } from "../diagnostics.js";
import type { FieldReader, JsonObject } from "./fieldReader.js";
import { describeShapeProblems } from "./validateShape.js";
import { describeTimeFields } from "./timeFields.js";

/** A usable record (with diagnostics when it was read with problems, e.g. fields of wrong types), or why the value is unusable. */
export type NormalizeResult =
  | (NormalizedRecord & { readonly diagnostics?: readonly Diagnostic[] })
  | { readonly kind: "invalid"; readonly diagnostic: Diagnostic; readonly loc: Location };

export interface Subject {
  readonly object: "Pod" | "Event";
  readonly namespace: string;
  readonly name: string;
}

/**
 * The record with a diagnostic for each kind of problem its reader met:
 * fields of wrong types (described by the input schema), time strings that
 * are not RFC 3339, leap seconds. Only records where the reader met one are
 * described, so good records cost nothing more.
 */
export function withReadProblems<R extends NormalizedRecord>(record: R, r: FieldReader, subject: Subject, raw: JsonObject): R & { readonly diagnostics?: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (r.wrongType) {
    const problems = describeShapeProblems(subject.object === "Pod" ? "pod" : "event", raw);
    if (problems !== null) diagnostics.push({ kind: "wrongTypes", ...subject, fields: problems.fields, more: problems.more });
  }
  if (r.oddTimes !== null) {
    for (const problem of ["invalid", "leapSecond"] as const) {
      const values = new Set(r.oddTimes.filter((t) => t.problem === problem).map((t) => t.value));
      if (values.size === 0) continue;
      const { fields, more } = describeTimeFields(raw, values);
      diagnostics.push({ kind: problem === "invalid" ? "unreadableTimes" : "leapSeconds", ...subject, fields, more });
    }
  }
  return diagnostics.length === 0 ? record : { ...record, diagnostics };
}

/** Adds a diagnostic to a usable record; other results (skipped, invalid) are left as they are. */
export function withDiagnostic(result: NormalizeResult, diagnostic: Diagnostic): NormalizeResult {
  if (result.kind !== "pod" && result.kind !== "event") return result;
  return { ...result, diagnostics: [diagnostic, ...(result.diagnostics ?? [])] };
}

export function invalid(diagnostic: Diagnostic, loc: Location): NormalizeResult {
  return { kind: "invalid", diagnostic, loc };
}
