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


def test_coordination_weights_each_word_by_its_rarity():
    from math import isclose, log1p

    from lexicon.search.ranking import Matches, coordinate

    def matches(scores):
        found = Matches.none(4)
        for docnum, score in scores.items():
            found.scores[docnum], found.matched[docnum] = score, True
        return found

    common = {1: 2.0, 2: 1.0, 3: 1.0}  # in 3 of 4 documents
    rare = {2: 1.0}  # in 1 of 4
    words = [matches(common), matches(rare)]
    scores = coordinate(words, 4).as_dict()
    w_common, w_rare = log1p(4 / 4), log1p(4 / 2)
    total = w_common + w_rare
    assert set(scores) == {1, 2, 3}
    assert isclose(scores[2], 2.0)  # both words: the plain sum
    assert isclose(scores[1], 2.0 * w_common / total)
    assert isclose(scores[3], 1.0 * w_common / total)
    # Document 1 had the higher plain sum; the one with both words now comes first.
    assert scores[2] > scores[1]
    # One word: nothing to coordinate.
    assert coordinate([matches(common)], 4).as_dict() == common
    # The words' own scores are left as they were.
    assert words[0].as_dict() == common and words[1].as_dict() == rare


def test_a_described_situation_finds_the_lemma_with_all_its_words(tmp_path):
    from conftest import CLUSTERS, lemma, write_files

    root = write_files(tmp_path / "lex", {
        **CLUSTERS,
        "lemmas/professionals.md": lemma(
            "Ruimte voor professionals",
            "Professionals hebben ruimte nodig. Professionals beslissen zelf.\n"),
        "lemmas/stil-verzet.md": lemma(
            "Stil verzet",
            "Sommige professionals omzeilen de regels om een gezin te helpen.\n"),
        "lemmas/buren.md": lemma("Buren", "Buren kennen elkaar en helpen elkaar.\n"),
        **{f"lemmas/team-{n}.md": lemma(f"Team {name}", f"Professionals werken in {name}.\n")
           for n, name in enumerate(["Noord", "Zuid", "Oost", "West"])},
    })
    update_index(load_lexicon(root).lexicon.published(), tmp_path / "index", full=True)
    with Searcher(tmp_path / "index") as searcher:
        found = [h.slug for h in searcher.search("professionals die regels omzeilen").results]
        assert found[0] == "stil-verzet"
        # A single word still ranks the title first.
        assert searcher.search("professionals").results[0].slug == "professionals"


def test_a_participle_meets_its_noun(tmp_path):
    from conftest import CLUSTERS, lemma, write_files

    root = write_files(tmp_path / "lex", {
        **CLUSTERS,
        "lemmas/segregatie.md": lemma("Segregatie", "Groepen wonen gescheiden van elkaar.\n"),
        "lemmas/buurt.md": lemma("Buurt", "Een buurt met wijken en straten.\n"),
    })
    update_index(load_lexicon(root).lexicon.published(), tmp_path / "index", full=True)
    with Searcher(tmp_path / "index") as searcher:
        assert [h.slug for h in searcher.search("gesegregeerde").results] == ["segregatie"]


def test_the_top_hits_break_ties_by_document_number_also_at_the_cut():
    from lexicon.search.ranking import Matches, top

    found = Matches.none(8)
    for docnum, score in {0: 1.0, 1: 3.0, 2: 2.0, 3: 3.0, 5: 2.0, 6: 2.0, 7: 0.5}.items():
        found.scores[docnum], found.matched[docnum] = score, True
    # Three documents share the third-best score; the lowest numbers among them come first.
    assert top(found, 4) == [(1, 3.0), (3, 3.0), (2, 2.0), (5, 2.0)]
    assert top(found, 100) == [(1, 3.0), (3, 3.0), (2, 2.0), (5, 2.0), (6, 2.0), (0, 1.0),
                               (7, 0.5)]
    assert top(Matches.none(8), 10) == []


def test_a_coordinated_or_is_left_to_whoosh(lexicon, tmp_path):
    from whoosh import query as Q

    from lexicon.search.ranking import Unsupported

    update_index(lexicon, tmp_path / "index", full=True)
    with Searcher(tmp_path / "index", cache_size=0) as searcher:
        query = Q.Or([Q.Term("body", "buurt"), Q.Term("body", "wijk")], scale=0.9)
        with pytest.raises(Unsupported):
            searcher._ranker().score(query)
