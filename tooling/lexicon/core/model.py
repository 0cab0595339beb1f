"""The lexicon as immutable data: entries (lemma's), clusters, pages and their wikilinks.

The loader builds these from files; everything downstream (validation, link graph, search,
exports, the site) reads them and never writes them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType

from lexicon.core.slugs import fold

Position = tuple[int, int]
"""(line, column), both 1-based, in the source file."""

FieldPath = tuple[str | int, ...]
"""A path into the front matter: ("literature", 2) is the third reference."""


@dataclass(frozen=True)
class WikiLink:
    """One `[[target#anchor|label]]` in a body."""

    target: str
    """The slug as written (may be invalid; validation reports that)."""
    anchor: str | None
    label: str | None
    """The text after `|`, if any."""
    raw: str
    """The whole source text, `[[...]]` included."""
    line: int
    """1-based line in the file."""
    column: int
    """1-based column of the first `[`."""
    context: str = ""
    """The sentence around the link as plain text, for "verwijzingen naar dit lemma"."""
    sentence_start: bool = False
    """Whether the link opens a sentence (its text then keeps the title's capital)."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int


@dataclass(frozen=True)
class LocalLink:
    """A Markdown link or image to a relative path (`[tekst](../x.md)`), not a URL."""

    target: str
    """The address as written, without `#anchor` or `?query`, percent-decoded."""
    line: int
    """1-based line in the file."""
    column: int
    """1-based column of the address."""


@dataclass(frozen=True, eq=False)
class BodyInfo:
    """What the core extracts from a Markdown body in one parse."""

    links: tuple[WikiLink, ...] = ()
    headings: tuple[Heading, ...] = ()
    word_count: int = 0
    local_links: tuple[LocalLink, ...] = ()
    plain: tuple[tuple[str, ...], ...] | None = None
    """The body as plain text, one tuple per block: text pieces alternating with the targets
    of unlabelled wikilinks, which read as the target's title (see `body.plain_text`). Kept
    from the one parse so that search need not parse the body again; None if not parsed."""
    plain_json: str | None = None
    """`plain` as the check cache keeps it (JSON), when it came from there: decoded only by
    the one step that needs it (`blocks`, for the search index), because most runs that read
    the cache never do, and it is more than half of the cache's bytes."""

    def blocks(self) -> tuple[tuple[str, ...], ...] | None:
        """`plain`, decoded from `plain_json` if need be (once); None if the body was not
        parsed or the stored blocks cannot be read (then the body is parsed again)."""
        if self.plain is None and self.plain_json is not None:
            object.__setattr__(self, "plain", _stored_blocks(self.plain_json))
            object.__setattr__(self, "plain_json", None)
        return self.plain

    def _key(self) -> tuple[object, ...]:
        return (self.links, self.headings, self.word_count, self.local_links, self.blocks())

    def __eq__(self, other: object) -> bool:
        """Equal when they hold the same, whether the blocks are decoded yet or not."""
        if not isinstance(other, BodyInfo):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.links, self.headings, self.word_count, self.local_links))


def _stored_blocks(stored: str) -> tuple[tuple[str, ...], ...] | None:
    try:
        blocks = json.loads(stored)
    except (TypeError, ValueError):
        return None
    if not isinstance(blocks, list) or not all(
            isinstance(block, list) and all(isinstance(part, str) for part in block)
            for block in blocks):
        return None
    return tuple(tuple(block) for block in blocks)


@dataclass(frozen=True)
class Entry:
    """One lemma: `lemmas/<slug>.md`."""

    slug: str
    path: str
    """POSIX path relative to the lexicon root."""
    title: str
    cluster: str
    summary: str
    authors: tuple[str, ...]
    body: str
    """The Markdown body after the front matter, unchanged."""
    body_line: int
    """1-based line of the file where `body` starts."""
    aliases: tuple[str, ...] = ()
    kernvragen: tuple[str, ...] = ()
    """Questions a student would ask that this lemma answers (shown under the summary)."""
    related: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    based_on: tuple[str, ...] = ()
    literature: tuple[str, ...] = ()
    redirect_from: tuple[str, ...] = ()
    status: str = "gepubliceerd"
    updated: dt.date | None = None
    info: BodyInfo = field(default_factory=BodyInfo)
    positions: Mapping[FieldPath, Position] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, hash=False, repr=False
    )
    """Where each front-matter key and value stands, for diagnostics."""

    @property
    def links(self) -> tuple[WikiLink, ...]:
        return self.info.links

    @property
    def headings(self) -> tuple[Heading, ...]:
        return self.info.headings

    @property
    def word_count(self) -> int:
        return self.info.word_count

    @property
    def is_published(self) -> bool:
        return self.status == "gepubliceerd"

    def position(self, *path: str | int) -> Position:
        """Best known position of a front-matter field (falls back to its parent, then line 1)."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return (1, 1)


@dataclass(frozen=True)
class Cluster:
    """One cluster: `clusters/<slug>.md`."""

    slug: str
    path: str
    title: str
    order: int
    colour: str
    summary: str
    body: str
    body_line: int
    lemmas: tuple[str, ...] = ()
    """The preferred order of the cluster's lemma's; unlisted ones follow alphabetically."""
    info: BodyInfo = field(default_factory=BodyInfo)
    positions: Mapping[FieldPath, Position] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, hash=False, repr=False
    )

    def position(self, *path: str | int) -> Position:
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return (1, 1)


@dataclass(frozen=True)
class Page:
    """A free page such as the introduction: `pages/<slug>.md`."""

    slug: str
    path: str
    title: str
    body: str
    body_line: int
    summary: str = ""
    order: int = 100
    """Place in the menu: below 50 before the clusters, from 50 after them."""
    info: BodyInfo = field(default_factory=BodyInfo)


@dataclass(frozen=True)
class ReadingList:
    """A course reading list (`leeslijsten/<slug>.yml`): a title and lemma slugs in order."""

    slug: str
    title: str
    lemmas: tuple[str, ...]
    description: str = ""
    author: str = ""
    path: str = ""


@dataclass(frozen=True)
class Lexicon:
    """All entries, clusters and pages of one lexicon root."""

    entries: Mapping[str, Entry]
    """By slug, sorted by slug."""
    clusters: Mapping[str, Cluster]
    """By slug, sorted by `order`."""
    pages: Mapping[str, Page] = field(default_factory=lambda: MappingProxyType({}))
    reading_lists: tuple[ReadingList, ...] = ()
    """Course reading lists (leeslijsten/*.yml), only with lemma's that exist."""
    unreadable: frozenset[str] = frozenset()
    """Slugs of lemma files that exist but could not be read; links to them are not reported."""
    page_files: frozenset[str] = frozenset()
    """Every file under pages/ (POSIX, relative to it): what the site copies or renders, and
    so what a relative Markdown link may point at."""

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, slug: object) -> bool:
        return slug in self.entries

    def get(self, slug: str) -> Entry | None:
        return self.entries.get(slug)

    def in_cluster(self, cluster: str) -> list[Entry]:
        """The cluster's lemma's: first in the cluster's own order, then alphabetically."""
        return list(self._members.get(cluster, ()))

    @cached_property
    def _members(self) -> dict[str, tuple[Entry, ...]]:
        # Computed once: pages, exports and templates ask for a cluster's lemma's many times.
        groups: dict[str, list[Entry]] = {}
        for entry in self:
            groups.setdefault(entry.cluster, []).append(entry)
        result = {}
        for cluster, members in groups.items():
            preferred = self.clusters[cluster].lemmas if cluster in self.clusters else ()
            rank = {slug: i for i, slug in enumerate(preferred)}
            result[cluster] = tuple(sorted(
                members, key=lambda e: (rank.get(e.slug, len(rank)), sort_key(e.title))))
        return result

    def subset(self, slugs: set[str] | None = None, cluster: str | None = None) -> Lexicon:
        """Only the given lemma's and/or one cluster (links to others are then dropped)."""
        kept = {
            slug: e for slug, e in self.entries.items()
            if (slugs is None or slug in slugs) and (cluster is None or e.cluster == cluster)
        }
        return replace(self, entries=MappingProxyType(kept))

    def published(self) -> Lexicon:
        """The lexicon without entries whose status is `concept` (for production builds)."""
        kept = {slug: e for slug, e in self.entries.items() if e.is_published}
        lists = tuple(
            replace(r, lemmas=tuple(s for s in r.lemmas if s in kept)) for r in self.reading_lists
        )
        return Lexicon(MappingProxyType(kept), self.clusters, self.pages, lists, self.unreadable)


def sort_key(title: str) -> str:
    """Alphabetical order for titles: case- and accent-insensitive."""
    return fold(title)
