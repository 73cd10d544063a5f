/**
 * A stage's distribution as a small bar chart in the stage table: one bar per
 * bucket of the axis all stages share (histogram.ts `sharedAxis`, the
 * buckets of docs/spec.md §7.1), its height the count relative to the
 * stage's fullest bucket in the eight steps of the text report's sparkline.
 * Static HTML: it needs no script.
 */
import type { HistogramBucket } from "../../types.js";
import { axisBuckets, axisLegend, edgeLabel } from "../histogram.js";
import { escapeHtml as esc } from "./escape.js";

type Axis = { readonly first: number; readonly last: number };

const LEVELS = 8;

/** `1s–2s`, `0–100ms`, `1d and more`. */
export function bucketLabel(b: HistogramBucket): string {
  const from = b.fromMs === 0 ? "0" : edgeLabel(b.fromMs);
  return b.toMs === null ? `${from} and more` : `${from}–${edgeLabel(b.toMs)}`;
}

export function histogramChart(h: readonly HistogramBucket[], axis: Axis): string {
  if (h.length === 0) return "";
  const buckets = axisBuckets(h, axis);
  const max = Math.max(...buckets.map((b) => b.count));
  const bars = buckets
    .map((b) => {
      const level = b.count === 0 ? 0 : Math.max(1, Math.ceil((b.count / max) * LEVELS));
      return `<span class="hb${level === 0 ? " empty" : ""}" style="height:${(level / LEVELS) * 100}%" title="${esc(`${bucketLabel(b)}: ${b.count} pod${b.count === 1 ? "" : "s"}`)}"></span>`;
    })
    .join("");
  const said = buckets.filter((b) => b.count > 0).map((b) => `${bucketLabel(b)}: ${b.count}`);
  return `<span class="hist" role="img" aria-label="${esc(`Distribution: ${said.join(", ")}`)}">${bars}</span>`;
}

/** Under the table: what the bars stand for, in the text report's words. */
export function histogramLegend(axis: Axis): string {
  return `Distribution: ${esc(axisLegend(axis).replace(/^one column/, "one bar"))}; a bar's height is its share of the stage's fullest bucket (hover it for the count).`;
}
