import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from "ajv";

type Shape = "pod" | "event";

/** Compiled once per process and shape: a pure function of the schema file. */
const validators = new Map<Shape, ValidateFunction>();

function validator(shape: Shape): ValidateFunction {
  let v = validators.get(shape);
  if (v === undefined) {
    const schema = JSON.parse(readFileSync(new URL(`../../schemas/input/${shape}.schema.json`, import.meta.url), "utf8")) as object;
    // Input schemas constrain only the fields podtrail reads; strict mode would reject their open shapes.
    v = new (loadAjv())({ allErrors: true, strict: false }).compile(schema);
    validators.set(shape, v);
  }
  return v;
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
