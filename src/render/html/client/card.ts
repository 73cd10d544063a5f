/**
 * The pod card: every timestamp, stage, failure and container of the row under
 * the pointer or focus; a click (or Enter) pins it until the row is clicked
 * again or Esc is pressed.
 */
import { STAGES, TIMESTAMP_NAMES } from "../../../types.js";
import { humanizeMs, humanizeOffsetMs } from "../../humanize.js";
import { boundText, STAGE_LABELS } from "../../stageFacts.js";
import type { PageCause, PagePod } from "../pageData.js";
import { el, isNum } from "./dom.js";
import { isoTime } from "./isoTime.js";
import type { Row } from "./rows.js";

export interface Card {
  /** Shows the card of the row at the pointer (x, y), unless a card is pinned. */
  show(rowEl: HTMLElement, x: number, y: number): void;
  /** Hides the card; a pinned one only when `force`, which also unpins it. */
  hide(force: boolean): void;
  /** Pins the row's card, or unpins it when it is the pinned one. */
  togglePin(rowEl: HTMLElement, x: number, y: number): void;
  readonly pinned: () => HTMLElement | null;
  /** The data index of the pinned row: a row drawn again (virtualised) stays pinned. */
  readonly pinnedIdx: () => string | null;
}

/** `origin`: epoch ms of the data's time 0, to write the pod's times. */
export function makeCard(tip: HTMLElement, rows: readonly Row[], origin: number): Card {
  let pinned: HTMLElement | null = null;
  let pinnedIdx: string | null = null;

  const rowAt = (rowEl: HTMLElement): Row | undefined => rows[Number(rowEl.dataset["idx"])];

  const show = (rowEl: HTMLElement, x: number, y: number): void => {
    const row = rowAt(rowEl);
    if (row === undefined) return;
    if (tip.dataset["idx"] !== rowEl.dataset["idx"] || tip.hidden) {
      tip.dataset["idx"] = rowEl.dataset["idx"] ?? "";
      fill(tip, row.pod, pinned !== null, origin);
    }
    tip.hidden = false;
    place(tip, x, y);
  };

  const hide = (force: boolean): void => {
    if (pinned && !force) return;
    if (pinned) {
      pinned.classList.remove("pinned");
      pinned = null;
      pinnedIdx = null;
    }
    tip.hidden = true;
    delete tip.dataset["idx"];
  };

  const togglePin = (rowEl: HTMLElement, x: number, y: number): void => {
    if (pinned === rowEl || (pinnedIdx !== null && pinnedIdx === rowEl.dataset["idx"])) {
      hide(true);
      return;
    }
    hide(true);
    pinned = rowEl;
    pinnedIdx = rowEl.dataset["idx"] ?? null;
    rowEl.classList.add("pinned");
    show(rowEl, x, y);
  };

  return { show, hide, togglePin, pinned: () => pinned, pinnedIdx: () => pinnedIdx };
}

function kv(dl: HTMLElement, k: string, v: string | null): void {
  if (v === null || v === "") return;
  dl.appendChild(el("dt", null, k));
  dl.appendChild(el("dd", null, v));
}

function fill(tip: HTMLElement, p: PagePod, pinned: boolean, origin: number): void {
  const iso = (t: number): string => isoTime(origin + t);
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
  kv(meta, "uid", p.uid);
  if (p.phases.length) kv(meta, "phases", p.phases.map((e) => `${e.phase}${isNum(e.at) ? ` ${iso(e.at)}` : ""}`).join(" → "));
  if (meta.childNodes.length) tip.appendChild(meta);

  const n = p.notReady;
  if (n !== null) {
    tip.appendChild(el("div", "tip-h", `Not ready at the end${n.wasReady ? " (was Ready before)" : ""}`));
    const box = el("div", "tip-nr");
    const since = isNum(n.since) && isNum(p.end) ? ` · for ${humanizeMs(Math.max(0, p.end - n.since))}` : "";
    box.appendChild(el("strong", null, `${n.reason}${n.exitCode === null ? "" : ` (exit ${n.exitCode})`}${n.container === null ? "" : ` [${n.container}]`}`));
    box.appendChild(el("span", null, since));
    if (n.message) box.appendChild(el("div", "msg", clip(n.message)));
    if (n.cause) box.appendChild(el("div", "msg", `cause: ${clip(causeLine(n.cause, iso))}`));
    tip.appendChild(box);
  }

  const cols = el("div", "tip-cols");
  const times = el("div");
  times.appendChild(el("div", "tip-h", "Timestamps"));
  const tdl = el("dl", "tip-kv");
  const created = p.t.created;
  for (const name of TIMESTAMP_NAMES) {
    const t = p.t[name];
    const before = p.notAfter[name];
    if (isNum(t)) kv(tdl, name, isNum(created) && name !== "created" ? `${iso(t)}  (${humanizeOffsetMs(t - created)})` : iso(t));
    else if (isNum(before)) kv(tdl, name, `≤ ${iso(before)} (before the capture)`);
  }
  if (!tdl.childNodes.length) kv(tdl, "", "none known");
  times.appendChild(tdl);
  cols.appendChild(times);
  const stages = el("div");
  stages.appendChild(el("div", "tip-h", "Stages"));
  const sdl = el("dl", "tip-kv num");
  for (const s of STAGES) {
    const bound = p.bounds[s];
    kv(sdl, STAGE_LABELS[s], isNum(p.d[s]) || bound === undefined ? humanizeMs(p.d[s]) : boundText(bound));
  }
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
      if (isNum(f.first)) li.appendChild(el("div", "muted", iso(f.first) + (isNum(f.last) && f.last !== f.first ? ` → ${iso(f.last)}` : "")));
      if (f.message) li.appendChild(el("div", "msg", clip(f.message)));
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
      if (c.restarts) bits.push(`${c.restarts} restart${c.restarts === 1 ? "" : "s"}${c.restartReasons.length ? `: ${c.restartReasons.map((r) => `${r.reason}${r.exitCode === null ? "" : ` (exit ${r.exitCode})`}×${r.count}`).join(", ")}` : ""}`);
      cu.appendChild(el("li", null, bits.join(" · ")));
    }
    tip.appendChild(cu);
  }
  tip.appendChild(el("div", "tip-foot", pinned ? "Pinned: click the row again or press Esc to close" : "Click to pin"));
}

/** A captured message, cut for the card (the whole of it is in -o json). */
function clip(message: string): string {
  return message.length > 400 ? `${message.slice(0, 400)}…` : message;
}

/** `OOMKilled (exit 137) [app] at 2024-...: message`, as the text report writes a cause. */
function causeLine(c: PageCause, iso: (t: number) => string): string {
  return `${c.reason}${c.exitCode === null ? "" : ` (exit ${c.exitCode})`}${c.container === null ? "" : ` [${c.container}]`}${isNum(c.at) ? ` at ${iso(c.at)}` : ""}${c.message === null ? "" : `: ${c.message}`}`;
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
