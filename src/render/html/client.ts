/**
 * The page's script: draws the timeline from the `podtrail-data` JSON blob,
 * sorts, filters, switches the axis and shows the hover card. Plain ES2020 in
 * a string (no backticks or `${` inside), run once when the page loads.
 * It builds the DOM with `textContent` only, so user data is never parsed as HTML.
 */
export const CLIENT_JS = String.raw`
(function () {
  "use strict";
  var blob = document.getElementById("podtrail-data");
  var root = document.getElementById("timeline");
  if (!blob || !root) return;
  var data = JSON.parse(blob.textContent || "null");
  if (!data || !data.pods) return;
  var pods = data.pods;
  var state = { mode: "absolute", sort: "slowest", filter: "" };
  var rowsEl = root.querySelector(".tl-rows");
  var axisEl = root.querySelector(".tl-axis-ticks");
  var gridEl = root.querySelector(".tl-grid");
  var axisTitle = root.querySelector(".tl-axis-title");
  var countEl = root.querySelector(".tl-count");
  var tip = document.getElementById("tl-tip");
  var pinned = null;
  var shown = [];

  var SEG_LABEL = {
    scheduling: "Scheduling",
    imagePull: "Image pull (approx. position)",
    containerStart: "Container start",
    runUnknown: "Scheduled → running (no pull events)",
    readiness: "Readiness",
    ran: "Ran to completion",
    waiting: "Waiting, never ready"
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function dur(ms) {
    if (ms === null || ms === undefined) return "-";
    var neg = ms < 0; ms = Math.abs(ms);
    var s;
    if (ms < 1000) s = Math.round(ms) + "ms";
    else if (ms < 60000) s = (Math.round(ms / 100) / 10) + "s";
    else if (ms < 3600000) { var m = Math.floor(ms / 60000), sec = Math.round((ms - m * 60000) / 1000); s = sec === 0 ? m + "m" : m + "m " + sec + "s"; }
    else if (ms < 86400000) { var h = Math.floor(ms / 3600000), mi = Math.round((ms - h * 3600000) / 60000); s = mi === 0 ? h + "h" : h + "h " + mi + "m"; }
    else { var d = Math.floor(ms / 86400000), hh = Math.round((ms - d * 86400000) / 3600000); s = d + "d " + hh + "h"; }
    return (neg ? "−" : "") + s;
  }
  function isNum(v) { return typeof v === "number" && isFinite(v); }
  function firstKnown(p) {
    var best = null;
    for (var k in p.t) if (isNum(p.t[k]) && (best === null || p.t[k] < best)) best = p.t[k];
    return best;
  }

  // Bars of one pod, in ms since the data origin.
  function segments(p) {
    var t = p.t, out = [];
    var c = t.created, s = t.scheduled, cs = t.containersStarted, r = t.ready;
    var pull = p.d.imagePull;
    var last = isNum(c) ? c : null;
    function push(cls, from, to) {
      if (!isNum(from) || !isNum(to) || to < from) return;
      out.push({ cls: cls, from: from, to: to });
      last = last === null ? to : Math.max(last, to);
    }
    if (isNum(c) && isNum(s)) push("scheduling", c, s);
    if (isNum(s) && isNum(cs) && cs >= s) {
      if (isNum(pull)) { var pe = Math.min(s + pull, cs); push("imagePull", s, pe); push("containerStart", pe, cs); }
      else push("runUnknown", s, cs);
    } else if (isNum(s) && isNum(pull)) push("imagePull", s, s + pull);
    if (isNum(cs) && isNum(r)) push("readiness", cs, r);
    if (!isNum(r)) {
      if ((p.outcome === "Succeeded" || p.outcome === "Failed") && isNum(cs) && isNum(t.finished)) push("ran", cs, t.finished);
      else if (last !== null && isNum(p.end) && p.end > last) push("waiting", last, p.end);
    }
    return out;
  }
  function shiftOf(p) {
    if (state.mode === "absolute") return 0;
    var c = p.t.created;
    return isNum(c) ? c : firstKnown(p);
  }
  function domain(list) {
    var min = 0, max = state.mode === "absolute" && isNum(data.spanEnd) ? data.spanEnd : 0;
    list.forEach(function (p) {
      var sh = shiftOf(p);
      if (sh === null) return;
      p._segs.forEach(function (g) { min = Math.min(min, g.from - sh); max = Math.max(max, g.to - sh); });
      p.failures.forEach(function (f) { if (isNum(f.first)) max = Math.max(max, f.first - sh); });
      if (state.mode === "absolute") ["deleted", "finished"].forEach(function (k) { if (isNum(p.t[k])) max = Math.max(max, p.t[k] - sh); });
    });
    if (max - min < 1) max = min + 1000;
    return { min: min, max: max };
  }
  function niceStep(range) {
    var steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5, 36e5, 72e5, 108e5, 216e5, 432e5, 864e5];
    for (var i = 0; i < steps.length; i++) if (range / steps[i] <= 8) return steps[i];
    return Math.ceil(range / 8 / 864e5) * 864e5;
  }

  // Natural order: web-2 before web-10.
  var collator = new Intl.Collator("en", { numeric: true });
  var SORTS = {
    slowest: function (a, b) { return a.rank - b.rank; },
    created: function (a, b) {
      var x = a.t.created, y = b.t.created;
      if (x !== y) { if (!isNum(x)) return 1; if (!isNum(y)) return -1; return x - y; }
      return a.rank - b.rank;
    },
    name: function (a, b) { return collator.compare(a._key, b._key) || a.rank - b.rank; }
  };

  pods.forEach(function (p, i) {
    p._idx = i;
    p._key = p.ns + "/" + p.name;
    p._segs = segments(p);
    var words = [p._key, p.outcome, p.stuckIn || "", p.node || "", p.owner || ""];
    p.failures.forEach(function (f) { words.push(f.reason); });
    p._search = words.join(" ").toLowerCase();
  });

  function render() {
    var q = state.filter.trim().toLowerCase();
    shown = pods.filter(function (p) { return q === "" || p._search.indexOf(q) >= 0; }).sort(SORTS[state.sort]);
    var dom = domain(shown);
    var range = dom.max - dom.min;
    function pct(x) { return ((x - dom.min) / range) * 100; }

    axisTitle.textContent = state.mode === "absolute" ? "Time since capture start" : "Time since each pod's creation";
    if (state.mode === "absolute") axisTitle.appendChild(el("span", "origin", data.originIso));
    var step = niceStep(range);
    axisEl.textContent = ""; gridEl.textContent = "";
    for (var v = Math.ceil(dom.min / step) * step; v <= dom.max + 1e-9; v += step) {
      var left = pct(v).toFixed(3) + "%";
      var tick = el("span", "tick", v === 0 ? "0" : "+" + dur(v));
      tick.style.left = left;
      if (pct(v) > 94) tick.classList.add("tick-end");
      axisEl.appendChild(tick);
      var line = el("span", v === 0 ? "gridline zero" : "gridline");
      line.style.left = left;
      gridEl.appendChild(line);
    }

    var frag = document.createDocumentFragment();
    shown.forEach(function (p, i) {
      var row = el("div", "tl-row");
      row.setAttribute("role", "listitem");
      row.tabIndex = 0;
      row.dataset.name = p._key;
      row.dataset.idx = String(p._idx);
      row.setAttribute("aria-label", summaryText(p));

      var label = el("div", "tl-label");
      var name = el("span", "tl-name");
      name.appendChild(el("span", "ns", p.ns + "/"));
      name.appendChild(el("span", "pod", p.name));
      label.appendChild(name);
      label.appendChild(el("span", "badge outcome-" + p.outcome, p.outcome));
      row.appendChild(label);

      var track = el("div", "tl-track");
      track.setAttribute("aria-hidden", "true");
      var sh = shiftOf(p);
      if (sh !== null) {
        var lifeFrom = firstKnown(p), lifeTo = isNum(p.end) ? p.end : null;
        if (lifeFrom !== null && lifeTo !== null && lifeTo > lifeFrom) {
          var a = Math.max(0, pct(lifeFrom - sh)), b = Math.min(100, pct(lifeTo - sh));
          if (b > a) { var life = el("span", "life"); life.style.left = a + "%"; life.style.width = (b - a) + "%"; track.appendChild(life); }
        }
        var endPct = null;
        p._segs.forEach(function (g) {
          var l = pct(g.from - sh), r = pct(g.to - sh);
          var bar = el("span", "bar bar-" + g.cls);
          bar.style.left = l + "%";
          bar.style.width = Math.max(0, r - l) + "%";
          bar.dataset.stage = g.cls;
          track.appendChild(bar);
          endPct = endPct === null ? r : Math.max(endPct, r);
        });
        // Failures seen only in records without a time (no managedFields) go, hollow, at the end of the pod's life.
        var untimed = 0;
        p.failures.forEach(function (f) {
          var timed = isNum(f.first);
          if (!timed && !isNum(p.end)) return;
          var m = el("span", "marker marker-failure cat-" + f.category + (timed ? "" : " untimed"), timed ? "◆" : "◇");
          m.style.left = pct((timed ? f.first : p.end) - sh) + "%";
          if (!timed) m.style.marginLeft = (untimed++ * 10) + "px";
          m.dataset.reason = f.reason;
          track.appendChild(m);
        });
        [["finished", "■", "marker-finished"], ["deleted", "✕", "marker-deleted"]].forEach(function (k) {
          var t = p.t[k[0]];
          if (!isNum(t)) return;
          var x = pct(t - sh);
          if (x > 100.01) return;
          var m = el("span", "marker " + k[2], k[1]);
          m.style.left = x + "%";
          track.appendChild(m);
        });
        var noteText = isNum(p.t.ready) && isNum(p.d.startup) ? p.dh.startup
          : p.stuckIn ? p.stuckIn + (isNum(p.slow) ? " · " + dur(p.slow) + "+" : "")
          : p.outcome === "Succeeded" || p.outcome === "Failed" ? p.outcome
          : "not ready";
        var note = el("span", "tl-note" + (isNum(p.t.ready) ? "" : " stuck"), noteText);
        // After the bars when there is room, else before them, else over the end of the (long) bar, clear of the failure markers near its start.
        var endAt = endPct === null ? 0 : endPct;
        var startAt = Math.max(0, Math.min(100, p._segs.length ? pct(p._segs[0].from - sh) : pct(firstKnown(p) - sh)));
        if (endAt < 78) note.style.left = "calc(" + endAt + "% + " + (8 + untimed * 10) + "px)";
        else if (startAt > 30) { note.style.right = (100 - startAt) + "%"; note.classList.add("left"); }
        else { note.style.right = "calc(" + (100 - endAt) + "% + 8px)"; note.classList.add("inside"); }
        track.appendChild(note);
      } else {
        track.appendChild(el("span", "tl-note stuck", "no timestamps"));
      }
      row.appendChild(track);
      frag.appendChild(row);
    });
    rowsEl.textContent = "";
    rowsEl.appendChild(frag);
    countEl.textContent = shown.length === pods.length
      ? pods.length + " pod" + (pods.length === 1 ? "" : "s")
      : shown.length + " of " + pods.length + " pods match";
    hideTip(true);
  }

  function summaryText(p) {
    var s = p._key + ", " + p.outcome;
    if (p.stuckIn) s += ", stuck in " + p.stuckIn;
    if (isNum(p.d.startup)) s += ", startup " + p.dh.startup;
    if (p.failures.length) s += ", failures: " + p.failures.map(function (f) { return f.reason + " ×" + f.count; }).join(", ");
    return s;
  }

  function kv(dl, k, v) {
    if (v === null || v === undefined || v === "") return;
    dl.appendChild(el("dt", null, k));
    dl.appendChild(el("dd", null, v));
  }
  function fillTip(p) {
    tip.textContent = "";
    var h = el("div", "tip-title");
    h.appendChild(el("span", "ns", p.ns + "/"));
    h.appendChild(el("strong", null, p.name));
    tip.appendChild(h);
    var sub = el("div", "tip-sub");
    sub.appendChild(el("span", "badge outcome-" + p.outcome, p.outcome));
    if (p.stuckIn) sub.appendChild(el("span", "stuck", "stuck in " + p.stuckIn));
    if (p.partial) sub.appendChild(el("span", "chip partial", "partial: seen late"));
    tip.appendChild(sub);
    var meta = el("dl", "tip-kv");
    kv(meta, "node", p.node); kv(meta, "owner", p.owner);
    if (meta.childNodes.length) tip.appendChild(meta);

    var cols = el("div", "tip-cols");
    var times = el("div");
    times.appendChild(el("div", "tip-h", "Timestamps"));
    var tdl = el("dl", "tip-kv");
    var c = p.t.created;
    ["created", "scheduled", "sandboxReady", "initialized", "containersStarted", "ready", "finished", "deleted"].forEach(function (k) {
      if (p.iso[k] === null) return;
      var rel = isNum(c) && k !== "created" ? "  (+" + dur(p.t[k] - c) + ")" : "";
      kv(tdl, k, p.iso[k] + rel);
    });
    if (!tdl.childNodes.length) kv(tdl, "", "none known");
    times.appendChild(tdl);
    cols.appendChild(times);
    var stages = el("div");
    stages.appendChild(el("div", "tip-h", "Stages"));
    var sdl = el("dl", "tip-kv num");
    [["scheduling", "scheduling"], ["imagePull", "image pull"], ["containerStart", "container start"], ["scheduledToRunning", "sched → running"], ["readiness", "readiness"], ["startup", "startup"], ["startupSLI", "startup SLI"]].forEach(function (k) {
      kv(sdl, k[1], p.dh[k[0]]);
    });
    stages.appendChild(sdl);
    cols.appendChild(stages);
    tip.appendChild(cols);

    if (p.failures.length) {
      tip.appendChild(el("div", "tip-h", "Failures"));
      var ul = el("ul", "tip-fail");
      p.failures.forEach(function (f) {
        var li = el("li");
        var head = el("div");
        head.appendChild(el("span", "marker-failure cat-" + f.category, "◆ "));
        head.appendChild(el("strong", null, f.reason));
        head.appendChild(el("span", null, " ×" + f.count + (f.container ? " · " + f.container : "") + " · " + f.category + (f.exitCodes.length ? " · exit " + f.exitCodes.join(", ") : "")));
        li.appendChild(head);
        if (f.firstIso) li.appendChild(el("div", "muted", f.firstIso + (f.lastIso && f.lastIso !== f.firstIso ? " → " + f.lastIso : "")));
        if (f.message) li.appendChild(el("div", "msg", f.message.length > 400 ? f.message.slice(0, 400) + "…" : f.message));
        ul.appendChild(li);
      });
      tip.appendChild(ul);
    }
    if (p.containers.length) {
      tip.appendChild(el("div", "tip-h", "Containers"));
      var cu = el("ul", "tip-cont");
      p.containers.forEach(function (ct) {
        var bits = [ct.name + (ct.init ? " (init)" : "")];
        if (ct.image) bits.push(ct.image);
        if (ct.cached) bits.push("image cached"); else if (ct.pull) bits.push("pull " + ct.pull);
        if (ct.restarts) bits.push(ct.restarts + " restart" + (ct.restarts === 1 ? "" : "s"));
        cu.appendChild(el("li", null, bits.join(" · ")));
      });
      tip.appendChild(cu);
    }
    tip.appendChild(el("div", "tip-foot", pinned ? "Pinned: click the row again or press Esc to close" : "Click to pin"));
  }
  function place(x, y) {
    var pad = 14, w = tip.offsetWidth, h = tip.offsetHeight;
    var vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    var left = x + pad + w > vw ? Math.max(4, x - pad - w) : x + pad;
    // Below the pointer, else above it, else as low as fits: never over the row being read.
    var top = y + pad + h <= vh ? y + pad : y - pad - h >= 4 ? y - pad - h : Math.max(4, vh - h - 4);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function showTip(row, x, y) {
    var p = pods[Number(row.dataset.idx)];
    if (!p) return;
    if (tip.dataset.idx !== row.dataset.idx || tip.hidden) { tip.dataset.idx = row.dataset.idx; fillTip(p); }
    tip.hidden = false;
    place(x, y);
  }
  function hideTip(force) {
    if (pinned && !force) return;
    if (pinned) { pinned.classList.remove("pinned"); pinned = null; }
    tip.hidden = true;
    delete tip.dataset.idx;
  }
  function rowOf(target) { return target && target.closest ? target.closest(".tl-row") : null; }

  rowsEl.addEventListener("mousemove", function (e) {
    if (pinned) return;
    var row = rowOf(e.target);
    if (row) showTip(row, e.clientX, e.clientY); else hideTip(false);
  });
  rowsEl.addEventListener("mouseleave", function () { hideTip(false); });
  rowsEl.addEventListener("focusin", function (e) {
    var row = rowOf(e.target);
    if (!row || pinned) return;
    var r = row.getBoundingClientRect();
    showTip(row, r.left + 200, r.bottom);
  });
  rowsEl.addEventListener("focusout", function () { hideTip(false); });
  rowsEl.addEventListener("click", function (e) {
    var row = rowOf(e.target);
    if (!row) return;
    if (pinned === row) { hideTip(true); return; }
    hideTip(true);
    pinned = row;
    row.classList.add("pinned");
    showTip(row, e.clientX, e.clientY);
    fillTip(pods[Number(row.dataset.idx)]);
  });
  rowsEl.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || e.key === " ") { var row = rowOf(e.target); if (row) { e.preventDefault(); var r = row.getBoundingClientRect(); row.dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: r.left + 200, clientY: r.bottom })); } }
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideTip(true); });

  function bindGroup(attr, key) {
    var buttons = root.querySelectorAll("button[data-" + attr + "]");
    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        state[key] = b.getAttribute("data-" + attr);
        buttons.forEach(function (o) { o.setAttribute("aria-pressed", String(o === b)); });
        render();
      });
    });
  }
  bindGroup("mode", "mode");
  bindGroup("sort", "sort");
  var filter = root.querySelector(".tl-filter");
  var pending = 0;
  filter.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { state.filter = filter.value; render(); }, 120);
  });
  root.classList.add("ready");
  render();
})();
`;
