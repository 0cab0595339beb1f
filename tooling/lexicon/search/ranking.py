"""Ranking without Whoosh's matcher tree: whole posting lists, scored as arrays.

query tree (Term, Or, And, FuzzyTerm, Prefix) ──each term's postings, read a block at a time──▶
per-document BM25F scores, summed up the tree as arrays over all documents (`Matches`)
──▶ every matching document with its score: the top hits, the total and the facet counts come
from this one pass.

Whoosh scores document by document through a tree of Python matchers (`is_active`, `id`,
`next`, `score` on every node for every posting) and counts facets and matched terms with
more wrappers around it. A word that occurs in most lemma's ("sociale") then costs tens of
milliseconds per field at 5 000 lemma's. Here each term's posting list is read once as
arrays, scored in one vectorised step and added into an array with a slot per document
(numpy: the loops run in C). The formulas are Whoosh's own (BM25F with its parameters, idf,
average field lengths, the stored field lengths, boosts), each posting's score computed
operation by operation as Whoosh computes it; only sums may be added in another order, which
changes the last bits at most. A test compares the results with Whoosh's on the real
lexicon. Query types this module does not know (phrases, Whoosh's coordinated
`Or(scale=…)`) raise `Unsupported`; the caller then lets Whoosh search.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import math
import warnings
from array import array
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
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

Ids = npt.NDArray[np.intp]
Floats = npt.NDArray[np.float64]


class Unsupported(Exception):
    """A query type that only Whoosh's own search handles."""


@dataclass(slots=True)
class Matches:
    """The documents a query matches and their scores, a slot per document number (of a
    segment while scoring it, of the whole index in what `Ranker.score` returns)."""

    scores: Floats
    """The score of each document (0.0 where it does not match)."""
    matched: npt.NDArray[np.bool_]

    @staticmethod
    def none(size: int) -> Matches:
        return Matches(np.zeros(size), np.zeros(size, dtype=bool))

    def __len__(self) -> int:
        """How many documents match."""
        return int(np.count_nonzero(self.matched))

    def ids(self) -> Ids:
        """The matching documents, in ascending order."""
        return np.flatnonzero(self.matched)

    def add(self, other: Matches) -> None:
        """Add `other`'s scores into these (a document matches if either matches)."""
        self.scores += other.scores
        self.matched |= other.matched

    def as_dict(self) -> dict[int, float]:
        ids = self.ids()
        return dict(zip(ids.tolist(), self.scores[ids].tolist(), strict=True))


@dataclass(slots=True)
class _Postings:
    """A term's decoded postings in one segment."""

    ids: Ids
    weights: Floats
    unit: Floats | None = None
    """Each posting's BM25F score at boost 1 (kept once computed: it depends only on the
    term, its field and the document)."""


def _postings(ids: Any, weights: Any, deleted: frozenset[int] = frozenset()) -> _Postings:
    """Postings as arrays (`ids`, `weights`: sequences or buffers), without the deleted
    documents."""
    found = _Postings(np.asarray(ids, dtype=np.intp), np.asarray(weights, dtype=np.float64))
    if deleted and len(found.ids):
        kept = ~np.isin(found.ids, np.fromiter(deleted, dtype=np.intp, count=len(deleted)))
        if not kept.all():
            return _Postings(found.ids[kept], found.weights[kept])
    return found


POSTINGS = 1_000_000
"""Decoded postings a Ranker keeps between searches: 24 bytes each with their scores, so at
most 24 MB per server thread (the 45 lemma's have 42 000 postings in all). Decoding Whoosh's
posting blocks (zlib, pickle, adding up the gaps) was a third of a search at 5 000 lemma's,
and a word's postings are the same in every search: a frequent word ("sociale", "mensen") is
decoded once, not for every query it occurs in. This is a cache of what the index holds, not
of results: every search still scores and ranks all its postings."""


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
        self.size = self.reader.doc_count_all()
        """Document numbers of the whole index (deleted ones included) are 0 … size - 1."""
        self.norms: dict[str, Floats] = {}
        self.postings: OrderedDict[tuple[int, str, bytes], _Postings] = OrderedDict()
        """Decoded posting lists (per segment), the most recently used last: an open index
        never changes, so they stay right from one search to the next (see POSTINGS)."""
        self.cached = 0
        """The number of postings in `postings`."""
        self._segment: Any = self.reader
        self._offset = 0
        self._size = self.size
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

    def _segments(self) -> Any:
        """Make each segment the current one in turn (see `score`)."""
        try:
            for segment, offset in self.segments:
                self._segment, self._offset = segment, offset
                self._size = segment.doc_count_all()
                yield segment, offset
        finally:
            self._segment, self._offset, self._size = self.reader, 0, self.size

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
            found = _postings(*stored, sidecar[1])
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
            return _postings(ids, weights, deleted)
        while matcher.is_active():
            docnum = matcher.id()
            if docnum not in deleted:
                ids.append(docnum)
                weights.append(matcher.weight())
            matcher.next()
        return _postings(ids, weights)

    def _norms(self, fieldname: str) -> Floats:
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
            found = np.array([k1 * ((1 - b) + b * (length(d, fieldname, 1) or 0) / avgfl)
                              for d in range(self.size)], dtype=np.float64)
            self.norms[fieldname] = found
        return found

    # -- scoring -------------------------------------------------------------------------

    def score(self, query: Any) -> Matches:
        """Every document `query` matches (global document numbers), with the score Whoosh's
        collector gives it. Like Whoosh, each segment is scored on its own (term lookups and
        expansions per segment; idf and average lengths of the whole index)."""
        parts = [(offset, self._node(query)) for _, offset in self._segments()]
        if len(parts) == 1:
            return parts[0][1]
        result = Matches.none(self.size)
        for offset, found in parts:
            end = offset + len(found.scores)
            result.scores[offset:end] = found.scores
            result.matched[offset:end] = found.matched
        return result

    def _node(self, query: Any) -> Matches:
        """The scores of `query` in the current segment: the postings of all its terms,
        each times its boost, added up per document in one pass (`np.bincount`, in the
        order of the terms)."""
        leaves: list[tuple[Ids, Floats]] = []
        self._collect(query, 1.0, leaves)
        size = self._size
        if not leaves:
            return Matches.none(size)
        if len(leaves) == 1:
            ids, values = leaves[0]
            found = Matches.none(size)
            found.scores[ids] = values
            found.matched[ids] = True
            return found
        ids = np.concatenate([leaf[0] for leaf in leaves])
        values = np.concatenate([leaf[1] for leaf in leaves])
        matched = np.zeros(size, dtype=bool)
        matched[ids] = True
        summed = np.bincount(ids, weights=values, minlength=size).astype(np.float64, copy=False)
        return Matches(summed, matched)

    def _collect(self, query: Any, boost: float, leaves: list[tuple[Ids, Floats]]) -> None:
        """Append to `leaves` the (documents, scores) of each term of `query`, times `boost`
        (a sum of sums is a sum: an Or's boost multiplies each of its terms)."""
        if isinstance(query, Q.Term):
            self._term(query.fieldname, query.text, query.boost * boost, leaves)
        elif isinstance(query, Q.Or):
            if query.scale:
                raise Unsupported("coordinated Or")
            if len(query.subqueries) == 1:  # as CompoundQuery.matcher: unwrapped, unboosted
                self._collect(query.subqueries[0], boost, leaves)
            else:
                for q in query.subqueries:
                    self._collect(q, query.boost * boost, leaves)
        elif isinstance(query, Q.And):
            subqueries = query.subqueries
            if len(subqueries) == 1:
                self._collect(subqueries[0], boost, leaves)
                return
            # Only documents that every part matches, with the sum of the parts' scores.
            parts = [self._node(q) for q in subqueries]
            common = parts[0].matched.copy()
            for part in parts[1:]:
                common &= part.matched
            ids = np.flatnonzero(common)
            if len(ids):
                summed = parts[0].scores[ids]
                for part in parts[1:]:
                    summed += part.scores[ids]
                leaves.append((ids, summed if boost == 1.0 else summed * boost))
        elif isinstance(query, (Q.FuzzyTerm, Q.Prefix)) and query.text:
            # As MultiTerm.matcher: one expansion is a plain Term (without the boost!),
            # several are an Or with the boost.
            words = [w for w in query._btexts(self._segment) if w]
            if len(words) == 1:
                self._term(query.fieldname, words[0], boost, leaves)
            else:
                for word in words:
                    self._term(query.fieldname, word, query.boost * boost, leaves)
        else:
            raise Unsupported(type(query).__name__)

    def _term(self, fieldname: str, text: Any, boost: float,
              leaves: list[tuple[Ids, Floats]]) -> None:
        if fieldname not in self.schema:
            return
        field = self.schema[fieldname]
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return
        if (fieldname, btext) not in self._segment:
            return
        postings = self._read(fieldname, btext)
        if not len(postings.ids):
            return
        scores = self._unit(fieldname, btext, postings) if field.scorable \
            else postings.weights  # WeightScorer: the weight is the score
        leaves.append((postings.ids, scores if boost == 1.0 else scores * boost))

    def _unit(self, fieldname: str, btext: bytes, postings: _Postings) -> Floats:
        """Each posting's BM25F score at boost 1, as Whoosh's scorer computes it (once per
        posting list): idf * ((tf * (k1 + 1)) / (tf + norm)), operation by operation."""
        unit = postings.unit
        if unit is None:
            idf = self.searcher.idf(fieldname, btext)
            k1 = self.weighting.K1
            norms = self._norms(fieldname)
            tf = postings.weights
            unit = postings.unit = idf * ((tf * (k1 + 1)) / (tf + norms[postings.ids +
                                                                          self._offset]))
        return unit

    def term_scores(self, fieldname: str, btext: bytes) -> list[tuple[int, float]]:
        """(global document number, score) for every posting of a term, in order: what the
        `score()` of the searcher's matcher for the term gives at boost 1, for the whole
        posting list at once (the browser index scores every term of the index). Read past
        the cache: nothing of it is searched again."""
        field = self.schema[fieldname]
        found: list[tuple[int, float]] = []
        for segment, offset in self._segments():
            if (fieldname, btext) in segment:
                postings = self._read(fieldname, btext, keep=False)
                scores = self._unit(fieldname, btext, postings) if field.scorable \
                    else postings.weights
                found += zip((postings.ids + offset).tolist(), scores.tolist(), strict=True)
        return found

    def done(self) -> None:
        """After a search: keep at most POSTINGS postings, forgetting the least recently
        used posting lists first."""
        while self.cached > POSTINGS and self.postings:
            _, postings = self.postings.popitem(last=False)
            self.cached -= len(postings.ids)

    # -- results -------------------------------------------------------------------------

    def global_ids(self, fieldname: str, btext: bytes) -> Ids:
        """The documents of a term in the whole index, in order (global numbers)."""
        found = [self._read(fieldname, btext).ids + offset
                 for segment, offset in self._segments() if (fieldname, btext) in segment]
        if not found:
            return np.zeros(0, dtype=np.intp)
        return found[0] if len(found) == 1 else np.concatenate(found)

    def groups(self, fieldname: str) -> tuple[list[str], npt.NDArray[np.int32]]:
        """The values of an ID field (each document's facet, such as its cluster), sorted,
        and per global document number the index of its value in them (-1: none)."""
        field = self.schema[fieldname]
        names: list[str] = []
        codes = np.full(self.size, -1, dtype=np.int32)
        for btext in field.sortable_terms(self.reader, fieldname):
            codes[self.global_ids(fieldname, btext)] = len(names)
            names.append(field.from_bytes(btext))
        return names, codes


def coordinate(parts: list[Matches], documents: int) -> Matches:
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
        return parts[0]
    weights = [math.log1p(documents / (1 + len(part))) for part in parts]
    total = sum(weights) or 1.0
    # Word by word, in the same order as the browser engine.
    summed = Matches(parts[0].scores.copy(), parts[0].matched.copy())
    share = parts[0].matched * weights[0]
    for part, weight in zip(parts[1:], weights[1:], strict=True):
        summed.add(part)
        share += part.matched * weight
    summed.scores *= share / total
    return summed


def top(found: Matches, limit: int) -> list[tuple[int, float]]:
    """The `limit` best (document, score) pairs, best first; ties by document number, as
    Whoosh's collector orders them."""
    ids = found.ids()
    scores = found.scores[ids]
    if len(ids) > limit:
        # Every document that scores at least the limit-th best score (ties included).
        threshold = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= threshold
        ids, scores = ids[keep], scores[keep]
    order = np.lexsort((ids, -scores))[:limit]
    return list(zip(ids[order].tolist(), scores[order].tolist(), strict=True))


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
            at = np.searchsorted(ids, wanted).tolist()
            present = [d for d, i in zip(wanted, at, strict=True) if i < len(ids) and ids[i] == d]
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
