"""In-text citations on a lemma page link to their item in the literature list."""

from __future__ import annotations

from conftest import lemma
from lexicon.core.loader import load_lexicon
from lexicon.site.generated import entry_page


def test_citation_years_link_to_the_literature_item_but_not_in_code_or_wikilinks(
        make_lexicon):
    body = ("Zo zegt Auteur (2020) het, en later weer (Auteur, 2020, p. 3).\n"
            "Zie [[beta|Auteur (2020)]].\n\nNiet in code: `(Auteur, 2020)`.\n")
    root = make_lexicon({
        "lemmas/alfa.md": lemma("Alfa", body, words=False),
        "lemmas/beta.md": lemma("Beta", "Zie [[alfa]] (Auteur, 2020).\n", words=False),
    })
    lexicon = load_lexicon(root).lexicon
    page = entry_page(lexicon, lexicon.entries["alfa"])
    assert "Auteur ([2020](#lx-lit-1))" in page
    assert "(Auteur, [2020](#lx-lit-1), p. 3)" in page
    assert "`(Auteur, 2020)`" in page  # code is left alone
    assert page.count("#lx-lit-1") == 2
    assert "[Auteur (2020)](" in page  # a wikilink's label is the editor's, left alone
