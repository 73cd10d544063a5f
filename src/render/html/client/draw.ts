/** Drawing the timeline: the axis with its ticks and grid, and one row (label and track) per pod. */
import { humanizeMs, humanizeOffsetMs } from "../../humanize.js";
import { boundText } from "../../stageFacts.js";
import { el, isNum } from "./dom.js";
import { firstKnown, shiftOf, niceStep, type Domain, type Mode, type Row } from "./rows.js";

export interface AxisElements {
  readonly title: HTMLElement;
  readonly ticks: HTMLElement;
  readonly grid: HTMLElement;
}

export function drawAxis(axis: AxisElements, dom: Domain, mode: Mode, originIso: string): void {
  const range = dom.max - dom.min;
  const pct = (x: number): number => ((x - dom.min) / range) * 100;
  axis.title.textContent = mode === "absolute" ? "Time since capture start" : "Time since each pod's creation";
  if (mode === "absolute") axis.title.appendChild(el("span", "origin", originIso));
  const step = niceStep(range);
  axis.ticks.textContent = "";
  axis.grid.textContent = "";
  for (let v = Math.ceil(dom.min / step) * step; v <= dom.max + 1e-9; v += step) {
    const left = `${pct(v).toFixed(3)}%`;
    const tick = el("span", "tick", v === 0 ? "0" : humanizeOffsetMs(v));
    tick.style.left = left;
    if (pct(v) > 94) tick.classList.add("tick-end");
    axis.ticks.appendChild(tick);
    const line = el("span", v === 0 ? "gridline zero" : "gridline");
    line.style.left = left;
    axis.grid.appendChild(line);
  }
}

export function drawRow(row: Row, dom: Domain, mode: Mode): HTMLElement {
  const p = row.pod;
  const range = dom.max - dom.min;
  const pct = (x: number): number => ((x - dom.min) / range) * 100;
  const div = el("div", "tl-row");
  div.setAttribute("role", "listitem");
  div.dataset["name"] = row.key;
  div.dataset["idx"] = String(row.idx);
  div.setAttribute("aria-label", summaryText(row));

  const label = el("div", "tl-label");
  const name = el("span", "tl-name");
  name.appendChild(el("span", "ns", `${p.ns}/`));
  name.appendChild(el("span", "pod", p.name));
  label.appendChild(name);
  label.appendChild(el("span", `badge outcome-${p.outcome}`, p.outcome));
  div.appendChild(label);

  const track = el("div", "tl-track");
  track.setAttribute("aria-hidden", "true");
  const sh = shiftOf(row, mode);
  if (sh === null) {
    track.appendChild(el("span", "tl-note stuck", "no timestamps"));
    div.appendChild(track);
    return div;
  }
  const lifeFrom = firstKnown(p);
  const lifeTo = isNum(p.end) ? p.end : null;
  if (lifeFrom !== null && lifeTo !== null && lifeTo > lifeFrom) {
    const a = Math.max(0, pct(lifeFrom - sh));
    const b = Math.min(100, pct(lifeTo - sh));
    if (b > a) {
      const life = el("span", "life");
      life.style.left = `${a}%`;
      life.style.width = `${b - a}%`;
      track.appendChild(life);
    }
  }
  let endPct: number | null = null;
  for (const g of row.segs) {
    const l = pct(g.from - sh);
    const r = pct(g.to - sh);
    const bar = el("span", `bar bar-${g.cls}`);
    bar.style.left = `${l}%`;
    bar.style.width = `${Math.max(0, r - l)}%`;
    bar.dataset["stage"] = g.cls;
    track.appendChild(bar);
    endPct = endPct === null ? r : Math.max(endPct, r);
  }
  // Failures seen only in records without a time (no managedFields) go, hollow, at the end of the pod's life.
  let untimed = 0;
  for (const f of p.failures) {
    const at = isNum(f.first) ? f.first : isNum(p.end) ? p.end : null;
    if (at === null) continue;
    const timed = isNum(f.first);
    const m = el("span", `marker marker-failure cat-${f.category}${timed ? "" : " untimed"}`, timed ? "◆" : "◇");
    m.style.left = `${pct(at - sh)}%`;
    if (!timed) m.style.marginLeft = `${untimed++ * 10}px`;
    m.dataset["reason"] = f.reason;
    track.appendChild(m);
  }
  for (const [t, glyph, cls] of [
    [p.t.finished, "■", "marker-finished"],
    [p.t.deleted, "✕", "marker-deleted"],
  ] as const) {
    if (!isNum(t)) continue;
    const x = pct(t - sh);
    if (x > 100.01) continue;
    const m = el("span", `marker ${cls}`, glyph);
    m.style.left = `${x}%`;
    track.appendChild(m);
  }
  const ready = isNum(p.t.ready) || isNum(p.notAfter.ready);
  const bound = p.bounds.startup;
  const noteText =
    isNum(p.t.ready) && isNum(p.d.startup)
      ? humanizeMs(p.d.startup) + (p.notReady ? ` · now ${p.notReady.reason}` : "")
      : bound !== undefined && ready
        ? boundText(bound) + (p.notReady ? ` · now ${p.notReady.reason}` : "")
        : p.stuckIn
          ? p.stuckIn + (isNum(p.slow) ? ` · ${humanizeMs(p.slow)}+` : "")
          : p.outcome === "Succeeded" || p.outcome === "Failed" || p.outcome === "Ready"
            ? p.outcome
            : "not ready";
  const note = el("span", `tl-note${ready && !p.notReady ? "" : " stuck"}`, noteText);
  // After the bars when there is room, else before them, else over the end of the (long) bar, clear of the failure markers near its start.
  const endAt = endPct ?? 0;
  const first = row.segs[0];
  const startAt = Math.max(0, Math.min(100, first !== undefined ? pct(first.from - sh) : pct((lifeFrom ?? 0) - sh)));
  if (endAt < 78) note.style.left = `calc(${endAt}% + ${8 + untimed * 10}px)`;
  else if (startAt > 30) {
    note.style.right = `${100 - startAt}%`;
    note.classList.add("left");
  } else {
    note.style.right = `calc(${100 - endAt}% + 8px)`;
    note.classList.add("inside");
  }
  track.appendChild(note);
  div.appendChild(track);
  return div;
}

/** The row's accessible name: what a sighted reader gets from its bars and note. */
function summaryText(row: Row): string {
  const p = row.pod;
  let s = `${row.key}, ${p.outcome}`;
  if (p.stuckIn) s += `, stuck in ${p.stuckIn}`;
  else if (p.notReady) s += `, not ready at the end: ${p.notReady.reason}`;
  if (isNum(p.d.startup)) s += `, startup ${humanizeMs(p.d.startup)}`;
  if (p.failures.length) s += `, failures: ${p.failures.map((f) => `${f.reason} ×${f.count}`).join(", ")}`;
  return s;
}
