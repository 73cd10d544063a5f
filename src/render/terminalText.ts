/**
 * Text from an input, made safe to show to a person: every control character
 * (C0 U+0000-U+001F, DEL U+007F, C1 U+0080-U+009F) is written as a visible
 * escape, the way Go's `%q` writes it: `\t` `\n` `\r` `\a` `\b` `\f` `\v`,
 * `\x1b` for the other C0 characters and DEL, `\u009b` for C1. Nothing else
 * changes: a backslash stays one backslash, so the escape is for reading,
 * not reversible (as kubectl's own escaping of terminal characters is not).
 *
 * A capture is untrusted text: a pod name, an event message or a file name
 * could clear the screen (`ESC[2J`), hide text (`ESC[8m`), set the window
 * title (OSC 0), write the clipboard (OSC 52), move the cursor back over
 * earlier output, or fake table rows with a newline. C1 characters count
 * too: some terminals act on U+009B (CSI) even UTF-8 encoded.
 *
 * No Node import: the HTML page's script may bundle it.
 */
export function terminalText(s: string): string {
  return HAS_CONTROL.test(s) ? s.replace(CONTROLS, escapeControl) : s;
}

/** True when `s` holds a character `terminalText` escapes. */
export function hasControl(s: string): boolean {
  return HAS_CONTROL.test(s);
}

// Not global: a global regex keeps `lastIndex` between calls. `replace` resets the global one itself.
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

const NAMED: Readonly<Record<string, string>> = {
  "\u0007": "\\a",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\u000b": "\\v",
  "\f": "\\f",
  "\r": "\\r",
};

function escapeControl(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x80 ? `\\x${hex(code)}` : `\\u00${hex(code)}`);
}

function hex(code: number): string {
  return code.toString(16).padStart(2, "0");
}
