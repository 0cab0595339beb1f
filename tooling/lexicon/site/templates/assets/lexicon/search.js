/* Lexicon nabijheid: search through /api/search when the site is served by `lexicon serve`.
   On a static host the API is absent and Material's built-in search keeps working. The build
   says which of the two it was made for (<meta name="lexicon-search-api" content="ja|nee">):
   a static build never asks for the API; a page without the flag (an older build) asks once. */
(function () {
  "use strict";

  var root = (function () {
    var form = document.querySelector("form[data-lx-root]");
    if (form) return form.getAttribute("data-lx-root");
    /* Material's config knows the site root relative to this page. */
    var config = document.getElementById("__config");
    try { return JSON.parse(config.textContent).base; } catch (e) { return "/"; }
  })().replace(/\/*$/, "/"); /* one slash: "/" + "/" would make "//api", a host named "api" */
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

  function resultHref(url) {
    /* The API answers with site paths ("/lemma/x/"); make them relative to the site root. */
    return root.replace(/\/?$/, "/") + url.replace(/^\//, "");
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
      var message = data.total === 0 ? "Geen lemma's gevonden voor “" + data.query + "”." :
        data.total + (data.total === 1 ? " lemma" : " lemma's") + " gevonden voor “" + data.query + "”.";
      status.innerHTML = escapeHtml(message);
      if (data.corrected) {
        status.innerHTML += " Bedoelde je <a href=\"?" + PARAM + "=" + encodeURIComponent(data.corrected) +
          "\">" + escapeHtml(data.corrected) + "</a>?";
      }
      data.results.forEach(function (hit) {
        var item = document.createElement("li");
        item.className = "lx-result lx-cluster--" + hit.cluster;
        item.innerHTML = "<a class=\"lx-result__title\" href=\"" + escapeHtml(resultHref(hit.url)) + "\">" +
          escapeHtml(hit.title) + "</a>" +
          "<p class=\"lx-result__summary\">" + escapeHtml(hit.summary) + "</p>" +
          (hit.snippet ? "<p class=\"lx-result__snippet\">" + hit.snippet + "</p>" : "");
        list.appendChild(item);
      });
      var counts = (data.facets && data.facets.cluster) || {};
      var total = 0;
      Object.keys(counts).forEach(function (k) { total += counts[k]; });
      facets.hidden = !data.query;
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
      ask({ q: q, cluster: cluster, limit: 20, prefix: prefix ? "1" : "" }).then(function (data) {
        if (data.ok) render(data, own);
        else status.textContent = data.error;
      }, function () { status.textContent = "Zoeken lukt nu niet; probeer het later opnieuw."; });
    }

    apiAvailable().then(function (ok) {
      if (!ok) return fallback(form, input, status);
      form.addEventListener("submit", function (event) { event.preventDefault(); run(false); });
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { run(true); }, 180);
      });
      facets.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-lx-cluster]");
        if (!button) return;
        cluster = button.getAttribute("data-lx-cluster");
        run(false);
      });
      if (input.value) run(false);
    });
  }

  /* Static host: hand the query to Material's built-in search dialog. */
  function fallback(form, input, status) {
    function open(q) {
      var box = document.querySelector("[data-md-component=search-query]");
      var toggle = document.getElementById("__search");
      if (!box || !toggle) return;
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      box.value = q;
      box.focus();
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }
    status.textContent = "Deze site zoekt met het ingebouwde zoekvenster.";
    form.addEventListener("submit", function (event) { event.preventDefault(); open(input.value); });
    if (input.value) setTimeout(function () { open(input.value); }, 300);
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
    apiAvailable().then(function (ok) {
      if (!ok) return;
      /* Capture-phase listeners on the document run before Material's own handlers on the
         input (it searches on keyup); stopping those events there keeps Material's index
         out of the way. Keydown is left alone: Escape and the arrow keys keep working. */
      function update(delay) {
        clearTimeout(timer);
        var q = box.value.trim();
        timer = setTimeout(function () {
          var own = ++counter;
          if (!q) { list.innerHTML = ""; meta.textContent = "Typ om te zoeken"; return; }
          ask({ q: q, limit: 10, prefix: "1" }).then(function (data) {
            if (own !== counter || !data.ok) return;
            meta.textContent = data.total === 0 ? "Geen resultaten" :
              data.total + (data.total === 1 ? " resultaat" : " resultaten");
            list.innerHTML = data.results.map(function (hit) {
              return "<li class=\"md-search-result__item\"><a class=\"md-search-result__link\" href=\"" +
                escapeHtml(resultHref(hit.url)) + "\" tabindex=\"-1\"><article class=\"md-search-result__article md-typeset\">" +
                "<h1>" + escapeHtml(hit.title) + "</h1><p>" + (hit.snippet || escapeHtml(hit.summary)) +
                "</p></article></a></li>";
            }).join("");
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
      box.addEventListener("focus", function () { if (box.value.trim()) update(300); });
      document.addEventListener("keydown", function (event) {
        if (event.target !== box || event.key !== "Enter") return;
        event.preventDefault();
        event.stopImmediatePropagation();
        window.location.href = root.replace(/\/?$/, "/") + "zoeken/?" + PARAM + "=" + encodeURIComponent(box.value.trim());
      }, true);
    });
  }

  function init() {
    var form = document.querySelector("form.lx-search");
    if (form) searchPage(form);
    headerBox();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
