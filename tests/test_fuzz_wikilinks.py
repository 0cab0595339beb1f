"""Arbitrary Markdown through the wikilink rule: every reported link stands where it says.

For any text, analysing it never raises, and each reported link's line and column point at
its raw `[[...]]` text in the source; its context sentence contains it. The same holds for
the sentence lookup and for rewriting (which must reproduce the text when each link is
replaced by itself).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lexicon.core.body import analyse
from lexicon.core.wikilinks import rewrite

PIECES = st.sampled_from([
    "[[", "]]", "[[a]]", "[[b-c|label]]", "[[d#kop]]", "[[e#kop|tekst]]", "[[a]] [[a]]", "|",
    "#", "[", "]", "`", "``", "```\n", "~~~\n", "    ", "\t", "\n", "\n\n", "> ", "- ", "1. ",
    "* ", "## ", "# ", "\\", "\\[[x]]", "<b>", "<!-- x -->", "*", "_", "**", "~~", "| a | b |\n",
    "|---|---|\n", "[tekst](url)", "![alt](img.png)", "<https://x.nl>", "é", "🙂", "\r\n",
    "Zin. ", "Nog een zin! ", "[[ spaties ]]", "[[X Y]]", "[[../../etc]]",
])


def _as_the_loader_gives_it(text: str) -> str:
    # The loader hands bodies over with LF line endings only; NUL, which markdown-it turns
    # into U+FFFD, is already an error there (LEX007).
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


TEXTS = st.one_of(st.text(max_size=300),
                  st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=50).map("".join)
                  ).map(_as_the_loader_gives_it)


@settings(max_examples=300, deadline=None)
@given(body=TEXTS, first_line=st.integers(min_value=1, max_value=50))
def test_every_link_points_at_its_source(body, first_line):
    info, diagnostics = analyse(body, first_line, "x.md")
    lines = body.split("\n")
    for link in info.links:
        assert link.line >= first_line and link.column >= 1
        source_line = lines[link.line - first_line]
        assert source_line[link.column - 1 :].startswith(link.raw), (link, source_line)
        assert link.raw.startswith("[[") and link.raw.endswith("]]")
        assert "\n" not in link.raw
        assert link.raw in link.context or link.context.startswith("…")
    for d in diagnostics:
        assert d.line >= first_line and d.column >= 1


@settings(max_examples=200, deadline=None)
@given(body=TEXTS)
def test_rewriting_each_link_by_itself_changes_nothing(body):
    info, _ = analyse(body, 1, "x.md")
    assert rewrite(body, info.links, 1, lambda link: link.raw) == body
    marked = rewrite(body, info.links, 1, lambda link: "\0")
    assert marked.count("\0") == len(info.links)
