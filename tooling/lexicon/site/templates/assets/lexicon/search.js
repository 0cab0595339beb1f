/* Lexicon nabijheid: one search on every host. Served by `lexicon serve`, it asks
   /api/search; on a static host it runs the same analysis and scores in the browser
   (lx-search.js with the index in search/lx/, loaded only once a reader searches). The
   header box (Material's) and /zoeken/ show the same results either way. The build says
   which host it was made for (<meta name="lexicon-search-api" content="ja|nee">): a static
   build never asks for the API; a page without the flag (an older build) asks once. */
(function () {
  "use strict";

  var root = (function () {
    var form = document.querySelector("form[data-lx-root]");
    if (form) return form.getAttribute("data-lx-root");
    /* Material's config knows the site root relative to this page. */
    var config = document.getElementById("__config");
    try { return JSON.parse(config.textContent).base; } catch (e) { return "/"; }
  })();
  /* Always one trailing slash: ".." -> "../", and the 404 page's "/" never becomes "//",
     which would ask a host called "api". */
  root = root === "" ? "./" : root.replace(/\/*$/, "/");
  var PARAM = "zoekterm";
  var api = root + "api/search";
  var flag = document.querySelector("meta[name=lexicon-search-api]");
  var available = flag && flag.getAttribute("content") === "nee" ? Promise.resolve(false) : null;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function ask(params) {
    var query = Object.keys(params).filter(function (k) { return params[k] !== "" && params[k] != null; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); })
      .join("&");
    return fetch(api + "?" + query, { headers: { Accept: "application/json" } })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) throw new Error("geen zoek-API");
        return response.json();
      });
  }

  function apiAvailable() {
    if (available === null) {
      available = ask({ q: "", limit: 1 }).then(function (data) { return data.ok === true; },
        function () { return false; });
    }
    return available;
  }

  var script = null;
  var engine = null;
  /* lx-search.js (stemmer and static engine), loaded on first use only. */
  function loadScript() {
    if (!script) {
      script = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = root + "assets/lexicon/lx-search.js";
        tag.onload = function () { resolve(window.LexiconStaticSearch); };
        tag.onerror = function () { script = null; reject(new Error("geen zoekindex")); };
        document.head.appendChild(tag);
      });
    }
    return script;
  }

  function staticAsk(params) {
    return staticEngine().then(function (e) { return e.search(params); });
  }

  function staticEngine() {
    if (!engine) {
      engine = loadScript().then(function (S) { return S.create(root + "search/lx/"); },
        function (error) { engine = null; throw error; });
    }
    return engine;
  }

  function search(params) {
    return apiAvailable().then(function (ok) { return ok ? ask(params) : staticAsk(params); });
  }

  /* A reader is in a search box: on a static host, fetch the engine and the index's
     metadata now (as Pagefind's preload), so the first keystroke waits only for the shards
     of its words. Nothing of the search is fetched before that. */
  function warm() {
    apiAvailable().then(function (ok) {
      if (!ok) staticEngine().then(function (e) { return e.warm(); }).catch(function () {});
    });
  }

  function resultHref(url, q) {
    /* Results are site paths ("/lemma/x/"); make them relative to the site root, and carry
       the query along so the lemma page can mark it. */
    var href = root + url.replace(/^\//, "");
    return q ? href + "?h=" + encodeURIComponent(q) : href;
  }

  function lemmas(n) { return n + (n === 1 ? " lemma" : " lemma's"); }

  /* The status line of /zoeken/ as HTML, every part of the query and of lemma's escaped:
     what was found, or which retry found it (the answer's `retried`), or the closest
     lemma's and the register. The same sentences as `serve.app.search_status`. */
  function statusHtml(data) {
    var text = escapeHtml(data.query);
    if (data.retried === "spelling" && data.corrected) {
      return "Geen lemma's gevonden voor “" + text + "”; " + lemmas(data.total) + " gevonden voor “" +
        escapeHtml(data.corrected) + "”.";
    }
    if (data.retried === "loose") {
      return "Geen lemma's gevonden voor “" + text + "”; ruimer gezocht, op woorden die beginnen met “" +
        escapeHtml(data.corrected || data.query) + "”: " + lemmas(data.total) + ".";
    }
    if (data.total) {
      return lemmas(data.total) + " gevonden voor “" + text + "”." + (data.corrected ?
        " Bedoelde je <a href=\"?" + PARAM + "=" + escapeHtml(encodeURIComponent(data.corrected)) + "\">" +
        escapeHtml(data.corrected) + "</a>?" : "");
    }
    var closest = data.closest || [];
    return "Geen lemma's gevonden voor “" + text + "”." + (closest.length ?
      " Bedoelde je een van deze lemma's: " + closest.map(function (c) {
        return "<a href=\"" + escapeHtml(resultHref(c.url, "")) + "\">" + escapeHtml(c.title) + "</a>";
      }).join(", ") + "?" : "") +
      " Of zoek in het <a href=\"" + escapeHtml(root + "register/") + "\">register A–Z</a>.";
  }

  /* -- the search page ------------------------------------------------------------------- */
  function searchPage(form) {
    var input = form.querySelector("input[name=" + PARAM + "]");
    var status = document.getElementById("lx-search-status");
    var list = document.getElementById("lx-search-results");
    var facets = document.getElementById("lx-search-facets");
    var cluster = "";
    var timer = null;
    var counter = 0;
    var params = new URLSearchParams(window.location.search);
    /* Not "q": Material opens its own search dialog for ?q= */
    input.value = params.get(PARAM) || "";
    cluster = params.get("cluster") || "";

    function render(data, own) {
      if (own !== counter) return; /* an older answer arrived late */
      list.innerHTML = "";
      status.innerHTML = statusHtml(data);
      data.results.forEach(function (hit) {
        var item = document.createElement("li");
        item.className = "lx-result lx-cluster--" + hit.cluster;
        item.innerHTML = "<a class=\"lx-result__title\" href=\"" + escapeHtml(resultHref(hit.url, data.query)) + "\">" +
          escapeHtml(hit.title) + "</a>" +
          "<p class=\"lx-result__summary\">" + escapeHtml(hit.summary) + "</p>" +
          (hit.snippet ? "<p class=\"lx-result__snippet\">" + hit.snippet + "</p>" : "");
        list.appendChild(item);
      });
      var counts = (data.facets && data.facets.cluster) || {};
      var total = 0;
      Object.keys(counts).forEach(function (k) { total += counts[k]; });
      facets.hidden = !data.total;
      facets.querySelectorAll("button[data-lx-cluster]").forEach(function (button) {
        var slug = button.getAttribute("data-lx-cluster");
        var n = slug ? counts[slug] || 0 : total;
        button.hidden = slug !== "" && n === 0 && slug !== cluster;
        button.setAttribute("aria-pressed", String(slug === cluster));
        var label = button.getAttribute("data-lx-label") || button.textContent;
        button.setAttribute("data-lx-label", label);
        button.textContent = label + " (" + n + ")";
      });
    }

    function run(prefix) {
      var q = input.value.trim();
      var own = ++counter;
      var url = new URL(window.location.href);
      url.searchParams.set(PARAM, q);
      if (cluster) url.searchParams.set("cluster", cluster); else url.searchParams.delete("cluster");
      window.history.replaceState(null, "", url);
      if (!q) {
        list.innerHTML = "";
        status.textContent = "";
        facets.hidden = true;
        return;
      }
      search({ q: q, cluster: cluster, limit: 20, prefix: prefix ? "1" : "" }).then(function (data) {
        if (data.ok) render(data, own);
        else status.textContent = data.error;
      }, function () { status.textContent = "Zoeken lukt nu niet; probeer het later opnieuw."; });
    }

    (function () {
      form.addEventListener("submit", function (event) { event.preventDefault(); run(false); });
      input.addEventListener("focus", warm);
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { run(true); }, 180);
      });
      facets.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-lx-cluster]");
        if (!button) return;
        event.preventDefault(); /* a submit button, for a reader without JavaScript */
        cluster = button.getAttribute("data-lx-cluster");
        run(false);
      });
      if (input.value) run(false);
    })();
  }

  /* -- the search box in the header (Material's), when the API is there ------------------ */
  function headerBox() {
    var box = document.querySelector("[data-md-component=search-query]");
    var result = document.querySelector("[data-md-component=search-result]");
    if (!box || !result) return;
    var meta = result.querySelector(".md-search-result__meta");
    var list = result.querySelector(".md-search-result__list");
    var timer = null;
    var counter = 0;
    (function () {
      /* Capture-phase listeners on the document run before Material's own handlers on the
         input (it searches on keyup); stopping those events there keeps Material's index
         out of the way. Keydown is left alone: Escape and the arrow keys keep working. */
      function update(delay) {
        clearTimeout(timer);
        var q = box.value.trim();
        timer = setTimeout(function () {
          var own = ++counter;
          if (!q) { list.innerHTML = ""; meta.textContent = "Typ om te zoeken"; return; }
          search({ q: q, limit: 10, prefix: "1" }).then(function (data) {
            if (own !== counter || !data.ok) return;
            var found = data.total + (data.total === 1 ? " resultaat" : " resultaten");
            meta.textContent = data.retried === "spelling" ?
              "Geen resultaten voor “" + data.query + "”; " + found + " voor “" + data.corrected + "”" :
              data.retried === "loose" ? "Geen resultaten voor “" + data.query + "”; ruimer gezocht: " + found :
              data.total === 0 ? "Geen resultaten voor “" + data.query + "”" : found;
            function item(href, title, text) {
              return "<li class=\"md-search-result__item\"><a class=\"md-search-result__link\" href=\"" +
                escapeHtml(href) + "\" tabindex=\"-1\"><article class=\"md-search-result__article md-typeset\">" +
                "<h1>" + escapeHtml(title) + "</h1><p>" + text + "</p></article></a></li>";
            }
            list.innerHTML = data.results.map(function (hit) {
              return item(resultHref(hit.url, data.query), hit.title, hit.snippet || escapeHtml(hit.summary));
            }).join("") + (data.total ? "" : (data.closest || []).map(function (c) {
              return item(resultHref(c.url, ""), c.title, "Lijkt op je zoekvraag.");
            }).join("") + item(root + "register/", "Register A–Z", "Alle lemma's op alfabet."));
          });
        }, delay);
      }
      ["input", "keyup"].forEach(function (type) {
        document.addEventListener(type, function (event) {
          if (event.target !== box) return;
          event.stopImmediatePropagation();
          if (type === "input") update(150);
        }, true);
      });
      /* Material searches its own index when the box gets focus: answer after it. */
      box.addEventListener("focus", function () {
        warm();
        if (box.value.trim()) update(300);
      });
      document.addEventListener("keydown", function (event) {
        if (event.target !== box || event.key !== "Enter") return;
        event.preventDefault();
        event.stopImmediatePropagation();
        window.location.href = root + "zoeken/?" + PARAM + "=" + encodeURIComponent(box.value.trim());
      }, true);
    })();
  }

  /* -- the query marked on the lemma page a result led to (?h=…) ------------------------ */
  function highlight() {
    var q = new URLSearchParams(window.location.search).get("h");
    var body = document.querySelector(".lx-entry__body");
    if (!q || !body) return;
    loadScript().then(function (S) {
      var stems = (q.toLowerCase().match(/[\p{L}\p{N}_]+/gu) || []).map(function (w) { return S.stem(S.fold(w)); })
        .filter(function (s) { return s.length >= 3; });
      if (!stems.length) return;
      var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      var nodes = [], node;
      while ((node = walker.nextNode())) nodes.push(node);
      var first = null;
      nodes.forEach(function (text) {
        var value = text.nodeValue, folded = S.fold(value), re = /[\p{L}\p{N}_]+/gu, m, pos = 0;
        if (folded.length !== value.length) return;
        var fragment = document.createDocumentFragment(), found = false;
        while ((m = re.exec(folded)) !== null) {
          var word = m[0];
          if (!stems.some(function (s) { return word.slice(0, s.length) === s; })) continue;
          fragment.appendChild(document.createTextNode(value.slice(pos, m.index)));
          var mark = document.createElement("mark");
          mark.className = "lx-hit";
          mark.textContent = value.slice(m.index, m.index + word.length);
          fragment.appendChild(mark);
          if (!first) first = mark;
          pos = m.index + word.length;
          found = true;
        }
        if (!found) return;
        fragment.appendChild(document.createTextNode(value.slice(pos)));
        text.parentNode.replaceChild(fragment, text);
      });
      if (first && !window.location.hash) first.scrollIntoView({ block: "center" });
    });
  }

  function init() {
    var form = document.querySelector("form.lx-search");
    if (form) searchPage(form);
    headerBox();
    highlight();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
