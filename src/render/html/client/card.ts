/**
 * The pod card: every timestamp, stage, failure and container of the row under
 * the pointer or focus; a click (or Enter) pins it until the row is clicked
 * again or Esc is pressed.
 */
import { STAGES, TIMESTAMP_NAMES } from "../../../types.js";
import { humanizeMs, humanizeOffsetMs } from "../../humanize.js";
import { STAGE_LABELS } from "../../stageFacts.js";
import type { TimelinePod } from "../pageData.js";
import { el, isNum } from "./dom.js";
import type { Row } from "./rows.js";

export interface Card {
  /** Shows the card of the row at the pointer (x, y), unless a card is pinned. */
  show(rowEl: HTMLElement, x: number, y: number): void;
  /** Hides the card; a pinned one only when `force`, which also unpins it. */
  hide(force: boolean): void;
  /** Pins the row's card, or unpins it when it is the pinned one. */
  togglePin(rowEl: HTMLElement, x: number, y: number): void;
  readonly pinned: () => HTMLElement | null;
}

export function makeCard(tip: HTMLElement, rows: readonly Row[]): Card {
  let pinned: HTMLElement | null = null;

  const rowAt = (rowEl: HTMLElement): Row | undefined => rows[Number(rowEl.dataset["idx"])];

  const show = (rowEl: HTMLElement, x: number, y: number): void => {
    const row = rowAt(rowEl);
    if (row === undefined) return;
    if (tip.dataset["idx"] !== rowEl.dataset["idx"] || tip.hidden) {
      tip.dataset["idx"] = rowEl.dataset["idx"] ?? "";
      fill(tip, row.pod, pinned !== null);
    }
    tip.hidden = false;
    place(tip, x, y);
  };

  const hide = (force: boolean): void => {
    if (pinned && !force) return;
    if (pinned) {
      pinned.classList.remove("pinned");
      pinned = null;
    }
    tip.hidden = true;
    delete tip.dataset["idx"];
  };

  const togglePin = (rowEl: HTMLElement, x: number, y: number): void => {
    if (pinned === rowEl) {
      hide(true);
      return;
    }
    hide(true);
    pinned = rowEl;
    rowEl.classList.add("pinned");
    show(rowEl, x, y);
  };

  return { show, hide, togglePin, pinned: () => pinned };
}

function kv(dl: HTMLElement, k: string, v: string | null): void {
  if (v === null || v === "") return;
  dl.appendChild(el("dt", null, k));
  dl.appendChild(el("dd", null, v));
}

function fill(tip: HTMLElement, p: TimelinePod, pinned: boolean): void {
  tip.textContent = "";
  const h = el("div", "tip-title");
  h.appendChild(el("span", "ns", `${p.ns}/`));
  h.appendChild(el("strong", null, p.name));
  tip.appendChild(h);
  const sub = el("div", "tip-sub");
  sub.appendChild(el("span", `badge outcome-${p.outcome}`, p.outcome));
  if (p.stuckIn) sub.appendChild(el("span", "stuck", `stuck in ${p.stuckIn}`));
  if (p.partial) sub.appendChild(el("span", "chip partial", "partial: seen late"));
  tip.appendChild(sub);
  const meta = el("dl", "tip-kv");
  kv(meta, "node", p.node);
  kv(meta, "owner", p.owner);
  if (meta.childNodes.length) tip.appendChild(meta);

  const cols = el("div", "tip-cols");
  const times = el("div");
  times.appendChild(el("div", "tip-h", "Timestamps"));
  const tdl = el("dl", "tip-kv");
  const created = p.t.created;
  for (const n of TIMESTAMP_NAMES) {
    const iso = p.iso[n];
    const t = p.t[n];
    if (iso === null) continue;
    kv(tdl, n, isNum(created) && isNum(t) && n !== "created" ? `${iso}  (${humanizeOffsetMs(t - created)})` : iso);
  }
  if (!tdl.childNodes.length) kv(tdl, "", "none known");
  times.appendChild(tdl);
  cols.appendChild(times);
  const stages = el("div");
  stages.appendChild(el("div", "tip-h", "Stages"));
  const sdl = el("dl", "tip-kv num");
  for (const s of STAGES) kv(sdl, STAGE_LABELS[s], humanizeMs(p.d[s]));
  stages.appendChild(sdl);
  cols.appendChild(stages);
  tip.appendChild(cols);

  if (p.failures.length) {
    tip.appendChild(el("div", "tip-h", "Failures"));
    const ul = el("ul", "tip-fail");
    for (const f of p.failures) {
      const li = el("li");
      const head = el("div");
      head.appendChild(el("span", `marker-failure cat-${f.category}`, "◆ "));
      head.appendChild(el("strong", null, f.reason));
      head.appendChild(el("span", null, ` ×${f.count}${f.container ? ` · ${f.container}` : ""} · ${f.category}${f.exitCodes.length ? ` · exit ${f.exitCodes.join(", ")}` : ""}`));
      li.appendChild(head);
      if (f.firstIso) li.appendChild(el("div", "muted", f.firstIso + (f.lastIso && f.lastIso !== f.firstIso ? ` → ${f.lastIso}` : "")));
      if (f.message) li.appendChild(el("div", "msg", f.message.length > 400 ? `${f.message.slice(0, 400)}…` : f.message));
      ul.appendChild(li);
    }
    tip.appendChild(ul);
  }
  if (p.containers.length) {
    tip.appendChild(el("div", "tip-h", "Containers"));
    const cu = el("ul", "tip-cont");
    for (const c of p.containers) {
      const bits = [c.name + (c.init ? " (init)" : "")];
      if (c.image) bits.push(c.image);
      if (c.cached) bits.push("image cached");
      else if (c.pullMs !== null) bits.push(`pull ${humanizeMs(c.pullMs)}`);
      if (c.restarts) bits.push(`${c.restarts} restart${c.restarts === 1 ? "" : "s"}`);
      cu.appendChild(el("li", null, bits.join(" · ")));
    }
    tip.appendChild(cu);
  }
  tip.appendChild(el("div", "tip-foot", pinned ? "Pinned: click the row again or press Esc to close" : "Click to pin"));
}

/** Beside the pointer, inside the viewport. */
function place(tip: HTMLElement, x: number, y: number): void {
  const pad = 14;
  const w = tip.offsetWidth;
  const h = tip.offsetHeight;
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const left = x + pad + w > vw ? Math.max(4, x - pad - w) : x + pad;
  // Below the pointer, else above it, else as low as fits: never over the row being read.
  const top = y + pad + h <= vh ? y + pad : y - pad - h >= 4 ? y - pad - h : Math.max(4, vh - h - 4);
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}
