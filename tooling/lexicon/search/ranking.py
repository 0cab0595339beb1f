"""Ranking without Whoosh's matcher tree: whole posting lists, scored term by term.

query tree (Term, Or, And, FuzzyTerm, Prefix) ──each term's postings, read a block at a time──▶
per-document BM25F scores, summed up the tree (with Whoosh's coordination for `Or(scale=…)`)
──▶ every matching document with its score: the top hits, the total and the facet counts come
from this one pass.

Whoosh scores document by document through a tree of Python matchers (`is_active`, `id`,
`next`, `score` on every node for every posting) and counts facets and matched terms with
more wrappers around it. A word that occurs in most lemma's ("sociale") then costs tens of
milliseconds per field at 5 000 lemma's. Here each term's posting list is read once as arrays
and added into a dict, which is an order of magnitude less work for the same scores: the
formulas are Whoosh's own (BM25F with its parameters, idf, average field lengths, the stored
field lengths, boosts, and the "SQR" coordination of `CoordMatcher`), and a test compares the
results with Whoosh's on the real lexicon. Query types this module does not know (phrases)
raise `Unsupported`; the caller then lets Whoosh search.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import math
import operator
import warnings
from array import array
from bisect import bisect_left
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Whoosh 2.7.4 predates Python 3.11
    from whoosh import query as Q
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.highlight import FIRST, BasicFragmentScorer, Token
    from whoosh.matching.wrappers import FilterMatcher
    from whoosh.scoring import BM25F

from lexicon.search import bulk


class Unsupported(Exception):
    """A query type that only Whoosh's own search handles."""


@dataclass
class _Scores:
    scores: dict[int, float]
    """Segment document number -> score, for every matching document."""
    hits: list[Sequence[int]] | None
    """The documents of each term of the subtree where they count as matches (kept only
    where needed): how many terms a document matches is how often it occurs here."""
    shape: Any
    """The subtree as Whoosh's matcher tree sees it when it prunes exhausted matchers:
    ("leaf", last document) | ("or", [shapes]) | ("and", last common document, [shapes])."""
    pending: list[tuple[dict[int, float], list[Sequence[int]], Any, float]]
    """Coordinated subtrees (`Or(scale=…)`) whose scores wait for the top level."""


@dataclass(slots=True)
class _Postings:
    """A term's decoded postings in one segment."""

    ids: array[int]
    weights: array[float]
    unit: array[float] | None = None
    """Each posting's BM25F score at boost 1 (kept once computed: it depends only on the
    term, its field and the document)."""


def _without(postings: _Postings, deleted: frozenset[int]) -> _Postings:
    """`postings` without the deleted documents."""
    if not deleted:
        return postings
    kept = [i for i, docnum in enumerate(postings.ids) if docnum not in deleted]
    if len(kept) == len(postings.ids):
        return postings
    return _Postings(array("I", [postings.ids[i] for i in kept]),
                     array("d", [postings.weights[i] for i in kept]))


def _empty(counting: bool) -> _Scores:
    return _Scores({}, [] if counting else None, ("or", []), [])


def _last_documents(shape: Any, bound: int | None = None) -> list[int]:
    """For each term matcher of the subtree, the last document at which Whoosh's collector
    still finds it in its matcher tree when it prunes the tree (`Matcher.replace`): a term
    is dropped once its postings ended, and every term of an And once the And has no common
    document left, so a term counts up to the smaller of its own last document and that of
    each And above it."""
    kind = shape[0]
    if kind == "leaf":
        return [shape[1] if bound is None else min(shape[1], bound)]
    if kind == "and":
        bound = shape[1] if bound is None else min(shape[1], bound)
        return [last for s in shape[2] for last in _last_documents(s, bound)]
    return [last for s in shape[1] for last in _last_documents(s, bound)]


POSTINGS = 1_000_000
"""Decoded postings a Ranker keeps between searches: 20 bytes each with their scores, so at
most 20 MB per server thread (the 45 lemma's have 42 000 postings in all). Decoding Whoosh's
posting blocks (zlib, pickle, adding up the gaps) was a third of a search at 5 000 lemma's,
and a word's postings are the same in every search: a frequent word ("sociale", "mensen") is
decoded once, not for every query it occurs in. This is a cache of what the index holds, not
of results: every search still scores and ranks all its postings."""

REPLACE_EVERY = 10
"""Whoosh's ScoredCollector prunes its matcher tree before the first match and then every
ten matches (`replace=10`); CoordMatcher counts the terms of the pruned tree."""


class Ranker:
    """Scores our query trees on one open Whoosh searcher (which must not change)."""

    def __init__(self, searcher: Any, folder: Path | None = None) -> None:
        """`folder`: the index folder, where a segment's side-car is (see `bulk`)."""
        self.searcher = searcher
        self.reader = searcher.reader()
        self.schema = searcher.schema
        weighting = searcher.weighting
        if not isinstance(weighting, BM25F):
            raise TypeError("Ranker implements BM25F only")
        self.weighting = weighting
        self.segments = [(self.reader, 0)] if self.reader.is_atomic() else \
            list(self.reader.leaf_readers())
        self.norms: dict[str, list[float]] = {}
        self.postings: OrderedDict[tuple[int, str, bytes], _Postings] = OrderedDict()
        """Decoded posting lists (per segment), the most recently used last: an open index
        never changes, so they stay right from one search to the next (see POSTINGS)."""
        self.cached = 0
        """The number of postings in `postings`."""
        self._segment: Any = self.reader
        self._offset = 0
        self.sidecars: dict[int, tuple[bulk.Sidecar, frozenset[int]] | None] = {}
        """Per segment (by its offset), its side-car and deleted documents, on first use."""
        self.folder = folder

    def close(self) -> None:
        for found in self.sidecars.values():
            if found is not None:
                found[0].close()
        self.sidecars.clear()

    def _sidecar(self) -> tuple[bulk.Sidecar, frozenset[int]] | None:
        offset = self._offset
        if offset not in self.sidecars:
            found = None
            if self.folder is not None and hasattr(self._segment, "segment"):
                segment = self._segment.segment()
                sidecar = bulk.Sidecar.open(self.folder, segment)
                if sidecar is not None:
                    found = (sidecar, frozenset(segment.deleted_docs()))
            self.sidecars[offset] = found
        return self.sidecars[offset]

    # -- postings ------------------------------------------------------------------------

    def _read(self, fieldname: str, btext: bytes, keep: bool = True) -> _Postings:
        """The postings of a term in the current segment (segment document numbers), deleted
        documents left out; `keep`: in the cache."""
        cache_key = (self._offset, fieldname, btext)
        found = self.postings.get(cache_key)
        if found is not None:
            self.postings.move_to_end(cache_key)
            return found
        sidecar = self._sidecar()
        stored = None if sidecar is None else sidecar[0].get(fieldname, btext)
        if sidecar is not None and stored is not None:
            found = _without(_Postings(*stored), sidecar[1])
        else:
            found = self._from_blocks(fieldname, btext)
        if keep:
            self.postings[cache_key] = found
            self.cached += len(found.ids)
        return found

    def _from_blocks(self, fieldname: str, btext: bytes) -> _Postings:
        """A term's postings from Whoosh's posting blocks in the current segment."""
        ids: array[int] = array("I")
        weights: array[float] = array("d")
        matcher = self._segment.postings(fieldname, btext)
        deleted: frozenset[int] = frozenset()
        if isinstance(matcher, FilterMatcher):
            # A segment with deleted documents (after an update): its postings are read
            # whole, as in any segment, and the deleted documents dropped afterwards.
            deleted = frozenset(matcher._ids)
            matcher = matcher.child
            if isinstance(matcher, W3LeafMatcher):
                matcher.reset()  # the filter moved it past deleted documents at the start
        if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
            # Whole blocks at a time (the ids and weights arrays of each block).
            while matcher.is_active():
                if matcher._data is None:
                    matcher._read_data()
                # The ids of a block are stored as gaps (Whoosh adds them up in a generator).
                ids.extend(itertools.accumulate(matcher._data[0]))
                matcher._read_weights()
                block_weights = matcher._weights
                weights.fromlist(block_weights.tolist() if isinstance(block_weights, array)
                                 else list(block_weights))
                matcher._next_block()
            return _without(_Postings(ids, weights), deleted)
        while matcher.is_active():
            docnum = matcher.id()
            if docnum not in deleted:
                ids.append(docnum)
                weights.append(matcher.weight())
            matcher.next()
        return _Postings(ids, weights)

    def _norms(self, fieldname: str) -> list[float]:
        """Per document, the length part of BM25F's denominator, exactly as Whoosh computes it
        (`K1 * ((1 - B) + B * fl / avgfl)` with the stored, byte-rounded field length)."""
        found = self.norms.get(fieldname)
        if found is None:
            w = self.weighting
            b = w._field_B.get(fieldname, w.B)
            k1 = w.K1
            avgfl = self.searcher.avg_field_length(fieldname) or 1
            length = self.reader.doc_field_length
            # A length of 0 comes back as None: such a document has no term in the field.
            found = [k1 * ((1 - b) + b * (length(d, fieldname, 1) or 0) / avgfl)
                     for d in range(self.reader.doc_count_all())]
            self.norms[fieldname] = found
        return found

    # -- scoring -------------------------------------------------------------------------

    def score(self, query: Any) -> dict[int, float]:
        """Every document `query` matches (global document numbers), with the score Whoosh's
        collector gives it. Like Whoosh, each segment is scored on its own (term lookups and
        expansions per segment; idf and average lengths of the whole index)."""
        result: dict[int, float] = {}
        for segment, offset in self.segments:
            self._segment, self._offset = segment, offset
            found = self._node(query, False)
            scores = found.scores
            if found.pending:
                scores = dict(scores)
                order = sorted(set(scores).union(*(p[0] for p in found.pending)))
                for part, hits, shape, scale in found.pending:
                    self._coordinate(scores, part, Counter(itertools.chain(*hits)), shape,
                                     scale, order)
            if offset:
                result.update((d + offset, s) for d, s in scores.items())
            else:
                result.update(scores)
        self._segment, self._offset = self.reader, 0
        return result

    @staticmethod
    def _coordinate(scores: dict[int, float], part: dict[int, float], counts: Counter[int],
                    shape: Any, scale: float, order: list[int]) -> None:
        """Add a coordinated subtree: CoordMatcher's "SQR" (Short Query Ranking), with the
        term count of the tree as Whoosh's collector has pruned it at each document."""
        lasts = sorted(_last_documents(shape))
        total = len(lasts)
        terms = total
        get = scores.get
        for i, d in enumerate(order):
            if i % REPLACE_EVERY == 0:
                terms = total - bisect_left(lasts, d)
            s = part.get(d)
            if s is not None:
                sqr = (s + ((counts[d] - 1) / (terms - scale) ** 2)) * ((terms - 1) / terms)
                scores[d] = get(d, 0.0) + sqr

    def _node(self, query: Any, counting: bool) -> _Scores:
        if isinstance(query, Q.Term):
            return self._term(query.fieldname, query.text, query.boost, counting)
        if isinstance(query, Q.Or):
            return self._or(query.subqueries, query.boost, query.scale, counting)
        if isinstance(query, Q.And):
            return self._and(query.subqueries, counting)
        if isinstance(query, (Q.FuzzyTerm, Q.Prefix)) and query.text:
            # As MultiTerm.matcher: one expansion is a plain Term (without the boost!),
            # several are an Or with the boost.
            words = [w for w in query._btexts(self._segment) if w]
            if not words:
                return _empty(counting)
            if len(words) == 1:
                return self._term(query.fieldname, words[0], 1.0, counting)
            return self._or([Q.Term(query.fieldname, w) for w in words], query.boost, None,
                            counting)
        raise Unsupported(type(query).__name__)

    def _term(self, fieldname: str, text: Any, boost: float, counting: bool) -> _Scores:
        if fieldname not in self.schema:
            return _empty(counting)
        field = self.schema[fieldname]
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return _empty(counting)
        if (fieldname, btext) not in self._segment:
            return _empty(counting)
        postings = self._read(fieldname, btext)
        ids, weights = postings.ids, postings.weights
        if not ids:
            return _Scores({}, [] if counting else None, ("leaf", -1), [])
        if field.scorable:
            unit = self._unit(fieldname, btext, postings)
            if boost == 1.0:
                scores = dict(zip(ids, unit, strict=True))
            else:
                scores = {d: s * boost for d, s in zip(ids, unit, strict=True)}
        else:  # WeightScorer: the weight is the score
            scores = {d: tf * boost for d, tf in zip(ids, weights, strict=True)}
        return _Scores(scores, [ids] if counting else None, ("leaf", ids[-1]), [])

    def _unit(self, fieldname: str, btext: bytes, postings: _Postings) -> array[float]:
        """Each posting's BM25F score at boost 1, as Whoosh's scorer computes it (once per
        posting list)."""
        unit = postings.unit
        if unit is None:
            idf = self.searcher.idf(fieldname, btext)
            k1 = self.weighting.K1
            norms = self._norms(fieldname)
            if self._offset:
                norms = norms[self._offset:]
            unit = postings.unit = array("d", [
                idf * ((tf * (k1 + 1)) / (tf + norms[d]))
                for d, tf in zip(postings.ids, postings.weights, strict=True)])
        return unit

    def term_scores(self, fieldname: str, btext: bytes) -> list[tuple[int, float]]:
        """(global document number, score) for every posting of a term, in order: what the
        `score()` of the searcher's matcher for the term gives at boost 1, for the whole
        posting list at once (the browser index scores every term of the index). Read past
        the cache: nothing of it is searched again."""
        field = self.schema[fieldname]
        found: list[tuple[int, float]] = []
        for segment, offset in self.segments:
            if (fieldname, btext) in segment:
                self._segment, self._offset = segment, offset
                postings = self._read(fieldname, btext, keep=False)
                scores = self._unit(fieldname, btext, postings) if field.scorable \
                    else postings.weights
                ids = [d + offset for d in postings.ids] if offset else postings.ids
                found += zip(ids, scores, strict=True)
        self._segment, self._offset = self.reader, 0
        return found

    def _or(self, subqueries: list[Any], boost: float, scale: float | None,
            counting: bool) -> _Scores:
        if not subqueries:
            return _empty(counting)
        if len(subqueries) == 1:  # as CompoundQuery.matcher: the subquery, unwrapped
            return self._node(subqueries[0], counting)
        coord = bool(scale)
        parts = [self._node(q, counting or coord) for q in subqueries]
        pending = [p for part in parts for p in part.pending]
        if pending and (coord or counting or boost != 1.0):
            raise Unsupported("nested coordination")
        parts.sort(key=lambda p: -len(p.scores))
        scores = dict(parts[0].scores)
        for part in parts[1:]:
            get = scores.get
            for d, s in part.scores.items():
                scores[d] = get(d, 0.0) + s
        hits = [ids for part in parts for ids in part.hits or ()] if counting or coord \
            else None
        shape = ("or", [p.shape for p in parts])
        if boost != 1.0:
            scores = {d: s * boost for d, s in scores.items()}
        if coord and hits is not None and _last_documents(shape):
            assert scale is not None
            # Scored at the top, once the documents of the whole query are known.
            return _Scores({}, [] if counting else None, shape, [(scores, hits, shape, scale)])
        return _Scores(scores, hits if counting else None, shape, pending)

    def _and(self, subqueries: list[Any], counting: bool) -> _Scores:
        if len(subqueries) == 1:
            return self._node(subqueries[0], counting)
        parts = [self._node(q, counting) for q in subqueries]
        if any(p.pending for p in parts):
            raise Unsupported("coordination inside And")
        common = set(parts[0].scores)
        for part in parts[1:]:
            common &= part.scores.keys()
        scores = {d: sum(p.scores[d] for p in parts) for d in common}
        # A term under an And counts only where the whole And matches.
        hits: list[Sequence[int]] | None = \
            [[d for d in ids if d in common] for p in parts for ids in p.hits or ()] \
            if counting else None
        shape = ("and", max(common, default=-1), [p.shape for p in parts])
        return _Scores(scores, hits, shape, [])

    def done(self) -> None:
        """After a search: keep at most POSTINGS postings, forgetting the least recently
        used posting lists first."""
        while self.cached > POSTINGS and self.postings:
            _, postings = self.postings.popitem(last=False)
            self.cached -= len(postings.ids)

    # -- results -------------------------------------------------------------------------

    def docs_with(self, fieldname: str, text: str) -> set[int]:
        """Global document numbers with this term."""
        return set(self.global_ids(fieldname, self.schema[fieldname].to_bytes(text)))

    def global_ids(self, fieldname: str, btext: bytes) -> Sequence[int]:
        """The documents of a term in the whole index, in order (global numbers)."""
        found: Sequence[int] = []
        for segment, offset in self.segments:
            if (fieldname, btext) in segment:
                self._segment, self._offset = segment, offset
                ids = self._read(fieldname, btext).ids
                found = ids if len(self.segments) == 1 else [*found, *map(offset.__add__, ids)]
        self._segment, self._offset = self.reader, 0
        return found

    def groups(self, fieldname: str) -> dict[int, str]:
        """Global document number -> its value of an ID field (each document's facet)."""
        field = self.schema[fieldname]
        result: dict[int, str] = {}
        for btext in field.sortable_terms(self.reader, fieldname):
            name = field.from_bytes(btext)
            for d in self.global_ids(fieldname, btext):
                result[d] = name
        return result


def coordinate(parts: list[dict[int, float]], documents: int) -> dict[int, float]:
    """Sum the scores of a query's words, each document's sum scaled by the share of the
    query it matches, every word weighted by its rarity: ln(1 + N / (1 + df)), with df the
    number of documents the word's query matches.

    A described situation ("een collega buigt de regels om een gezin toch te helpen") has
    words that each occur in many lemma's; summed plainly, one frequent word in a title
    outweighs a lemma that contains all of them. This is the coordination factor of classic
    Lucene, weighted by idf so that matching the rare words counts more than matching
    "mensen". It depends only on the document and the query (see `Searcher.build_query`), and
    the browser engine computes the same (lx-search.js, `coordinate`)."""
    if len(parts) == 1:
        return dict(parts[0])
    weights = [math.log1p(documents / (1 + len(part))) for part in parts]
    total = sum(weights) or 1.0
    # The first word's scores as they are (0.0 + s is s): the sums stay those of adding
    # word by word, in the same order as the browser engine.
    summed: dict[int, float] = dict(parts[0])
    share: dict[int, float] = dict.fromkeys(parts[0], 0.0 + weights[0])
    summed_get, share_get = summed.get, share.get
    for part, weight in zip(parts[1:], weights[1:], strict=True):
        for docnum, score in part.items():
            summed[docnum] = summed_get(docnum, 0.0) + score
            share[docnum] = share_get(docnum, 0.0) + weight
    return {docnum: score * (share[docnum] / total) for docnum, score in summed.items()}


def top(scores: dict[int, float], limit: int) -> list[tuple[int, float]]:
    """The `limit` best (document, score) pairs, best first; ties by document number, as
    Whoosh's collector orders them."""
    best = heapq.nlargest(limit, zip(scores.values(), map(operator.neg, scores), strict=True))
    return [(-negated, score) for score, negated in best]


def leaf_terms(query: Any, reader: Any) -> set[tuple[str, bytes]]:
    """The (field, term) pairs the query can match in the index, with expansions."""
    found: set[tuple[str, bytes]] = set()
    stack = [query]
    while stack:
        q = stack.pop()
        if isinstance(q, (Q.Or, Q.And)):
            stack.extend(q.subqueries)
        elif isinstance(q, (Q.FuzzyTerm, Q.Prefix)):
            # Prefix expands to bytes, FuzzyTerm to text.
            field = reader.schema[q.fieldname]
            found.update((q.fieldname, w if isinstance(w, bytes) else field.to_bytes(w))
                         for w in q._btexts(reader) if w)
        elif isinstance(q, Q.Term):
            field = reader.schema[q.fieldname]
            with contextlib.suppress(ValueError):
                found.add((q.fieldname, field.to_bytes(q.text)))
    return found


class Vocabulary:
    """The terms of a field in memory, for edit-distance lookups (fuzzy terms, "bedoelde
    je").

    Whoosh walks the on-disk term table with a Levenshtein automaton built in pure Python for
    every word, which was most of the time of a query with a typo or without results. Here
    the terms are a sorted list in memory and the edit distance is RapidFuzz's (bit-parallel,
    in C++, stopping at the cut-off): the same words (plain Levenshtein distance: insertions,
    deletions, substitutions) in a fraction of the time. Lookups are remembered (bounded:
    queries are user input)."""

    def __init__(self) -> None:
        self.words: dict[tuple[int, str], list[str]] = {}
        self.found: dict[tuple[Any, ...], list[str]] = {}

    def _words(self, reader: Any, fieldname: str) -> list[str]:
        key = (id(reader), fieldname)
        words = self.words.get(key)
        if words is None:
            field = reader.schema[fieldname]
            words = [field.from_bytes(b) for b in reader.lexicon(fieldname)]
            self.words[key] = words
        return words

    def within(self, reader: Any, fieldname: str, text: str, maxdist: int,
               prefix: int = 0) -> list[str]:
        """The field's terms within `maxdist` edits of `text` that share its first `prefix`
        letters (what `IndexReader.terms_within` returns), in term order.

        Words that share their first letter have the same distance as the words without it,
        so the distance of the whole words is that of Whoosh's automaton, which matches the
        shared prefix exactly and counts edits only after it."""
        key = (id(reader), fieldname, text, maxdist, prefix)
        found = self.found.get(key)
        if found is None:
            words = self._words(reader, fieldname)
            start, end = 0, len(words)
            if prefix:
                head = text[:prefix]
                start = bisect_left(words, head)
                end = bisect_left(words, head + "\U0010ffff", start)
            candidates = words[start:end]
            matches = process.extract(text, candidates, scorer=Levenshtein.distance,
                                      score_cutoff=maxdist, limit=None)
            found = [candidates[i] for i in sorted(index for _, _, index in matches)]
            if len(self.found) > 50_000:
                self.found.clear()
            self.found[key] = found
        return found

    def suggest(self, reader: Any, fieldname: str, text: str, limit: int = 1,
                maxdist: int = 2) -> list[str]:
        """Spelling suggestions, as Whoosh's `ReaderCorrector` gives them: every term within
        `maxdist` edits, the most frequent first (then alphabetically)."""
        field = reader.schema[fieldname]
        words = self.within(reader, field.spelling_fieldname(fieldname), text, maxdist)
        frequency = reader.frequency
        scored = [(0 - (maxdist + (1.0 / (frequency(fieldname, w) or 1) * 0.5)), w)
                  for w in words]
        best = heapq.nlargest(limit, scored)
        return [w for _, w in sorted(best, key=lambda x: (0 - x[0], x[1]))]


class Snippets:
    """Highlighted fragments of a stored field for the top hits only, from the character
    positions in the index (what Whoosh's pinpoint highlighting does, but Whoosh loads the
    positions of every document a grouped search collected, thousands, not ten)."""

    def __init__(self, ranker: Ranker, terms: set[tuple[str, bytes]], fragmenter: Any,
                 formatter: Any) -> None:
        self.ranker = ranker
        self.terms = terms
        self.fragmenter = fragmenter
        self.formatter = formatter
        self.scorer = BasicFragmentScorer()
        self.chars: dict[str, dict[int, list[tuple[str, list[tuple[int, int, int]]]]]] = {}

    def _chars(self, fieldname: str, docnums: list[int]
               ) -> dict[int, list[tuple[str, list[tuple[int, int, int]]]]]:
        """Document -> [(term, [(position, startchar, endchar)])] for the matching terms."""
        ranker = self.ranker
        field = ranker.schema[fieldname]
        wanted = sorted(docnums)
        result: dict[int, list[tuple[str, list[tuple[int, int, int]]]]] = {d: [] for d in wanted}
        for btext in sorted(b for name, b in self.terms if name == fieldname):
            ids = ranker.global_ids(fieldname, btext)
            present = [d for d in wanted if _contains(ids, d)]
            if not present:
                continue
            matcher = ranker.reader.postings(fieldname, btext)
            for d in present:
                _skip_to(matcher, d)
                result[d].append((field.from_bytes(btext), matcher.value_as("characters")))
        return result

    def load(self, fieldname: str, docnums: list[int]) -> None:
        """Read the character positions of the matching terms in these documents."""
        self.chars[fieldname] = self._chars(fieldname, docnums)

    def highlight(self, fieldname: str, docnum: int, text: str, top_count: int) -> str:
        """Highlighted fragments of `text`, the stored field of `docnum` ('' when no term
        matches there). Call in the order of the hits: the formatter numbers the terms in
        the order it meets them (`term0`, `term1`, …), as Whoosh's does."""
        if docnum not in self.chars.get(fieldname, {}):
            self.load(fieldname, [docnum])
        charlimit = self.fragmenter.charlimit
        tokens = []
        for word, positions in self.chars[fieldname][docnum]:
            for pos, startchar, endchar in positions:
                if charlimit and endchar > charlimit:
                    break
                tokens.append(Token(text=word, pos=pos, startchar=startchar, endchar=endchar))
        if not tokens:
            return ""
        tokens.sort(key=lambda t: t.startchar)
        merged: list[Any] = []
        for token in tokens:  # of the tokens at one start, the longest (as Whoosh)
            if merged and merged[-1].startchar == token.startchar:
                if token.endchar - token.startchar > merged[-1].endchar - merged[-1].startchar:
                    merged[-1] = token
            else:
                merged.append(token)
        fragments = list(self.fragmenter.fragment_matches(text, merged))
        # Whoosh's top_fragments breaks ties between equally good fragments by memory
        # address (Fragment.__lt__ compares id()); here the earlier fragment wins.
        scored = [(self.scorer(f), -f.startchar, i) for i, f in enumerate(fragments)]
        best = [fragments[i] for score, _, i in heapq.nlargest(top_count, scored)
                if score >= 1]
        best.sort(key=FIRST)
        return str(self.formatter.format(best))


def _skip_to(matcher: Any, docnum: int) -> None:
    """Move `matcher` to `docnum`, one of its documents. Whoosh's own `skip_to` steps through
    a block posting by posting; in a block of 128 a binary search finds it at once."""
    if not isinstance(matcher, W3LeafMatcher):
        matcher.skip_to(docnum)
        return
    if docnum > matcher._maxid:
        matcher._skip_to_block(lambda: docnum > matcher._maxid)
    if matcher._ids is None:
        matcher._read_ids()
    matcher._i = bisect_left(matcher._ids, docnum, matcher._i)


def _contains(ids: Sequence[int], docnum: int) -> bool:
    i = bisect_left(ids, docnum)
    return i < len(ids) and ids[i] == docnum
