"""The fast ranking (search/ranking.py) gives what Whoosh's own search gives.

Every query of the public query set, plus word starts as the search page sends them, on the
real lexicon: the same lemma's in the same order with the same scores, the same facet counts,
and a snippet wherever Whoosh has one. Once on a freshly built index (one segment) and once
after an incremental update (several segments, deleted documents), because Whoosh scores
each segment on its own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from lexicon import load_lexicon
from lexicon.devtools.evaluation import load_queries
from lexicon.search.engine import Searcher, update_index

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(ROOT).lexicon.published()


@pytest.fixture(scope="module")
def queries():
    asked = [(j.query, False) for j in load_queries(ROOT / "tests" / "search-queries.yaml")]
    asked += [(j.query[:4], True) for j in load_queries(ROOT / "tests" / "search-queries.yaml")]
    return [*asked, ("buurtbewoners", False), ("eenzaamhied", False), ("xqzvbn", False)]


def _compare(searcher: Searcher, queries, cluster=None):
    for text, prefix in queries:
        query = searcher.build_query(text, prefix)
        if query is None:
            continue
        ours = searcher._ranked(query, text, cluster, 10, "")
        whoosh = searcher._whoosh(query, text, cluster, 10, "")
        where = (text, prefix, cluster)
        assert [h.slug for h in ours.results] == [h.slug for h in whoosh.results], where
        assert [h.score for h in ours.results] == pytest.approx(
            [h.score for h in whoosh.results], rel=1e-9), where
        assert ours.facets == whoosh.facets, where
        # With a cluster, Whoosh's len() counts the unfiltered matches; ours counts what the
        # list holds, the number the search page shows.
        expected = whoosh.facets["cluster"].get(cluster, 0) if cluster else whoosh.total
        assert ours.total == expected, where
        assert [("<mark" in h.snippet) for h in ours.results] == \
            [("<mark" in h.snippet) for h in whoosh.results], where


def test_ranking_equals_whoosh_on_one_segment(lexicon, queries, tmp_path):
    update_index(lexicon, tmp_path / "index", full=True)
    with Searcher(tmp_path / "index", cache_size=0) as searcher:
        assert searcher.reader.is_atomic()
        _compare(searcher, queries)
        _compare(searcher, queries[:20], cluster=next(iter(lexicon.clusters)))


def test_ranking_equals_whoosh_after_an_incremental_update(lexicon, queries, tmp_path):
    update_index(lexicon, tmp_path / "index", full=True)
    entries = dict(lexicon.entries)
    for slug in list(entries)[:3]:
        entries[slug] = replace(entries[slug], body=entries[slug].body +
                                "\n\nNog een zin over eenzaamheid, buurt en vertrouwen.\n")
    update_index(replace(lexicon, entries=MappingProxyType(entries)), tmp_path / "index")
    with Searcher(tmp_path / "index", cache_size=0) as searcher:
        assert not searcher.reader.is_atomic()
        _compare(searcher, queries)


def test_a_phrase_is_searched_by_whoosh(lexicon, tmp_path):
    update_index(lexicon, tmp_path / "index", full=True)
    with Searcher(tmp_path / "index", cache_size=0) as searcher:
        result = searcher.search('"sociale afstand"')
        assert result.results and result.results[0].slug == "sociale-afstand"
