"""The link graph of a lexicon: outgoing links, backlinks, explicit related, orphans."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from lexicon.core.model import Lexicon, WikiLink


@dataclass(frozen=True)
class Backlink:
    """A wikilink from `source` to some lemma, with the sentence it stands in."""

    source: str
    """Slug of the linking lemma."""
    link: WikiLink


@dataclass(frozen=True)
class LinkGraph:
    outgoing: dict[str, tuple[str, ...]]
    """Slug -> distinct existing targets of its wikilinks, in order of appearance."""
    backlinks: dict[str, tuple[Backlink, ...]]
    """Slug -> the links pointing at it from other lemma's (first link per source)."""
    related: dict[str, tuple[str, ...]]
    """Slug -> its explicit `related` slugs that exist."""

    @classmethod
    def build(cls, lexicon: Lexicon) -> LinkGraph:
        outgoing: dict[str, tuple[str, ...]] = {}
        incoming: dict[str, list[Backlink]] = defaultdict(list)
        related: dict[str, tuple[str, ...]] = {}
        entries = lexicon.entries
        for entry in lexicon:
            slug = entry.slug
            targets: dict[str, None] = {}
            for link in entry.links:
                target = link.target
                # Most links repeat a target already seen: that test comes first.
                if target not in targets and target != slug and target in entries:
                    incoming[target].append(Backlink(slug, link))
                    targets[target] = None
            outgoing[slug] = tuple(targets)
            related[slug] = tuple(r for r in entry.related if r in entries and r != slug)
        backlinks = {slug: tuple(incoming.get(slug, ())) for slug in lexicon.entries}
        return cls(outgoing, backlinks, related)

    def orphans(self) -> list[str]:
        """Lemma's that no other lemma links to."""
        return [slug for slug, links in self.backlinks.items() if not links]

    def neighbours(self, slug: str) -> set[str]:
        """Everything connected to `slug` in either direction, by link or by `related`."""
        result = set(self.outgoing.get(slug, ())) | set(self.related.get(slug, ()))
        result |= {b.source for b in self.backlinks.get(slug, ())}
        result |= self._related_by.get(slug, set())
        result.discard(slug)
        return result

    @cached_property
    def _related_by(self) -> dict[str, set[str]]:
        """Slug -> the lemma's that name it in their `related` (computed once, not per call)."""
        result: dict[str, set[str]] = defaultdict(set)
        for source, targets in self.related.items():
            for target in targets:
                result[target].add(source)
        return result

    def edges(self) -> list[tuple[str, str]]:
        """Distinct undirected edges (a, b) with a < b, from links and `related`."""
        pairs: set[tuple[str, str]] = set()
        for source, targets in self.outgoing.items():
            pairs.update((min(source, t), max(source, t)) for t in targets)
        for source, targets in self.related.items():
            pairs.update((min(source, t), max(source, t)) for t in targets)
        return sorted(pairs)

    def edges_among(self, slugs: set[str]) -> list[tuple[str, str]]:
        """`edges()` between `slugs` only, in time linear in their own links (a local map
        asks this once per lemma page: all edges each time would be quadratic)."""
        pairs: set[tuple[str, str]] = set()
        for source in slugs:
            for targets in (self.outgoing.get(source, ()), self.related.get(source, ())):
                pairs.update((min(source, t), max(source, t)) for t in targets if t in slugs)
        return sorted(pairs)

