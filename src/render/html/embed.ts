/**
 * The page's data in its `<script id="podtrail-data">` element: JSON as it
 * is, so that a page of a few thousand pods stays readable (and its golden
 * file reviewable); gzip in base64 above `PLAIN_MAX` characters, which
 * makes a page of 20,000 pods a quarter of the size (the page unpacks it
 * with the browser's DecompressionStream). Either way nothing in it can end
 * the element or run as script: the JSON is escaped by `jsonForScript`,
 * base64 has no `<`.
 */
import { createRequire } from "node:module";
import { lazily } from "../../memo.js";
import { jsonForScript } from "./escape.js";

/**
 * fflate, loaded when a page's data is packed: its top level builds its
 * tables and loads node:worker_threads, which every run paid at start-up
 * when it was imported here (docs/performance.md, 2026-12-04).
 */
const fflate = lazily(() => createRequire(import.meta.url)("fflate") as typeof import("fflate"));

/** Above this much JSON the page's data is packed. */
export const PLAIN_MAX = 1_000_000;

export function embedData(data: unknown): string {
  const json = jsonForScript(data);
  if (json.length <= PLAIN_MAX) return `<script type="application/json" id="podtrail-data">${json}</script>`;
  // mtime 0: the same report gives the same bytes.
  const { gzipSync, strToU8 } = fflate();
  const packed = Buffer.from(gzipSync(strToU8(json), { level: 9, mtime: 0 })).toString("base64");
  return `<script type="application/gzip" data-encoding="base64" id="podtrail-data">${packed}</script>`;
}
