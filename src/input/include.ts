import { segmentRegExp } from "./glob.js";

/** Whether a path (inside a directory or an archive, `/`-separated) is selected. */
export type IncludeMatcher = (path: string) => boolean;

/**
 * `--include` patterns (docs/spec.md §1.1) as one matcher: a path is read when
 * any pattern matches it; with no pattern every path is. A pattern without a
 * `/` matches a file's name at any depth (`*.yaml`); one with a `/` matches the
 * whole path below the directory or archive it was found in, `**` standing for
 * any number of directories (`**\/core/pods.yaml`).
 */
export function includes(patterns: readonly string[]): IncludeMatcher {
  if (patterns.length === 0) return () => true;
  const matchers = patterns.map(pathMatcher);
  return (path) => matchers.some((m) => m(path));
}

function pathMatcher(pattern: string): IncludeMatcher {
  const segments = pattern.split("/").filter((s) => s !== "" && s !== ".");
  if (!pattern.includes("/")) {
    const name = segmentRegExp(pattern);
    return (path) => name.test(path.slice(path.lastIndexOf("/") + 1));
  }
  const parts = segments.map((s) => (s === "**" ? null : segmentRegExp(s)));
  return (path) => matchFrom(parts, 0, path.split("/").filter((s) => s !== ""), 0);
}

function matchFrom(parts: readonly (RegExp | null)[], p: number, names: readonly string[], n: number): boolean {
  if (p === parts.length) return n === names.length;
  const part = parts[p]!;
  if (part === null) {
    for (let k = n; k <= names.length; k++) if (matchFrom(parts, p + 1, names, k)) return true;
    return false;
  }
  return n < names.length && part.test(names[n]!) && matchFrom(parts, p + 1, names, n + 1);
}
