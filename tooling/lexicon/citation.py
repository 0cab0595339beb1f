"""How to cite a lemma: APA 7 with Dutch conventions, and the metadata citation tools read.

Dutch APA: "(Red.)" for editors, "z.d." without a date, "Geraadpleegd op … van …" for pages
that change, and surnames with tussenvoegsels sorted on the main name in the reference list
("Lans, J. van der") but written "Van der Lans" in running text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .model import Entry
from .project import Project

PARTICLES = frozenset(
    "van der den de het 't ter ten te in op aan la le du von vom zu d' da dos das del della"
    .split()
)
MONTHS = ("januari februari maart april mei juni juli augustus september oktober november"
          " december").split()


@dataclass(frozen=True)
class Name:
    """A person's name split the Dutch way, or a group author (`family` only, `group`)."""

    family: str
    given: str = ""
    particle: str = ""
    group: bool = False

    @property
    def initials(self) -> str:
        parts = re.split(r"[\s.]+", self.given)
        return " ".join(
            "-".join(f"{p[0]}." for p in part.split("-") if p) for part in parts if part
        )

    def reference(self) -> str:
        """As in a reference list: 'Lans, J. van der'."""
        if self.group:
            return self.family
        text = f"{self.family}, {self.initials}" if self.given else self.family
        return f"{text} {self.particle}" if self.particle else text

    def in_text(self) -> str:
        """As in running text: 'Van der Lans'."""
        if self.group or not self.particle:
            return self.family
        return f"{self.particle[0].upper()}{self.particle[1:]} {self.family}"

    def given_first(self) -> str:
        """'J. van der Lans' — how editors appear after 'In'."""
        if self.group:
            return self.family
        parts = [self.initials, self.particle, self.family]
        return " ".join(p for p in parts if p)

    def highwire(self) -> str:
        """'Lans, Jos van der' is not standard; Highwire wants 'Family, Given'."""
        if self.group:
            return self.family
        family = f"{self.particle} {self.family}".strip()
        return f"{family}, {self.given}" if self.given else family


@lru_cache(maxsize=16384)  # names are immutable values and repeat across every citation
def parse_name(text: str) -> Name:
    """Parse 'Jos van der Lans', 'Lans, J. van der' or a group name such as 'Redactie X'.

    >>> parse_name("Jos van der Lans").reference()
    'Lans, J. van der'
    >>> parse_name("Lans, J. van der").in_text()
    'Van der Lans'
    >>> parse_name("Redactie digitale editie").reference()
    'Redactie digitale editie'
    """
    text = " ".join(text.split())
    if "," in text:
        family, _, rest = text.partition(",")
        words = rest.split()
        given = [w for w in words if w.lower() not in PARTICLES]
        particle = [w for w in words if w.lower() in PARTICLES]
        return Name(family.strip(), " ".join(given), " ".join(particle))
    words = text.split()
    if len(words) < 2 or any(
        w[0].islower() and w.lower() not in PARTICLES for w in words[1:]
    ):
        return Name(text, group=True)
    first_particle = next(
        (j for j in range(1, len(words) - 1) if words[j].lower() in PARTICLES), len(words) - 1
    )
    given = " ".join(words[:first_particle])
    particle = " ".join(words[first_particle : len(words) - 1])
    return Name(words[-1], given, particle)


def join_names(names: list[str]) -> str:
    """APA: 'A, B & C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Citation:
    """Everything needed to cite one lemma, in the forms readers and tools use."""

    title: str
    authors: tuple[Name, ...]
    editors: tuple[Name, ...]
    container: str
    edition: str
    publisher: str
    year: int | None
    url: str

    @property
    def year_text(self) -> str:
        return str(self.year) if self.year else "z.d."

    def apa(self, accessed: dt.date | None = None) -> str:
        """APA 7 reference (plain text; the container title is not marked up)."""
        authors = join_names([a.reference() for a in self.authors]) or self.title
        author_part = authors if authors.endswith(".") else authors + "."
        editors = join_names([e.given_first() for e in self.editors])
        container = f"*{self.container}*" + (f" ({self.edition})" if self.edition else "")
        in_part = f"In {editors} (Red.), {container}." if editors else f"In {container}."
        text = f"{author_part} ({self.year_text}). {self.title}. {in_part}"
        if self.publisher:
            text += f" {self.publisher}."
        if accessed is not None:
            text += f" Geraadpleegd op {dutch_date(accessed)}, van {self.url}"
        else:
            text += f" {self.url}"
        return text

    def apa_plain(self, accessed: dt.date | None = None) -> str:
        return self.apa(accessed).replace("*", "")

    def in_text(self) -> str:
        """Parenthetical citation: '(Redactie digitale editie, 2026)'."""
        names = [a.in_text() for a in self.authors]
        who = names[0] + (" e.a." if len(names) > 2 else f" & {names[1]}" if len(names) == 2
                          else "") if names else self.title
        return f"({who}, {self.year_text})"


def cite(entry: Entry, project: Project, url: str) -> Citation:
    """The citation of `entry` as published at `url`."""
    year = entry.updated.year if entry.updated else project.year
    return Citation(
        title=entry.title,
        authors=tuple(parse_name(a) for a in entry.authors),
        editors=tuple(parse_name(e) for e in project.editors),
        container=project.title,
        edition=project.edition,
        publisher=project.publisher,
        year=year,
        url=url,
    )
