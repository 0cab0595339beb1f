"""The lexicon's own content: every lemma of the book and the new ones, complete and linked."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexicon import load_lexicon
from lexicon.core.graph import LinkGraph

ROOT = Path(__file__).resolve().parent.parent

BOOK = """sociale-basis wederkerigheid vertrouwen menselijk-en-sociaal-kapitaal sociale-afstand
segregatie eenzaamheid leefbaarheid straatcultuur alledaagse-attentheid publieke-ruimte
bewonersinitiatieven samenleven buurteffecten verhuiselijking integraal-werken
relationeel-sociaal-werk achter-de-voordeur sociale-teams politiek-actorschap samenlevingsopbouw
pedagogische-civil-society maatwerk sociaal-schaduwwerk ervaringsdeskundigheid praktijkleren
presentie leefwereld-en-systeemwereld evidence-based-werken preventie sociale-technologie
zorg-thuis boundary-spanner""".split()

NEW = """keukentafelgesprek zelfredzaamheid belofte-van-nabijheid informele-zorg mantelzorg
responsiviteit solidariteit sociale-netwerkversterking ruimte-voor-professionals stil-verzet
afstand vraagverlegenheid""".split()


@pytest.fixture(scope="module")
def result():
    return load_lexicon(ROOT)


@pytest.fixture(scope="module")
def graph(result):
    return LinkGraph.build(result.lexicon)


def test_the_lexicon_passes_check_strict(result):
    assert [d for d in result.diagnostics] == []


def test_every_lemma_of_the_book_and_the_twelve_new_ones_exist(result):
    assert len(BOOK) == 33 and len(NEW) == 12
    assert sorted(result.lexicon.entries) == sorted(BOOK + NEW)


@pytest.mark.parametrize("slug", BOOK + NEW)
def test_lemma_is_complete(result, graph, slug):
    entry = result.lexicon.entries[slug]
    assert 450 <= entry.word_count <= 900
    assert len({link.target for link in entry.links}) >= 3
    assert entry.based_on and entry.literature
    assert entry.related
    assert len(entry.summary) <= 300
    backlinks = {b.source for b in graph.backlinks[slug]}
    assert len(backlinks) >= (2 if slug in NEW else 1)


def test_each_cluster_has_an_introduction_of_150_to_300_words(result):
    assert len(result.lexicon.clusters) == 4
    for cluster in result.lexicon.clusters.values():
        assert 150 <= cluster.info.word_count <= 300, cluster.slug


def test_introduction_and_about_pages_exist(result):
    assert {"inleiding", "over"} <= set(result.lexicon.pages)


def test_search_finds_what_students_look_for(result, tmp_path_factory):
    """The public query set on the real lexicon: the acceptance bar of the search issue."""
    from lexicon.devtools.evaluation import evaluate, load_queries, unknown_slugs
    from lexicon.search.engine import Searcher, update_index

    judgements = load_queries(ROOT / "tests" / "search-queries.yaml")
    assert unknown_slugs(judgements, result.lexicon.entries) == []
    index = tmp_path_factory.mktemp("index")
    update_index(result.lexicon.published(), index)
    with Searcher(index) as searcher:
        report = evaluate(lambda q: [h.slug for h in searcher.search(q).results], judgements)
    assert report.mrr >= 0.85, report.as_dict()["misses"]
