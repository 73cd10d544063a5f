/**
 * The HTML report's script, bundled into the page at build time: makes the
 * tables sortable, draws the timeline of every pod from the `podtrail-data`
 * JSON (virtualised: only the rows in view are in the DOM), sorts and
 * filters it, switches the axis and shows the pod card. Durations come from
 * the text report's own `humanizeMs` and stage names from `STAGE_LABELS`,
 * so page and text agree. Everything lives in `start`: no state outside it.
 */
import type { PageData } from "../pageData.js";
import { makeCard } from "./card.js";
import { decodePods } from "./decode.js";
import { el, need } from "./dom.js";
import { drawAxis, drawRow } from "./draw.js";
import { isEmpty, matches, parseQuery } from "./filter.js";
import { isoTime } from "./isoTime.js";
import { domain, SORTS, toRows, type Mode, type Row, type SortKey } from "./rows.js";
import { readData } from "./readData.js";
import { makeSortable } from "./sortTable.js";
import { virtualRows } from "./virtualRows.js";

const MODES: readonly Mode[] = ["absolute", "aligned"];
const SORT_KEYS: readonly SortKey[] = ["slowest", "created", "name"];

function start(): void {
  document.documentElement.classList.add("js");
  for (const table of document.querySelectorAll<HTMLTableElement>("table.sortable")) makeSortable(table);
  const blob = document.getElementById("podtrail-data");
  const root = document.getElementById("timeline");
  if (!blob || !root) return;
  readData(blob).then(
    (data) => {
      if (data && Array.isArray(data.pods)) timeline(root, data);
    },
    (e: unknown) => {
      const note = el("p", "note", `The timeline cannot be drawn: ${e instanceof Error ? e.message : String(e)}. The tables above need no script.`);
      root.insertBefore(note, root.querySelector(".controls"));
    },
  );
}

function timeline(root: HTMLElement, data: PageData): void {
  const rows = toRows(decodePods(data));
  const state: { mode: Mode; sort: SortKey; filter: string } = { mode: "absolute", sort: "slowest", filter: "" };
  const scroller = need(root, ".tl-scroll", HTMLElement);
  const rowsEl = need(root, ".tl-rows", HTMLElement);
  const axis = { title: need(root, ".tl-axis-title", HTMLElement), ticks: need(root, ".tl-axis-ticks", HTMLElement), grid: need(root, ".tl-grid", HTMLElement) };
  const countEl = need(root, ".tl-count", HTMLElement);
  const filter = need(root, ".tl-filter", HTMLInputElement);
  const card = makeCard(need(document, "#tl-tip", HTMLElement), rows, data.origin);
  const list = virtualRows(scroller, rowsEl);
  const originIso = isoTime(data.origin);
  // Each order is sorted once, on first use; filtering keeps it.
  const orders = new Map<SortKey, readonly Row[]>();
  const ordered = (key: SortKey): readonly Row[] => {
    let rowsInOrder = orders.get(key);
    if (rowsInOrder === undefined) {
      rowsInOrder = [...rows].sort(SORTS[key]);
      orders.set(key, rowsInOrder);
    }
    return rowsInOrder;
  };

  const render = (keepScroll: boolean): void => {
    const query = parseQuery(state.filter);
    const all = ordered(state.sort);
    const shown = isEmpty(query) ? all : all.filter((r) => matches(query, r.search));
    const dom = domain(shown, state.mode, data.end);
    drawAxis(axis, dom, state.mode, originIso);
    if (!keepScroll) card.hide(true);
    list.show(
      shown,
      (row) => {
        const e = drawRow(row, dom, state.mode);
        if (card.pinnedIdx() === String(row.idx)) e.classList.add("pinned");
        return e;
      },
      keepScroll,
    );
    // The axis and the grid leave room for the list's scroll bar, so that ticks stand over the bars.
    root.style.setProperty("--sb", `${scroller.offsetWidth - scroller.clientWidth}px`);
    const n = rows.length;
    countEl.textContent = shown.length === n ? `${count(n)} pod${n === 1 ? "" : "s"}` : `${count(shown.length)} of ${count(n)} pods match`;
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
  // The rows under a hovered card move away on a scroll: the card goes with them, unless pinned.
  scroller.addEventListener("scroll", () => card.hide(false), { passive: true });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") card.hide(true);
  });

  bindGroup(root, "mode", MODES, (mode) => {
    state.mode = mode;
    render(true);
  });
  bindGroup(root, "sort", SORT_KEYS, (sort) => {
    state.sort = sort;
    render(false);
  });
  let pending = 0;
  filter.addEventListener("input", () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(() => {
      state.filter = filter.value;
      render(false);
    }, 120);
  });
  // "Show in the timeline" buttons of the tables above: they fill in the filter.
  document.addEventListener("click", (e) => {
    const button = e.target instanceof Element ? e.target.closest<HTMLElement>("button[data-filter]") : null;
    if (!button) return;
    window.clearTimeout(pending);
    filter.value = button.dataset["filter"] ?? "";
    state.filter = filter.value;
    render(false);
    root.scrollIntoView({ block: "start" });
  });
  root.classList.add("ready");
  render(false);
}

/** `20,000`. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
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
