import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv as AjvClass, ValidateFunction } from "ajv";

let validator: ValidateFunction | null = null;

/** The report schema shipped in `schemas/` (docs/spec.md §8). */
export function reportSchema(): unknown {
  return JSON.parse(readFileSync(new URL("../../schemas/report.schema.json", import.meta.url), "utf8"));
}

/** Validates a JSON report document; returns the problems (empty when valid). */
export function validateJsonReport(document: unknown): string[] {
  validator ??= new (loadAjv())({ allErrors: true, strict: true }).compile(reportSchema() as object);
  if (validator(document)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
}

/** ajv is loaded on first use: most runs never validate, and loading it is a visible part of start-up (docs/performance.md). */
function loadAjv(): typeof AjvClass {
  return (createRequire(import.meta.url)("ajv") as { Ajv: typeof AjvClass }).Ajv;
}
