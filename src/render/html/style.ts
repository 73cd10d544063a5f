/**
 * The page's stylesheet. Stage colours are the Okabe-Ito palette (told apart
 * with the common colour-vision deficiencies), each bar outlined in a darker
 * shade for 3:1 contrast against the page; dark mode follows `prefers-color-scheme`.
 */
export const STYLE_CSS = String.raw`
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1d2127; --muted: #5b6470; --line: #d9dde3; --panel: #f5f7fa; --row-alt: #fafbfc; --hover: #eef3fb;
  --accent: #1f5fbf;
  --c-scheduling: #0072B2; --b-scheduling: #004f7c;
  --c-imagePull: #E69F00; --b-imagePull: #8a5f00;
  --c-containerStart: #009E73; --b-containerStart: #006048;
  --c-readiness: #CC79A7; --b-readiness: #8c4470;
  --c-wait: #b9bfc7; --b-wait: #6c7480;
  --c-ran: #9fb8d6; --b-ran: #4c6a8f;
  --fail: #c0392b; --del: #3b4350;
  --ok: #1e7b34; --warn: #9a5b00; --bad: #b3261e;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  --label-w: 330px;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171c; --fg: #e4e7eb; --muted: #9aa3ae; --line: #323843; --panel: #1c2027; --row-alt: #181b21; --hover: #222a36;
    --accent: #79a8ff;
    --b-scheduling: #7cc4f0; --b-imagePull: #ffd27a; --b-containerStart: #6fe0bd; --b-readiness: #f0b4d6;
    --c-wait: #4a515c; --b-wait: #9aa3ae; --c-ran: #3e5675; --b-ran: #9fb8d6;
    --fail: #ff7a66; --del: #c9d1db; --ok: #6fd08a; --warn: #f2b84b; --bad: #ff8a80;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); font: 14px/1.45 var(--font); }
body { margin: 0 auto; padding: 24px 28px 64px; max-width: 1600px; }
h1 { font-size: 22px; margin: 0 0 12px; letter-spacing: -0.01em; }
h2 { font-size: 17px; margin: 32px 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
code { font-family: var(--mono); font-size: 12.5px; }
a { color: var(--accent); }
.muted, .hint { color: var(--muted); }
.hint { font-size: 12px; font-weight: normal; }
.note { background: var(--panel); border-left: 3px solid var(--warn); padding: 8px 12px; margin: 10px 0; }
.ok { color: var(--ok); }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 10px 24px; margin: 0; padding: 14px 16px; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
.facts dt { font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.facts dd { margin: 2px 0 0; }
.facts time { white-space: nowrap; }
.facts summary { cursor: pointer; }
.inputs { margin: 6px 0 0; padding-left: 18px; }
.chip, .badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; line-height: 18px; border: 1px solid currentColor; white-space: nowrap; }
.outcome-Ready { color: var(--ok); }
.outcome-Running { color: var(--accent); }
.outcome-Succeeded { color: var(--ok); }
.outcome-Failed { color: var(--bad); }
.outcome-Pending { color: var(--warn); }
.outcome-Terminating, .outcome-Deleted, .outcome-Unknown, .partial { color: var(--muted); }
.scroll { overflow-x: auto; }
table.data { border-collapse: collapse; width: 100%; }
table.data th, table.data td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
table.data thead th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); border-bottom: 2px solid var(--line); }
table.data tbody tr:hover { background: var(--hover); }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.data td.breach { color: var(--bad); font-weight: 600; }
table.data th[scope=row] { font-weight: 600; }
.explain { max-width: 70ch; }
.check summary { cursor: pointer; color: var(--accent); font-size: 12.5px; margin-top: 2px; }
.reason { font-family: var(--mono); font-size: 13px; }
.cat { color: var(--muted); }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 8px; vertical-align: -1px; border: 1px solid transparent; }
.swatch.none { visibility: hidden; }
.warnings { font-size: 13px; }

/* timeline */
.controls { display: flex; flex-wrap: wrap; gap: 10px 22px; align-items: center; margin: 6px 0 10px; }
.seg { display: inline-flex; border: 1px solid var(--line); border-radius: 7px; overflow: hidden; }
.seg-label { font-size: 12px; color: var(--muted); margin-right: 6px; }
.seg button { font: inherit; font-size: 13px; background: var(--bg); color: var(--fg); border: 0; border-right: 1px solid var(--line); padding: 4px 11px; cursor: pointer; }
.seg button:last-child { border-right: 0; }
.seg button[aria-pressed=true] { background: var(--accent); color: var(--bg); }
.seg button:focus-visible, .tl-filter:focus-visible, .tl-row:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.tl-filter { font: inherit; font-size: 13px; padding: 4px 9px; border: 1px solid var(--line); border-radius: 7px; background: var(--bg); color: var(--fg); width: 240px; }
.tl-count { color: var(--muted); font-size: 12.5px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; list-style: none; padding: 0; margin: 0 0 10px; font-size: 12.5px; }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.legend .bar { position: static; display: inline-block; width: 22px; height: 11px; }
.legend .lg-life { display: inline-block; width: 22px; height: 2px; background: var(--c-wait); }
.tl { border: 1px solid var(--line); border-radius: 8px; }
.tl-axis { position: sticky; top: 0; z-index: 2; display: flex; background: var(--panel); border-bottom: 1px solid var(--line); border-radius: 8px 8px 0 0; }
.tl-axis-title { width: var(--label-w); flex: none; padding: 5px 10px; font-size: 12px; line-height: 1.3; color: var(--muted); }
.tl-axis-title .origin { display: block; font-family: var(--mono); font-size: 11px; }
.tl-axis-ticks { position: relative; flex: 1; margin-right: 24px; height: 30px; }
.tick { position: absolute; bottom: 5px; transform: translateX(-50%); font-size: 11.5px; color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
.tick-end { transform: translateX(-100%); }
.tl-body { position: relative; }
.tl-grid { position: absolute; top: 0; bottom: 0; left: var(--label-w); right: 24px; pointer-events: none; }
.gridline { position: absolute; top: 0; bottom: 0; width: 0; border-left: 1px dashed var(--line); }
.gridline.zero { border-left-style: solid; }
/* content-visibility skips layout and paint of rows off screen: 10,000 rows lay out in ~0.1s instead of seconds. */
.tl-row { display: flex; align-items: center; height: 26px; cursor: default; content-visibility: auto; contain-intrinsic-size: auto 26px; }
.tl-row:nth-child(even) { background: var(--row-alt); }
.tl-row:hover, .tl-row.pinned { background: var(--hover); }
.tl-row.pinned { box-shadow: inset 3px 0 0 var(--accent); }
.tl-label { width: var(--label-w); flex: none; display: flex; align-items: center; gap: 8px; padding: 0 10px; min-width: 0; }
.tl-name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 13px; }
.tl-name .ns { color: var(--muted); }
.tl-label .badge { font-size: 11px; line-height: 16px; padding: 0 6px; }
.tl-track { position: relative; flex: 1; height: 100%; margin-right: 24px; }
.life { position: absolute; top: 50%; height: 2px; margin-top: -1px; background: var(--c-wait); opacity: 0.7; }
.bar { position: absolute; top: 6px; bottom: 6px; min-width: 2px; border: 1px solid; border-radius: 2px; }
.bar-scheduling { background: var(--c-scheduling); border-color: var(--b-scheduling); }
.bar-imagePull { background: var(--c-imagePull); border-color: var(--b-imagePull); }
.bar-containerStart { background: var(--c-containerStart); border-color: var(--b-containerStart); }
.bar-runUnknown { background: repeating-linear-gradient(135deg, var(--c-containerStart) 0 4px, transparent 4px 7px); border-color: var(--b-containerStart); }
.bar-readiness { background: var(--c-readiness); border-color: var(--b-readiness); }
.bar-ran { background: var(--c-ran); border-color: var(--b-ran); }
.bar-waiting { background: repeating-linear-gradient(135deg, var(--c-wait) 0 4px, transparent 4px 8px); border-color: var(--b-wait); border-style: dashed; }
.marker { position: absolute; top: 50%; transform: translate(-50%, -52%); font-size: 13px; line-height: 1; pointer-events: none; }
.marker-failure { color: var(--fail); text-shadow: 0 0 2px var(--bg), 0 0 2px var(--bg); }
.marker-deleted { color: var(--del); font-weight: 700; font-size: 12px; text-shadow: 0 0 2px var(--bg); }
.marker-finished { color: var(--del); font-size: 10px; }
.tl-note { position: absolute; top: 50%; transform: translateY(-50%); font-size: 11.5px; white-space: nowrap; font-variant-numeric: tabular-nums; color: var(--fg); pointer-events: none; }
.tl-note { background: var(--bg); padding: 0 4px; border-radius: 3px; line-height: 15px; }
.tl-note.left { margin-right: 8px; }
.tl-note.inside { box-shadow: 0 0 0 1px var(--line); }
.tl-note.stuck { color: var(--bad); }
.tl-empty { padding: 16px; color: var(--muted); }
.tip { position: fixed; z-index: 10; max-width: min(620px, 92vw); max-height: 80vh; overflow: auto; background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 8px 28px rgba(0,0,0,0.22); padding: 10px 13px; font-size: 12.5px; }
.tip[hidden] { display: none; }
.tip-title { font-size: 14px; word-break: break-all; }
.tip-title .ns { color: var(--muted); }
.tip-sub { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 4px 0 6px; }
.tip-sub .stuck { color: var(--bad); font-weight: 600; }
.tip-h { margin: 8px 0 3px; font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.tip-cols { display: grid; grid-template-columns: auto auto; gap: 0 22px; }
.tip-kv { display: grid; grid-template-columns: auto 1fr; gap: 1px 10px; margin: 0; }
.tip-kv dt { color: var(--muted); }
.tip-kv dd { margin: 0; font-family: var(--mono); font-size: 12px; white-space: nowrap; }
.tip-fail, .tip-cont { margin: 0; padding-left: 16px; }
.tip-fail li { margin-bottom: 4px; }
.tip-fail .msg { font-family: var(--mono); font-size: 11.5px; color: var(--muted); word-break: break-word; white-space: pre-wrap; }
.tip-cont li { word-break: break-all; }
.tip-foot { margin-top: 8px; font-size: 11px; color: var(--muted); }
@media print { .controls, .tip { display: none !important; } .tl-axis { position: static; } }
`;
