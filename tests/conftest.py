"""Shared fixtures: small lexicons built in tmp_path from dicts of files."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

CLUSTERS = {
    "clusters/sociale-nabijheid.md": """\
        ---
        title: Sociale nabijheid
        order: 1
        colour: "#8a2846"
        summary: Nabijheid tussen mensen onderling.
        ---

        Over de banden tussen mensen.
        """,
    "clusters/geografische-nabijheid.md": """\
        ---
        title: Geografische nabijheid
        order: 2
        colour: "#2e6b3a"
        summary: Nabijheid door plaats en buurt.
        ---

        Over de buurt.
        """,
}

WORDS = " ".join(["woord"] * 460)


def lemma(
    title: str,
    body: str = "",
    *,
    cluster: str = "sociale-nabijheid",
    extra: str = "",
    words: bool = True,
) -> str:
    """A valid lemma text; `extra` is added to the front matter, `body` before filler words."""
    front = textwrap.dedent(f"""\
        ---
        title: {title}
        cluster: {cluster}
        summary: {title} is een begrip dat in deze test als voorbeeld dient.
        authors:
          - Redactie
        based_on:
          - "Auteur, A. (2022). {title}. In *Lexicon nabijheid en sociaal werk*."
        literature:
          - "Auteur, A. (2020). *Een boek*. Uitgever."
        """)
    return front + textwrap.dedent(extra) + "---\n\n" + textwrap.dedent(body) + (
        f"\n{WORDS}\n" if words else "")


MakeLexicon = Callable[[dict[str, str]], Path]


@pytest.fixture
def make_lexicon(tmp_path: Path) -> MakeLexicon:
    """Write files (dedented) under tmp_path; clusters are added unless given."""

    def make(files: dict[str, str], with_clusters: bool = True) -> Path:
        all_files = {**(CLUSTERS if with_clusters else {}), **files}
        (tmp_path / "lemmas").mkdir(exist_ok=True)
        for rel, text in all_files.items():
            path = tmp_path / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return make


@pytest.fixture
def pair() -> dict[str, str]:
    """Two valid lemma's that link to each other: a clean lexicon."""
    return {
        "lemmas/alfa.md": lemma("Alfa", "Zie [[beta|de beta]].\n"),
        "lemmas/beta.md": lemma("Beta", "Zie [[alfa]].\n\n## Een kop\n"),
    }
