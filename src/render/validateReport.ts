import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv as AjvClass } from "ajv";
import { lazily } from "../memo.js";

/** Compiled once per process: a pure function of the schema file (the process-wide memos live in memo.ts). */
const validator = lazily(() => new (loadAjv())({ allErrors: true, strict: true }).compile(reportSchema() as object));

/** The report schema shipped in `schemas/` (docs/spec.md §8). */
export function reportSchema(): unknown {
  return JSON.parse(readFileSync(new URL("../../schemas/report.schema.json", import.meta.url), "utf8"));
}

/** Validates a JSON report document; returns the problems (empty when valid). */
export function validateJsonReport(document: unknown): string[] {
  const validate = validator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
}

/** ajv is loaded on first use: most runs never validate, and loading it is a visible part of start-up (docs/performance.md). */
function loadAjv(): typeof AjvClass {
  return (createRequire(import.meta.url)("ajv") as { Ajv: typeof AjvClass }).Ajv;
}
