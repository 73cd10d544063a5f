import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from "ajv";

type Shape = "pod" | "event";

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

/**
 * Checks a Pod or Event against the input schema (`schemas/input/`). Returns
 * null when it fits, else a one-line description of the wrong fields, which
 * the normalizer reads as absent.
 */
export function describeShapeProblems(shape: Shape, object: unknown): string | null {
  const validate = validator(shape);
  if (validate(object)) return null;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== "anyOf" || (validate.errors ?? []).length === 1);
  const shown = errors.slice(0, 3).map(describe);
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : "";
  return `fields with wrong types read as absent: ${shown.join("; ")}${more}`;
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
