"""Rules across files: clusters, wikilinks, related, names, redirects, editorial warnings.

Per-file problems (encoding, YAML, schema, unsafe HTML, citations) are found by the loader;
this module sees the whole `Lexicon` and reports what only the whole can tell.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from functools import partial

from lexicon.core import diagnostics as dg
from lexicon.core import urls
from lexicon.core.diagnostics import Diagnostic
from lexicon.core.graph import LinkGraph
from lexicon.core.model import Entry, Lexicon, WikiLink
from lexicon.core.settings import Settings
from lexicon.core.slugs import is_slug, nearest, slugify


def validate(lexicon: Lexicon, settings: Settings | None = None) -> list[Diagnostic]:
    settings = settings or Settings()
    names = _Names(lexicon)
    result: list[Diagnostic] = []
    for entry in lexicon:
        result += _cluster_of(entry, lexicon)
        result += _links(entry.path, entry.slug, entry.links, lexicon, names)
        result += _related(entry, lexicon, names)
        result += _links_to_concepts(entry, lexicon)
        result += _editorial(entry, settings)
    for cluster in lexicon.clusters.values():
        result += _links(cluster.path, None, cluster.info.links, lexicon, names)
        for i, slug in enumerate(cluster.lemmas):
            member = lexicon.get(slug)
            if member is None or member.cluster != cluster.slug:
                line, col = cluster.position("lemmas", i)
                why = "bestaat niet" if member is None else f"hoort bij cluster '{member.cluster}'"
                result.append(dg.make("LEX310", cluster.path, line, col,
                                      f"lemma '{slug}' in 'lemmas' {why}",
                                      "verwijder het uit de lijst of corrigeer de slug"))
    for page in lexicon.pages.values():
        result += _links(page.path, None, page.info.links, lexicon, names)
    for item in (*lexicon, *lexicon.clusters.values(), *lexicon.pages.values()):
        result += _split_wikilinks(item.path, item.body, item.body_line)
    result += _local_links(lexicon)
    result += _collisions(lexicon)
    if len(lexicon) > 1:
        graph = LinkGraph.build(lexicon)
        for slug in graph.orphans():
            entry = lexicon.entries[slug]
            result.append(dg.make("LEX501", entry.path, 1, 1,
                                  f"geen enkel ander lemma verwijst naar '{slug}'",
                                  f"link ernaar met [[{slug}]] vanuit een lemma waar"
                                  f" '{entry.title}' ter sprake komt"))
    return result


MAX_SUGGESTED = 50
"""Distinct wrong names per file that get a "bedoelde je …?" hint. Each compares the name with
every name in the lexicon; 5 000 distinct broken links in one file took 16 seconds."""


class _Names:
    """Lookup of every name a lemma is known by, for "bedoelde je …?" hints."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.by_name: dict[str, str] = {}
        self.renamed: dict[str, str] = {}
        self.cache: dict[tuple[str, object], str | None] = {}
        self.per_file: dict[str, int] = {}
        for entry in lexicon:
            for name in (entry.slug, entry.title, *entry.aliases):
                self.by_name.setdefault(name, entry.slug)
            for old in entry.redirect_from:
                self.renamed.setdefault(old, entry.slug)

    def suggest_in(self, path: str, wrong: str, exclude: str | None = None) -> str | None:
        """`suggest`, remembered per file, for at most `MAX_SUGGESTED` names per file."""
        return self.limited(path, (wrong, exclude), lambda: self.suggest(wrong, exclude))

    def limited(self, path: str, key: object, compute: Callable[[], str | None]) -> str | None:
        """`compute()` remembered under `key`, for at most `MAX_SUGGESTED` keys per file."""
        full = (path, key)
        if full not in self.cache:
            done = self.per_file.get(path, 0)
            if done >= MAX_SUGGESTED:
                return None
            self.per_file[path] = done + 1
            self.cache[full] = compute()
        return self.cache[full]

    def suggest(self, wrong: str, exclude: str | None = None) -> str | None:
        if wrong in self.renamed:
            return f"'{wrong}' is hernoemd: gebruik '{self.renamed[wrong]}'"
        slugs: list[str] = []
        for name in nearest(wrong, self.by_name, limit=6):
            slug = self.by_name[name]
            if slug not in slugs and slug != exclude:
                slugs.append(slug)
        if not slugs:
            return None
        return "bedoelde je " + " of ".join(f"'{s}'" for s in slugs[:3]) + "?"


def _cluster_of(entry: Entry, lexicon: Lexicon) -> list[Diagnostic]:
    if not entry.cluster or entry.cluster in lexicon.clusters:
        return []
    line, col = entry.position("cluster")
    close = nearest(entry.cluster, lexicon.clusters)
    hint = (f"bedoelde je '{close[0]}'?" if close else
            "kies uit " + ", ".join(f"'{c}'" for c in lexicon.clusters) if lexicon.clusters else
            "maak eerst het cluster aan in clusters/")
    return [dg.make("LEX301", entry.path, line, col, f"onbekend cluster '{entry.cluster}'", hint)]


def _links(
    path: str, own: str | None, links: Iterable[WikiLink], lexicon: Lexicon, names: _Names
) -> list[Diagnostic]:
    result = []
    for link in links:
        where = (path, link.line, link.column)
        if not is_slug(link.target):
            guess = slugify(link.target)
            hint = (f"bedoelde je [[{guess}]]?" if guess in lexicon else
                    names.suggest_in(path, link.target) or
                    "schrijf [[slug]] met de bestandsnaam van het lemma, zonder .md")
            result.append(dg.make("LEX309", *where, f"ongeldige wikilink {link.raw}", hint))
        elif link.target == own:
            result.append(dg.make("LEX305", *where, f"wikilink {link.raw} verwijst naar zichzelf",
                                  "verwijder de link of verwijs naar een ander lemma"))
        elif link.target not in lexicon:
            if link.target in lexicon.unreadable:
                continue  # that file's own errors are reported already
            result.append(dg.make("LEX302", *where,
                                  f"onbekend lemma '{link.target}' in wikilink {link.raw}",
                                  names.suggest_in(path, link.target, exclude=own)))
        elif link.anchor is not None:
            target = lexicon.entries[link.target]
            anchors = [h.anchor for h in target.headings]
            if link.anchor not in anchors:
                close = names.limited(path, (link.target, link.anchor),
                                      partial(_anchor_hint, link.target, link.anchor, anchors))
                result.append(dg.make("LEX303", *where,
                                      f"'{link.target}' heeft geen kop met anker"
                                      f" '#{link.anchor}'", close))
    return result


_GENERATED_PAGES = frozenset({urls.HOME, urls.REGISTER, urls.MAP, urls.SEARCH,
                              urls.READING_LISTS, urls.DATA_PAGE})
"""Pages the site makes itself, which a relative link may point at as well."""


def _local_links(lexicon: Lexicon) -> list[Diagnostic]:
    """Relative Markdown links (`[tekst](../over.md)`) must name a file the site will have:
    a page or file of pages/, or a page the site generates. Each body is published at its
    own place on the site (a lemma at lemma/<slug>.md), so that is where the path starts."""
    bodies = [(e.path, urls.entry_src(e.slug), e.info) for e in lexicon]
    bodies += [(c.path, urls.cluster_src(c.slug), c.info) for c in lexicon.clusters.values()]
    bodies += [(p.path, f"{p.slug}.md", p.info) for p in lexicon.pages.values()]
    result = []
    for path, src, info in bodies:
        for link in info.local_links:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src), link.target))
            if resolved in lexicon.page_files or resolved in _GENERATED_PAGES:
                continue
            outside = resolved == ".." or resolved.startswith("../")
            message = (f"link naar '{link.target}' wijst buiten de site" if outside else
                       f"link naar '{link.target}': dat bestand komt niet op de site")
            result.append(dg.make("LEX312", path, link.line, link.column, message,
                                  _local_hint(link.target, lexicon)))
    return result


def _local_hint(target: str, lexicon: Lexicon) -> str:
    stem = posixpath.basename(target.rstrip("/"))
    stem = stem[: -len(".md")] if stem.endswith(".md") else stem
    if stem in lexicon:
        return f"verwijs naar een lemma met een wikilink: [[{stem}]]"
    return ("verwijs naar een lemma met een wikilink [[slug]], naar een andere site met een"
            " https://-link, of naar een bestand in pages/")


def _anchor_hint(target: str, wrong: str, anchors: list[str]) -> str:
    close = nearest(wrong, anchors)
    return (f"bedoelde je '#{close[0]}'?" if close else
            "bestaande ankers: " + ", ".join(f"#{a}" for a in anchors[:8])
            if anchors else f"'{target}' heeft geen tussenkoppen")


def _links_to_concepts(entry: Entry, lexicon: Lexicon) -> list[Diagnostic]:
    if not entry.is_published:
        return []
    result = []
    for link in entry.links:
        target = lexicon.get(link.target)
        if target is not None and not target.is_published and target.slug != entry.slug:
            result.append(dg.make("LEX506", entry.path, link.line, link.column,
                                  f"'{link.target}' is nog een concept: op de site wordt"
                                  f" {link.raw} gewone tekst",
                                  f"publiceer '{link.target}' (status: gepubliceerd) of wacht"
                                  " met de link"))
    return result


def _related(entry: Entry, lexicon: Lexicon, names: _Names) -> list[Diagnostic]:
    result = []
    for i, slug in enumerate(entry.related):
        line, col = entry.position("related", i)
        if slug == entry.slug:
            result.append(dg.make("LEX305", entry.path, line, col,
                                  f"'related' noemt het lemma zelf ('{slug}')",
                                  "verwijder deze regel"))
        elif slug not in lexicon and slug not in lexicon.unreadable:
            result.append(dg.make("LEX304", entry.path, line, col,
                                  f"'related' noemt onbekend lemma '{slug}'",
                                  names.suggest(slug, exclude=entry.slug)))
    return result


def _collisions(lexicon: Lexicon) -> list[Diagnostic]:
    """Titles, aliases and redirects that would make two lemma's indistinguishable."""
    result = []
    titles: dict[str, Entry] = {}
    for entry in lexicon:
        key = slugify(entry.title)
        if key in titles:
            other = titles[key]
            line, col = entry.position("title")
            result.append(dg.make("LEX306", entry.path, line, col,
                                  f"de titel '{entry.title}' heeft lemma '{other.slug}' al",
                                  "kies een titel die het verschil duidelijk maakt"))
        else:
            titles[key] = entry
    owners: dict[str, tuple[str, str]] = {}  # name key -> (slug, "titel"/"slug"/"alias")
    for entry in lexicon:
        owners.setdefault(slugify(entry.title), (entry.slug, "titel"))
        owners.setdefault(entry.slug, (entry.slug, "slug"))
    for entry in lexicon:
        for i, alias in enumerate(entry.aliases):
            key = slugify(alias)
            owner = owners.get(key)
            if owner is not None and owner[0] != entry.slug:
                line, col = entry.position("aliases", i)
                result.append(dg.make("LEX307", entry.path, line, col,
                                      f"alias '{alias}' is ook de {owner[1]} van lemma"
                                      f" '{owner[0]}'",
                                      "verwijder de alias of link in de tekst naar"
                                      f" [[{owner[0]}]]"))
            elif owner is None:
                owners[key] = (entry.slug, "alias")
    redirects: dict[str, str] = {}
    for entry in lexicon:
        for i, old in enumerate(entry.redirect_from):
            line, col = entry.position("redirect_from", i)
            if old in lexicon:
                what = "het lemma zelf" if old == entry.slug else f"het bestaande lemma '{old}'"
                result.append(dg.make("LEX308", entry.path, line, col,
                                      f"'redirect_from' noemt '{old}', maar dat is {what}",
                                      "een doorverwijzing is alleen voor slugs die niet meer"
                                      " bestaan: verwijder deze regel"))
            elif old in redirects and redirects[old] != entry.slug:
                result.append(dg.make("LEX308", entry.path, line, col,
                                      f"'{old}' verwijst al door naar '{redirects[old]}'",
                                      "een oude slug kan maar naar één lemma doorverwijzen"))
            else:
                redirects[old] = entry.slug
    return result


CLOSING_SECTIONS = (
    ("In de praktijk", "Wat vraagt het begrip van een sociaal werker? Geef één kort, concreet"
                       " voorbeeld."),
    ("Dilemma's", "Waar schuurt het: kritiek, grenzen, afwegingen?"),
)
"""Every lemma ends with these sections, in this order (CONTRIBUTING.md, 'Lengte en opbouw')."""


def _closing_sections(entry: Entry) -> list[Diagnostic]:
    wanted = [heading for heading, _ in CLOSING_SECTIONS]
    sections = [h for h in entry.headings if h.level == 2]
    if [h.text for h in sections[-len(wanted):]] == wanted:
        return []
    line = sections[-1].line if sections else entry.body_line
    found = ", ".join(f"'{h.text}'" for h in sections[-len(wanted):]) or "geen tussenkoppen"
    return [dg.make("LEX510", entry.path, line, 1,
                    "de tekst eindigt niet met de vaste koppen "
                    + " en ".join(f"'## {w}'" for w in wanted) + f" (nu: {found})",
                    "sluit af met '## In de praktijk' (met een voorbeeld) en daarna"
                    " '## Dilemma's'; de koppen daarvoor kies je zelf")]


_SPLIT_WIKILINK = re.compile(r"\[\[[^\[\]\n]{0,200}\n[^\[\]\n]{0,200}\]\]")


def _split_wikilinks(path: str, body: str, body_line: int) -> list[Diagnostic]:
    """A `[[…]]` broken over two lines is no link: the site would show the brackets."""
    result = []
    for match in _SPLIT_WIKILINK.finditer(body):
        line = body_line + body.count("\n", 0, match.start())
        column = match.start() - (body.rfind("\n", 0, match.start()) + 1) + 1
        text = " ".join(match.group().split())
        result.append(dg.make("LEX313", path, line, column,
                              f"wikilink over twee regels: {text}",
                              "zet de hele wikilink op één regel (begin eventueel een nieuwe"
                              " regel vóór '[[')"))
    return result


def _editorial(entry: Entry, settings: Settings) -> list[Diagnostic]:
    result = _closing_sections(entry)
    title_line = entry.position("title")[0]
    if not entry.literature:
        result.append(dg.make("LEX502", entry.path, title_line, 1,
                              f"'{entry.slug}' noemt geen literatuur",
                              "voeg 'literature:' toe met de belangrijkste bronnen in APA 7"))
    if not entry.based_on:
        result.append(dg.make("LEX503", entry.path, title_line, 1,
                              f"'{entry.slug}' noemt niet waarop het gebaseerd is",
                              "voeg 'based_on:' toe met het oorspronkelijke hoofdstuk en de"
                              " auteur(s)"))
    words = entry.word_count
    if not settings.min_words <= words <= settings.max_words:
        result.append(dg.make("LEX504", entry.path, entry.body_line, 1,
                              f"de tekst telt {words} woorden (richtlijn {settings.min_words}–"
                              f"{settings.max_words})",
                              "vul het lemma aan" if words < settings.min_words else
                              "kort het lemma in of splits het in twee lemma's"))
    for heading in entry.headings:
        if heading.level == 1:
            result.append(dg.make("LEX505", entry.path, heading.line, 1,
                                  f"kop van niveau 1: '{heading.text}'",
                                  "de titel komt uit 'title'; begin tussenkoppen met '## '"))
    return result
