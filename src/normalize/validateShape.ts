import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from "ajv";
import { lazily } from "../memo.js";

type Shape = "pod" | "event";

function compile(shape: Shape): ValidateFunction {
  const schema = JSON.parse(readFileSync(new URL(`../../schemas/input/${shape}.schema.json`, import.meta.url), "utf8")) as object;
  // Input schemas constrain only the fields podtrail reads; strict mode would reject their open shapes.
  return new (loadAjv())({ allErrors: true, strict: false }).compile(schema);
}

/** Compiled once per process and shape: a pure function of the schema file (the process-wide memos live in memo.ts). */
const validators: Readonly<Record<Shape, () => ValidateFunction>> = { pod: lazily(() => compile("pod")), event: lazily(() => compile("event")) };

function validator(shape: Shape): ValidateFunction {
  return validators[shape]();
}

/** Fields shown by name in a diagnostic; the rest are counted. */
const SHOWN_FIELDS = 3;

/**
 * Checks a Pod or Event against the input schema (`schemas/input/`). Returns
 * null when it fits, else the first few wrong fields described and how many
 * more there are; the normalizer read them as absent.
 */
export function describeShapeProblems(shape: Shape, object: unknown): { readonly fields: readonly string[]; readonly more: number } | null {
  const validate = validator(shape);
  if (validate(object)) return null;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== "anyOf" || (validate.errors ?? []).length === 1);
  return { fields: errors.slice(0, SHOWN_FIELDS).map(describe), more: Math.max(0, errors.length - SHOWN_FIELDS) };
}

function describe(e: ErrorObject): string {
  const path = e.instancePath
    .split("/")
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, "/").replace(/~0/g, "~")}`))
    .join("")
    .replace(/^\./, "");
  return `${path || "(object)"} ${e.message ?? "is invalid"}`;
}

/** ajv is loaded on first use: most runs never validate, and loading it is a visible part of start-up (docs/performance.md). */
function loadAjv(): typeof AjvClass {
  return (createRequire(import.meta.url)("ajv") as { Ajv: typeof AjvClass }).Ajv;
}
