/** Escaping for the HTML report: text and attribute values, and JSON inside a script element. */
import { terminalText } from "../terminalText.js";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for an HTML text node or a quoted attribute value; control
 * characters are shown as `terminalText` shows them (the page is also read
 * with `cat` and `less`, and a browser would hide them).
 */
export function escapeHtml(value: string | number): string {
  return terminalText(String(value)).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON for a `<script type="application/json">` element. Every `<`, `>` and `&`
 * becomes a `\u` escape, so no `</script>`, `<!--` or `<script` sequence can end
 * or re-open the element early, whatever pod names and messages hold; U+2028/9
 * too, so the text is also a valid JavaScript literal; DEL and C1 controls
 * too (JSON.stringify escapes only C0), so the file holds no raw control
 * character. `JSON.parse` reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
