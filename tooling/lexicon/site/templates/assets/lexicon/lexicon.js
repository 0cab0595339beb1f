/* Lexicon nabijheid: small enhancements; every page works without them. */
(function () {
  "use strict";

  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december"];

  /* The citation says when the reader consulted the lemma: today, not the build date. */
  function updateAccessed() {
    var box = document.querySelector(".lx-cite__apa[data-lx-accessed]");
    if (!box) return;
    var built = box.getAttribute("data-lx-accessed");
    var now = new Date();
    var today = now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
    if (!built || built === today) return;
    box.innerHTML = box.innerHTML.split(built).join(today);
    var button = document.querySelector(".lx-copy[data-clipboard-text]");
    if (button) {
      button.setAttribute("data-clipboard-text",
        button.getAttribute("data-clipboard-text").split(built).join(today));
    }
    box.setAttribute("data-lx-accessed", today);
  }

  /* Concept map: hovering or focusing a lemma highlights its connections. */
  function enhanceMap() {
    var map = document.querySelector("svg.lx-map");
    if (!map) return;
    var nodes = map.querySelectorAll("a.lx-map__node");
    var lines = map.querySelectorAll("line");
    function show(slug) {
      var linked = {};
      linked[slug] = true;
      lines.forEach(function (line) {
        var on = line.getAttribute("data-a") === slug || line.getAttribute("data-b") === slug;
        line.classList.toggle("lx-on", on);
        if (on) {
          linked[line.getAttribute("data-a")] = true;
          linked[line.getAttribute("data-b")] = true;
        }
      });
      nodes.forEach(function (node) {
        node.classList.toggle("lx-dim", !linked[node.getAttribute("data-slug")]);
      });
      map.classList.add("lx-map--focus");
    }
    function clear() { map.classList.remove("lx-map--focus"); }
    nodes.forEach(function (node) {
      var slug = node.getAttribute("data-slug");
      node.addEventListener("mouseenter", function () { show(slug); });
      node.addEventListener("focus", function () { show(slug); });
      node.addEventListener("mouseleave", clear);
      node.addEventListener("blur", clear);
    });
  }

  function init() {
    updateAccessed();
    enhanceMap();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
