/* Lexicon nabijheid: the search engine for a static host, with the analysis and the scores of
   the Whoosh index (see tooling/lexicon/search/static.py for the files it reads).

   Loaded only when a reader starts searching. `LexiconStaticSearch.create(base)` returns an
   engine whose `search({q, cluster, limit, prefix})` resolves to the same JSON shape as
   /api/search: {ok, query, corrected, total, results: [...], facets: {cluster: {...}},
   retried, closest: [...]}.
   It fetches meta.json (`warm()`, once a reader is in a search box) and then only the
   shards of the words typed. */
(function () {
  "use strict";

  var MAX_WORDS = 16;
  var FORMAT = 2; /* static.FORMAT: the layout of the files this script reads */
  var VOWELS = "aeiouyè";

  /* -- text ---------------------------------------------------------------------------- */

  /* As `slugs.fold` and Whoosh's accent map: lower case, no diacritics. */
  function fold(text) {
    return String(text).toLowerCase().replace(/ß/g, "ss").replace(/æ/g, "ae").replace(/ø/g, "o")
      .replace(/œ/g, "oe").replace(/ł/g, "l").normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(text) {
    return (String(text).toLowerCase().match(/[\p{L}\p{N}_]+/gu) || []).slice(0, MAX_WORDS);
  }

  /* `engine.key`: a whole title or alias, normalised for exact matching. */
  function key(text) {
    return (fold(text).match(/[\p{L}\p{N}_]+/gu) || []).join(" ");
  }

  function isVowel(c) { return c !== undefined && VOWELS.indexOf(c) >= 0; }

  /* The Dutch Snowball stemmer exactly as Whoosh implements it (whoosh.lang.snowball.dutch),
     for words the lexicon does not contain; the lexicon's own words are looked up. */
  function stem(input) {
    var word = input.toLowerCase().replace(/[äá]/g, "a").replace(/[ëé]/g, "e")
      .replace(/[íï]/g, "i").replace(/[öó]/g, "o").replace(/[üú]/g, "u");
    var step2 = false, i;
    function at(k) { return k < 0 ? word.charAt(word.length + k) || undefined : word.charAt(k) || undefined; }
    function ends(s, suffix) { return s.slice(-suffix.length) === suffix && suffix.length <= s.length; }
    if (word.charAt(0) === "y") word = "Y" + word.slice(1);
    for (i = 1; i < word.length; i++) {
      if (isVowel(word[i - 1]) && word[i] === "y") word = word.slice(0, i) + "Y" + word.slice(i + 1);
    }
    for (i = 1; i < word.length - 1; i++) {
      if (isVowel(word[i - 1]) && word[i] === "i" && isVowel(word[i + 1])) {
        word = word.slice(0, i) + "I" + word.slice(i + 1);
      }
    }
    var r1 = "", r2 = "";
    for (i = 1; i < word.length; i++) {
      if (!isVowel(word[i]) && isVowel(word[i - 1])) { r1 = word.slice(i + 1); break; }
    }
    for (i = 1; i < r1.length; i++) {
      if (!isVowel(r1[i]) && isVowel(r1[i - 1])) { r2 = r1.slice(i + 1); break; }
    }
    for (i = 1; i < word.length; i++) {
      if (!isVowel(word[i]) && isVowel(word[i - 1])) {
        if (i + 1 < 3 && i + 1 > 0) r1 = word.slice(3);
        break;
      }
    }
    function cut(n) { word = word.slice(0, -n); r1 = r1.slice(0, -n); r2 = r2.slice(0, -n); }
    function undouble() { if (/(kk|dd|tt)$/.test(word)) cut(1); }
    var step1 = ["heden", "ene", "en", "se", "s"];
    for (i = 0; i < step1.length; i++) {
      var suffix = step1[i];
      if (!ends(r1, suffix)) continue;
      if (suffix === "heden") {
        word = word.slice(0, -5) + "heid";
        r1 = r1.slice(0, -5) + "heid";
        if (ends(r2, "heden")) r2 = r2.slice(0, -5) + "heid";
      } else if ((suffix === "ene" || suffix === "en") && !ends(word, "heden") &&
                 !isVowel(at(-suffix.length - 1)) &&
                 word.slice(Math.max(0, word.length - suffix.length - 3), word.length - suffix.length) !== "gem") {
        cut(suffix.length);
        undouble();
      } else if ((suffix === "se" || suffix === "s") && !isVowel(at(-suffix.length - 1)) &&
                 at(-suffix.length - 1) !== "j") {
        cut(suffix.length);
      }
      break;
    }
    if (ends(r1, "e") && !isVowel(at(-2))) {
      step2 = true;
      cut(1);
      undouble();
    }
    if (ends(r2, "heid") && at(-5) !== "c") {
      cut(4);
      if (ends(r1, "en") && !isVowel(at(-3)) && word.slice(Math.max(0, word.length - 5), word.length - 2) !== "gem") {
        cut(2);
        undouble();
      }
    }
    var step3b = ["baar", "lijk", "bar", "end", "ing", "ig"];
    for (i = 0; i < step3b.length; i++) {
      var s3 = step3b[i];
      if (!ends(r2, s3)) continue;
      if (s3 === "end" || s3 === "ing") {
        word = word.slice(0, -3); r2 = r2.slice(0, -3);
        if (ends(r2, "ig") && at(-3) !== "e") word = word.slice(0, -2);
        else if (/(kk|dd|tt)$/.test(word)) word = word.slice(0, -1);
      } else if (s3 === "ig" && at(-3) !== "e") {
        word = word.slice(0, -2);
      } else if (s3 === "lijk") {
        word = word.slice(0, -4); r1 = r1.slice(0, -4);
        if (ends(r1, "e") && !isVowel(at(-2))) {
          word = word.slice(0, -1);
          if (/(kk|dd|tt)$/.test(word)) word = word.slice(0, -1);
        }
      } else if (s3 === "baar") {
        word = word.slice(0, -4);
      } else if (s3 === "bar" && step2) {
        word = word.slice(0, -3);
      }
      break;
    }
    if (word.length >= 4 && !isVowel(at(-1)) && at(-1) !== "I") {
      var pair = word.slice(-3, -1);
      if ((pair === "aa" || pair === "ee" || pair === "oo" || pair === "uu") && !isVowel(at(-4))) {
        word = word.slice(0, -3) + word.charAt(word.length - 3) + word.charAt(word.length - 1);
      }
    }
    return word.replace(/I/g, "i").replace(/Y/g, "y");
  }

  /* Levenshtein distance, stopping once it is certainly above `max` (Whoosh's automata
     are Levenshtein automata: a swap of two letters counts as two edits). */
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (cur[j] < best) best = cur[j];
      }
      if (best > max) return max + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* -- the engine ------------------------------------------------------------------------ */

  /* The engine answers a query in passes over the tables it has. A pass computes the whole
     answer synchronously from the files already loaded and notes every file it lacks;
     the files a pass lacks are then fetched all at once and the pass is repeated. The first
     pass asks for everything the query's words alone determine (their word list, postings,
     derived stems' shards, grams, the exact-title key); a second only for what those files
     decide (decompounding and typo candidates of an unknown word, the stems a prefix
     completes to); a third for those candidates' postings; then the top results' files.
     So a query costs a few parallel rounds, not one round trip per step. */
  function create(base) {
    var files = {};   /* file -> promise of its JSON (null when it is absent) */
    var loaded = {};  /* file -> its JSON, once fetched */
    var meta = null;
    var has = Object.prototype.hasOwnProperty;

    function load(rel) {
      if (!files[rel]) {
        files[rel] = fetch(base + rel, { credentials: "same-origin" }).then(function (response) {
          return response.ok ? response.json() : null;
        }).catch(function () { return null; }).then(function (data) {
          loaded[rel] = data;
          return data;
        });
      }
      return files[rel];
    }

    function getMeta() {
      return meta || (meta = load("meta.json").then(function (m) {
        if (m) {
          m.prefixes = {};
          Object.keys(m.shards).forEach(function (kind) {
            var set = {};
            m.shards[kind].forEach(function (p) { set[p] = true; });
            m.prefixes[kind] = set;
          });
        }
        return m;
      }));
    }

    function shardName(prefix) {
      if (/^[a-z0-9]+$/.test(prefix)) return prefix;
      if (!prefix) return "_";
      return "u" + Array.from(prefix).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
    }

    /* The shard of `text`: the longest prefix of it in the shard map (null: none). */
    function shardOf(m, kind, text) {
      var set = m.prefixes[kind];
      for (var n = text.length; n >= 0; n--) {
        var p = text.slice(0, n);
        if (has.call(set, p)) return p;
      }
      return null;
    }

    function fileOf(m, kind, text) {
      var p = shardOf(m, kind, text);
      return p === null ? null : kind + "/" + shardName(p) + ".json";
    }

    /* One pass: lookups in the loaded files; a file not loaded yet is noted in `missing`
       and its lookups give `undefined` ("not known yet"). */
    function Pass(m) { this.m = m; this.missing = []; this.asked = {}; }
    Pass.prototype.file = function (rel) {
      if (has.call(loaded, rel)) return loaded[rel];
      if (!this.asked[rel]) { this.asked[rel] = true; this.missing.push(rel); }
      return undefined;
    };
    /* The table of `kind` for `text` ({} when no shard holds it). */
    Pass.prototype.table = function (kind, text) {
      var rel = fileOf(this.m, kind, text);
      if (rel === null) return {};
      var t = this.file(rel);
      return t === undefined ? undefined : t || {};
    };
    /* The entry of `text` in `kind`: undefined while unknown, null when absent. */
    Pass.prototype.get = function (kind, text) {
      var t = this.table(kind, text);
      if (t === undefined) return undefined;
      return has.call(t, text) ? t[text] : null;
    };

    function pending(x) { return x === undefined; }

    /* Each word's analysis: its stems, at once (the stemmer agrees with the Python side
       on every word of the lexicon, tested). */
    function analyse(word, pass) {
      var folded = fold(word), m = pass.m;
      var stems = (folded.length < 2 || m.stopwords.indexOf(folded) >= 0) ? [] : [stem(folded)];
      return { word: word, folded: folded, stems: stems };
    }

    function postings(pass, stemText) {
      var p = pass.get("terms", stemText);
      return p === undefined ? undefined : p || [[], []];
    }

    /* `Searcher.derived`: the index's other stems that share the stem's first letters
       (max(DERIVE_MIN, DERIVE_SHARE × length)), e.g. responsiev -> responsiviteit. */
    function derived(s, pass) {
      var m = pass.m, d = m.derive;
      var need = Math.max(d.min, Math.ceil(d.share * s.length));
      if (s.length < need) return [];
      var p = s.slice(0, need), list = m.shards.terms, wanted = [];
      for (var i = 0; i < list.length; i++) {
        var q = list[i];
        if (q.length > p.length && q.slice(0, p.length) === p) wanted.push(q);
      }
      var leaf = shardOf(m, "terms", p);
      if (leaf !== null) wanted.push(leaf);
      var tables = wanted.map(function (q) { return pass.file("terms/" + shardName(q) + ".json"); });
      if (tables.some(pending)) return undefined;
      var found = [];
      tables.forEach(function (t) {
        Object.keys(t || {}).forEach(function (k) {
          if (k !== s && k.slice(0, need) === p) found.push(t[k]);
        });
      });
      return found;
    }

    /* `engine._roots`: the stem, and for a past participle also the stem without 'ge-'. */
    function roots(s, m) {
      return s.slice(0, 2) === "ge" && s.length - 2 >= m.derive.min + 2 ? [s, s.slice(2)] : [s];
    }

    /* Scores per document: a dense array over the lexicon's documents and the list of the
       documents scored, in the order they were first scored. At thousands of lemma's this
       is several times faster than an object keyed by document number (sums, lookups and
       the final sort), and the sums are made in the same order, so the scores are the same. */
    function Scores(n) { this.value = new Float64Array(n); this.seen = new Uint8Array(n); this.docs = []; }
    Scores.prototype.add = function (doc, x) {
      if (!this.seen[doc]) { this.seen[doc] = 1; this.docs.push(doc); }
      this.value[doc] += x;
    };
    Scores.prototype.has = function (doc) { return this.seen[doc] === 1; };

    /* Postings are [gap, score, …]: documents ascending, each as its distance to the one
       before (static.py). */
    function addAll(target, flat, factor) {
      for (var i = 0, doc = 0; i < flat.length; i += 2) {
        doc += flat[i];
        target.add(doc, flat[i + 1] * factor);
      }
    }

    /* `Searcher.decompound`: an unknown compound split into two words the lexicon knows
       (null: no split; undefined: the word lists are not all loaded yet). */
    function decompound(folded, pass) {
      if (folded.length < 7) return null;
      var tries = [];
      for (var i = 3; i < folded.length - 2; i++) {
        var left = folded.slice(0, i), right = folded.slice(i);
        [left, /s$/.test(left) ? left.slice(0, -1) : null, /en$/.test(left) ? left.slice(0, -2) : null,
         /e$/.test(left) ? left.slice(0, -1) : null].forEach(function (head) {
          if (head && head.length >= 3) tries.push([head, right]);
        });
      }
      var found = tries.map(function (t) { return [pass.get("forms", t[0]), pass.get("forms", t[1])]; });
      if (found.some(function (pair) { return pending(pair[0]) || pending(pair[1]); })) return undefined;
      var best = null;
      found.forEach(function (pair, n) {
        var h = pair[0], r = pair[1];
        if (h && r && h[0] && r[0]) {
          var head = tries[n][0], right = tries[n][1];
          var score = Math.log1p(h[0]) + Math.log1p(r[0]) + Math.min(head.length, right.length) / 4;
          if (best === null || score > best.score) best = { score: score, parts: [head, right] };
        }
      });
      return best && best.parts;
    }

    /* One word's scores per document (`Searcher._word_query`); undefined while a file it
       needs is not loaded (every independent lookup is still made, so all are asked for). */
    function wordScores(a, prefix, pass) {
      var m = pass.m, scores = new Scores(m.documents), waiting = false;
      if (!a.stems.length) return null;
      var lists = a.stems.map(function (s) { return postings(pass, s); });
      var known = null; /* whether the index has the word's stem: null while not known */
      if (lists.some(pending)) waiting = true;
      else {
        known = lists.some(function (p) { return p[0].length > 0; });
        lists.forEach(function (p) { addAll(scores, p[0], 1); });
      }
      [].concat.apply([], a.stems.map(function (s) { return roots(s, m); })).forEach(function (s) {
        var ps = derived(s, pass);
        if (ps === undefined) waiting = true;
        else ps.forEach(function (p) { addAll(scores, p[0], m.derive.weight); });
      });
      if (known === false) {
        var parts = decompound(a.folded, pass);
        if (parts === undefined) waiting = true;
        else if (parts) {
          var partScores = parts.map(function (part) {
            var stems = (part.length < 2 || m.stopwords.indexOf(part) >= 0) ? [part] : [stem(part)];
            var ps = stems.map(function (s) { return postings(pass, s); });
            if (ps.some(pending)) return undefined;
            var own = new Scores(m.documents);
            ps.forEach(function (p) { addAll(own, p[0], m.weights.decompound); });
            return own;
          });
          if (partScores.some(pending)) waiting = true;
          else {
            /* And: only documents that have every part. */
            partScores[0].docs.forEach(function (doc) {
              var total = 0;
              for (var k = 0; k < partScores.length; k++) {
                if (!partScores[k].has(doc)) return;
                total += partScores[k].value[doc];
              }
              scores.add(doc, total);
            });
          }
        }
      }
      if (a.folded.length >= 5 && known === false) {
        var distance = a.folded.length >= 9 ? 2 : 1;
        a.stems.forEach(function (s) {
          var vocab = pass.file("vocab/" + shardName(s.charAt(0)) + ".json");
          if (vocab === undefined) { waiting = true; return; }
          var near = (vocab || []).filter(function (v) {
            return v.charAt(0) === s.charAt(0) && v !== s && editDistance(s, v, distance) <= distance;
          });
          var ps = near.map(function (v) { return postings(pass, v); });
          if (ps.some(pending)) waiting = true;
          else ps.forEach(function (p) { addAll(scores, p[1], m.weights.fuzzy); });
        });
      }
      if (a.folded.length >= 3) {
        var g = pass.get("grams", a.folded.slice(0, 5));
        if (g === undefined) waiting = true;
        else if (g) addAll(scores, g, m.weights.gram);
      }
      if (prefix && a.folded.length >= 2) {
        var forms = pass.table("forms", a.folded);
        if (forms === undefined) waiting = true;
        else {
          var stems = {};
          Object.keys(forms).forEach(function (f) {
            if (f !== a.folded && f.slice(0, a.folded.length) === a.folded) {
              forms[f].slice(1).forEach(function (s) { stems[s] = true; });
            }
          });
          var ps = Object.keys(stems).slice(0, 40).map(function (s) { return postings(pass, s); });
          if (ps.some(pending)) waiting = true;
          else ps.forEach(function (p) { addAll(scores, p[0], m.weights.prefix); });
        }
      }
      return waiting ? undefined : scores;
    }

    /* "Bedoelde je …?": unknown words replaced by the closest word of the lexicon
       (undefined while not known yet). A word is unknown when the index has no postings
       for its stem and the word list does not have it; the word list is only asked for
       once the postings say so, so a query of known words never loads it. */
    function correction(analysed, pass) {
      var changed = false, waiting = false;
      var fixed = analysed.map(function (a) {
        if (a.folded.length < 4 || !a.stems.length) return a.word;
        var lists = a.stems.map(function (s) { return postings(pass, s); });
        if (lists.some(pending)) { waiting = true; return a.word; }
        if (lists.some(function (p) { return p[0].length; })) return a.word;
        var forms = pass.table("forms", a.folded);
        if (forms === undefined) { waiting = true; return a.word; }
        if (has.call(forms, a.folded) && forms[a.folded][0]) return a.word;
        var best = null;
        Object.keys(forms).forEach(function (f) {
          var d = editDistance(a.folded, f, 2);
          if (d <= 2 && (best === null || d < best.d || (d === best.d && forms[f][0] > best.df) ||
              (d === best.d && forms[f][0] === best.df && f < best.f))) {
            best = { f: f, d: d, df: forms[f][0] };
          }
        });
        if (best && best.f !== a.folded) { changed = true; return best.f; }
        return a.word;
      });
      if (waiting) return undefined;
      return changed ? fixed.join(" ") : null;
    }

    /* The ranked documents of `q` (undefined while a file is missing). */
    /* `loose`: every word also matches as the start of longer words (the retry of a query
       that found nothing, as `Searcher.build_query(loose=True)`). */
    function run(q, analysed, cluster, limit, prefix, pass, loose) {
      var m = pass.m;
      var parts = analysed.map(function (a, i) {
        return wordScores(a, loose || (prefix && i === analysed.length - 1), pass);
      });
      var exact = pass.get("keys", key(q));
      if (parts.some(pending) || exact === undefined) return undefined;
      parts = parts.filter(Boolean);
      var scores = parts.length ? coordinate(parts, m.documents) : new Scores(m.documents);
      if (parts.length && exact) addAll(scores, exact, 1);
      var docs = scores.docs, value = scores.value;
      var counts = {}, total = 0, top = [];
      /* The facets of the whole result, the total of the list shown (a cluster filter
         narrows it) and its best `limit` documents (highest score, then lowest number), in
         one pass: a query matches thousands of lemma's at 5 000, only `limit` are shown. */
      for (var i = 0; i < docs.length; i++) {
        var d = docs[i], c = m.clusters[m.doc_clusters[d]];
        if (c) counts[c.slug] = (counts[c.slug] || 0) + 1;
        if (cluster && !(c && c.slug === cluster)) continue;
        total++;
        if (top.length === limit && !before(d, top[limit - 1])) continue;
        var at = top.length === limit ? limit - 1 : top.length;
        while (at > 0 && before(d, top[at - 1])) { top[at] = top[at - 1]; at--; }
        top[at] = d;
      }
      function before(x, y) { return value[x] > value[y] || (value[x] === value[y] && x < y); }
      /* As the served search. */
      return { analysed: analysed, total: total, docs: top, scores: scores, facets: counts };
    }

    /* `ranking.coordinate`: the words' scores summed, each document's sum scaled by the
       share of the query's words it matches, every word weighted ln(1 + N / (1 + df)). */
    function coordinate(maps, documents) {
      if (maps.length === 1) return maps[0];
      var summed = new Scores(documents), share = new Float64Array(documents), total = 0;
      var weights = maps.map(function (map) {
        var w = Math.log1p(documents / (1 + map.docs.length));
        total += w;
        return w;
      });
      if (!total) total = 1;
      maps.forEach(function (map, i) {
        var docs = map.docs, value = map.value, w = weights[i];
        for (var k = 0; k < docs.length; k++) {
          summed.add(docs[k], value[docs[k]]);
          share[docs[k]] += w;
        }
      });
      var docs = summed.docs, value = summed.value;
      for (var k = 0; k < docs.length; k++) value[docs[k]] = value[docs[k]] * (share[docs[k]] / total);
      return summed;
    }

    /* Repeat `compute(pass)` until no file it needs is missing, fetching each pass's
       missing files in parallel. Ends: every repeat loads at least one new file. */
    function settle(m, compute) {
      var pass = new Pass(m);
      var result = compute(pass);
      if (!pass.missing.length) return Promise.resolve(result);
      return Promise.all(pass.missing.map(load)).then(function () { return settle(m, compute); });
    }

    /* The answer of a query: {found, corrected, retried, dead} (undefined while a file is
       missing). A query that found nothing anywhere (not even outside the chosen cluster)
       is retried with its spelling corrected, then with looser matching, in the same
       passes, so their files are fetched together (`Searcher._search`); `dead`: nothing
       found at all, so the closest lemma's are to be offered. */
    function answer(q, cluster, limit, prefix, pass) {
      function analysedOf(text) { return words(text).map(function (w) { return analyse(w, pass); }); }
      var analysed = analysedOf(q);
      var found = run(q, analysed, cluster, limit, prefix, pass);
      var corrected = correction(analysed, pass);
      if (found === undefined || corrected === undefined) return undefined;
      function result(r, retried, dead) {
        return { found: r, corrected: corrected, retried: retried, dead: !!dead };
      }
      if (found.total || Object.keys(found.facets).length) return result(found, null);
      if (corrected) {
        var spelled = run(corrected, analysedOf(corrected), cluster, limit, prefix, pass);
        if (spelled === undefined) return undefined;
        if (spelled.total) return result(spelled, "spelling");
      }
      var looseText = corrected || q;
      var loose = run(looseText, analysedOf(looseText), cluster, limit, prefix, pass, true);
      if (loose === undefined) return undefined;
      if (loose.total) return result(loose, "loose");
      return result(found, null, true);
    }

    /* The snippet of a document's text for the query's words: the first place where one of
       their stems starts a word, with the words there marked. One pattern for all stems,
       made once per query: the earliest match of the alternatives is the earliest of the
       stems' first matches. */
    function snippets(analysed) {
      var stems = [];
      analysed.forEach(function (a) { a.stems.forEach(function (s) { if (s.length >= 3) stems.push(s); }); });
      var re = stems.length ? new RegExp("(^|[^\\p{L}\\p{N}])(?:" + stems.map(function (s) {
        return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      }).join("|") + ")", "u") : null;
      return function (text) { return re && text ? snippet(text, stems, re) : ""; };
    }

    function snippet(text, stems, re) {
      var folded = fold(text);
      var hit = re.exec(folded);
      if (!hit) return "";
      var first = hit.index + hit[1].length;
      var start = Math.max(0, text.lastIndexOf(" ", Math.max(0, first - 60)) + 1);
      var end = text.indexOf(" ", Math.min(text.length, first + 120));
      if (end < 0) end = text.length;
      var piece = text.slice(start, end);
      var pieceFolded = folded.slice(start, end);
      var out = "", pos = 0;
      var wordRe = /[\p{L}\p{N}_]+/gu, w;
      while ((w = wordRe.exec(pieceFolded)) !== null) {
        var hitWord = stems.some(function (s) { return w[0].slice(0, s.length) === s; });
        if (hitWord) {
          out += escapeHtml(piece.slice(pos, w.index)) + "<mark>" + escapeHtml(piece.slice(w.index, w.index + w[0].length)) + "</mark>";
          pos = w.index + w[0].length;
        }
      }
      out += escapeHtml(piece.slice(pos));
      return (start > 0 ? "… " : "") + out + (end < text.length ? " …" : "");
    }

    function search(params) {
      var q = String(params.q || "").replace(/[\u0000-\u001f\u007f]/g, " ").trim().replace(/\s+/g, " ").slice(0, 200);
      var limit = Math.max(1, Math.min(Number(params.limit) || 10, 50));
      var cluster = params.cluster || "";
      var prefix = !!params.prefix;
      return getMeta().then(function (m) {
        if (!m) return { ok: false, error: "De zoekindex ontbreekt op deze site." };
        if (m.format !== FORMAT) return { ok: false, error: "De zoekindex van deze site hoort bij een andere versie van de zoekfunctie; laad de pagina opnieuw." };
        if (!q) {
          return { ok: true, query: q, corrected: null, total: 0, results: [], facets: { cluster: {} },
                   retried: null, closest: [] };
        }
        return settle(m, function (pass) { return answer(q, cluster, limit, prefix, pass); }).then(function (ans) {
          return (ans.dead ? closest(q, m) : Promise.resolve([])).then(function (near) {
            var found = ans.found, snippetOf = snippets(found.analysed);
            return Promise.all(found.docs.concat(near).map(function (d) { return load("doc/" + d + ".json"); }))
              .then(function (docs) {
                return {
                  ok: true, query: q, corrected: ans.corrected, total: found.total,
                  results: docs.slice(0, found.docs.length).filter(Boolean).map(function (doc, i) {
                    return { slug: doc.slug, title: doc.title, cluster: doc.cluster, summary: doc.summary,
                             url: doc.url, snippet: snippetOf(doc.text),
                             score: found.scores.value[found.docs[i]] / 100 };
                  }),
                  facets: { cluster: found.facets },
                  retried: ans.retried,
                  closest: docs.slice(found.docs.length).filter(Boolean).map(function (doc) {
                    return { slug: doc.slug, title: doc.title, cluster: doc.cluster, url: doc.url };
                  })
                };
              });
          });
        });
      });
    }

    /* -- no dead end (`nearest`) ------------------------------------------------------ */

    function bigrams(word) {
      var chars = Array.from(" " + word + " "), grams = {};
      for (var i = 0; i + 1 < chars.length; i++) grams[chars[i] + chars[i + 1]] = true;
      return grams;
    }

    function similarity(a, b) {
      var shared = 0, na = 0, nb = 0, g;
      for (g in a) { na++; if (b[g]) shared++; }
      for (g in b) nb++;
      return shared ? shared / (na + nb - shared) : 0;
    }

    /* The documents whose title or aliases have words most like the query's words: the same
       letter-pair similarity and the same votes as `nearest.Names.closest`. */
    var table = null;

    function closest(q, m) {
      var c = m.closest, stops = {};
      if (!c) return Promise.resolve([]);
      m.stopwords.forEach(function (w) { stops[w] = true; });
      function nameWords(text) {
        return (fold(text).match(/[\p{L}\p{N}_]+/gu) || []).filter(function (w) {
          return Array.from(w).length >= c.min && !stops[w];
        });
      }
      var asked = [];
      nameWords(q).slice(0, MAX_WORDS).forEach(function (w) { if (asked.indexOf(w) < 0) asked.push(w); });
      if (!asked.length) return Promise.resolve([]);
      /* The name words with their bigrams and lemma's, made once per engine. */
      table = table || load("names.json").then(function (names) {
        var owners = {}, keys = [];
        (names || []).forEach(function (row, doc) {
          keys.push(fold(row[1]) + "\u0000" + row[0]);
          row.slice(1).forEach(function (name) {
            nameWords(name).forEach(function (w) { (owners[w] = owners[w] || {})[doc] = true; });
          });
        });
        return { keys: keys, words: Object.keys(owners).map(function (w) {
          return { grams: bigrams(w), docs: Object.keys(owners[w]) };
        }) };
      });
      return table.then(function (t) {
        var keys = t.keys, scores = {};
        asked.forEach(function (w) {
          var grams = bigrams(w), best = {};
          t.words.forEach(function (v) {
            var sim = similarity(grams, v.grams);
            if (sim < c.threshold) return;
            v.docs.forEach(function (doc) {
              if (sim > (best[doc] || 0)) best[doc] = sim;
            });
          });
          Object.keys(best).forEach(function (doc) { scores[doc] = (scores[doc] || 0) + best[doc]; });
        });
        return Object.keys(scores).map(Number).sort(function (x, y) {
          return scores[y] - scores[x] || (keys[x] < keys[y] ? -1 : keys[x] > keys[y] ? 1 : 0);
        }).slice(0, c.limit);
      });
    }

    /* Load the index's metadata ahead of the first query: called when a reader puts the
       cursor in a search box, so the first keystroke costs only the shards of its words. */
    function warm() { return getMeta().then(function (m) { return !!m; }); }

    return { search: search, warm: warm, stem: stem, fold: fold };
  }

  window.LexiconStaticSearch = { create: create, stem: stem, fold: fold, key: key };
})();
