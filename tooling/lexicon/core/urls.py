"""Where things live on the site. One place, so links, redirects and exports agree.

Lemma's live at `/lemma/<slug>/` (a fixed prefix, so no lemma slug can ever collide with a
site page such as `/register/`), clusters at `/cluster/<slug>/`.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

HOME = "index.md"
REGISTER = "register.md"
MAP = "kaart.md"
SEARCH = "zoeken.md"
SEARCH_PARAM = "zoekterm"
"""The query parameter of the search page (not "q": Material opens its own dialog for ?q=)."""
READING_LISTS = "leeslijsten.md"
DATA_PAGE = "gegevens.md"
DATA = "data/"
REDIRECTS = "data/redirects.json"


def embed_url(slug: str) -> str:
    return f"embed/{slug}/"


def lemma_json(slug: str) -> str:
    return f"data/lemma/{slug}.json"


def citation_file(slug: str, extension: str) -> str:
    return f"data/cite/{slug}.{extension}"


def oembed_json(slug: str) -> str:
    return f"data/oembed/{slug}.json"


def social_card(slug: str) -> str:
    return f"assets/lexicon/kaarten/{slug}.png"


def edition_prefix(key: str) -> str:
    """Where an archived edition lives: 'editie/2026-12/' (then lemma/<slug>/, data/…)."""
    return f"editie/{key}/"


def reading_list_url(slug: str) -> str:
    return f"leeslijst/{slug}/"


def entry_src(slug: str) -> str:
    """The (generated) source file of a lemma page."""
    return f"lemma/{slug}.md"


def entry_url(slug: str) -> str:
    """The site path of a lemma page, without leading slash."""
    return f"lemma/{slug}/"


def cluster_src(slug: str) -> str:
    # An index.md, so Material's `navigation.indexes` makes it the page of its nav section.
    return f"cluster/{slug}/index.md"


def cluster_url(slug: str) -> str:
    return f"cluster/{slug}/"


def src_to_url(src: str) -> str:
    """'lemma/a.md' -> 'lemma/a/', 'index.md' -> '', 'over.md' -> 'over/' (directory URLs)."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_src(from_src: str, to_src: str) -> str:
    """A Markdown link from one source file to another, as MkDocs expects it."""
    return _relative(posixpath.dirname(from_src) or ".", to_src)


@lru_cache(maxsize=65536)
def _relative(folder: str, to_src: str) -> str:
    # Remembered: every lemma page links to many others from the same folder.
    return posixpath.relpath(to_src, folder)


def relative_url(from_src: str, to_url: str) -> str:
    """A link from the page of `from_src` to the site path `to_url` (directory URLs)."""
    here = src_to_url(from_src)
    rel = posixpath.relpath(to_url or ".", here or ".")
    if rel == ".":
        return "./"
    directory = to_url == "" or to_url.endswith("/")
    return rel + ("/" if directory and not rel.endswith("/") else "")
