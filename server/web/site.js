// Suggestions as you type in the search box of the search page (the page works without
// this script). The box becomes an ARIA combobox: arrow keys move through the
// suggestions, Enter takes one, Escape closes the list.
"use strict";
(function () {
  var input = document.getElementById("q");
  if (!input || !window.fetch) { return; }
  var form = input.form;
  var list = document.createElement("ul");
  list.id = "q-suggesties";
  list.className = "suggesties";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggesties");
  list.hidden = true;
  input.parentNode.style.position = "relative";
  input.parentNode.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  var items = [], active = -1, timer = null, submitted = false;

  function close() {
    list.hidden = true; list.replaceChildren(); items = []; active = -1;
    input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant");
  }
  function mark(i) {
    active = i;
    items.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
    if (i >= 0) { input.setAttribute("aria-activedescendant", items[i].id); }
  }
  // A speaker is taken as a filter: the passages that speaker speaks in, not the
  // passages that name them.
  function take(s) {
    if (s.kind === "speaker") {
      var f = document.createElement("input");
      f.type = "hidden"; f.name = s.kind; f.value = s.text;
      form.appendChild(f);
      input.value = "";
    } else {
      input.value = s.text;
    }
    close(); form.submit();
  }
  var shown = [];
  function suggest() {
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    fetch("/api/v1/suggest?size=8&q=" + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(function (d) {
      if (submitted) { return; }
      close();
      shown = d.suggestions || [];
      shown.forEach(function (s, j) {
        var li = document.createElement("li");
        li.id = "q-s" + j;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = s.text;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); take(s); });
        list.appendChild(li);
        items.push(li);
      });
      if (items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
    }).catch(close);
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(suggest, 150); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && items.length) { e.preventDefault(); mark((active + 1) % items.length); }
    else if (e.key === "ArrowUp" && items.length) { e.preventDefault(); mark((active - 1 + items.length) % items.length); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); take(shown[active]); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
  // A submitted search closes the list, and suggestions still on their way are not shown.
  form.addEventListener("submit", function () { submitted = true; clearTimeout(timer); close(); });
  window.addEventListener("pageshow", function () { submitted = false; }); // back to this page
})();
// A button with data-kopieer="ID" copies the text of element ID to the clipboard and
// says so in the status beside it. Without this script the button stays hidden and
// the code can be selected and copied by hand.
(function () {
  document.querySelectorAll("button[data-kopieer]").forEach(function (b) {
    var source = document.getElementById(b.getAttribute("data-kopieer"));
    var said = b.parentNode.querySelector("[role=status]");
    if (!source) { return; }
    b.hidden = false;
    function tell(text) { if (said) { said.textContent = text; } }
    // The old way, for browsers without navigator.clipboard (or where it is refused):
    // select the code and copy the selection.
    function bySelection() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      tell(ok ? "Gekopieerd" : "Kopiëren lukte niet; de code is geselecteerd, kopieer die met Ctrl+C.");
    }
    b.addEventListener("click", function () {
      var text = source.textContent;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { tell("Gekopieerd"); }, bySelection);
      } else {
        bySelection();
      }
    });
  });
})();
