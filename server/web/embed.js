// The embed page tells the page that frames it how tall it is, so that the iframe can
// size itself to its content: window.addEventListener("message", e => …) with
// e.data = {kennisbank: "height", height: <pixels>}.
"use strict";
(function () {
  function tell() {
    if (window.parent !== window) {
      window.parent.postMessage({ kennisbank: "height", height: document.documentElement.scrollHeight }, "*");
    }
  }
  window.addEventListener("load", tell);
  if (window.ResizeObserver) { new ResizeObserver(tell).observe(document.documentElement); }
})();
