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

  /* Concept maps (the whole map and the local map of a lemma). Focus or a first tap on a
     point shows its connections and summary; a second tap or Enter opens the lemma (a
     mouse click opens it at once: hovering already showed the connections). Arrow keys go
     to a connected point in that direction; + − 0 zoom, Shift+arrows pan; a drag pans,
     pinching or Ctrl+wheel zooms. Only one point is a Tab stop (roving tabindex). */
  function nodeTitle(node) {
    return Array.prototype.map.call(node.querySelectorAll("tspan"), function (t) {
      return t.textContent;
    }).join(" ");
  }

  function setupDrawing(svg, view) {
    var box = svg.viewBox.baseVal;
    var full = [box.x, box.y, box.width, box.height];
    var vb = full.slice();
    var nodes = Array.prototype.slice.call(svg.querySelectorAll("a.lx-map__node"));
    var edges = svg.querySelector(".lx-map__edges");
    var bySlug = {};
    var links = {};
    var slugs = nodes.map(function (node, i) {
      var slug = node.getAttribute("data-slug");
      var dot = node.querySelector("circle");
      bySlug[slug] = {node: node, x: +dot.getAttribute("cx"), y: +dot.getAttribute("cy")};
      links[slug] = [];
      node.setAttribute("tabindex", i === 0 ? "0" : "-1");
      return slug;
    });
    /* The lines are drawn as two paths; data-edges lists them as pairs of point numbers. */
    ((edges && edges.getAttribute("data-edges")) || "").split(",").forEach(function (pair) {
      var ends = pair.split(" "), a = slugs[+ends[0]], b = slugs[+ends[1]];
      if (ends.length === 2 && a && b) { links[a].push(b); links[b].push(a); }
    });
    /* The lines of the chosen point, drawn over the others in one path of their own. */
    var chosen = null;
    function drawChosen(slug) {
      if (!edges) return;
      if (!chosen) {
        chosen = document.createElementNS("http://www.w3.org/2000/svg", "path");
        chosen.setAttribute("class", "lx-map__edge lx-on");
        edges.appendChild(chosen);
      }
      var from = slug && bySlug[slug];
      if (!from || !links[slug].length) { chosen.removeAttribute("d"); return; }
      chosen.setAttribute("d", links[slug].map(function (s) {
        return "M" + from.x + " " + from.y + "L" + bySlug[s].x + " " + bySlug[s].y;
      }).join(""));
    }

    function apply() {
      svg.setAttribute("viewBox", vb.join(" "));
      svg.classList.toggle("lx-map--zoomed", vb[2] < full[2] - 0.5);
    }
    function clamp() {
      vb[0] = Math.min(Math.max(vb[0], full[0]), full[0] + full[2] - vb[2]);
      vb[1] = Math.min(Math.max(vb[1], full[1]), full[1] + full[3] - vb[3]);
    }
    function zoom(factor, cx, cy) {
      if (cx === undefined) { cx = vb[0] + vb[2] / 2; cy = vb[1] + vb[3] / 2; }
      var w = Math.min(full[2], Math.max(full[2] / 6, vb[2] / factor));
      var k = w / vb[2];
      vb = [cx - (cx - vb[0]) * k, cy - (cy - vb[1]) * k, w, vb[3] * k];
      clamp();
      apply();
    }
    function pan(dx, dy) { vb[0] += dx; vb[1] += dy; clamp(); apply(); }
    function reset() { vb = full.slice(); apply(); }
    function toDrawing(clientX, clientY) {
      var r = svg.getBoundingClientRect();
      return [vb[0] + (clientX - r.left) * vb[2] / r.width,
        vb[1] + (clientY - r.top) * vb[3] / r.height];
    }
    function reveal(slug) {
      var p = bySlug[slug];
      if (p.x < vb[0] || p.x > vb[0] + vb[2] || p.y < vb[1] || p.y > vb[1] + vb[3]) {
        vb[0] = p.x - vb[2] / 2; vb[1] = p.y - vb[3] / 2; clamp(); apply();
      }
    }
    function highlight(slug) {
      var on = {};
      if (slug) {
        on[slug] = true;
        (links[slug] || []).forEach(function (s) { on[s] = true; });
      }
      drawChosen(slug);
      nodes.forEach(function (node) {
        var s = node.getAttribute("data-slug");
        node.classList.toggle("lx-dim", !!slug && !on[s]);
        node.classList.toggle("lx-sel", s === view.selected);
      });
      svg.classList.toggle("lx-map--focus", !!slug);
    }
    /* The connected point in the direction (dx, dy); any point when none is connected. */
    function towards(slug, dx, dy) {
      var from = bySlug[slug];
      function best(candidates) {
        var pick = null, score = Infinity;
        candidates.forEach(function (s) {
          var p = bySlug[s];
          if (!p || s === slug) return;
          var vx = p.x - from.x, vy = p.y - from.y, d = Math.sqrt(vx * vx + vy * vy) || 1;
          var cos = (vx * dx + vy * dy) / d;
          if (cos < 0.35) return;
          var value = d / cos;
          if (value < score) { score = value; pick = s; }
        });
        return pick;
      }
      return best(links[slug]) || best(Object.keys(bySlug));
    }
    function focusNode(slug) {
      var p = bySlug[slug];
      if (!p) return;
      reveal(slug);
      p.node.focus();
    }

    var pointers = {};
    var gesture = null;
    svg.addEventListener("pointerdown", function (event) {
      var node = event.target.closest && event.target.closest("a.lx-map__node");
      pointers[event.pointerId] = [event.clientX, event.clientY];
      view.pointerType = event.pointerType;
      view.wasSelected = node ? view.selected === node.getAttribute("data-slug") : false;
      gesture = {x: event.clientX, y: event.clientY, moved: false, id: event.pointerId};
      if (!node && event.pointerType !== "mouse" && Object.keys(pointers).length === 1) {
        view.select(null);
      }
    });
    svg.addEventListener("pointermove", function (event) {
      var before = pointers[event.pointerId];
      if (!before || !gesture) return;
      var ids = Object.keys(pointers);
      pointers[event.pointerId] = [event.clientX, event.clientY];
      if (ids.length === 2) {
        var other = pointers[ids[0] == event.pointerId ? ids[1] : ids[0]];
        var d0 = Math.hypot(before[0] - other[0], before[1] - other[1]);
        var d1 = Math.hypot(event.clientX - other[0], event.clientY - other[1]);
        var mid = toDrawing((event.clientX + other[0]) / 2, (event.clientY + other[1]) / 2);
        if (d0 > 0) zoom(d1 / d0, mid[0], mid[1]);
        gesture.moved = true;
        event.preventDefault();
        return;
      }
      var zoomed = svg.classList.contains("lx-map--zoomed");
      if (event.pointerType !== "mouse" && !zoomed) return;
      if (!gesture.moved && Math.hypot(event.clientX - gesture.x, event.clientY - gesture.y) < 5) {
        return;
      }
      if (!gesture.moved) {
        gesture.moved = true;
        try { svg.setPointerCapture(event.pointerId); } catch (e) { /* already gone */ }
      }
      var r = svg.getBoundingClientRect();
      pan(-(event.clientX - before[0]) * vb[2] / r.width,
        -(event.clientY - before[1]) * vb[3] / r.height);
    });
    function up(event) {
      delete pointers[event.pointerId];
      if (!Object.keys(pointers).length) {
        var moved = gesture && gesture.moved;
        setTimeout(function () { if (gesture && !Object.keys(pointers).length) gesture = null; }, 0);
        if (gesture) gesture.moved = moved;
      }
    }
    svg.addEventListener("pointerup", up);
    svg.addEventListener("pointercancel", up);
    svg.addEventListener("click", function (event) {
      var node = event.target.closest && event.target.closest("a.lx-map__node");
      if (!node) return;
      if (gesture && gesture.moved) { event.preventDefault(); return; }
      if (event.detail > 0 && view.pointerType !== "mouse" && !view.wasSelected) {
        event.preventDefault();
        view.select(node.getAttribute("data-slug"));
        node.focus();
        view.wasSelected = true;
      }
    });
    svg.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      var at = toDrawing(event.clientX, event.clientY);
      zoom(Math.exp(-event.deltaY * 0.002), at[0], at[1]);
    }, {passive: false});
    svg.addEventListener("keydown", function (event) {
      var node = event.target.closest && event.target.closest("a.lx-map__node");
      var dirs = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]};
      var dir = dirs[event.key];
      if (dir && event.shiftKey) {
        pan(dir[0] * vb[2] / 8, dir[1] * vb[3] / 8);
      } else if (dir && node) {
        var next = towards(node.getAttribute("data-slug"), dir[0], dir[1]);
        if (next) focusNode(next);
      } else if (event.key === "+" || event.key === "=") {
        zoom(1.4);
      } else if (event.key === "-" || event.key === "_") {
        zoom(1 / 1.4);
      } else if (event.key === "0") {
        reset();
      } else if (event.key === "Escape") {
        view.select(null);
      } else {
        return;
      }
      event.preventDefault();
    });
    nodes.forEach(function (node) {
      var slug = node.getAttribute("data-slug");
      node.addEventListener("focus", function () {
        nodes.forEach(function (n) { n.setAttribute("tabindex", n === node ? "0" : "-1"); });
        view.select(slug);
      });
      node.addEventListener("mouseenter", function () { highlight(slug); });
      node.addEventListener("mouseleave", function () { highlight(view.selected); });
    });
    return {svg: svg, highlight: highlight, zoom: zoom, reset: reset, bySlug: bySlug,
      links: links};
  }

  function setupMapView(view) {
    var info = view.querySelector("[data-lx-map-info]");
    var drawings = Array.prototype.map.call(view.querySelectorAll("svg.lx-map"), function (svg) {
      return setupDrawing(svg, view);
    });
    function shown() {
      for (var i = 0; i < drawings.length; i++) {
        if (drawings[i].svg.getBoundingClientRect().width > 0) return drawings[i];
      }
      return drawings[0];
    }
    function para(className) {
      var p = document.createElement("p");
      if (className) p.className = className;
      info.appendChild(p);
      return p;
    }
    function anchor(node) {
      var a = document.createElement("a");
      a.href = node.getAttribute("href");
      a.textContent = nodeTitle(node);
      return a;
    }
    function describe(slug) {
      info.textContent = "";
      if (!slug) return;
      var d = shown(), p = d.bySlug[slug];
      if (!p) return;
      var head = para("lx-map__info-title");
      head.appendChild(anchor(p.node));
      head.appendChild(document.createTextNode(" · " + p.node.getAttribute("data-cluster-title")));
      para().textContent = p.node.getAttribute("data-summary");
      var near = d.links[slug].map(function (s) { return d.bySlug[s].node; });
      near.sort(function (a, b) { return nodeTitle(a).localeCompare(nodeTitle(b), "nl"); });
      var list = para();
      list.appendChild(document.createTextNode(near.length ? "Verbonden met: " : "Nog niet verbonden."));
      near.forEach(function (node, i) {
        if (i) list.appendChild(document.createTextNode(", "));
        list.appendChild(anchor(node));
      });
      para("lx-map__info-hint").textContent =
        "Tik nog eens op het punt of druk op Enter om het lemma te openen.";
    }
    view.selected = null;
    view.select = function (slug) {
      view.selected = slug;
      drawings.forEach(function (d) { d.highlight(slug); });
      describe(slug);
    };
    view.querySelectorAll("[data-lx-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var how = button.getAttribute("data-lx-zoom"), d = shown();
        if (how === "in") d.zoom(1.4);
        else if (how === "out") d.zoom(1 / 1.4);
        else d.reset();
      });
    });
  }

  function enhanceMaps() {
    document.querySelectorAll("[data-lx-map-view]").forEach(setupMapView);
    /* On the map page the skip link leads to the map: one Tab from there reaches it. */
    var skip = document.querySelector("a.md-skip");
    if (skip && document.getElementById("lx-kaart")) skip.setAttribute("href", "#lx-kaart");
  }

  /* Share (the phone's own share sheet where there is one, else copy the link) and print. */
  function enhanceTools() {
    var status = document.querySelector(".lx-tools__status");
    function say(text) { if (status) status.textContent = text; }
    var share = document.querySelector("[data-lx-share]");
    if (share) {
      share.addEventListener("click", function () {
        var url = share.getAttribute("data-lx-url") || location.href;
        var title = share.getAttribute("data-lx-title") || document.title;
        if (navigator.share) {
          navigator.share({title: title, url: url}).catch(function () { /* cancelled */ });
        } else if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(url).then(function () {
            say("Link gekopieerd: " + url);
          }, function () { say("Kopieer deze link: " + url); });
        } else {
          say("Kopieer deze link: " + url);
        }
      });
    }
    var print = document.querySelector("[data-lx-print]");
    if (print) print.addEventListener("click", function () { window.print(); });
  }

  /* Wikilink previews on hover and focus: one tooltip for the page, filled when a link is
     pointed at or focused. Nothing is set up per link when the page loads, so a page with
     hundreds of wikilinks (the register) costs no more than a page with one; the link's
     title stays in the page for readers without JavaScript and is lent to the tooltip
     while it shows (so the browser does not show its own as well). */
  function enhanceTooltips() {
    var tip = null, shown = null, hover = window.matchMedia &&
      window.matchMedia("(hover: hover)").matches;
    function place(link) {
      var r = link.getBoundingClientRect(), width = document.documentElement.clientWidth;
      tip.style.maxWidth = Math.min(352, width - 16) + "px";
      var box = tip.getBoundingClientRect();
      var left = Math.max(8, Math.min(r.left, width - box.width - 8));
      var top = r.bottom + 6;
      if (top + box.height > window.innerHeight && r.top - box.height - 6 > 0) {
        top = r.top - box.height - 6;
      }
      tip.style.left = (left + window.scrollX) + "px";
      tip.style.top = (top + window.scrollY) + "px";
    }
    function show(link) {
      if (shown === link) return;
      hide();
      var summary = link.getAttribute("title");
      if (!summary) return;
      if (!tip) {
        tip = document.createElement("div");
        tip.className = "lx-tip";
        tip.id = "lx-tip";
        tip.setAttribute("role", "tooltip");
        document.body.appendChild(tip);
      }
      link.setAttribute("data-lx-title", summary);
      link.removeAttribute("title");
      link.setAttribute("aria-describedby", "lx-tip");
      tip.textContent = summary;
      tip.hidden = false;
      place(link);
      tip.classList.add("lx-tip--active");
      shown = link;
    }
    function hide() {
      if (!shown) return;
      tip.classList.remove("lx-tip--active");
      tip.hidden = true;
      shown.setAttribute("title", shown.getAttribute("data-lx-title"));
      shown.removeAttribute("data-lx-title");
      shown.removeAttribute("aria-describedby");
      shown = null;
    }
    function wikilink(event) {
      var t = event.target;
      return t && t.closest ? t.closest("a.lx-wikilink[title], a.lx-wikilink[data-lx-title]")
        : null;
    }
    if (hover) {
      document.addEventListener("mouseover", function (event) {
        var link = wikilink(event);
        if (link) show(link);
      });
      document.addEventListener("mouseout", function (event) {
        if (shown && wikilink(event) === shown &&
            !(event.relatedTarget && shown.contains(event.relatedTarget))) hide();
      });
    }
    document.addEventListener("focusin", function (event) {
      var link = wikilink(event);
      if (link) show(link); else hide();
    });
    document.addEventListener("focusout", function (event) {
      if (shown && wikilink(event) === shown) hide();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hide();
    });
    window.addEventListener("scroll", function () {
      if (shown && document.activeElement !== shown) hide();
    }, {passive: true});
  }

  /* On touch screens there is no hover: a small button after each wikilink in the text
     shows the summary in place, and the link itself still goes to the lemma at once. */
  function enhancePreviews() {
    if (!window.matchMedia || !window.matchMedia("(hover: none)").matches) return;
    var links = document.querySelectorAll(".lx-entry__body a.lx-wikilink[title]");
    Array.prototype.forEach.call(links, function (link, i) {
      var summary = link.getAttribute("title");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "lx-peek";
      button.textContent = "i";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", "lx-preview-" + i);
      button.setAttribute("aria-label", "Samenvatting van " + link.textContent);
      var note = document.createElement("span");
      note.className = "lx-preview";
      note.id = "lx-preview-" + i;
      note.hidden = true;
      note.textContent = summary;
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", open ? "true" : "false");
        note.hidden = !open;
      });
      link.after(button, note);
    });
  }

  function init() {
    updateAccessed();
    enhanceMaps();
    enhanceTools();
    enhancePreviews();
    enhanceTooltips();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
