import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";

let validator: ValidateFunction | null = null;

/** The report schema shipped in `schemas/` (SPEC section 8). */
export function reportSchema(): unknown {
  return JSON.parse(readFileSync(new URL("../../schemas/report.schema.json", import.meta.url), "utf8"));
}

/** Validates a JSON report document; returns the problems (empty when valid). */
export function validateJsonReport(document: unknown): string[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(reportSchema() as object);
  if (validator(document)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
}
