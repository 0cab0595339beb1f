"""Archived editions on the site: every edition tag's lemma's at a stable address.

/editie/<JJJJ-MM>/lemma/<slug>/          the lemma as that edition published it
/editie/<JJJJ-MM>/data/cite/<slug>.bib   its citation (and .ris), naming the edition
/editie/<JJJJ-MM>/embed/<slug>/          its embed card

Only a lemma whose text changed since the previous edition gets a page of its own, rendered
from the tagged file with the current templates; under a later edition in which it did not
change, its address is a small page that forwards to the version it shows. So the cost of an
edition is the number of lemma's that changed in it, not the size of the lexicon.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from lexicon.core import urls
from lexicon.core.graph import LinkGraph
from lexicon.core.loader import LexiconError, load_lexicon
from lexicon.core.model import Lexicon
from lexicon.core.project import Project
from lexicon.core.revisions import Edition, History, Version, versions
from lexicon.editorial import history
from lexicon.export.citation import EditionCitation, bibtex, ris
from lexicon.export.embed import embed_html
from lexicon.site import generated
from lexicon.site.context import Archive, EditionLink
from lexicon.site.redirects import redirect_html

CACHE = ".lexicon-cache/editions"


@dataclass(frozen=True)
class ArchivedEdition:
    """One edition tag, with its content loaded when it has pages of its own."""

    edition: Edition
    versions: dict[str, Version]
    """slug -> the version this edition shows (its page lives under `version.first`)."""
    lexicon: Lexicon | None = None
    graph: LinkGraph | None = None
    histories: dict[str, History] = field(default_factory=dict)
    own: frozenset[str] = field(init=False)
    """The lemma's whose page lives under this edition (changed in it, and published)."""

    def __post_init__(self) -> None:
        lexicon = self.lexicon
        own = frozenset(s for s, v in self.versions.items() if v.first == self.edition
                        and lexicon is not None and s in lexicon)
        object.__setattr__(self, "own", own)


@dataclass(frozen=True)
class Editions:
    archived: tuple[ArchivedEdition, ...] = ()
    """Oldest first."""

    def page(self, src: str) -> tuple[ArchivedEdition, str] | None:
        """(edition, slug) of an archived lemma page's source file."""
        parts = src.split("/")
        if len(parts) != 4 or parts[0] != "editie" or parts[2] != "lemma":
            return None
        slug = parts[3][: -len(".md")]
        for archived in self.archived:
            if archived.edition.key == parts[1] and slug in archived.own:
                return archived, slug
        return None

    def links(self, slug: str) -> tuple[EditionLink, ...]:
        """The editions with a version of `slug`, newest first, each linking to its page."""
        rendered = {a.edition.key for a in self.archived if slug in a.own}
        return tuple(
            EditionLink(a.edition.label, _page(a.versions[slug].first.key, slug))
            for a in reversed(self.archived)
            if slug in a.versions and a.versions[slug].first.key in rendered)

    def archive(self, archived: ArchivedEdition, slug: str, current: Lexicon) -> Archive:
        version = archived.versions[slug]
        return Archive(archived.edition, version.editions, slug in current)


def _page(key: str, slug: str) -> str:
    return urls.edition_prefix(key) + urls.entry_url(slug)


def _src(key: str, slug: str) -> str:
    return urls.edition_prefix(key) + urls.entry_src(slug)


def load_editions(root: Path, url: str | None,
                  on_problem: Callable[[str], None] = lambda _: None) -> Editions:
    """Read the edition tags of `root` and load the content of those with changed lemma's."""
    tags = history.editions(root)
    if not tags:
        return Editions()
    try:
        contents = {edition: history.lemma_blobs(root, edition) for edition in tags}
    except history.GitError as exc:
        on_problem(f"edities niet gelezen: {exc}")
        return Editions()
    grouped = versions(contents)
    archived = []
    for edition in tags:
        own = {s: v for (k, s), v in grouped.items() if k == edition.key}
        if not any(v.first == edition for v in own.values()):
            archived.append(ArchivedEdition(edition, own))
            continue
        try:
            folder = history.checkout(root, edition, root / CACHE)
            lexicon = load_lexicon(folder, url=url).lexicon.published()
        except (history.GitError, LexiconError, OSError) as exc:
            on_problem(f"{edition.name} niet geladen: {exc}")
            archived.append(ArchivedEdition(edition, own))
            continue
        aliases = {e.slug: e.redirect_from for e in lexicon}
        archived.append(ArchivedEdition(
            edition, own, lexicon, LinkGraph.build(lexicon),
            history.lemma_histories(root, list(lexicon.entries), aliases, edition.commit)))
    return Editions(tuple(archived))


def _notice(archived: ArchivedEdition, slug: str, current: Lexicon) -> str:
    """The mark above an archived text: which edition, and where the current version is."""
    version = archived.versions[slug]
    label = escape(archived.edition.label)
    src = _src(archived.edition.key, slug)
    also = [e.label for e in version.editions if e != archived.edition]
    text = f"Dit is de tekst van dit lemma zoals die verscheen in de {label}"
    if also:
        text += " en ongewijzigd bleef in de " + escape(", ".join(also))
    text += "."
    if slug in current:
        href = escape(urls.relative_url(src, urls.entry_url(slug)))
        text += f' <a href="{href}">Lees de huidige versie</a>.'
    else:
        text += " Dit lemma staat niet meer in het huidige lexicon."
    return (f'<div class="admonition warning lx-archive" role="note">'
            f'<p class="admonition-title">Gearchiveerde versie ({label})</p>'
            f"<p>{text}</p></div>")


def edition_files(editions: Editions, current: Lexicon, project: Project,
                  today: dt.date | None = None) -> dict[str, str]:
    """Every file the editions add to the site: pages (Markdown), forwards, citations, cards."""
    today = today or dt.date.today()
    files: dict[str, str] = {}
    rendered = {(a.edition.key, s) for a in editions.archived for s in a.own}
    for archived in editions.archived:
        key = archived.edition.key
        own = archived.own
        lexicon = archived.lexicon
        if lexicon is not None and own:
            def src_for(target: str, archived: ArchivedEdition = archived) -> str:
                version = archived.versions.get(target)
                return _src(version.first.key if version else archived.edition.key, target)

            citation = EditionCitation(archived.edition.label, archived.edition.year)
            for slug in sorted(own):
                entry = lexicon.entries[slug]
                prefix = urls.edition_prefix(key)
                files[_src(key, slug)] = generated.entry_page(
                    lexicon, entry, src=_src(key, slug), src_for=src_for,
                    title_suffix=f" ({archived.edition.label})",
                    notice_html=_notice(archived, slug, current))

                def url_for(target: str, prefix: str = prefix) -> str:
                    return project.absolute(prefix + urls.entry_url(target))

                files[prefix + urls.citation_file(slug, "bib")] = bibtex(
                    [entry], project, today, url_for, citation)
                files[prefix + urls.citation_file(slug, "ris")] = ris(
                    [entry], project, today, url_for, citation)
                files[prefix + urls.embed_url(slug) + "index.html"] = embed_html(
                    entry, lexicon.clusters.get(entry.cluster), project,
                    prefix + urls.entry_url(slug), archived.edition.label)
        for slug, version in archived.versions.items():
            if slug in own or (version.first.key, slug) not in rendered:
                continue  # its own page, or a lemma the edition did not publish (concept)
            here = _page(key, slug)
            there = _page(version.first.key, slug)
            rel = posixpath.relpath(there, here) + "/"
            files[here + "index.html"] = redirect_html(
                rel, project.absolute(there), slug,
                text=f"Dit lemma is in de {archived.edition.label} ongewijzigd; de tekst staat"
                     f" onder de {version.first.label}")
    return files
