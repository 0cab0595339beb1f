"""In-text citations against the literature list (LEX507, LEX508) and APA 7 form (LEX509)."""

from __future__ import annotations

import pytest

from conftest import lemma
from lexicon.core.citations import Citation, Reference, apa_form, in_text
from lexicon.core.loader import load_lexicon


def names(text: str) -> list[tuple[str, str]]:
    return [(c.name, c.year) for c in in_text(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("zoals bekend (Bredewold, 2018).", [("Bredewold", "2018")]),
    ("(Bredewold, 2018, p. 12)", [("Bredewold", "2018")]),
    ("Sahlins (1972) sprak", [("Sahlins", "1972")]),
    ("Duyvendak en Tonkens (2021) stellen", [("Duyvendak", "2021")]),
    ("Bredewold e.a. (2018) zagen", [("Bredewold", "2018")]),
    ("(Thomassen & Van Wanrooy, 2010)", [("Thomassen", "2010")]),
    ("Van der Linde (2020) zegt", [("Linde", "2020")]),
    ("(Komter, 2005, aangehaald door Bredewold, 2022)", [("Bredewold", "2022")]),
    ("(Bredewold, 2018; Kampen, 2019)", [("Bredewold", "2018"), ("Kampen", "2019")]),
    ("(Bakker-Klein, z.d.)", [("Bakker-Klein", "z.d.")]),
    ("Whyte (1943/1993) beschreef", [("Whyte", "1943/1993")]),
    ("zijn essay *The Gift* (1923) is", []),
    ("in 2018 kwam de wet", []),
    ("(Bredewold e.a.,\n2018)", [("Bredewold", "2018")]),
])
def test_in_text_citations(text, expected):
    assert names(text) == expected


def test_a_reference_matches_surname_without_particle_and_any_of_its_years():
    ref = Reference.parse("Wanrooy, P. van, & Thomassen, Y. (1990). *Titel*. Uitgever."
                          " (Oorspronkelijk werk gepubliceerd 1923)")
    assert ref is not None
    assert ref.cited_by(Citation("Wanrooy", "1990", 0, ""))
    assert ref.cited_by(Citation("Wanrooy", "1923", 0, ""))
    assert not ref.cited_by(Citation("Wanrooy", "2001", 0, ""))
    assert not ref.cited_by(Citation("Kampen", "1990", 0, ""))


@pytest.mark.parametrize(("item", "fixed"), [
    ("Bredewold, F., Kampen, T. & Tonkens, E. (2018). *Boek*. Van Gennep.",
     "Bredewold, F., Kampen, T., & Tonkens, E. (2018). *Boek*. Van Gennep."),
    ("Thomassen, Y., & Van Wanrooy, P. (2010). Titel.",
     "Thomassen, Y., & Wanrooy, P. van (2010). Titel."),
    ("Rözer, J. (2022). Titel. In L. Veldboer, R. Engbersen & A. Sprinkhuizen (Eds.), *Lexicon*.",
     "Rözer, J. (2022). Titel. In L. Veldboer, R. Engbersen, & A. Sprinkhuizen (Red.), *Lexicon*."),
    ("Movisie. (n.d.). *Titel*.", "Movisie. (z.d.). *Titel*."),
    ("Auteur, A. (2020). *Een boek*. Uitgever.", "Auteur, A. (2020). *Een boek*. Uitgever."),
    ("Steyaert, J., & Kwekkeboom, R. (2010). T. In J. Steyaert & R. Kwekkeboom (Red.), *B*.",
     "Steyaert, J., & Kwekkeboom, R. (2010). T. In J. Steyaert & R. Kwekkeboom (Red.), *B*."),
])
def test_apa_form(item, fixed):
    assert apa_form(item) == fixed


def test_diagnostics_name_position_and_fix(make_lexicon):
    text = lemma("Alfa", "Zoals Sahlins (1972) liet zien, en anders (Mauss, 1990).\n")
    text = text.replace('literature:\n', 'literature:\n'
                        '  - "Mauss, M. (1990). *The gift*. Routledge."\n'
                        '  - "Kampen, T. & Tonkens, E. (2019). *Boek*. Uitgever."\n')
    root = make_lexicon({"lemmas/alfa.md": text})
    found = [(d.code, d.line, d.column, d.message) for d in load_lexicon(root).diagnostics
             if d.code in ("LEX507", "LEX508", "LEX509")]
    assert ("LEX507", 15, 7, "'Sahlins (1972)' staat niet in de literatuur") in found
    assert not any(code == "LEX507" and "Mauss" in message for code, _, _, message in found)
    assert any(code == "LEX508" and "Kampen, T." in message for code, *_, message in found)
    assert any(code == "LEX509" and line == 11 for code, line, *_ in found)


@pytest.mark.parametrize("piece", ["van ", "Van ", "Van (2018) ", "(Naam, 2018; ", "In "])
def test_citation_rules_are_linear_in_hostile_input(piece):
    """A pull request full of particles, years or 'In' must not stall the check (these
    pieces took 170 s for 80 kB before the rules were bounded)."""
    import time

    text = piece * 40_000
    started = time.perf_counter()
    list(in_text(text))
    apa_form(text)
    Reference.parse(text)
    assert time.perf_counter() - started < 20  # generous: linear here is about a second
