"""The wikilink rule: positions in every block kind; code and escapes skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from lexicon.core.body import analyse, parser
from lexicon.core.wikilinks import link_text, split_inner

FIXTURES = read_fixture_file(Path(__file__).parent / "fixtures" / "wikilinks.md")


def describe(body: str) -> str:
    info, _ = analyse(body, 1, "x.md")
    return "".join(
        f"{link.line}:{link.column} {link.target} {link.anchor or '-'} {link.label or '-'}\n"
        for link in info.links
    )


@pytest.mark.parametrize(
    "line, title, source, expected", FIXTURES, ids=[f[1] for f in FIXTURES]
)
def test_fixture(line, title, source, expected):
    assert describe(source) == expected


def test_positions_are_file_absolute():
    info, _ = analyse("\nTekst met [[doel]].\n", 12, "x.md")
    assert [(link.line, link.column) for link in info.links] == [(13, 11)]


def test_raw_text_stands_at_the_reported_position():
    source = "> - lijst in citaat met [[x|y]]\n>   en [[z]]\n"
    info, _ = analyse(source, 1, "x.md")
    lines = source.split("\n")
    for link in info.links:
        assert lines[link.line - 1][link.column - 1 :].startswith(link.raw)


def test_context_is_the_sentence_around_the_link():
    body = "Eerste zin. Tweede zin over [[doel|het doel]] en meer. Derde zin."
    info, _ = analyse(body, 1, "x.md")
    assert info.links[0].context == "Tweede zin over [[doel|het doel]] en meer."


def test_rendering_outside_the_site():
    html = parser().render("Zie [[doel#kop|het doel]].")
    assert html == '<p>Zie <a class="wikilink" href="../doel/#kop">het doel</a>.</p>\n'


def test_split_inner():
    parts = split_inner(" a-b # c | d e ")
    assert (parts.target, parts.anchor, parts.label) == ("a-b", "c", "d e")


def test_links_know_whether_they_open_a_sentence():
    body = "[[a]] begint. Dan [[b]] midden, en (zie [[c]]). 'Ook' zo! **[[d]]** vet.\n\n- [[e]]\n"
    info, _ = analyse(body, 1, "x.md")
    assert [(link.target, link.sentence_start) for link in info.links] == [
        ("a", True), ("b", False), ("c", False), ("d", True), ("e", True)]


def test_a_link_without_label_reads_as_a_word_in_its_sentence():
    assert link_text("Sociale afstand", sentence_start=False) == "sociale afstand"
    assert link_text("Sociale afstand", sentence_start=True) == "Sociale afstand"
    assert link_text("ABCD", sentence_start=False) == "ABCD"
