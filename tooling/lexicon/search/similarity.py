""""Lijkt op": which lemma's have the most similar text, from term profiles.

profile (stemmed term -> count, per lemma; made when the lemma is indexed and kept with the
index, so unchanged lemma's are never analysed again)
    ──tf-idf, top terms──▶ unit vectors ──inverted lists──▶ cosine similarity ──▶ top k

Whoosh's `more_like` scores every document that shares a term with the query, once per lemma:
quadratic, and at 5 000 lemma's hours of work. Here each lemma keeps only its most
characteristic terms and each term only its strongest lemma's, so the work per lemma is
bounded (`TERMS` × `POSTINGS`) whatever the size of the lexicon.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping

PROFILE_TERMS = 60
"""Terms kept per lemma in its stored profile (the most frequent ones)."""
TERMS = 20
"""Terms per lemma that take part in the comparison (the highest tf-idf)."""
POSTINGS = 60
"""Lemma's per term that take part (those where the term weighs most)."""


def profile(tokens: Iterable[str], size: int = PROFILE_TERMS) -> dict[str, int]:
    """The most frequent terms of a text (ties broken alphabetically, so it is stable)."""
    counts = Counter(tokens)
    best = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:size]
    return dict(best)


def similar(profiles: Mapping[str, Mapping[str, int]], top: int = 3
            ) -> dict[str, tuple[str, ...]]:
    """For every slug the `top` other slugs with the most similar profile, best first."""
    n = len(profiles)
    if n < 2:
        return {slug: () for slug in profiles}
    df: Counter[str] = Counter()
    for terms in profiles.values():
        df.update(terms.keys())
    vectors: dict[str, list[tuple[str, float]]] = {}
    for slug, terms in profiles.items():
        weights = [
            (term, (1 + math.log(count)) * math.log(n / df[term]))
            for term, count in terms.items() if df[term] < n
        ]
        weights.sort(key=lambda item: (-item[1], item[0]))
        weights = weights[:TERMS]
        norm = math.sqrt(sum(w * w for _, w in weights)) or 1.0
        vectors[slug] = [(term, w / norm) for term, w in weights]
    postings: dict[str, list[tuple[float, str]]] = {}
    for slug, vector in vectors.items():
        for term, weight in vector:
            postings.setdefault(term, []).append((weight, slug))
    for term, entries in postings.items():
        postings[term] = heapq.nlargest(POSTINGS, entries)
    result: dict[str, tuple[str, ...]] = {}
    for slug, vector in vectors.items():
        scores: dict[str, float] = {}
        for term, weight in vector:
            for other_weight, other in postings[term]:
                if other != slug:
                    scores[other] = scores.get(other, 0.0) + weight * other_weight
        best = heapq.nsmallest(top, scores.items(), key=lambda item: (-item[1], item[0]))
        result[slug] = tuple(other for other, _ in best)
    return result
