/**
 * The timeline's filter: words that must all occur in a pod's search text
 * (any case); `"two words"` for a phrase, `-word` for a word that must not
 * occur. The search text (`searchText`) holds the pod's name and namespace,
 * then `field:value` words and the captured messages, so that
 * `node:ip-10-0-1` or `exit:137` narrow a word to one field and a bare word
 * matches any; `field=value` asks for that whole value (`ns=prod`, not
 * `prod-canary`).
 */
import type { PagePod } from "../pageData.js";

export interface Query {
  readonly all: readonly string[];
  readonly none: readonly string[];
}

/** The fields of the search text, the words `field:value` and `field=value` narrow to. */
export const FIELDS = ["ns", "outcome", "uid", "node", "owner", "stuck", "reason", "category", "exit", "container", "image", "restart", "notready", "cause"] as const;

export function parseQuery(text: string): Query {
  const all: string[] = [];
  const none: string[] = [];
  for (const m of text.toLowerCase().matchAll(/(-?)(?:"([^"]*)"?|(\S+))/g)) {
    const word = m[2] ?? m[3] ?? "";
    if (word === "") continue;
    const eq = word.indexOf("=");
    // A whole value: the word of the search text between its spaces.
    const exact = eq > 0 && (FIELDS as readonly string[]).includes(word.slice(0, eq)) ? ` ${word.slice(0, eq)}:${word.slice(eq + 1)} ` : word;
    (m[1] === "-" ? none : all).push(exact);
  }
  return { all, none };
}

export function isEmpty(q: Query): boolean {
  return q.all.length === 0 && q.none.length === 0;
}

export function matches(q: Query, search: string): boolean {
  for (const w of q.all) if (!search.includes(w)) return false;
  for (const w of q.none) if (search.includes(w)) return false;
  return true;
}

/** Lower-case words of the pod: what the filter searches. */
export function searchText(p: PagePod): string {
  const words = [`${p.ns}/${p.name}`, `ns:${p.ns}`, `outcome:${p.outcome}`];
  const add = (field: string, value: string | number | null): void => {
    if (value !== null) words.push(`${field}:${value}`);
  };
  add("uid", p.uid);
  add("node", p.node);
  add("owner", p.owner);
  add("stuck", p.stuckIn);
  if (p.partial) words.push("partial");
  for (const f of p.failures) {
    add("reason", f.reason);
    add("category", f.category);
    for (const code of f.exitCodes) add("exit", code);
    if (f.message !== null) words.push(f.message);
  }
  for (const c of p.containers) {
    add("container", c.name);
    add("image", c.image);
    for (const r of c.restartReasons) {
      add("restart", r.reason);
      add("exit", r.exitCode);
    }
  }
  const n = p.notReady;
  if (n !== null) {
    add("notready", n.reason);
    add("exit", n.exitCode);
    if (n.message !== null) words.push(n.message);
    if (n.cause !== null) {
      add("cause", n.cause.reason);
      add("exit", n.cause.exitCode);
      if (n.cause.message !== null) words.push(n.cause.message);
    }
  }
  // Spaces at both ends: every word of a field, the last one too, stands between two.
  return ` ${words.join(" ")} `.toLowerCase();
}
