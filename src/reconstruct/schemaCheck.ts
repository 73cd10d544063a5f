/*
 * Checks JSON values against schemas/partial.schema.json with closures made
 * once from the schema. ajv, which the report's schema uses, spends a few
 * hundred milliseconds compiling this schema in every process that reads a
 * partial, more than reading a day's partial takes (docs/performance.md);
 * these closures take a millisecond to make. They cover the keywords the
 * schema uses, and refuse to be made from one that uses others;
 * test/reconstruct/partialCodec.test.ts holds them to ajv's verdicts.
 */

/** A schema node of the subset used. */
type Schema = boolean | { readonly [keyword: string]: unknown };

/** What is wrong with a value: where (JSON pointer parts, outermost first) and what. */
export interface Problem {
  readonly at: readonly (string | number)[];
  readonly message: string;
}

export type Check = (value: unknown) => Problem | null;

/** Keywords that only describe. */
const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "definitions"]);
const KEYWORDS = new Set(["$ref", "type", "const", "enum", "properties", "required", "additionalProperties", "items", "anyOf", "oneOf", "allOf", "minimum", "maximum", "exclusiveMaximum", "pattern"]);

/** The checks of a schema's definitions, by name. */
export function definitionChecks(root: { readonly definitions: Readonly<Record<string, Schema>> }): ReadonlyMap<string, Check> {
  const made = new Map<string, Check>();
  const ref = (name: string): Check => {
    // Made on first use and shared; a reference met while its definition is being made is resolved when called.
    let check = made.get(name);
    if (check === undefined) {
      const schema = root.definitions[name];
      if (schema === undefined) throw new Error(`no definition ${name}`);
      let resolved: Check | null = null;
      made.set(name, (v) => resolved!(v));
      resolved = compile(schema, ref);
      made.set(name, resolved);
      check = resolved;
    }
    return check;
  };
  for (const name of Object.keys(root.definitions)) ref(name);
  return made;
}

const fail = (message: string): Problem => ({ at: [], message });
const within = (part: string | number, p: Problem | null): Problem | null => (p === null ? null : { at: [part, ...p.at], message: p.message });

function compile(schema: Schema, ref: (name: string) => Check): Check {
  if (schema === true) return () => null;
  if (schema === false) return () => fail("must not be present");
  const checks: Check[] = [];
  for (const keyword of Object.keys(schema)) {
    if (!ANNOTATIONS.has(keyword) && !KEYWORDS.has(keyword)) throw new Error(`schema keyword ${keyword} is not supported`);
  }
  const s = schema;
  if (typeof s["$ref"] === "string") {
    const name = /^#\/definitions\/(.+)$/.exec(s["$ref"])?.[1];
    if (name === undefined) throw new Error(`reference ${s["$ref"]} is not to a definition`);
    let target: Check | null = null;
    checks.push((v) => {
      target ??= ref(name);
      return target(v);
    });
  }
  if (s["type"] !== undefined) checks.push(typeCheck(s["type"] as string | readonly string[]));
  if ("const" in s) {
    const expected = s["const"];
    checks.push((v) => (v === expected ? null : fail(`must be ${JSON.stringify(expected)}`)));
  }
  if (Array.isArray(s["enum"])) {
    const allowed = s["enum"] as readonly unknown[];
    checks.push((v) => (allowed.includes(v) ? null : fail(`must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`)));
  }
  if (typeof s["minimum"] === "number") {
    const min = s["minimum"];
    checks.push((v) => (typeof v !== "number" || v >= min ? null : fail(`must be >= ${min}`)));
  }
  if (typeof s["maximum"] === "number") {
    const max = s["maximum"];
    checks.push((v) => (typeof v !== "number" || v <= max ? null : fail(`must be <= ${max}`)));
  }
  if (typeof s["exclusiveMaximum"] === "number") {
    const max = s["exclusiveMaximum"];
    checks.push((v) => (typeof v !== "number" || v < max ? null : fail(`must be < ${max}`)));
  }
  if (typeof s["pattern"] === "string") {
    const pattern = new RegExp(s["pattern"], "u");
    checks.push((v) => (typeof v !== "string" || pattern.test(v) ? null : fail(`must match pattern "${pattern.source}"`)));
  }
  if (s["properties"] !== undefined || s["required"] !== undefined || s["additionalProperties"] !== undefined) checks.push(objectCheck(s, ref));
  if (s["items"] !== undefined) {
    const item = compile(s["items"] as Schema, ref);
    checks.push((v) => {
      if (!Array.isArray(v)) return null;
      for (let i = 0; i < v.length; i++) {
        const p = item(v[i]);
        if (p !== null) return within(i, p);
      }
      return null;
    });
  }
  if (Array.isArray(s["allOf"])) for (const part of s["allOf"] as Schema[]) checks.push(compile(part, ref));
  if (Array.isArray(s["anyOf"])) checks.push(alternatives(s["anyOf"] as Schema[], ref, false));
  if (Array.isArray(s["oneOf"])) checks.push(alternatives(s["oneOf"] as Schema[], ref, true));
  if (checks.length === 1) return checks[0]!;
  return (v) => {
    for (const check of checks) {
      const p = check(v);
      if (p !== null) return p;
    }
    return null;
  };
}

function typeCheck(type: string | readonly string[]): Check {
  const types = typeof type === "string" ? [type] : type;
  const is = types.map((t): ((v: unknown) => boolean) => {
    switch (t) {
      case "null":
        return (v) => v === null;
      case "boolean":
        return (v) => typeof v === "boolean";
      case "string":
        return (v) => typeof v === "string";
      case "number":
        return (v) => typeof v === "number" && Number.isFinite(v);
      case "integer":
        return (v) => Number.isInteger(v);
      case "array":
        return (v) => Array.isArray(v);
      case "object":
        return (v) => v !== null && typeof v === "object" && !Array.isArray(v);
      default:
        throw new Error(`type ${t} is not supported`);
    }
  });
  const message = `must be ${types.join(",")}`;
  if (is.length === 1) {
    const only = is[0]!;
    return (v) => (only(v) ? null : fail(message));
  }
  return (v) => (is.some((f) => f(v)) ? null : fail(message));
}

function objectCheck(s: { readonly [keyword: string]: unknown }, ref: (name: string) => Check): Check {
  const properties = Object.entries((s["properties"] ?? {}) as Record<string, Schema>).map(([name, p]) => [name, compile(p, ref)] as const);
  const known = new Set(properties.map(([name]) => name));
  const required = (s["required"] ?? []) as readonly string[];
  const extra = s["additionalProperties"];
  const extraCheck = extra === undefined || extra === true ? null : extra === false ? false : compile(extra as Schema, ref);
  return (v) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return null;
    const o = v as Readonly<Record<string, unknown>>;
    for (const name of required) if (!Object.hasOwn(o, name)) return fail(`must have required property '${name}'`);
    for (const [name, check] of properties) {
      if (!Object.hasOwn(o, name)) continue;
      const p = check(o[name]);
      if (p !== null) return within(name, p);
    }
    if (extraCheck !== null) {
      for (const name of Object.keys(o)) {
        if (known.has(name)) continue;
        if (extraCheck === false) return fail(`must NOT have additional property '${name}'`);
        const p = extraCheck(o[name]);
        if (p !== null) return within(name, p);
      }
    }
    return null;
  };
}

/**
 * anyOf (at least one matches) or oneOf (exactly one). When the value fails
 * them all, the problem told is that of the alternative its `kind` names, if
 * one does: "the pod line's rows.lo[3] must be integer", not "matches none".
 */
function alternatives(options: readonly Schema[], ref: (name: string) => Check, exactlyOne: boolean): Check {
  const checks = options.map((o) => compile(o, ref));
  const kinds = options.map(kindsOf);
  return (v) => {
    let matched = 0;
    const problems: Problem[] = [];
    for (const check of checks) {
      const p = check(v);
      if (p === null) {
        matched++;
        if (!exactlyOne) return null;
      } else problems.push(p);
    }
    if (matched === 1 || (matched > 1 && !exactlyOne)) return null;
    if (matched > 1) return fail("must match exactly one schema in oneOf");
    const kind = v !== null && typeof v === "object" ? (v as { kind?: unknown }).kind : undefined;
    const named = kinds.findIndex((k) => k?.includes(kind) === true);
    if (named >= 0) return problems[named]!;
    return fail(`must match ${exactlyOne ? "exactly one" : "a"} schema in ${exactlyOne ? "oneOf" : "anyOf"}`);
  };
}

/** The `kind` values an alternative allows, or null when it names none. */
function kindsOf(schema: Schema): readonly unknown[] | null {
  if (typeof schema !== "object") return null;
  const kind = (schema["properties"] as Record<string, { const?: unknown; enum?: unknown[] }> | undefined)?.["kind"];
  if (kind === undefined) return null;
  if ("const" in kind) return [kind.const];
  return kind.enum ?? null;
}
