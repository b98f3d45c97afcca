// The report's quote explorer (embedded inline in report.html; no network, no library).
// Data comes from the JSON script element #qw-data (see explorer.py for its rows).
// Every piece of data reaches the page through textContent, never as markup: article text and
// metadata are untrusted.
(function () {
  "use strict";
  var holder = document.getElementById("qw-data");
  if (!holder) { return; }
  var D = JSON.parse(holder.textContent);
  var T = 0, O = 1, U = 2, DT = 3, X = 4;                       // docs rows
  var DOC = 0, WHO = 1, TYPE = 2, CONF = 3, S = 4, E = 5, CS = 6, CE = 7, MS = 8, ME = 9,
      TEXT = 10, CUE = 11, MEN = 12;                            // quotes rows
  var PAGE = 50, SHOWN = 280;
  var $ = function (id) { return document.getElementById(id); };
  var state = { rows: [], page: 0, who: "" };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function option(value, label) { var o = el("option", "", label); o.value = value; return o; }
  function short(s) { return s.length > SHOWN ? s.slice(0, SHOWN - 1) + "\u2026" : s; }
  function whoName(q) { return q[WHO] >= 0 ? D.who[q[WHO]][0] : ""; }

  // The quote's text: sliced from its article (offsets are UTF-16 here), else embedded.
  D.quotes.forEach(function (q) {
    if (q[TEXT] === null) {
      var x = D.docs[q[DOC]][X];
      q[TEXT] = x ? x.slice(q[S], q[E]) : "";
    }
  });
  var hay = D.quotes.map(function (q) {
    var d = D.docs[q[DOC]];
    return [q[TEXT], whoName(q), q[MEN] || "", q[CUE] || "", d[T] || "", d[O] || ""].join("\n").toLowerCase();
  });

  function fillFilters() {
    var order = D.who.map(function (_, i) { return i; });
    order.sort(function (a, b) { return D.who_counts[b] - D.who_counts[a] || (D.who[a][0] < D.who[b][0] ? -1 : 1); });
    var sp = $("qw-speaker");
    order.slice(0, 1000).forEach(function (i) {
      sp.appendChild(option(String(i), D.who[i][0] + " (" + D.who_counts[i] + ")"));
    });
    var outlets = {};
    D.quotes.forEach(function (q) { var o = D.docs[q[DOC]][O] || ""; outlets[o] = (outlets[o] || 0) + 1; });
    Object.keys(outlets).sort().forEach(function (o) {
      $("qw-outlet").appendChild(option(o, (o || "(unknown)") + " (" + outlets[o] + ")"));
    });
  }

  function matches(i, f) {
    var q = D.quotes[i], d = D.docs[q[DOC]];
    if (f.who !== "" && String(q[WHO]) !== f.who) { return false; }
    if (f.outlet !== null && (d[O] || "") !== f.outlet) { return false; }
    if (f.kind && q[TYPE] !== f.kind) { return false; }
    if (f.conf > 0 && !(q[CONF] >= f.conf)) { return false; }
    if ((f.from || f.to) && !d[DT]) { return false; }
    if (f.from && d[DT] < f.from) { return false; }
    if (f.to && d[DT] > f.to) { return false; }
    for (var k = 0; k < f.words.length; k++) {
      if (hay[i].indexOf(f.words[k]) < 0) { return false; }
    }
    return true;
  }

  function apply() {
    var outlet = $("qw-outlet").value;
    var f = {
      who: $("qw-speaker").value, outlet: outlet === "*" ? null : outlet, kind: $("qw-kind").value,
      conf: parseFloat($("qw-conf").value) || 0, from: $("qw-from").value, to: $("qw-to").value,
      words: $("qw-search").value.toLowerCase().split(/\s+/).filter(Boolean)
    };
    state.rows = [];
    for (var i = 0; i < D.quotes.length; i++) { if (matches(i, f)) { state.rows.push(i); } }
    state.page = 0;
    render();
  }

  function cell(tr, text, cls) { var td = el("td", cls, text); tr.appendChild(td); return td; }

  function render() {
    var body = $("qw-rows");
    body.textContent = "";
    var start = state.page * PAGE, rows = state.rows.slice(start, start + PAGE);
    rows.forEach(function (i) {
      var q = D.quotes[i], d = D.docs[q[DOC]];
      var tr = el("tr", "qw-row");
      tr.setAttribute("data-q", String(i));
      tr.tabIndex = 0;
      cell(tr, d[DT] || "", "d");
      cell(tr, whoName(q) || "(unknown)", q[WHO] >= 0 ? "qw-who" : "qw-who muted");
      cell(tr, q[CUE] || "", "");
      cell(tr, short(q[TEXT]), "qw-text");
      cell(tr, d[O] || "", "");
      cell(tr, q[TYPE] || "", "");
      cell(tr, q[CONF] === null ? "" : q[CONF].toFixed(2), "n");
      tr.addEventListener("click", function () { openQuote(i); });
      tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { openQuote(i); } });
      body.appendChild(tr);
    });
    var pages = Math.max(1, Math.ceil(state.rows.length / PAGE));
    $("qw-count").textContent = state.rows.length + " of " + D.quotes.length + " quotes" +
      (state.rows.length > PAGE ? " \u00b7 page " + (state.page + 1) + " of " + pages : "");
    $("qw-prev").disabled = state.page === 0;
    $("qw-next").disabled = state.page >= pages - 1;
  }

  // The article text as text nodes and <mark>s: every boundary of the three spans cuts it,
  // and each piece gets the classes of the spans covering it (spans may nest or touch).
  function highlighted(text, spans) {
    var frag = document.createDocumentFragment(), cuts = [0, text.length];
    spans = spans.filter(function (s) { return s[0] !== null && s[1] !== null && s[0] < s[1] && s[1] <= text.length; });
    spans.forEach(function (s) { cuts.push(s[0], s[1]); });
    cuts = cuts.filter(function (c, k) { return cuts.indexOf(c) === k; }).sort(function (a, b) { return a - b; });
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1], cls = [];
      spans.forEach(function (s) { if (s[0] <= a && b <= s[1]) { cls.push(s[2]); } });
      var piece = text.slice(a, b);
      if (cls.length) { var m = el("mark", cls.join(" "), piece); frag.appendChild(m); }
      else { frag.appendChild(document.createTextNode(piece)); }
    }
    return frag;
  }

  function openQuote(i) {
    var q = D.quotes[i], d = D.docs[q[DOC]];
    $("qw-a-title").textContent = d[T] || "(untitled)";
    $("qw-a-meta").textContent = [d[O] || "(unknown outlet)", d[DT] || "undated",
      (whoName(q) || "speaker unknown") + (q[CUE] ? " \u00b7 cue: " + q[CUE] : ""), q[TYPE] || ""].join(" \u00b7 ");
    $("qw-a-url").textContent = d[U] || "(no URL)";
    var box = $("qw-a-text");
    box.textContent = "";
    if (d[X]) {
      box.appendChild(highlighted(d[X], [[q[S], q[E], "q"], [q[MS], q[ME], "m"], [q[CS], q[CE], "c"]]));
    } else {
      box.appendChild(el("p", "muted", "The article text is not stored (the dataset was built with --no-text); the quote:"));
      box.appendChild(el("mark", "q", q[TEXT]));
    }
    $("qw-article").hidden = false;
    var first = box.querySelector("mark.q");
    if (first) { first.scrollIntoView({ block: "center" }); }
  }

  function showWho(w) {
    var sp = $("qw-speaker");
    if (!sp.querySelector("option[value='" + w + "']")) {
      sp.appendChild(option(w, D.who[Number(w)][0] + " (" + D.who_counts[Number(w)] + ")"));
    }
    sp.value = w;
    apply();
    $("quotes").scrollIntoView();
  }

  fillFilters();
  ["qw-search", "qw-from", "qw-to", "qw-conf"].forEach(function (id) { $(id).addEventListener("input", apply); });
  ["qw-speaker", "qw-outlet", "qw-kind"].forEach(function (id) { $(id).addEventListener("change", apply); });
  $("qw-prev").addEventListener("click", function () { state.page -= 1; render(); });
  $("qw-next").addEventListener("click", function () { state.page += 1; render(); });
  $("qw-close").addEventListener("click", function () { $("qw-article").hidden = true; });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { $("qw-article").hidden = true; } });
  Array.prototype.forEach.call(document.querySelectorAll("button[data-who]"), function (b) {
    b.addEventListener("click", function () { showWho(b.getAttribute("data-who")); });
  });
  $("qw-explorer").hidden = false;
  $("qw-nojs").hidden = true;
  apply();
}());
