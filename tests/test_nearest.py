"""The closest lemma's to a query that found nothing (search/nearest.py)."""

from __future__ import annotations

import pytest

from lexicon.search.nearest import THRESHOLD, Names, bigrams, similarity, words

STOP = frozenset({"de", "en", "het", "van"})


def names(*lemmas: tuple[str, str, list[str]]) -> Names:
    return Names.build(lemmas, STOP)


def test_bigrams_count_the_first_and_last_letter():
    assert bigrams("zorg") == {" z", "zo", "or", "rg", "g "}
    assert similarity(bigrams("zorg"), bigrams("zorg")) == 1.0
    assert similarity(bigrams("zorg"), bigrams("xyz")) == 0.0


@pytest.mark.parametrize("typed, meant", [("mantlzrog", "mantelzorg"), ("ttiell", "titel"),
                                          ("schaduwrk", "schaduwwerk"), ("aanpak", "aanpak")])
def test_a_word_with_slips_is_like_the_word_meant(typed, meant):
    assert similarity(bigrams(typed), bigrams(meant)) >= THRESHOLD


@pytest.mark.parametrize("typed, other", [("xyzzy", "society"), ("qwerty", "werk"),
                                          ("burnout", "buurteffect")])
def test_unrelated_words_are_not_alike(typed, other):
    assert similarity(bigrams(typed), bigrams(other)) < THRESHOLD


def test_words_are_folded_and_short_and_stop_words_left_out():
    assert words("De Zelfredzáámheid van ab", STOP) == ["zelfredzaamheid"]


def test_each_query_word_votes_for_the_lemmas_with_a_word_like_it():
    index = names(("mantelzorg", "Mantelzorg", ["informele zorg"]),
                  ("informele-zorg", "Informele zorg", []),
                  ("eenzaamheid", "Eenzaamheid", ["loneliness"]))
    # One word: both lemma's with 'informele' in a name, equal votes: by title.
    assert index.closest(["informle"]) == [1, 0]
    # Two words: the lemma like both comes first.
    assert index.closest(["mantlzrog", "informle"]) == [0, 1]
    assert index.closest(["lonelyness"]) == [2]
    assert index.closest(["xyzzy"]) == []
    assert index.closest([]) == []


def test_ties_go_to_the_title_then_the_slug_and_the_limit_holds():
    index = names(("b", "Zorg", []), ("a", "Zorg", []), ("c", "Alfa zorg", []),
                  ("d", "Zorg", ["zorg"]))
    assert index.closest(["zorg"]) == [2, 1, 0, 3]
    assert index.closest(["zorg"], limit=2) == [2, 1]


def test_a_repeated_query_word_votes_once():
    index = names(("a", "Zorg", []), ("b", "Zorgen zorg", []))
    assert index.closest(["zorg", "zorg"]) == index.closest(["zorg"])
