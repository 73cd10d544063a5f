/** The HTML report's tables: one builder, so every table sorts, aligns and escapes alike. */
import { humanizeMs } from "../humanize.js";
import { num } from "../keyFindings.js";
import { escapeHtml as esc } from "./escape.js";

export interface Column {
  readonly label: string;
  /** Right-aligned, sorted as a number (the cells' `v`). */
  readonly num?: boolean;
  /** The page's script sorts by this column on a click (default: true). */
  readonly sort?: boolean;
}

export interface Cell {
  /** The cell's content, already escaped. */
  readonly html: string;
  /** The value it sorts by when it is not its text; null for none (sorted last). */
  readonly v?: number | null;
  readonly title?: string;
}

export interface TableOptions {
  /** The column the rows come sorted by, and how: the page says so in `aria-sort`. */
  readonly sortedBy?: { readonly column: number; readonly order: "ascending" | "descending" };
  readonly label: string;
  /** The column whose cells head their rows (`th scope=row`); default 0. */
  readonly rowHeader?: number;
  /** Many rows: the table scrolls in a box of its own, its header staying in view. */
  readonly tall?: boolean;
}

/**
 * A `table.data.sortable`: one cell of each row (the first, or
 * `rowHeader`) is its header (`th scope=row`); the page's script (client/sortTable.ts) makes the headers
 * of sortable columns buttons.
 */
export function dataTable(columns: readonly Column[], rows: readonly (readonly Cell[])[], options: TableOptions): string {
  const head = columns
    .map((c, i) => {
      const sorted = options.sortedBy?.column === i ? ` aria-sort="${options.sortedBy.order}"` : "";
      const sort = c.sort === false ? "" : ` data-sort="${c.num === true ? "num" : "text"}"`;
      return `<th scope="col"${c.num === true ? ` class="num"` : ""}${sort}${sorted}>${esc(c.label)}</th>`;
    })
    .join("");
  const body = rows
    .map((cells) => {
      const tds = cells.map((cell, i) => {
        const head = i === (options.rowHeader ?? 0);
        const tag = head ? `th scope="row"` : "td";
        const cls = columns[i]?.num === true ? ` class="num"` : "";
        const v = cell.v === undefined ? "" : ` data-v="${cell.v === null ? "" : esc(cell.v)}"`;
        const title = cell.title === undefined ? "" : ` title="${esc(cell.title)}"`;
        return `<${tag}${cls}${v}${title}>${cell.html}</${head ? "th" : "td"}>`;
      });
      return `<tr>${tds.join("")}</tr>`;
    })
    .join("\n");
  return `<div class="scroll${options.tall === true ? " tall" : ""}"><table class="data sortable" aria-label="${esc(options.label)}"><thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

/** Escaped text. */
export function text(value: string | number): Cell {
  return { html: esc(value) };
}

/** A count, sorted as a number. */
export function count(n: number): Cell {
  return { html: esc(num(n)), v: n };
}

/** A duration as every report writes it, sorted by its milliseconds; exact milliseconds on hover. */
export function duration(ms: number | null): Cell {
  return ms === null ? { html: "-", v: null } : { html: esc(humanizeMs(ms)), v: Math.round(ms), title: `${Math.round(ms)} ms` };
}

/** A pod's `namespace/name`, as code that may break anywhere (names are long). */
export function podCell(namespace: string, name: string): Cell {
  return { html: `<code class="pod">${esc(`${namespace}/${name}`)}</code>` };
}

/** The timeline filter's word for a whole value of a field (client/filter.ts): `ns=shop`, quoted when the value has spaces. */
export function exactFilter(field: string, value: string): string {
  const word = `${field}=${value.replace(/"/g, "")}`;
  return /\s/.test(word) ? `"${word}"` : word;
}

/** A button that fills in the timeline's filter (shown only when the page's script runs). */
export function filterButton(filter: string, label: string, what: string): string {
  return `<button type="button" class="to-timeline js-only" data-filter="${esc(filter)}" title="${esc(`Show ${what} in the timeline`)}">${esc(label)}</button>`;
}
