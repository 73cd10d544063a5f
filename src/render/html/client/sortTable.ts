/**
 * Sortable tables: every `th[data-sort]` of a `table.sortable` gets a button
 * (so a keyboard reaches it and Enter or Space sorts) that sorts the body's
 * rows by that column, numbers largest first and text A to Z on the first
 * press, the other way on the next. The sorted column says so in
 * `aria-sort`. A cell's `data-v` is its value (milliseconds for a duration,
 * empty for none: always last); else its text.
 */
import { el } from "./dom.js";

const collator = new Intl.Collator("en", { numeric: true });

export function makeSortable(table: HTMLTableElement): void {
  const headers = [...table.querySelectorAll<HTMLTableCellElement>("thead th[data-sort]")];
  const body = table.tBodies[0];
  if (body === undefined) return;
  for (const th of headers) {
    const button = el("button", "sort");
    button.type = "button";
    while (th.firstChild) button.appendChild(th.firstChild);
    button.appendChild(el("span", "sort-mark"));
    button.setAttribute("aria-label", `${button.textContent ?? ""}: sort`.replace(/\s+/g, " "));
    th.appendChild(button);
    button.addEventListener("click", () => {
      const numeric = th.dataset["sort"] === "num";
      const current = th.getAttribute("aria-sort");
      const descending = current === null || current === "none" ? numeric : current === "ascending";
      for (const other of headers) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      sortBody(body, th.cellIndex, numeric, descending);
    });
  }
}

function sortBody(body: HTMLTableSectionElement, column: number, numeric: boolean, descending: boolean): void {
  const value = (row: HTMLTableRowElement): string | null => {
    const cell = row.cells[column];
    if (cell === undefined) return null;
    const v = cell.dataset["v"] ?? cell.textContent?.trim() ?? "";
    return v === "" || v === "-" ? null : v;
  };
  const keyed = [...body.rows].map((row, i) => ({ row, i, v: value(row) }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
    const c = numeric ? Number(a.v) - Number(b.v) : collator.compare(a.v, b.v);
    return (descending ? -c : c) || a.i - b.i;
  });
  body.append(...keyed.map((k) => k.row));
}
