"""Shared fixtures: small lexicons built in tmp_path from dicts of files."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
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
        f"\n{WORDS}\n\n{CLOSING}" if words else "")


CLOSING = """Zie Auteur (2020).

## In de praktijk

Een voorbeeld uit de praktijk.

## Dilemma's

Een afweging.
"""
"""What the style guide asks at the end of every lemma: a citation of the literature item and
the two closing sections (LEX508, LEX510)."""

CLOSING_WORDS = 14
"""The words CLOSING adds to a lemma's word count (headings count, markup does not)."""


MakeLexicon = Callable[[dict[str, str]], Path]


@pytest.fixture(autouse=True, scope="session")
def _check_cache_in_tmp(tmp_path_factory):
    """Commands cache check results in the user's cache folder; tests use a temporary one."""
    import os

    old = os.environ.get("LEXICON_CACHE_DIR")
    os.environ["LEXICON_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        del os.environ["LEXICON_CACHE_DIR"]
    else:
        os.environ["LEXICON_CACHE_DIR"] = old


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative path -> text, dedented) under `root`; returns `root`."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def make_lexicon(tmp_path: Path) -> MakeLexicon:
    """Write files (dedented) under tmp_path; clusters are added unless given."""

    def make(files: dict[str, str], with_clusters: bool = True) -> Path:
        (tmp_path / "lemmas").mkdir(exist_ok=True)
        return write_files(tmp_path, {**(CLUSTERS if with_clusters else {}), **files})

    return make


@pytest.fixture
def pair() -> dict[str, str]:
    """Two valid lemma's that link to each other: a clean lexicon."""
    return {
        "lemmas/alfa.md": lemma("Alfa", "Zie [[beta|de beta]].\n"),
        "lemmas/beta.md": lemma("Beta", "Zie [[alfa]].\n\n## Een kop\n"),
    }


REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("LEXICON_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def require(available: bool, message: str) -> None:
    """Skip when a browser-test tool is missing; in CI (LEXICON_REQUIRE_BROWSER=1) fail."""
    if available:
        return
    if os.environ.get("LEXICON_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def serve_wsgi(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Serve a WSGI app with waitress on a free loopback port; yields its base URL."""
    import threading

    from waitress import wasyncore
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    stop = threading.Event()

    def run() -> None:
        # waitress's own run() loops until its sockets are closed under it, which races with
        # close() ("Bad file descriptor" in the thread); this loop stops on a flag instead.
        while not stop.is_set():
            wasyncore.loop(timeout=0.05, map=server._map, count=1)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}/"
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium per test module (Playwright's sync API allows one at a time)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def require_browser() -> None:
    require(CHROMIUM.exists(),
            f"{CHROMIUM} ontbreekt: installeer Debians pakket 'chromium' (make browser)")


def site_files() -> dict[str, str]:
    """A small but complete lexicon for site, search and server tests."""
    return {
        "lemmas/wederkerigheid.md": lemma(
            "Wederkerigheid",
            """\
            Wederkerigheid hangt samen met [[vertrouwen|het vertrouwen]] tussen buren en met
            [[eenzaamheid]]. Zie ook [[sociale-teams#in-de-wijk|het werk in de wijk]].

            ## Geven en nemen

            Mensen houden de balans van geven en ontvangen bij.
            """,
            extra="""\
            aliases: [reciprociteit, reciprocity]
            related: [vertrouwen]
            tags: [relaties]
            updated: 2026-11-01
            redirect_from: [wederkerig]
            """),
        "lemmas/vertrouwen.md": lemma(
            "Vertrouwen",
            "Zonder vertrouwen geen [[wederkerigheid]]. Buurtbewoners kennen elkaar.\n",
            extra="updated: 2026-10-01\n"),
        "lemmas/eenzaamheid.md": lemma(
            "Eenzaamheid",
            "Eenzaamheid is geen [[wederkerigheid|gebrek aan wederkerigheid]] alleen.\n"
            "Bewoners van een buurt voelen zich soms eenzaam.\n",
            extra="aliases: [loneliness]\n"),
        "lemmas/sociale-teams.md": lemma(
            "Sociale teams",
            "Sociale teams werken met [[vertrouwen]].\n\n## In de wijk\n\n"
            "Wijkteams staan dicht bij bewoners.\n",
            cluster="geografische-nabijheid",
            extra="aliases: [wijkteam]\n"),
        "lemmas/concept-lemma.md": lemma(
            "Conceptlemma", "Nog niet af. Zie [[vertrouwen]].\n", extra="status: concept\n"),
        "leeslijsten/module-wijk.yml": "title: Werken in de wijk\ndescription: Jaar 2.\n"
                                       "lemmas: [sociale-teams, vertrouwen]\n",
        "pages/index.md": "---\ntitle: Start\n---\n\nWelkom bij het lexicon. Begin bij"
                          " [[wederkerigheid]].\n",
        "pages/inleiding.md": "---\ntitle: Inleiding\norder: 1\n---\n\n## Nabijheid\n\n"
                              "Over [[vertrouwen]] en afstand.\n",
    }


def install_site_config(root: Path) -> None:
    """Copy the repository's site configuration into a test lexicon."""
    import shutil

    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(REPO / "lexicon.yml", root / "lexicon.yml")
    shutil.copytree(REPO / "site_overrides", root / "site_overrides", dirs_exist_ok=True)
    (root / "pages").mkdir(exist_ok=True)


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """A lexicon built once per test module with `lexicon build` (the real pipeline)."""
    from lexicon.site.build import build_site

    root = write_files(tmp_path_factory.mktemp("site"), {**CLUSTERS, **site_files()})
    install_site_config(root)
    build_site(root)
    return root
