/**
 * The timeline's rows, virtualised: the list is as tall as all its rows, but
 * only those in view (and a few around them) are in the DOM, so 20,000 pods
 * cost what 60 do. Rows have one height; each row says its position in the
 * whole list (aria-posinset, aria-setsize). One row is a tab stop; arrows,
 * Page Up/Down, Home and End move between rows, drawing them as needed.
 */
import type { Row } from "./rows.js";

/** Every row's height in CSS pixels (style.css `.tl-row`). */
export const ROW_HEIGHT = 26;
const OVERSCAN = 10;

export interface VirtualRows {
  /** Shows these rows, drawn by `draw`; from the top unless `keepScroll`. */
  show(rows: readonly Row[], draw: (row: Row) => HTMLElement, keepScroll: boolean): void;
  /** Draws the rows now in view: after a scroll or a resize. */
  refresh(): void;
  /** Scrolls the row at a position into view and focuses it. */
  focusAt(pos: number): void;
}

export function virtualRows(scroller: HTMLElement, list: HTMLElement): VirtualRows {
  let rows: readonly Row[] = [];
  let draw: (row: Row) => HTMLElement = () => document.createElement("div");
  const drawn = new Map<number, HTMLElement>();
  let active = 0;

  const make = (pos: number): HTMLElement => {
    const el = draw(rows[pos]!);
    el.style.top = `${pos * ROW_HEIGHT}px`;
    el.dataset["pos"] = String(pos);
    el.setAttribute("aria-posinset", String(pos + 1));
    el.setAttribute("aria-setsize", String(rows.length));
    if (pos % 2 === 1) el.classList.add("alt");
    return el;
  };

  const tabStops = (): void => {
    const stop = drawn.has(active) ? active : Math.min(...drawn.keys());
    for (const [pos, el] of drawn) el.tabIndex = pos === stop ? 0 : -1;
  };

  const refresh = (): void => {
    const top = scroller.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(rows.length - 1, Math.ceil((top + scroller.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    for (const [pos, el] of drawn) {
      if (pos >= first && pos <= last) continue;
      el.remove();
      drawn.delete(pos);
    }
    // The drawn rows stay one run in document order: new ones go before the first or after the last.
    const head = list.firstElementChild;
    const lowest = drawn.size === 0 ? Infinity : Math.min(...drawn.keys());
    for (let pos = first; pos <= last; pos++) {
      if (drawn.has(pos)) continue;
      const el = make(pos);
      if (pos < lowest && head !== null) list.insertBefore(el, head);
      else list.appendChild(el);
      drawn.set(pos, el);
    }
    if (drawn.size > 0) tabStops();
  };

  let frame = 0;
  const later = (): void => {
    if (frame !== 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      refresh();
    });
  };
  scroller.addEventListener("scroll", later, { passive: true });
  window.addEventListener("resize", later);
  list.addEventListener("focusin", (e) => {
    const pos = e.target instanceof HTMLElement ? Number(e.target.dataset["pos"]) : NaN;
    if (Number.isInteger(pos)) {
      active = pos;
      tabStops();
    }
  });

  const focusAt = (pos: number): void => {
    const target = Math.max(0, Math.min(rows.length - 1, pos));
    if (target * ROW_HEIGHT < scroller.scrollTop) scroller.scrollTop = target * ROW_HEIGHT;
    else if ((target + 1) * ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = (target + 1) * ROW_HEIGHT - scroller.clientHeight;
    refresh();
    active = target;
    drawn.get(target)?.focus({ preventScroll: true });
  };

  list.addEventListener("keydown", (e) => {
    const pos = e.target instanceof HTMLElement ? Number(e.target.dataset["pos"]) : NaN;
    if (!Number.isInteger(pos)) return;
    const page = Math.max(1, Math.floor(scroller.clientHeight / ROW_HEIGHT) - 1);
    const moves: Readonly<Record<string, number>> = { ArrowDown: pos + 1, ArrowUp: pos - 1, PageDown: pos + page, PageUp: pos - page, Home: 0, End: rows.length - 1 };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    focusAt(to);
  });

  return {
    show(next, drawRow, keepScroll) {
      rows = next;
      draw = drawRow;
      for (const el of drawn.values()) el.remove();
      drawn.clear();
      list.textContent = "";
      list.style.height = `${rows.length * ROW_HEIGHT}px`;
      if (!keepScroll) {
        scroller.scrollTop = 0;
        active = 0;
      }
      active = Math.min(active, Math.max(0, rows.length - 1));
      refresh();
    },
    refresh,
    focusAt,
  };
}
