/**
 * Whether an input is YAML, from its first content line (docs/spec.md §1.2):
 * what kubectl, `oc` and YAML emitters start a document with. JSON (a first
 * byte `{` or `[`), text, and lines that only look like a key because a
 * prefix precedes JSON (`event: {...}`) or because they are `kubectl
 * describe` output (`Name:         web-0`, values aligned) are not.
 */

/** How much may precede the first content line (blank lines, comments) before the input is judged not YAML. */
export const DETECT_LIMIT = 64 * 1024;

const KEY = /^(?:[A-Za-z_$][\w.$/-]*|"[^"]*"|'[^']*')([ \t]*):([ \t]*)(.?)/;
const DOC_START = /^---(?:[ \t]|$)/;
const DIRECTIVE = /^%(?:YAML|TAG)[ \t]/;
const ENTRY_OF_MAPPING = /^-[ \t]+(?:[A-Za-z_$][\w.$/-]*|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$)/;

/**
 * True when `head` (the input's first bytes) starts a YAML stream, false when
 * it does not, null when more bytes are needed to tell (`ended`: there are no more).
 */
export function detectYaml(head: Buffer, ended: boolean): boolean | null {
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  let i = bom;
  if (head.length < 3 && !ended) return null;
  for (;;) {
    while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0d || head[i] === 0x0a)) i++;
    if (i >= head.length) return ended || head.length >= DETECT_LIMIT ? false : null;
    const c = head[i];
    if (c === 0x7b || c === 0x5b) return false; // `{` or `[`: JSON
    const newline = head.indexOf(0x0a, i);
    if (newline < 0 && !ended && head.length < DETECT_LIMIT) return null;
    const end = newline < 0 ? head.length : newline;
    const line = head.toString("utf8", lineStart(head, i, bom), end).replace(/\r$/, "");
    if (c === 0x23) {
      // A comment (or a `#!` line): the next line decides.
      if (newline < 0) return false;
      i = newline + 1;
      continue;
    }
    return isYamlStart(line);
  }
}

function lineStart(head: Buffer, i: number, first: number): number {
  let start = i;
  while (start > first && head[start - 1] !== 0x0a) start--;
  return start;
}

function isYamlStart(line: string): boolean {
  if (DOC_START.test(line) || DIRECTIVE.test(line)) return true;
  if (line.startsWith(" ") || line.startsWith("\t")) return false;
  if (ENTRY_OF_MAPPING.test(line)) return true;
  const key = KEY.exec(line);
  if (key === null) return false;
  const [, beforeColon, afterColon, value] = key;
  if (value === undefined || value === "") return true;
  // A prefix before JSON (`event: {...}`) is a log line, not YAML.
  if (value === "{" || value === "[") return false;
  // `kubectl describe` aligns its values in a column: `Name:         web-0`.
  if ((afterColon?.length ?? 0) >= 2 || (beforeColon?.length ?? 0) > 0) return false;
  return afterColon !== "";
}
