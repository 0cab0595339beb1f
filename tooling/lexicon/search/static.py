"""The search index for the browser: the Whoosh index's own analysis and scores, in small
JSON files that a static host can serve and a query loads only in part.

site/search/lx/
  meta.json              counts, clusters, each lemma's cluster, weights, the shard maps
  forms/<c>.json         every word of the lexicon (folded) -> [spell doc frequency, stems]
                         (the browser never stems: it looks words up, so it finds exactly
                         the stems the Python side made, for every word of the lexicon)
  terms/<prefix>.json    stem -> postings (below): the summed BM25F score of
                         the stem over the weighted fields, as Whoosh scores it; and the
                         same for the fields that typo tolerance uses
  keys/<c>.json          whole titles and aliases -> postings (the exact-match bonus)
  grams/<c>.json         3–5 letter grams of titles and aliases -> postings
  vocab/<c>.json         the stems of titles, aliases and summaries by first letter (the
                         candidates typo tolerance compares an unknown word with)
  doc/<n>.json           one lemma: slug, title, summary, url, cluster, plain text
  names.json             per lemma [slug, title, alias, …]: the closest lemma's to a query that
                         finds nothing (`nearest`), loaded only then

Postings are [gap, score, gap, score, …]: documents in ascending order, each given as its
distance to the one before (the first as its number), scores ×100 as integers. A common
stem has postings in thousands of lemma's; as gaps its document numbers are mostly 1 and
compress to almost nothing, which halves the bytes a query loads at 5 000 lemma's.

Shards are split by prefix until each is small, so the first query of a reader loads a few
kilobytes at 45 lemma's and stays bounded at thousands. Scores are rounded to integers
(×100): ranks stay the same, files stay small. Everything is computed from the committed
Whoosh index, in one pass over its terms: linear in the size of the index.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from lexicon.core.model import Lexicon
from lexicon.search import nearest, ranking
from lexicon.search.engine import (
    DERIVE_MIN,
    DERIVE_SHARE,
    DERIVE_WEIGHT,
    FIELDS,
    META,
    _stems,
    read_names,
    stopwords,
)

FORMAT = 2
"""2: postings as document gaps (1: documents best first)."""
FOLDER = "search/lx"
"""Where the browser index lives in the built site."""
SHARD_BYTES = 24_000
"""A shard above this size (uncompressed) is split by one more letter of its prefix."""
FUZZY_FIELDS = {"title": 8.0, "aliases": 6.0, "summary": 2.0}
"""The fields and weights typo tolerance searches (as `Searcher._word_query`)."""
TEXT_CHARS = 1200
"""How much plain text of a lemma the browser gets for its snippet."""


@dataclass(frozen=True)
class StaticStats:
    documents: int
    files: int
    bytes: int


def cluster_titles(lexicon: Lexicon) -> dict[str, str]:
    """Slug -> title of every cluster: what the browser index needs of the lexicon besides
    the Whoosh index (which holds each lemma's title, aliases, summary and cluster)."""
    return {c.slug: c.title for c in lexicon.clusters.values()}


def build(index_folder: Path, clusters: Mapping[str, str], out: Path, base_url: str = ""
          ) -> StaticStats:
    """Write the browser index for the Whoosh index in `index_folder` into `out`."""
    if out.exists():
        shutil.rmtree(out)
    names = {row[0]: (row[1], row[2], row[3:]) for row in read_names(index_folder)}
    ix = whoosh_index.open_dir(str(index_folder))
    try:
        with ix.searcher() as searcher:
            return _write(searcher, index_folder, names, clusters, out, base_url)
    finally:
        ix.close()


def prepare_cached(index_folder: Path, clusters: Mapping[str, str],
                   previous: Path | None = None) -> Path:
    """`build`, once per distinct index: the result is kept inside the Whoosh index folder
    (`browser-<key>/`, the key made of everything it is built from) and carried over from
    the `previous` index when the key is the same. The folder it is in."""
    meta = index_folder / META
    fingerprint = hashlib.sha256()
    fingerprint.update(meta.read_bytes() if meta.is_file() else index_folder.name.encode())
    fingerprint.update(json.dumps(sorted(clusters.items()), ensure_ascii=False).encode())
    fingerprint.update(Path(__file__).read_bytes())
    name = f"browser-{fingerprint.hexdigest()[:20]}"
    cached = index_folder / name
    if not cached.is_dir():
        if previous is not None and (previous / name).is_dir():
            shutil.copytree(previous / name, cached, copy_function=_link_or_copy)
        else:
            build(index_folder, clusters, cached)
    return cached


def build_cached(index_folder: Path, clusters: Mapping[str, str], out: Path,
                 previous: Path | None = None) -> StaticStats:
    """`prepare_cached`, then its folder copied into `out` as hard links. Rebuilding an
    unchanged lexicon costs a copy of links, not a pass over the index; the cache lives and
    goes with its index, so nothing is left beside it."""
    cached = prepare_cached(index_folder, clusters, previous)
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(cached, out, copy_function=_link_or_copy)
    files = [p for p in out.rglob("*") if p.is_file()]
    return StaticStats(sum(1 for p in files if p.parent.name == "doc"), len(files),
                       sum(p.stat().st_size for p in files))


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _write(searcher: Any, folder: Path, names: Mapping[str, tuple[str, str, list[str]]],
           cluster_names: Mapping[str, str], out: Path, base_url: str) -> StaticStats:
    """`names`: slug -> (title, cluster, aliases), from the index's `read_names`."""
    reader = searcher.reader()
    ranker = ranking.Ranker(searcher, folder)
    try:
        return _write_ranked(ranker, reader, names, cluster_names, out, base_url)
    finally:
        ranker.close()


def _write_ranked(ranker: ranking.Ranker, reader: Any,
                  names: Mapping[str, tuple[str, str, list[str]]],
                  cluster_names: Mapping[str, str], out: Path, base_url: str) -> StaticStats:
    docnums = sorted(reader.all_doc_ids())
    ids = {docnum: i for i, docnum in enumerate(docnums)}
    slugs = [reader.stored_fields(d)["slug"] for d in docnums]
    clusters = sorted(cluster_names)
    cluster_index = {slug: i for i, slug in enumerate(clusters)}

    full: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    fuzzy: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for field, boost in FIELDS.items():
        for stem, docs in _field_scores(ranker, reader, field, ids):
            for doc, score in docs:
                full[stem][doc] += boost * score
                if field in FUZZY_FIELDS:
                    fuzzy[stem][doc] += FUZZY_FIELDS[field] * score
    grams: dict[str, dict[int, float]] = defaultdict(dict)
    for gram, docs in _field_scores(ranker, reader, "grams", ids):
        if 3 <= len(gram) <= 5:
            grams[gram] = dict(docs)

    forms: dict[str, list[Any]] = {}
    for word in _terms(reader, "spell"):
        forms[word] = [reader.doc_frequency("spell", word), *_stems(word)]

    keys: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for field, boost in (("title_key", 60.0), ("alias_keys", 45.0)):
        for text, docs in _field_scores(ranker, reader, field, ids):
            keys[text] += [(doc, _round(boost * score)) for doc, score in docs]

    files = 0
    size = 0

    def dump(rel: str, data: Any) -> None:
        nonlocal files, size
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        path.write_text(text, encoding="utf-8")
        files += 1
        size += len(text.encode("utf-8"))

    shard_maps = {
        "terms": _shards("terms", {s: [_postings(full[s]), _postings(fuzzy.get(s, {}))]
                                   for s in full}, dump),
        "forms": _shards("forms", forms, dump),
        "keys": _shards("keys", {k: _gaps(pairs) for k, pairs in keys.items()}, dump),
        "grams": _shards("grams", {g: _postings(d) for g, d in grams.items()}, dump),
    }
    vocabulary: dict[str, list[str]] = defaultdict(list)
    for stem in sorted(fuzzy):
        vocabulary[stem[:1]].append(stem)
    for first, stems in vocabulary.items():
        dump(f"vocab/{_name(first)}.json", stems)
    for i, (slug, docnum) in enumerate(zip(slugs, docnums, strict=True)):
        title, cluster, _ = names[slug]
        stored = reader.stored_fields(docnum)
        dump(f"doc/{i}.json", {
            "slug": slug, "title": title, "summary": stored["summary"],
            "url": f"{base_url}/lemma/{slug}/", "cluster": cluster,
            # The plain text the index stores (`engine.document`): no second Markdown parse.
            "text": stored["body"][:TEXT_CHARS],
        })
    # Every lemma's title and aliases, for the closest lemma's when a query finds nothing
    # (`nearest`); loaded only then.
    dump("names.json", [[slug, names[slug][0], *names[slug][2]] for slug in slugs])
    dump("meta.json", {
        "format": FORMAT,
        "documents": len(slugs),
        "clusters": [{"slug": c, "title": cluster_names[c]} for c in clusters],
        "doc_clusters": [cluster_index.get(names[s][1], -1) for s in slugs],
        "shards": shard_maps,
        "weights": {"decompound": 0.8, "fuzzy": 0.4, "gram": 0.5, "prefix": 0.5},
        "derive": {"min": DERIVE_MIN, "share": DERIVE_SHARE, "weight": DERIVE_WEIGHT},
        "closest": {"threshold": nearest.THRESHOLD, "limit": nearest.LIMIT,
                    "min": nearest.MIN_WORD},
        # Words the Dutch analyser drops (for typed words that are not in the lexicon).
        "stopwords": sorted(stopwords()),
    })
    return StaticStats(len(slugs), files, size)


def _terms(reader: Any, field: str) -> Iterable[str]:
    if field not in reader.schema:
        return
    for text in reader.lexicon(field):
        yield text.decode("utf-8") if isinstance(text, bytes) else str(text)


def _field_scores(ranker: ranking.Ranker, reader: Any, field: str,
                  ids: dict[int, int]) -> Iterable[tuple[str, list[tuple[int, float]]]]:
    """(term, [(doc, BM25F score)]) for every term of `field`, scored as a Whoosh Term
    query on that field scores it (the searcher's matcher would give the same scores one
    posting at a time, with a few method calls and a field-length lookup for each)."""
    if field not in reader.schema:
        return
    for btext in reader.lexicon(field):
        text = btext.decode("utf-8") if isinstance(btext, bytes) else str(btext)
        yield text, [(ids[d], score) for d, score in ranker.term_scores(field, btext)
                     if d in ids]


def _postings(scores: dict[int, float]) -> list[int]:
    """[gap, score, gap, score, …] of `scores` (see the module's docstring)."""
    return _gaps([(doc, _round(score)) for doc, score in scores.items()])


def _gaps(pairs: list[tuple[int, int]]) -> list[int]:
    """(doc, score) pairs as [gap, score, …] in ascending document order; a document twice
    (a title and an alias of one lemma) gives a gap of 0, and the browser adds both."""
    flat: list[int] = []
    previous = 0
    for doc, score in sorted(pairs):
        flat += [doc - previous, score]
        previous = doc
    return flat


def _round(score: float) -> int:
    return max(1, round(score * 100))


def _shards(kind: str, table: dict[str, Any], dump: Any) -> list[str]:
    """Split `table` by key prefix until each shard is below SHARD_BYTES; returns the
    prefixes (the browser takes the longest prefix of a key that is in the list)."""
    prefixes: list[str] = []

    def split(prefix: str, items: dict[str, Any]) -> None:
        text = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
        longer = [k for k in items if len(k) > len(prefix)]
        if len(text) > SHARD_BYTES and longer and len(prefix) < 6:
            groups: dict[str, dict[str, Any]] = defaultdict(dict)
            rest: dict[str, Any] = {}
            for k, v in items.items():
                if len(k) > len(prefix):
                    groups[k[: len(prefix) + 1]][k] = v
                else:
                    rest[k] = v
            if rest:
                _emit(prefix, rest)
            for sub in sorted(groups):
                split(sub, groups[sub])
        else:
            _emit(prefix, items)

    def _emit(prefix: str, items: dict[str, Any]) -> None:
        prefixes.append(prefix)
        dump(f"{kind}/{_name(prefix)}.json", items)

    first: dict[str, dict[str, Any]] = defaultdict(dict)
    for k, v in table.items():
        first[k[:1]][k] = v
    for prefix in sorted(first):
        split(prefix, first[prefix])
    return prefixes


def _name(prefix: str) -> str:
    """A file name for a shard prefix: the prefix itself when it is plain a–z/0–9."""
    if prefix and all("a" <= c <= "z" or "0" <= c <= "9" for c in prefix):
        return prefix
    return "u" + "-".join(f"{ord(c):x}" for c in prefix) if prefix else "_"

