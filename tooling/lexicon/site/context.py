"""What lemma templates receive: one documented object, `lexicon_entry`, per lemma page,
and `lexicon_site` on every page.

Templates read these and nothing else from the lexicon; a contract test checks that every
field is documented and that the shipped templates use only documented fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lexicon.core import urls
from lexicon.core.graph import LinkGraph
from lexicon.core.inline import render_inline
from lexicon.core.model import Entry, Lexicon, sort_key
from lexicon.core.project import Project
from lexicon.core.revisions import Edition, History
from lexicon.export.citation import cite, dutch_date
from lexicon.export.embed import embed_code
from lexicon.export.metadata import defined_term, highwire, opengraph, script_json
from lexicon.site import conceptmap


@dataclass(frozen=True)
class LinkItem:
    """A lemma as it is listed on another page."""

    title: str = field(metadata={"help": "Titel van het lemma"})
    path: str = field(metadata={"help": "Pad op de site, voor het `url`-filter: lemma/<slug>/"})
    summary: str = field(metadata={"help": "De samenvatting (definitie)"})
    colour: str = field(metadata={"help": "Kleur van het cluster van het lemma"})


@dataclass(frozen=True)
class BacklinkItem:
    title: str = field(metadata={"help": "Titel van het verwijzende lemma"})
    path: str = field(metadata={"help": "Pad van het verwijzende lemma op de site"})
    sentence_html: str = field(metadata={"help": "De zin met de verwijzing, als veilige HTML"})


@dataclass(frozen=True)
class ClusterItem:
    slug: str = field(metadata={"help": "Slug van het cluster"})
    title: str = field(metadata={"help": "Naam van het cluster"})
    colour: str = field(metadata={"help": "Kleur van het cluster (#rrggbb)"})
    path: str = field(metadata={"help": "Pad van de clusterpagina op de site"})
    summary: str = field(default="", metadata={"help": "Eén zin over het cluster"})
    count: int = field(default=0, metadata={"help": "Aantal lemma's in het cluster"})


@dataclass(frozen=True)
class ChangeItem:
    """One substantive revision in the change list."""

    date: str = field(metadata={"help": "Datum, voluit in het Nederlands"})
    date_iso: str = field(metadata={"help": "Datum, JJJJ-MM-DD"})
    summary: str = field(metadata={"help": "Wat er veranderde (de eerste regel van de commit)"})


@dataclass(frozen=True)
class EditionLink:
    """An archived edition in which a version of this lemma stands."""

    label: str = field(metadata={"help": "Naam van de editie: 'editie december 2026'"})
    path: str = field(metadata={"help": "Pad van de gearchiveerde versie op de site"})


@dataclass(frozen=True)
class HistoryContext:
    """The lemma's history from git: dates, change list, editions."""

    first_published: str = field(default="", metadata={"help": "Eerst gepubliceerd (voluit)"})
    first_published_iso: str = field(default="", metadata={"help": "Eerst gepubliceerd, ISO"})
    last_revised: str = field(default="", metadata={
        "help": "Laatst inhoudelijk herzien (voluit)"})
    last_revised_iso: str = field(default="", metadata={
        "help": "Laatst inhoudelijk herzien, ISO"})
    changes: tuple[ChangeItem, ...] = field(default=(), metadata={
        "help": "Inhoudelijke wijzigingen, nieuwste eerst"})
    minor_count: int = field(default=0, metadata={
        "help": "Aantal niet-inhoudelijke wijzigingen (niet in de lijst)"})
    note: str = field(default="", metadata={
        "help": "Waarom de geschiedenis ontbreekt (leeg als hij er is)"})
    editions: tuple[EditionLink, ...] = field(default=(), metadata={
        "help": "Gearchiveerde edities met een versie van dit lemma, nieuwste eerst"})


@dataclass(frozen=True)
class EditionContext:
    """Set on an archived version of a lemma only."""

    name: str = field(metadata={"help": "De tag van de editie: editie-JJJJ-MM"})
    label: str = field(metadata={"help": "'editie december 2026'"})
    current_path: str = field(metadata={
        "help": "Pad van de huidige versie (leeg als het lemma niet meer bestaat)"})
    also_in: tuple[str, ...] = field(metadata={
        "help": "Alle edities met precies deze tekst, oudste eerst"})


@dataclass(frozen=True)
class EntryContext:
    """Everything a lemma page shows besides its body (`page.content`)."""

    slug: str = field(metadata={"help": "De slug van het lemma"})
    title: str = field(metadata={"help": "De titel"})
    summary: str = field(metadata={"help": "De samenvatting, als lead boven de tekst"})
    cluster: ClusterItem = field(metadata={"help": "Het cluster van het lemma"})
    aliases: tuple[str, ...] = field(metadata={"help": "Andere namen"})
    authors: tuple[str, ...] = field(metadata={"help": "Auteurs van dit lemma"})
    tags: tuple[str, ...] = field(metadata={"help": "Trefwoorden"})
    based_on_html: tuple[str, ...] = field(metadata={"help": "Waarop het lemma is gebaseerd"})
    literature_html: tuple[str, ...] = field(metadata={"help": "Literatuur, als veilige HTML"})
    updated: str = field(metadata={"help": "Datum van bijwerken, voluit in het Nederlands"})
    updated_iso: str = field(metadata={"help": "Datum van bijwerken, JJJJ-MM-DD"})
    related: tuple[LinkItem, ...] = field(metadata={"help": "Zie ook (related)"})
    backlinks: tuple[BacklinkItem, ...] = field(metadata={"help": "Verwijzingen naar dit lemma"})
    similar: tuple[LinkItem, ...] = field(metadata={"help": "Lijkt op (berekend)"})
    url: str = field(metadata={"help": "Volledig publiek adres van het lemma"})
    citation_html: str = field(metadata={"help": "APA 7-verwijzing als HTML"})
    citation_text: str = field(metadata={"help": "APA 7-verwijzing als platte tekst"})
    citation_in_text: str = field(metadata={"help": "Verwijzing in de lopende tekst"})
    accessed: str = field(metadata={"help": "Datum van raadplegen in de citatie (bouwdatum)"})
    bibtex_path: str = field(metadata={"help": "Pad van de BibTeX-citatie op de site"})
    ris_path: str = field(metadata={"help": "Pad van de RIS-citatie op de site"})
    embed_code: str = field(metadata={"help": "<iframe>-code voor de lemmakaart"})
    jsonld: str = field(metadata={"help": "schema.org DefinedTerm als JSON voor <script>"})
    highwire: tuple[tuple[str, str], ...] = field(metadata={"help": "citation_*-metatags"})
    opengraph: tuple[tuple[str, str], ...] = field(metadata={"help": "og:*-metatags"})
    word_count: int = field(metadata={"help": "Aantal woorden van de tekst"})
    reading_minutes: int = field(metadata={"help": "Geschatte leestijd in minuten"})
    local_map_html: str = field(default="", metadata={
        "help": "De kaart rond het lemma (SVG met knoppen), als veilige HTML; leeg zonder buren"})
    history: HistoryContext = field(default=HistoryContext(), metadata={
        "help": "Geschiedenis uit git (data, wijzigingen, edities)"})
    edition: EditionContext | None = field(default=None, metadata={
        "help": "De editie van deze gearchiveerde versie (None op de huidige pagina)"})
    image: str = field(default="", metadata={"help": "Volledig adres van de deelkaart (PNG)"})
    oembed: str = field(default="", metadata={"help": "Volledig adres van de oEmbed-JSON"})


@dataclass(frozen=True)
class SiteContext:
    """Site-wide data for the home page and navigation aids."""

    title: str = field(metadata={"help": "Titel van het lexicon"})
    description: str = field(metadata={"help": "Korte beschrijving van het lexicon"})
    clusters: tuple[ClusterItem, ...] = field(metadata={"help": "De clusters in volgorde"})
    recent: tuple[LinkItem, ...] = field(metadata={"help": "Recent bijgewerkte lemma's"})
    lemma_count: int = field(metadata={"help": "Aantal lemma's op de site"})


def cluster_item(lexicon: Lexicon, slug: str) -> ClusterItem:
    cluster = lexicon.clusters.get(slug)
    if cluster is None:
        return ClusterItem(slug, slug, "#555555", "")
    return ClusterItem(slug, cluster.title, cluster.colour, urls.cluster_url(slug),
                       cluster.summary, len(lexicon.in_cluster(slug)))


def link_item(lexicon: Lexicon, entry: Entry, prefix: str = "") -> LinkItem:
    return LinkItem(entry.title, prefix + urls.entry_url(entry.slug), entry.summary,
                    cluster_item(lexicon, entry.cluster).colour)


@dataclass(frozen=True)
class Archive:
    """Where an archived version of a lemma stands (input of `entry_context`)."""

    edition: Edition
    """The edition that first published this version; its page lives under it."""
    also_in: tuple[Edition, ...]
    current: bool
    """The lemma still exists in the current lexicon."""

    @property
    def prefix(self) -> str:
        return urls.edition_prefix(self.edition.key)


def history_context(history: History | None, editions: tuple[EditionLink, ...] = (),
                    limit: int = 12) -> HistoryContext:
    """Dates and change list of one lemma (empty without a history, e.g. in unit tests)."""
    if history is None:
        return HistoryContext(editions=editions)
    if not history.complete:
        return HistoryContext(note=f"Geschiedenis niet beschikbaar: {history.reason}. Daarom"
                                   " staan hier geen data van publicatie en herziening.",
                              editions=editions)
    if not history.revisions:
        return HistoryContext(note="Dit lemma staat nog niet in de vastgelegde geschiedenis.",
                              editions=editions)
    first, last = history.first_published, history.last_revised
    substantive = history.substantive()
    return HistoryContext(
        first_published=dutch_date(first) if first else "",
        first_published_iso=first.isoformat() if first else "",
        last_revised=dutch_date(last) if last else "",
        last_revised_iso=last.isoformat() if last else "",
        changes=tuple(ChangeItem(dutch_date(r.date), r.date.isoformat(), r.summary)
                      for r in substantive[:limit]),
        minor_count=len(history.revisions) - len(substantive),
        editions=editions,
    )


def entry_context(
    lexicon: Lexicon,
    graph: LinkGraph,
    project: Project,
    entry: Entry,
    similar: tuple[str, ...] = (),
    today: dt.date | None = None,
    *,
    history: History | None = None,
    editions: tuple[EditionLink, ...] = (),
    archive: Archive | None = None,
    image: str = "",
    places: conceptmap.Places | None = None,
) -> EntryContext:
    """`archive`: the page is an archived version (in `lexicon`, the edition's content);
    `places`: local map placements kept between builds."""
    today = today or dt.date.today()
    prefix = archive.prefix if archive else ""
    src = prefix + urls.entry_src(entry.slug)
    path = prefix + urls.entry_url(entry.slug)
    url = project.absolute(path)

    def resolve(target: str, anchor: str | None) -> tuple[str, str] | None:
        other = lexicon.get(target)
        if other is None:
            return None
        if target == entry.slug:
            return "", other.title
        href = (urls.relative_url(src, prefix + urls.entry_url(target))
                + (f"#{anchor}" if anchor else ""))
        return href, other.title

    if archive is not None:
        # A fixed edition: APA gives no retrieval date for content that does not change.
        citation = cite(entry, project, url, edition=archive.edition.label,
                        year=archive.edition.year)
        accessed: dt.date | None = None
        edition = EditionContext(
            archive.edition.name, archive.edition.label,
            urls.entry_url(entry.slug) if archive.current else "",
            tuple(e.label for e in archive.also_in))
    else:
        citation, accessed, edition = cite(entry, project, url), today, None
    backlinks = tuple(
        BacklinkItem(lexicon.entries[b.source].title, prefix + urls.entry_url(b.source),
                     render_inline(b.link.context, resolve))
        for b in sorted(graph.backlinks.get(entry.slug, ()),
                        key=lambda b: sort_key(lexicon.entries[b.source].title))
    )
    return EntryContext(
        slug=entry.slug,
        title=entry.title,
        summary=entry.summary,
        cluster=cluster_item(lexicon, entry.cluster),
        aliases=entry.aliases,
        authors=entry.authors,
        tags=entry.tags,
        based_on_html=tuple(render_inline(b, resolve) for b in entry.based_on),
        literature_html=tuple(render_inline(r, resolve) for r in entry.literature),
        updated=dutch_date(entry.updated) if entry.updated else "",
        updated_iso=entry.updated.isoformat() if entry.updated else "",
        related=tuple(link_item(lexicon, lexicon.entries[s], prefix)
                      for s in graph.related.get(entry.slug, ())),
        backlinks=backlinks,
        similar=tuple(link_item(lexicon, lexicon.entries[s]) for s in similar if s in lexicon),
        url=url,
        citation_html=render_inline(citation.apa(accessed)),
        citation_text=citation.apa_plain(accessed),
        citation_in_text=citation.in_text(),
        accessed=dutch_date(today) if accessed else "",
        bibtex_path=prefix + urls.citation_file(entry.slug, "bib"),
        ris_path=prefix + urls.citation_file(entry.slug, "ris"),
        embed_code=embed_code(entry, project, prefix + urls.embed_url(entry.slug)),
        jsonld=script_json(defined_term(entry, project, url)),
        highwire=tuple(highwire(entry, citation)),
        opengraph=tuple(opengraph(entry, project, url, image)),
        word_count=entry.word_count,
        reading_minutes=max(1, round(entry.word_count / 200)),
        local_map_html=conceptmap.local_map(
            lexicon, graph, entry.slug,
            {s: urls.relative_url(src, urls.entry_url(s))
             for s in (entry.slug, *graph.neighbours(entry.slug))},
            {c.slug: c.title for c in lexicon.clusters.values()}, places),
        history=history_context(history, editions),
        edition=edition,
        image=image,
        oembed=project.absolute(urls.oembed_json(entry.slug)) if archive is None else "",
    )


def site_context(lexicon: Lexicon, project: Project, recent: int = 6) -> SiteContext:
    dated = sorted((e for e in lexicon if e.updated), key=lambda e: (e.updated, e.title),
                   reverse=True)
    return SiteContext(
        title=project.title,
        description=project.description,
        clusters=tuple(cluster_item(lexicon, slug) for slug in lexicon.clusters),
        recent=tuple(link_item(lexicon, e) for e in dated[:recent]),
        lemma_count=len(lexicon),
    )
