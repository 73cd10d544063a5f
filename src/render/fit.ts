/*
 * Text that fits a terminal's width (docs/spec.md §8.4): long names and
 * messages are cut with an ellipsis, prose is wrapped. Widths are terminal
 * columns: CJK and full-width characters take two. No Node import.
 */

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Terminal columns of `s`. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** `s` cut to `width` columns, its last column an ellipsis when cut. */
export function cutToWidth(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = "";
  let w = 0;
  for (const ch of s) {
    const cw = WIDE.test(ch) ? 2 : 1;
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/**
 * `s` in lines of at most `width` columns, broken at spaces (the spacing
 * within a line kept as it is); lines after the first start with `indent`
 * spaces more than the first's own indentation. A word longer than a line
 * is cut.
 */
export function wrapToWidth(s: string, width: number, indent = 2): string[] {
  if (displayWidth(s) <= width) return [s];
  const lead = /^ */.exec(s)![0];
  const next = `${lead}${" ".repeat(indent)}`;
  const lines: string[] = [];
  let rest = s;
  let prefix = "";
  while (displayWidth(prefix + rest) > width) {
    const room = width - displayWidth(prefix);
    // The last space within the room that is not part of the indentation.
    let cut = -1;
    let w = 0;
    let i = 0;
    for (const ch of rest) {
      w += WIDE.test(ch) ? 2 : 1;
      if (w > room + 1) break;
      if (ch === " " && rest.slice(0, i).trim() !== "") cut = i;
      i += ch.length;
    }
    if (cut <= 0) break;
    lines.push(`${prefix}${rest.slice(0, cut).trimEnd()}`);
    rest = rest.slice(cut).trimStart();
    prefix = next;
  }
  lines.push(`${prefix}${rest}`);
  return lines.map((l) => cutToWidth(l, width));
}
