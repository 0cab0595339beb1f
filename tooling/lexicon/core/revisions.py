"""The history of a lemma and the editions of the lexicon, as plain data.

An adapter (`lexicon.editorial.history`) reads git and hands this module what it found:
commits that touched a lemma file, with their trailers, and the edition tags. Here that
becomes what a reader sees: "Eerst gepubliceerd", "Laatst inhoudelijk herzien", a change
list, and the editions in which a version of the lemma stands. No git, no files, no guessing:
when the adapter could not read a complete history, `History.complete` is False and every
date is None.

Substantive or not: a commit counts as a substantive revision of the lemma's it touches,
unless its message carries the trailer `Inhoudelijk: nee` (a typo fix, a reflow). Missing the
trailer errs on the side of the reader: a change that might alter the content is shown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

TRAILER = "Inhoudelijk"
"""The commit trailer that marks a change as substantive (`ja`) or not (`nee`)."""

NOT_SUBSTANTIVE = frozenset({"nee", "no", "false", "0"})

EDITION_TAG = re.compile(r"^editie-(\d{4})-(0[1-9]|1[0-2])$")
"""Edition tags: `editie-JJJJ-MM`, one per month at most."""

MONTHS = ("januari februari maart april mei juni juli augustus september oktober november"
          " december").split()


def is_substantive(trailer_values: tuple[str, ...]) -> bool:
    """A commit is substantive unless its last `Inhoudelijk:` trailer says `nee`."""
    if not trailer_values:
        return True
    return trailer_values[-1].strip().lower() not in NOT_SUBSTANTIVE


@dataclass(frozen=True)
class Revision:
    """One commit that changed a lemma file."""

    commit: str
    date: dt.date
    summary: str
    """The first line of the commit message."""
    substantive: bool


@dataclass(frozen=True)
class History:
    """What the repository says about one lemma; revisions newest first."""

    revisions: tuple[Revision, ...] = ()
    complete: bool = True
    """False when the build had no complete history (no git, a shallow clone): then no date
    is given, because the oldest commit present is not the first."""
    reason: str = ""
    """Why the history is incomplete, in Dutch, for the page."""

    @property
    def first_published(self) -> dt.date | None:
        if not self.complete or not self.revisions:
            return None
        return self.revisions[-1].date

    @property
    def last_revised(self) -> dt.date | None:
        """The date of the newest substantive revision (the first commit counts as one)."""
        if not self.complete or not self.revisions:
            return None
        for revision in self.revisions:
            if revision.substantive:
                return revision.date
        return self.revisions[-1].date

    def substantive(self) -> tuple[Revision, ...]:
        return tuple(r for r in self.revisions if r.substantive) if self.complete else ()


def incomplete(reason: str) -> History:
    return History(complete=False, reason=reason)


@dataclass(frozen=True, order=True)
class Edition:
    """A published edition: a git tag `editie-JJJJ-MM`."""

    year: int
    month: int
    commit: str = ""

    @property
    def name(self) -> str:
        """The tag: 'editie-2026-12'."""
        return f"editie-{self.year:04d}-{self.month:02d}"

    @property
    def key(self) -> str:
        """The part of the address: '2026-12'."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """As in a citation: 'editie december 2026'."""
        return f"editie {MONTHS[self.month - 1]} {self.year}"


def parse_edition(tag: str, commit: str = "") -> Edition | None:
    """'editie-2026-12' -> Edition(2026, 12); anything else -> None.

    >>> parse_edition("editie-2026-12").label
    'editie december 2026'
    >>> parse_edition("v1.0") is None
    True
    """
    match = EDITION_TAG.match(tag)
    if match is None:
        return None
    return Edition(int(match.group(1)), int(match.group(2)), commit)


@dataclass(frozen=True)
class Version:
    """One version of a lemma as it stands in one or more editions (same file content)."""

    slug: str
    first: Edition
    """The edition that first published this content: its page lives under this edition."""
    editions: tuple[Edition, ...]
    """Every edition that contains exactly this content, oldest first."""


def versions(contents: dict[Edition, dict[str, str]]) -> dict[tuple[str, str], Version]:
    """Group lemma contents over editions: {(edition key, slug): the version it shows}.

    `contents` maps each edition to {slug: content id (e.g. a git blob id)}. A lemma whose
    content did not change since the previous edition belongs to the version of that edition,
    so only changed lemma's get a page of their own (the others forward there)."""
    first: dict[tuple[str, str], Edition] = {}
    members: dict[tuple[Edition, str], list[Edition]] = {}
    current: dict[str, tuple[str, Edition]] = {}
    for edition in sorted(contents):
        blobs = contents[edition]
        for slug in [s for s in current if s not in blobs]:
            del current[slug]  # removed: a later re-addition is a new version
        for slug, blob in blobs.items():
            if slug not in current or current[slug][0] != blob:
                current[slug] = (blob, edition)
            origin = current[slug][1]
            first[(edition.key, slug)] = origin
            members.setdefault((origin, slug), []).append(edition)
    return {(key, slug): Version(slug, origin, tuple(members[(origin, slug)]))
            for (key, slug), origin in first.items()}
