// Beheer: upload, review, correct and delete reports through the API. The token is kept
// in sessionStorage: entered once per browser session.
"use strict";
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var token = sessionStorage.getItem("kennisbank-token") || "";

  function status(text, error) {
    var s = $("status");
    s.textContent = text;
    s.className = error ? "fout" : "";
  }

  function api(method, path, body, headers) {
    var opts = { method: method, headers: Object.assign({ Authorization: "Bearer " + token }, headers || {}) };
    if (body !== undefined) { opts.body = body; }
    return fetch(path, opts).then(function (resp) {
      if (resp.status === 204) { return { status: 204, data: null }; }
      return resp.json().then(function (data) { return { status: resp.status, data: data }; });
    });
  }

  // The API names its fields in English; the page says what the form calls them.
  var fieldNames = { date: "de datum", title: "de titel", speakers: "de sprekers", themes: "de thema's",
    decisions: "de besluiten", actions: "de acties", file: "het bestand" };
  function message(r) {
    if (r.data && r.data.error) {
      var e = r.data.error, text = e.message;
      if (e.field && fieldNames[e.field] && text.indexOf(e.field + " ") === 0) {
        text = fieldNames[e.field] + text.slice(e.field.length);
      }
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    return r.data && r.data.message ? r.data.message : "De server antwoordde met status " + r.status + ".";
  }

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  var months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
  // dutchDate writes "2024-06-06" as "6 juni 2024"; anything else stays as it is.
  function dutchDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? parseInt(m[3], 10) + " " + months[parseInt(m[2], 10) - 1] + " " + m[1] : iso;
  }
  // Where a meeting date was read, and the kind of file, in Dutch.
  var dateSources = { front_matter: "opgegeven bij het bestand", text: "uit de tekst", weekday: "uit de tekst, jaar volgens de weekdag",
    publication: "uit de tekst, jaar van de publicatiedatum", file_name: "uit de bestandsnaam" };
  var formats = { txt: "tekst", md: "Markdown-tekst", html: "webpagina", pdf: "pdf", docx: "Word-document", odt: "OpenDocument-tekst", eml: "e-mail" };
  // Kinds of personal data found in an upload, in Dutch.
  var findingKinds = { bsn: "burgerservicenummer (BSN)" };

  function button(text, onclick, cls) {
    var b = el("button", text, { type: "button" });
    b.className = "klein" + (cls ? " " + cls : "");
    b.addEventListener("click", onclick);
    return b;
  }

  function showReport(box, rep) {
    box.replaceChildren();
    box.appendChild(el("p", "Toegevoegd: " + rep.title));
    var dl = el("dl");
    var rows = [
      ["Datum", rep.date ? dutchDate(rep.date) + (rep.date_source ? " (" + (dateSources[rep.date_source] || rep.date_source) + ")" : "") : "onbekend"],
      ["Sprekers", (rep.speakers || []).map(function (s) { return s.name; }).join(", ") || "geen"],
      ["Thema's", (rep.themes || []).join(", ") || "geen"],
      ["Bestand", rep.source_file + (rep.format ? " (" + (formats[rep.format] || rep.format) + ")" : "")]
    ];
    rows.forEach(function (r) { dl.appendChild(el("dt", r[0])); dl.appendChild(el("dd", r[1])); });
    box.appendChild(dl);
    box.appendChild(button("Gegevens corrigeren", function () { edit(rep.id, $("upload-plek")); }));
  }

  // The correction form stands with the report it corrects: in its item of the list
  // (or under the upload's result). While the list is drawn again it waits at home.
  var editing = "";
  function placeForm(place) {
    var form = $("corrigeren");
    if (place) { place.appendChild(form); } else { $("beheer").appendChild(form); form.hidden = true; editing = ""; }
  }

  function loadReports() {
    return api("GET", "/api/v1/reports?size=100").then(function (r) {
      var ul = $("verslagen");
      var form = $("corrigeren");
      var keep = editing && ul.contains(form) ? editing : "";
      if (ul.contains(form)) { $("beheer").appendChild(form); }
      ul.replaceChildren();
      (r.data.reports || []).forEach(function (rep) {
        var li = el("li", (rep.date ? dutchDate(rep.date) : "zonder datum") + " — " + rep.title);
        li.setAttribute("data-id", rep.id);
        li.appendChild(button("Corrigeren", function () { edit(rep.id, li); }));
        ul.appendChild(li);
        if (rep.id === keep) { li.appendChild(form); }
      });
      if (keep && !ul.contains(form)) { placeForm(null); } // the report is gone
    });
  }

  function loadQueue() {
    return api("GET", "/api/v1/review").then(function (r) {
      var ul = $("wachtrij");
      ul.replaceChildren();
      var held = (r.data && r.data.held) || [];
      if (held.length === 0) { ul.appendChild(el("li", "Niets.")); }
      held.forEach(function (h) {
        var li = el("li");
        li.appendChild(el("strong", h.file));
        // Each finding on its own line: what kind, the masked value and where it stands.
        var found = el("ul");
        h.findings.forEach(function (f) {
          found.appendChild(el("li", (findingKinds[f.kind] || f.kind) + ": " + f.masked + (f.context ? " — „" + f.context + "”" : "")));
        });
        li.appendChild(found);
        li.appendChild(button("Toch publiceren", function () {
          api("POST", "/api/v1/review/" + encodeURIComponent(h.file)).then(function (r) {
            status(r.status === 201 ? "Gepubliceerd: " + r.data.title : message(r), r.status !== 201);
            refresh();
          });
        }));
        li.appendChild(button("Weggooien", function () {
          api("DELETE", "/api/v1/review/" + encodeURIComponent(h.file)).then(function (r) {
            status(r.status === 204 ? "Weggegooid: " + h.file : message(r), r.status !== 204);
            refresh();
          });
        }, "gevaar"));
        ul.appendChild(li);
      });
    });
  }

  function refresh() { return Promise.all([loadReports(), loadQueue()]); }

  // setThemes ticks the report's themes; a theme that is not in the list (given by a
  // sidecar) gets a box of its own, so that saving keeps it.
  function setThemes(themes) {
    var boxes = document.querySelectorAll("#c-themas input[name=theme]");
    var known = {};
    boxes.forEach(function (b) { b.checked = themes.indexOf(b.value) >= 0; known[b.value] = true; });
    var list = document.querySelector("#c-themas .themakeuze");
    themes.forEach(function (t, i) {
      if (known[t]) { return; }
      var div = el("div", "", { "class": "keuze" });
      var box = el("input", "", { id: "c-thema-eigen-" + i, type: "checkbox", name: "theme", value: t });
      box.checked = true;
      div.appendChild(box);
      div.appendChild(el("label", t + " (niet in de lijst)", { "for": "c-thema-eigen-" + i }));
      list.appendChild(div);
    });
  }

  function chosenThemes() {
    return Array.prototype.map.call(document.querySelectorAll("#c-themas input[name=theme]:checked"), function (b) { return b.value; });
  }

  function edit(id, place) {
    api("GET", "/api/v1/reports/" + encodeURIComponent(id)).then(function (r) {
      if (r.status !== 200) { status(message(r), true); return; }
      var rep = r.data;
      $("c-id").value = rep.id;
      $("c-titel").value = rep.title;
      $("c-datum").value = rep.date || "";
      $("c-sprekers").value = (rep.speakers || []).map(function (s) { return s.name; }).join("\n");
      document.querySelectorAll("#c-themas [id^=c-thema-eigen-]").forEach(function (b) { b.parentNode.remove(); });
      setThemes(rep.themes || []);
      $("c-besluiten").value = (rep.decisions || []).map(function (d) { return d.text; }).join("\n");
      $("c-acties").value = (rep.actions || []).map(function (a) {
        return [a.text, a.owner || "", a.due || "", a.status === "done" ? "afgerond" : "open"].join(" | ");
      }).join("\n");
      decisionsAsRead = $("c-besluiten").value;
      actionsAsRead = $("c-acties").value;
      editing = rep.id;
      placeForm(place);
      $("corrigeren").hidden = false;
      $("c-titel").focus();
    });
  }

  // What the report gave when the form opened: a list left as it was is not sent, so
  // the text keeps deciding.
  var decisionsAsRead = "", actionsAsRead = "";

  // actionLines reads "wat | wie | wanneer | status" lines.
  function actionLines(id) {
    return lines(id).map(function (line) {
      var f = line.split("|").map(function (s) { return s.trim(); });
      var st = (f[3] || "").toLowerCase();
      return { text: f[0], owner: f[1] || "", due: f[2] || "", status: st === "afgerond" || st === "done" ? "done" : "open" };
    }).filter(function (a) { return a.text; });
  }

  function lines(id) {
    return $(id).value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function start() {
    api("GET", "/api/v1/review").then(function (r) {
      if (r.status !== 200) {
        sessionStorage.removeItem("kennisbank-token");
        status(message(r), true);
        return;
      }
      $("aanmelden").hidden = true;
      $("beheer").hidden = false;
      status("Aangemeld.");
      refresh();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("token-form").addEventListener("submit", function (e) {
      e.preventDefault();
      token = $("token").value;
      sessionStorage.setItem("kennisbank-token", token);
      start();
    });

    // A file dropped on the form is put in the file picker, so it uploads the same way.
    var drop = $("upload-form");
    drop.addEventListener("dragover", function (e) {
      e.preventDefault();
      drop.classList.add("slepen");
    });
    drop.addEventListener("dragleave", function () { drop.classList.remove("slepen"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("slepen");
      if (e.dataTransfer && e.dataTransfer.files.length > 0) {
        $("bestand").files = e.dataTransfer.files;
        status("Gekozen: " + e.dataTransfer.files[0].name + ". Kies Uploaden om het toe te voegen.");
      }
    });

    $("upload-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var form = new FormData();
      if ($("publiceren").checked) { form.append("publish", "ja"); }
      form.append("file", $("bestand").files[0]);
      status("Bezig met uploaden…");
      api("POST", "/api/v1/reports", form).then(function (r) {
        var box = $("upload-resultaat");
        if (r.status === 201) {
          status("Het verslag is toegevoegd.");
          showReport(box, r.data);
        } else if (r.status === 202) {
          status(r.data.message, true);
          box.replaceChildren(el("p", "Gevonden: " + r.data.findings.map(function (f) { return f.kind; }).join(", ")));
        } else {
          status(message(r), true);
          box.replaceChildren();
        }
        refresh();
      });
    });

    $("correctie-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var corr = { title: $("c-titel").value, date: $("c-datum").value,
        speakers: lines("c-sprekers"), themes: chosenThemes() };
      if ($("c-besluiten").value !== decisionsAsRead) { corr.decisions = lines("c-besluiten"); }
      if ($("c-acties").value !== actionsAsRead) { corr.actions = actionLines("c-acties"); }
      var body = JSON.stringify(corr);
      api("PATCH", "/api/v1/reports/" + encodeURIComponent($("c-id").value), body, { "Content-Type": "application/json" })
        .then(function (r) {
          status(r.status === 200 ? "Opgeslagen: " + r.data.title : message(r), r.status !== 200);
          refresh();
        });
    });

    $("c-verwijderen").addEventListener("click", function () {
      var id = $("c-id").value;
      if (!window.confirm("Verslag " + id + " verwijderen? Het bestand gaat naar de prullenbak.")) { return; }
      api("DELETE", "/api/v1/reports/" + encodeURIComponent(id)).then(function (r) {
        status(r.status === 204 ? "Verwijderd: " + id : message(r), r.status !== 204);
        placeForm(null);
        refresh();
      });
    });

    if (token) { start(); }
  });
})();
