import { isUtf8 } from "node:buffer";
import type { InputFormat } from "../types.js";

/** What an input that held no pod or event looks like (docs/spec.md §1.6). */
export interface ContentDescription {
  /** One line, as `InputSummary.looksLike` carries it. */
  readonly text: string;
  /**
   * The input is in a capture format (JSON, YAML) that just held no pod or
   * event: its warnings stay. Otherwise (text, a script, binary data) they
   * say only that it is not a capture, and the description replaces them.
   */
  readonly captureFormat: boolean;
}

const TABLE = [
  // kubectl get pods / -o wide / -A; kubectl get events; kubectl events
  /^(?:NAMESPACE\s{2,})?NAME\s{2,}(?:READY|STATUS|AGE|TYPE|DATA|STATUS)\b/m,
  /^(?:NAMESPACE\s{2,})?LAST SEEN\s{2,}TYPE\s{2,}REASON\b/m,
  /^(?:NAMESPACE\s{2,})?LASTSEEN\s{2,}FIRSTSEEN\s{2,}/m,
];
const DESCRIBE_NAME = /^Name:\s{2,}\S/m;
const DESCRIBE_MORE = /^(?:Namespace|Labels|Annotations|Status|Node|Priority|Containers|Events):(?:\s{2,}\S|\s*$)/m;
const NOTHING_FOUND = /^No (?:resources|events) found\b/m;

/**
 * Says in one line what an input is, from its first bytes (`sample`), the
 * format its decoder saw and its size: called for inputs that held no pod
 * or event. Kubectl's human output is named with the way to capture
 * instead; a JSON or YAML input is said to hold no Pod or Event.
 */
export function describeContent(sample: Buffer, format: InputFormat | null, bytes: number, damaged = false): ContentDescription {
  if (bytes === 0) return damaged ? { text: "a damaged compressed stream: nothing could be inflated", captureFormat: true } : { text: "empty file", captureFormat: false };
  const text = sample.toString("utf8");
  const first = /\S/.exec(text.replace(/^\ufeff/, ""))?.[0];
  // JSON cut or damaged before its first record: its warnings say what happened.
  if (format === null && (first === "{" || first === "[")) return { text: "JSON, but no complete record", captureFormat: true };
  if (bytes <= sample.length && text.trim() === "") return { text: "empty file (blank lines only)", captureFormat: false };
  if (TABLE.some((t) => t.test(text))) return { text: "looks like kubectl table output: capture with -o json", captureFormat: false };
  if (DESCRIBE_NAME.test(text) && DESCRIBE_MORE.test(text)) return { text: "looks like kubectl describe text: capture with kubectl get -o json", captureFormat: false };
  if (NOTHING_FOUND.test(text)) return { text: "looks like kubectl output that found nothing", captureFormat: false };
  if (format === "yaml") return { text: "YAML, but no Pod or Event", captureFormat: true };
  if (format !== null) return { text: "JSON, but no Pod or Event", captureFormat: true };
  if (text.startsWith("#!")) return { text: "looks like a script, not a capture", captureFormat: false };
  // A cut in the middle of a character at the sample's end is not binary data.
  if (sample.includes(0) || !isUtf8(sample.subarray(0, Math.max(0, sample.length - 3)))) return { text: "looks like binary data, not a capture", captureFormat: false };
  return { text: "looks like text, not a capture", captureFormat: false };
}
