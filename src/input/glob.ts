import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { compareText } from "../compareText.js";

/** True when `pattern` holds a glob metacharacter (`*`, `?`, `[`). */
export function hasGlobMagic(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/**
 * Expands a glob pattern (`*`, `?`, `[...]`, `**` as a whole segment) over the
 * file system. Paths are returned as the pattern spells them (relative stays
 * relative), sorted by code units so the order does not depend on the locale.
 * Hidden entries (leading `.`) match only a segment that itself starts with `.`.
 * Matches may be files or directories; the caller decides what to do with them.
 */
export async function expandGlob(pattern: string): Promise<string[]> {
  const absolute = pattern.startsWith("/");
  const segments = pattern.split("/").filter((segment) => segment !== "" && segment !== ".");
  const found = new Set<string>();
  await walk(absolute ? "/" : "", segments, 0, found);
  return [...found].sort(compareText);
}

async function walk(prefix: string, segments: readonly string[], index: number, found: Set<string>): Promise<void> {
  const segment = segments[index];
  if (segment === undefined) {
    if (prefix !== "") found.add(prefix);
    return;
  }
  const dir = prefix === "" ? "." : prefix;
  if (segment === "**") {
    await walk(prefix, segments, index + 1, found);
    for (const entry of await listDirectories(dir)) {
      if (!entry.startsWith(".")) await walk(join(prefix, entry), segments, index, found);
    }
    return;
  }
  if (!hasGlobMagic(segment)) {
    const path = prefix === "" ? segment : join(prefix, segment);
    if (await exists(path)) await walk(path, segments, index + 1, found);
    return;
  }
  const matcher = segmentRegExp(segment);
  for (const entry of await listEntries(dir)) {
    if (entry.startsWith(".") && !segment.startsWith(".")) continue;
    if (matcher.test(entry)) await walk(prefix === "" ? entry : join(prefix, entry), segments, index + 1, found);
  }
}

/** One path segment of a glob as an anchored regular expression. */
export function segmentRegExp(segment: string): RegExp {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i]!;
    if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close < 0) {
        source += "\\[";
        continue;
      }
      let body = segment.slice(i + 1, close);
      if (body.startsWith("!")) body = `^${body.slice(1)}`;
      source += `[${body.replace(/\\/g, "\\\\")}]`;
      i = close;
    } else source += char.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "u");
}

async function listEntries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort(compareText);
  } catch {
    return [];
  }
}

/** Real subdirectories only: `**` does not follow symbolic links, so a link loop cannot trap it. */
async function listDirectories(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort(compareText);
  } catch {
    return [];
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
