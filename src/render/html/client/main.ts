/**
 * The HTML report's script, bundled into the page at build time: draws the
 * timeline from the `podtrail-data` JSON, sorts, filters, switches the axis
 * and shows the pod card. Durations come from the text report's own
 * `humanizeMs` and stage names from `STAGE_LABELS`, so page and text agree.
 */
import type { TimelineData } from "../pageData.js";
import { makeCard } from "./card.js";
import { need } from "./dom.js";
import { drawAxis, drawRow } from "./draw.js";
import { domain, SORTS, toRows, type Mode, type Row, type SortKey } from "./rows.js";

const MODES: readonly Mode[] = ["absolute", "aligned"];
const SORT_KEYS: readonly SortKey[] = ["slowest", "created", "name"];

function start(): void {
  const blob = document.getElementById("podtrail-data");
  const root = document.getElementById("timeline");
  if (!blob || !root) return;
  const data = JSON.parse(blob.textContent || "null") as TimelineData | null;
  if (!data?.pods) return;

  const rows = toRows(data.pods);
  const state: { mode: Mode; sort: SortKey; filter: string } = { mode: "absolute", sort: "slowest", filter: "" };
  const rowsEl = need(root, ".tl-rows", HTMLElement);
  const axis = { title: need(root, ".tl-axis-title", HTMLElement), ticks: need(root, ".tl-axis-ticks", HTMLElement), grid: need(root, ".tl-grid", HTMLElement) };
  const countEl = need(root, ".tl-count", HTMLElement);
  const filter = need(root, ".tl-filter", HTMLInputElement);
  const card = makeCard(need(document, "#tl-tip", HTMLElement), rows);

  const render = (): void => {
    const q = state.filter.trim().toLowerCase();
    const shown: Row[] = rows.filter((r) => q === "" || r.search.includes(q)).sort(SORTS[state.sort]);
    const dom = domain(shown, state.mode, data.spanEnd);
    drawAxis(axis, dom, state.mode, data.originIso);
    const frag = document.createDocumentFragment();
    for (const row of shown) frag.appendChild(drawRow(row, dom, state.mode));
    rowsEl.textContent = "";
    rowsEl.appendChild(frag);
    const n = rows.length;
    countEl.textContent = shown.length === n ? `${n} pod${n === 1 ? "" : "s"}` : `${shown.length} of ${n} pods match`;
    card.hide(true);
  };

  const rowOf = (target: EventTarget | null): HTMLElement | null => (target instanceof Element ? target.closest<HTMLElement>(".tl-row") : null);

  rowsEl.addEventListener("mousemove", (e) => {
    if (card.pinned()) return;
    const row = rowOf(e.target);
    if (row) card.show(row, e.clientX, e.clientY);
    else card.hide(false);
  });
  rowsEl.addEventListener("mouseleave", () => card.hide(false));
  rowsEl.addEventListener("focusin", (e) => {
    const row = rowOf(e.target);
    if (!row || card.pinned()) return;
    const r = row.getBoundingClientRect();
    card.show(row, r.left + 200, r.bottom);
  });
  rowsEl.addEventListener("focusout", () => card.hide(false));
  rowsEl.addEventListener("click", (e) => {
    const row = rowOf(e.target);
    if (row) card.togglePin(row, e.clientX, e.clientY);
  });
  rowsEl.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    const row = rowOf(e.target);
    if (!row) return;
    e.preventDefault();
    const r = row.getBoundingClientRect();
    row.dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: r.left + 200, clientY: r.bottom }));
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") card.hide(true);
  });

  bindGroup(root, "mode", MODES, (mode) => {
    state.mode = mode;
    render();
  });
  bindGroup(root, "sort", SORT_KEYS, (sort) => {
    state.sort = sort;
    render();
  });
  let pending = 0;
  filter.addEventListener("input", () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(() => {
      state.filter = filter.value;
      render();
    }, 120);
  });
  root.classList.add("ready");
  render();
}

/** A group of toggle buttons (`data-<attr>="value"`): one pressed at a time. */
function bindGroup<V extends string>(root: HTMLElement, attr: string, values: readonly V[], choose: (value: V) => void): void {
  const buttons = root.querySelectorAll<HTMLButtonElement>(`button[data-${attr}]`);
  for (const b of buttons) {
    b.addEventListener("click", () => {
      const value = values.find((v) => v === b.getAttribute(`data-${attr}`));
      if (value === undefined) return;
      for (const o of buttons) o.setAttribute("aria-pressed", String(o === b));
      choose(value);
    });
  }
}

start();
