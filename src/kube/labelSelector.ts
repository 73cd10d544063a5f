import { UserError } from "../errors.js";

type Requirement =
  | { readonly op: "=" | "!="; readonly key: string; readonly value: string }
  | { readonly op: "in" | "notin"; readonly key: string; readonly values: readonly string[] }
  | { readonly op: "exists" | "!exists"; readonly key: string };

/** A parsed kubectl label selector: requirements that must all hold. */
export type LabelSelector = readonly Requirement[];

const KEY = "[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?";
const VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?";
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^)]*)\\)$`);
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);

/**
 * Parses kubectl's selector syntax: `a=b`, `a==b`, `a!=b`, `a in (x,y)`,
 * `a notin (x)`, `a`, `!a`, joined by commas; `UserError` naming the text and
 * the part that does not parse.
 */
export function parseLabelSelector(text: string): LabelSelector {
  const requirements: Requirement[] = [];
  for (const part of splitTopLevel(text)) {
    const s = part.trim();
    if (s === "") continue;
    let m = SET.exec(s);
    if (m !== null) {
      const values = (m[4] ?? "").split(",").map((v) => v.trim()).filter((v) => v !== "");
      requirements.push({ op: m[3] as "in" | "notin", key: m[1]!, values });
      continue;
    }
    m = EQUALITY.exec(s);
    if (m !== null) {
      requirements.push({ op: m[3] === "!=" ? "!=" : "=", key: m[1]!, value: m[4] ?? "" });
      continue;
    }
    m = EXISTS.exec(s);
    if (m !== null) {
      requirements.push({ op: m[1] === "!" ? "!exists" : "exists", key: m[2]! });
      continue;
    }
    throw new UserError(`'${text}': invalid label selector: cannot parse '${s}'`);
  }
  return requirements;
}

/** True when the labels satisfy every requirement (kubectl semantics: `!=` and `notin` match pods without the key). */
export function matchesSelector(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return selector.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    const value = labels[r.key];
    switch (r.op) {
      case "=":
        return has && value === r.value;
      case "!=":
        return !has || value !== r.value;
      case "in":
        return has && r.values.includes(value!);
      case "notin":
        return !has || !r.values.includes(value!);
      case "exists":
        return has;
      case "!exists":
        return !has;
    }
  });
}

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
