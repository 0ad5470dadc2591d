/* Kennisbank search box: <script src="https://HOST/widget.js" defer></script>
   then <kennisbank-zoek></kennisbank-zoek>, with optional attributes
   theme="…" (a fixed theme), filter="speaker=…&place=…" (fixed filters),
   results="5" (number of results), label="…" (the box's label).
   Styled by CSS custom properties on the host page: --kennisbank-font,
   --kennisbank-text-color, --kennisbank-link-color, --kennisbank-focus-color,
   --kennisbank-border-radius, each falling back to the NL Design System token. */
(function () {
  "use strict";
  if (window.customElements === undefined || customElements.get("kennisbank-zoek")) { return; }
  var script = document.currentScript;
  var origin = script ? new URL(script.src, location.href).origin : location.origin;
  var count = 0;

  var css =
    ":host{display:block;font-family:var(--kennisbank-font,var(--nl-document-font-family,system-ui,sans-serif));" +
    "color:var(--kennisbank-text-color,var(--nl-document-color,#1a1a1a));max-width:40rem}" +
    "label{display:block;font-weight:600;margin-bottom:.25rem}" +
    ".box{position:relative}" +
    "input{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:1px solid #767676;" +
    "border-radius:var(--kennisbank-border-radius,var(--nl-border-radius,4px))}" +
    "input:focus,a:focus,li[aria-selected=true]{outline:3px solid var(--kennisbank-focus-color,var(--nl-focus-outline-color,#ffbf47));outline-offset:2px}" +
    "ul{list-style:none;margin:0;padding:0}" +
    ".suggesties{position:absolute;left:0;right:0;z-index:1;background:#fff;border:1px solid #767676;border-top:0}" +
    ".suggesties li{padding:.35rem .5rem;cursor:pointer}" +
    ".suggesties li[aria-selected=true]{background:#eef4f8}" +
    ".resultaten li{margin:.75rem 0}" +
    ".alle{margin:.5rem 0 0;font-weight:600}" +
    "a{color:var(--kennisbank-link-color,var(--nl-link-color,#01689b))}" +
    ".meta{color:#595959;font-size:.9em}" +
    "mark{background:#fff3a3;color:inherit}" +
    ".fout{color:#a4120b}";

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }

  function dutchDate(iso) {
    if (!iso) { return "datum onbekend"; }
    var d = new Date(iso + "T12:00:00Z");
    return d.toLocaleDateString("nl-NL", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }

  class KennisbankZoek extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) { return; }
      var id = "kb" + (++count);
      var root = this.attachShadow({ mode: "open" });
      var style = el("style");
      style.textContent = css;
      root.appendChild(style);
      var form = el("form", { role: "search" });
      form.appendChild(el("label", { "for": id + "-q" }, this.getAttribute("label") || "Zoeken in de Kennisbank"));
      var box = el("div", { "class": "box" });
      var input = el("input", { id: id + "-q", type: "search", autocomplete: "off", role: "combobox",
        "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": id + "-s" });
      var list = el("ul", { id: id + "-s", role: "listbox", "class": "suggesties", "aria-label": "Suggesties", hidden: "" });
      box.appendChild(input);
      box.appendChild(list);
      form.appendChild(box);
      var status = el("p", { role: "status", "aria-live": "polite", "class": "meta" });
      var results = el("ul", { "class": "resultaten" });
      // The widget shows a few results; this link leads to all of them on the
      // Kennisbank's own search page, with the same words and filters.
      var all = el("p", { "class": "alle", hidden: "" });
      var allLink = el("a", { href: origin + "/" }, "Alle resultaten");
      all.appendChild(allLink);
      root.appendChild(form);
      root.appendChild(status);
      root.appendChild(results);
      root.appendChild(all);
      this._input = input;

      var self = this, active = -1, timer = null, items = [], asked = 0;
      // closeList closes the suggestions; stop also forgets the ones still coming
      // (typed just before a search was submitted).
      function stop() { clearTimeout(timer); asked++; closeList(); }
      function closeList() {
        list.hidden = true; list.replaceChildren(); items = []; active = -1;
        input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant");
      }
      function mark(i) {
        active = i;
        items.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
        if (i >= 0) { input.setAttribute("aria-activedescendant", items[i].id); } else { input.removeAttribute("aria-activedescendant"); }
      }
      // A speaker is taken as a filter (what that speaker said), a word or a theme as
      // the query.
      var shown = [], chosen = null;
      function take(s) {
        chosen = s.kind === "speaker" ? s : null;
        input.value = s.text; stop(); self.search();
      }
      function suggest() {
        chosen = null;
        var q = input.value.trim();
        if (q.length < 2) { closeList(); return; }
        var mine = ++asked;
        fetch(origin + "/api/v1/suggest?size=6&q=" + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(function (data) {
          if (mine !== asked) { return; }
          closeList();
          shown = data.suggestions || [];
          shown.forEach(function (s, j) {
            var li = el("li", { id: id + "-s" + j, role: "option", "aria-selected": "false" }, s.text);
            li.addEventListener("mousedown", function (e) { e.preventDefault(); take(s); });
            list.appendChild(li);
            items.push(li);
          });
          if (items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        }).catch(function () { closeList(); });
      }
      input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(suggest, 150); });
      input.addEventListener("keydown", function (e) {
        if (e.key === "ArrowDown" && items.length) { e.preventDefault(); mark((active + 1) % items.length); }
        else if (e.key === "ArrowUp" && items.length) { e.preventDefault(); mark((active - 1 + items.length) % items.length); }
        else if (e.key === "Escape") { closeList(); }
        else if (e.key === "Enter" && active >= 0) { e.preventDefault(); take(shown[active]); }
      });
      input.addEventListener("blur", function () { setTimeout(closeList, 100); });
      form.addEventListener("submit", function (e) { e.preventDefault(); stop(); self.search(); });

      var generation = 0;
      this.search = function () {
        var mine = ++generation; // only the latest search shows its answer
        var q = input.value.trim();
        var params = new URLSearchParams(self.getAttribute("filter") || "");
        if (chosen && chosen.text === q) { params.append(chosen.kind, q); q = ""; }
        params.set("q", q);
        if (self.getAttribute("theme")) { params.append("theme", self.getAttribute("theme")); }
        var page = new URLSearchParams(params);
        if (!q) { page.delete("q"); }
        allLink.href = origin + "/?" + page.toString();
        params.set("size", String(Math.min(20, Math.max(1, parseInt(self.getAttribute("results") || "5", 10) || 5))));
        status.textContent = "Bezig met zoeken…";
        results.replaceChildren();
        all.hidden = true;
        fetch(origin + "/api/v1/search?" + params.toString()).then(function (r) {
          return r.json().then(function (data) { return { ok: r.ok, data: data }; });
        }).then(function (r) {
          if (mine !== generation) { return; }
          results.replaceChildren();
          if (!r.ok) { status.textContent = r.data.error ? r.data.error.message : "Zoeken lukte niet."; status.className = "fout"; return; }
          var d = r.data;
          status.className = "meta";
          status.textContent = d.total === 0 ? "Niets gevonden." : d.total + (d.total === 1 ? " passage gevonden" : " passages gevonden") +
            (d.corrected ? " voor " + d.did_you_mean : "");
          d.hits.forEach(function (h) {
            var li = el("li");
            var a = el("a", { href: origin + h.url.replace("#", "?q=" + encodeURIComponent(q) + "#") }, h.report_title);
            li.appendChild(a);
            li.appendChild(el("div", { "class": "meta" }, dutchDate(h.date) + (h.speakers.length ? " · " + h.speakers.join(", ") : "")));
            var p = el("p");
            p.innerHTML = h.snippet; // escaped by Kennisbank; only <mark> is markup
            li.appendChild(p);
            results.appendChild(li);
          });
          all.hidden = d.total === 0;
        }).catch(function () {
          if (mine !== generation) { return; }
          status.textContent = "De Kennisbank is niet bereikbaar vanaf deze website.";
          status.className = "fout";
        });
      };
    }
  }
  customElements.define("kennisbank-zoek", KennisbankZoek);
})();
