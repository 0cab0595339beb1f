/* Lexicon nabijheid: the search engine for a static host, with the analysis and the scores of
   the Whoosh index (see tooling/lexicon/search/static.py for the files it reads).

   Loaded only when a reader starts searching. `LexiconStaticSearch.create(base)` returns an
   engine whose `search({q, cluster, limit, prefix})` resolves to the same JSON shape as
   /api/search: {ok, query, corrected, total, results: [...], facets: {cluster: {...}},
   retried, closest: [...]}.
   It fetches meta.json and then only the shards of the words typed. */
(function () {
  "use strict";

  var MAX_WORDS = 16;
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

  function create(base) {
    var files = {};
    var meta = null;

    function load(rel) {
      if (!files[rel]) {
        files[rel] = fetch(base + rel, { credentials: "same-origin" }).then(function (response) {
          return response.ok ? response.json() : null;
        }).catch(function () { return null; });
      }
      return files[rel];
    }

    function getMeta() { return meta || (meta = load("meta.json")); }

    function shardName(prefix) {
      if (/^[a-z0-9]+$/.test(prefix)) return prefix;
      if (!prefix) return "_";
      return "u" + Array.from(prefix).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
    }

    function shardOf(m, kind, text) {
      var list = m.shards[kind], best = null;
      for (var i = 0; i < list.length; i++) {
        var p = list[i];
        if (text.slice(0, p.length) === p && (best === null || p.length > best.length)) best = p;
      }
      return best;
    }

    function lookup(kind, text) {
      return getMeta().then(function (m) {
        if (!m) return undefined;
        var p = shardOf(m, kind, text);
        if (p === null) return undefined;
        return load(kind + "/" + shardName(p) + ".json").then(function (t) {
          return t && Object.prototype.hasOwnProperty.call(t, text) ? t[text] : undefined;
        });
      });
    }

    function shard(kind, text) {
      return getMeta().then(function (m) {
        var p = m && shardOf(m, kind, text);
        return p === null || !m ? Promise.resolve({}) :
          load(kind + "/" + shardName(p) + ".json").then(function (t) { return t || {}; });
      });
    }

    /* Each word's analysis: its stems, at once (the stemmer agrees with the Python side
       on every word of the lexicon, tested), so the postings load without waiting for the
       word list; `df` (how many lemma's have the word) loads alongside, for compounds and
       "bedoelde je". */
    function analyse(word) {
      var folded = fold(word);
      return getMeta().then(function (m) {
        var stems = (folded.length < 2 || m.stopwords.indexOf(folded) >= 0) ? [] : [stem(folded)];
        stems.forEach(postings);
        return lookup("forms", folded).then(function (form) {
          return { word: word, folded: folded, df: form ? form[0] : 0, stems: stems };
        });
      });
    }

    function postings(stemText) {
      return lookup("terms", stemText).then(function (p) { return p || [[], []]; });
    }

    /* `Searcher.derived`: the index's other stems that share the stem's first letters
       (max(DERIVE_MIN, DERIVE_SHARE × length)), e.g. responsiev -> responsiviteit. */
    function derived(s, m) {
      var d = m.derive;
      var need = Math.max(d.min, Math.ceil(d.share * s.length));
      if (s.length < need) return Promise.resolve([]);
      var p = s.slice(0, need), list = m.shards.terms, wanted = [], leaf = null;
      for (var i = 0; i < list.length; i++) {
        var q = list[i];
        if (q.length > p.length && q.slice(0, p.length) === p) wanted.push(q);
        else if (p.slice(0, q.length) === q && (leaf === null || q.length > leaf.length)) leaf = q;
      }
      if (leaf !== null) wanted.push(leaf);
      return Promise.all(wanted.map(function (q) { return load("terms/" + shardName(q) + ".json"); }))
        .then(function (tables) {
          var found = [];
          tables.forEach(function (t) {
            Object.keys(t || {}).forEach(function (k) {
              if (k !== s && k.slice(0, need) === p) found.push(t[k]);
            });
          });
          return found;
        });
    }

    function addAll(target, flat, factor) {
      for (var i = 0; i < flat.length; i += 2) {
        target[flat[i]] = (target[flat[i]] || 0) + flat[i + 1] * factor;
      }
    }

    /* `Searcher.decompound`: an unknown compound split into two words the lexicon knows. */
    function decompound(folded) {
      if (folded.length < 7) return Promise.resolve(null);
      var tries = [];
      for (var i = 3; i < folded.length - 2; i++) {
        var left = folded.slice(0, i), right = folded.slice(i);
        [left, /s$/.test(left) ? left.slice(0, -1) : null, /en$/.test(left) ? left.slice(0, -2) : null,
         /e$/.test(left) ? left.slice(0, -1) : null].forEach(function (head) {
          if (head && head.length >= 3) tries.push([head, right]);
        });
      }
      return Promise.all(tries.map(function (t) {
        return Promise.all([lookup("forms", t[0]), lookup("forms", t[1])]);
      })).then(function (found) {
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
      });
    }

    /* One word's scores per document (`Searcher._word_query`). */
    function wordScores(a, prefix, m) {
      var scores = {};
      var leaves = 0;
      if (!a.stems.length) return Promise.resolve(null);
      return Promise.all(a.stems.map(postings)).then(function (lists) {
        var known = false;
        lists.forEach(function (p) {
          if (p[0].length) known = true;
          addAll(scores, p[0], 1);
          leaves += 7;
        });
        var extra = a.stems.map(function (s) {
          return derived(s, m).then(function (ps) {
            ps.forEach(function (p) { addAll(scores, p[0], m.derive.weight); leaves += 7; });
          });
        });
        if (!known) {
          extra.push(decompound(a.folded).then(function (parts) {
            if (!parts) return;
            return Promise.all(parts.map(function (part) {
              return analyse(part).then(function (pa) {
                var stems = pa.stems.length ? pa.stems : [part];
                return Promise.all(stems.map(postings)).then(function (ps) {
                  var partScores = {};
                  ps.forEach(function (p) { addAll(partScores, p[0], m.weights.decompound); });
                  return partScores;
                });
              });
            })).then(function (partScores) {
              /* And: only documents that have every part. */
              Object.keys(partScores[0]).forEach(function (doc) {
                var total = 0;
                for (var k = 0; k < partScores.length; k++) {
                  if (!(doc in partScores[k])) return;
                  total += partScores[k][doc];
                }
                scores[doc] = (scores[doc] || 0) + total;
              });
              leaves += 7 * parts.length;
            });
          }));
        }
        if (a.folded.length >= 5 && !known) {
          var distance = a.folded.length >= 9 ? 2 : 1;
          extra.push(Promise.all(a.stems.map(function (s) {
            return load("vocab/" + shardName(s.charAt(0)) + ".json").then(function (vocab) {
              var near = (vocab || []).filter(function (v) {
                return v.charAt(0) === s.charAt(0) && v !== s && editDistance(s, v, distance) <= distance;
              });
              return Promise.all(near.map(postings)).then(function (ps) {
                ps.forEach(function (p) { addAll(scores, p[1], m.weights.fuzzy); leaves += 3; });
              });
            });
          })));
        }
        if (a.folded.length >= 3) {
          extra.push(lookup("grams", a.folded.slice(0, 5)).then(function (g) {
            if (g) addAll(scores, g, m.weights.gram);
            leaves += 1;
          }));
        }
        if (prefix && a.folded.length >= 2) {
          extra.push(shard("forms", a.folded).then(function (forms) {
            var stems = {};
            Object.keys(forms).forEach(function (f) {
              if (f !== a.folded && f.slice(0, a.folded.length) === a.folded) {
                forms[f].slice(1).forEach(function (s) { stems[s] = true; });
              }
            });
            return Promise.all(Object.keys(stems).slice(0, 40).map(postings)).then(function (ps) {
              ps.forEach(function (p) { addAll(scores, p[0], m.weights.prefix); });
              leaves += 3;
            });
          }));
        }
        return Promise.all(extra).then(function () { return { scores: scores, leaves: leaves }; });
      });
    }

    /* "Bedoelde je …?": unknown words replaced by the closest word of the lexicon. */
    function correction(analysed) {
      var changed = false;
      return Promise.all(analysed.map(function (a) {
        if (a.folded.length < 4 || !a.stems.length || a.df) return Promise.resolve(a.word);
        return Promise.all(a.stems.map(postings)).then(function (lists) {
          if (lists.some(function (p) { return p[0].length; })) return a.word;
          return shard("forms", a.folded).then(function (forms) {
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
        });
      })).then(function (fixed) { return changed ? fixed.join(" ") : null; });
    }

    /* `loose`: every word also matches as the start of longer words (the retry of a query
       that found nothing, as `Searcher.build_query(loose=True)`). */
    function run(q, cluster, limit, prefix, m, loose) {
      var list = words(q);
      return Promise.all(list.map(analyse)).then(function (analysed) {
        return Promise.all(analysed.map(function (a, i) {
          return wordScores(a, loose || (prefix && i === analysed.length - 1), m);
        })).then(function (parts) {
          parts = parts.filter(Boolean);
          return lookup("keys", key(q)).then(function (exact) {
            var scores = {};
            if (!parts.length) return { analysed: analysed, scores: scores };
            parts.forEach(function (p) { addAll(scores, flatten(p.scores), 1); });
            if (exact) addAll(scores, exact, 1);
            return { analysed: analysed, scores: scores };
          });
        });
      }).then(function (state) {
        var docs = Object.keys(state.scores).map(Number);
        var counts = {};
        docs.forEach(function (d) {
          var c = m.clusters[m.doc_clusters[d]];
          if (c) counts[c.slug] = (counts[c.slug] || 0) + 1;
        });
        var shown = docs.filter(function (d) {
          var c = m.clusters[m.doc_clusters[d]];
          return !cluster || (c && c.slug === cluster);
        });
        shown.sort(function (x, y) { return state.scores[y] - state.scores[x] || x - y; });
        /* As the served search: the total of the list shown (a cluster filter narrows it),
           the facets of the whole result. */
        return { analysed: state.analysed, total: shown.length, docs: shown.slice(0, limit),
                 scores: state.scores, facets: counts };
      });
    }

    function flatten(map) {
      var flat = [];
      Object.keys(map).forEach(function (d) { flat.push(Number(d), map[d]); });
      return flat;
    }

    function snippet(text, analysed) {
      var stems = [];
      analysed.forEach(function (a) { a.stems.forEach(function (s) { if (s.length >= 3) stems.push(s); }); });
      if (!stems.length || !text) return "";
      var folded = fold(text);
      var first = -1;
      stems.forEach(function (s) {
        var re = new RegExp("(^|[^\\p{L}\\p{N}])" + s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u");
        var hit = re.exec(folded);
        if (hit && (first < 0 || hit.index < first)) first = hit.index + hit[1].length;
      });
      if (first < 0) return "";
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
        if (!q) {
          return { ok: true, query: q, corrected: null, total: 0, results: [], facets: { cluster: {} },
                   retried: null, closest: [] };
        }
        return run(q, cluster, limit, prefix, m).then(function (found) {
          return correction(found.analysed).then(function (corrected) {
            return deadEnd(q, corrected, found, function (text, loose) {
              return run(text, cluster, limit, prefix, m, loose);
            }, m);
          });
        }).then(function (answer) {
          var found = answer.found;
          return Promise.all(found.docs.concat(answer.closest).map(function (d) { return load("doc/" + d + ".json"); }))
            .then(function (docs) {
              var near = docs.slice(found.docs.length);
              return {
                ok: true, query: q, corrected: answer.corrected, total: found.total,
                results: docs.slice(0, found.docs.length).filter(Boolean).map(function (doc, i) {
                  return { slug: doc.slug, title: doc.title, cluster: doc.cluster, summary: doc.summary,
                           url: doc.url, snippet: snippet(doc.text, found.analysed),
                           score: found.scores[found.docs[i]] / 100 };
                }),
                facets: { cluster: found.facets },
                retried: answer.retried,
                closest: near.filter(Boolean).map(function (doc) {
                  return { slug: doc.slug, title: doc.title, cluster: doc.cluster, url: doc.url };
                })
              };
            });
        });
      });
    }

    /* -- no dead end (`Searcher._search`, `nearest`) ------------------------------------ */

    /* A query that found nothing anywhere is retried with its spelling corrected, then with
       looser matching; if that finds nothing either, the closest lemma's are offered. */
    function deadEnd(q, corrected, found, retry, m) {
      function answer(result, retried, closest) {
        return { found: result, corrected: corrected, retried: retried, closest: closest || [] };
      }
      if (found.total || Object.keys(found.facets).length) return answer(found, null);
      return (corrected ? retry(corrected, false) : Promise.resolve(null)).then(function (spelled) {
        if (spelled && spelled.total) return answer(spelled, "spelling");
        return retry(corrected || q, true).then(function (loose) {
          if (loose.total) return answer(loose, "loose");
          return closest(q, m).then(function (docs) { return answer(found, null, docs); });
        });
      });
    }

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

    return { search: search, stem: stem, fold: fold };
  }

  window.LexiconStaticSearch = { create: create, stem: stem, fold: fold, key: key };
})();
