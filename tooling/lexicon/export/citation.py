"""How to cite a lemma: APA 7 with Dutch conventions, and the metadata citation tools read.

Dutch APA: "(Red.)" for editors, "z.d." without a date, "Geraadpleegd op … van …" for pages
that change, and surnames with tussenvoegsels sorted on the main name in the reference list
("Lans, J. van der") but written "Van der Lans" in running text.

Citations of lemma's for reference managers: BibTeX, RIS and CSL-JSON.

All three describe a lemma as an entry in a reference work with the lexicon as container and
its editors: BibTeX `@incollection` (Zotero: book section), RIS `ENCYC`, CSL-JSON
`entry-encyclopedia`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lexicon.core.model import Entry
from lexicon.core.project import Project

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
        given_words = [w for w in words if w.lower() not in PARTICLES]
        particle_words = [w for w in words if w.lower() in PARTICLES]
        return Name(family.strip(), " ".join(given_words), " ".join(particle_words))
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


def cite(entry: Entry, project: Project, url: str, *, edition: str | None = None,
         year: int | None = None) -> Citation:
    """The citation of `entry` as published at `url`.

    `edition` and `year`: an archived edition ('editie december 2026', 2026), cited instead
    of the lexicon's own edition statement and the lemma's date."""
    if year is None:
        year = entry.updated.year if entry.updated else project.year
    return Citation(
        title=entry.title,
        authors=tuple(parse_name(a) for a in entry.authors),
        editors=tuple(parse_name(e) for e in project.editors),
        container=project.title,
        edition=project.edition if edition is None else edition,
        publisher=project.publisher,
        year=year,
        url=url,
    )


UrlFor = Callable[[str], str]
"""slug -> the public URL of that lemma."""

_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
                   "#": r"\#", "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}"}


_BIBTEX_TABLE = str.maketrans(_BIBTEX_SPECIAL)


def _bib(text: str) -> str:
    return text.translate(_BIBTEX_TABLE)


def _bib_name(name: Name) -> str:
    if name.group:
        return "{" + _bib(name.family) + "}"  # braces: a corporate author, not "Last, First"
    family = f"{name.particle} {name.family}".strip()
    return _bib(f"{family}, {name.given}" if name.given else family)


def bibtex_entry(entry: Entry, citation: Citation, accessed: dt.date) -> str:
    fields = [
        ("author", " and ".join(_bib_name(a) for a in citation.authors)),
        ("title", "{" + _bib(citation.title) + "}"),
        ("booktitle", "{" + _bib(citation.container) + "}"),
        ("editor", " and ".join(_bib_name(e) for e in citation.editors)),
        ("edition", _bib(citation.edition)),
        ("publisher", _bib(citation.publisher)),
        ("year", citation.year_text if citation.year else ""),
        ("date", entry.updated.isoformat() if entry.updated else ""),
        ("url", citation.url),
        ("urldate", accessed.isoformat()),
        ("language", "dutch"),
        ("abstract", _bib(entry.summary)),
        ("keywords", _bib(", ".join(entry.tags))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@incollection{{lexicon-{entry.slug},\n{body}\n}}\n"


def _ris_lines(entry: Entry, citation: Citation, accessed: dt.date) -> list[str]:
    lines = ["TY  - ENCYC"]
    lines += [f"AU  - {a.reference()}" for a in citation.authors]
    lines += [f"TI  - {citation.title}", f"T2  - {citation.container}"]
    lines += [f"A2  - {e.reference()}" for e in citation.editors]
    if citation.edition:
        lines.append(f"ET  - {citation.edition}")
    if citation.publisher:
        lines.append(f"PB  - {citation.publisher}")
    if citation.year:
        lines.append(f"PY  - {citation.year}")
    if entry.updated:
        lines.append(f"DA  - {entry.updated.strftime('%Y/%m/%d')}")
    lines += [f"UR  - {citation.url}", f"Y2  - {accessed.strftime('%Y/%m/%d')}", "LA  - nl",
              f"AB  - {' '.join(entry.summary.split())}"]
    lines += [f"KW  - {tag}" for tag in entry.tags]
    lines.append(f"ID  - lexicon-{entry.slug}")
    lines.append("ER  - ")
    return lines


def _csl_name(name: Name) -> dict[str, str]:
    if name.group:
        return {"literal": name.family}
    data = {"family": name.family, "given": name.given}
    if name.particle:
        data["non-dropping-particle"] = name.particle
    return data


def _date_parts(day: dt.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_item(entry: Entry, citation: Citation, accessed: dt.date) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": f"lexicon-{entry.slug}",
        "type": "entry-encyclopedia",
        "title": citation.title,
        "container-title": citation.container,
        "author": [_csl_name(a) for a in citation.authors],
        "editor": [_csl_name(e) for e in citation.editors],
        "publisher": citation.publisher,
        "URL": citation.url,
        "accessed": _date_parts(accessed),
        "language": "nl",
        "abstract": entry.summary,
    }
    if citation.edition:
        item["edition"] = citation.edition
    if entry.updated:
        item["issued"] = _date_parts(entry.updated)
    elif citation.year:
        item["issued"] = {"date-parts": [[citation.year]]}
    if entry.tags:
        item["keyword"] = ", ".join(entry.tags)
    return item


@dataclass(frozen=True)
class EditionCitation:
    """An archived edition as a citation names it."""

    label: str
    """'editie december 2026'"""
    year: int


def _pairs(entries: Iterable[Entry], project: Project, url_for: UrlFor,
           edition: EditionCitation | None = None) -> Iterable[tuple[Entry, Citation]]:
    for entry in entries:
        if edition is None:
            yield entry, cite(entry, project, url_for(entry.slug))
        else:
            yield entry, cite(entry, project, url_for(entry.slug), edition=edition.label,
                              year=edition.year)


def bibtex(entries: Iterable[Entry], project: Project, accessed: dt.date, url_for: UrlFor,
           edition: EditionCitation | None = None) -> str:
    return "\n".join(bibtex_entry(e, c, accessed)
                     for e, c in _pairs(entries, project, url_for, edition))


def ris(entries: Iterable[Entry], project: Project, accessed: dt.date, url_for: UrlFor,
        edition: EditionCitation | None = None) -> str:
    lines: list[str] = []
    for entry, citation in _pairs(entries, project, url_for, edition):
        lines += _ris_lines(entry, citation, accessed)
        lines.append("")
    return "\r\n".join(lines)  # RIS is specified with CRLF line ends


def csl_json(entries: Iterable[Entry], project: Project, accessed: dt.date,
             url_for: UrlFor, edition: EditionCitation | None = None) -> str:
    items = [csl_item(e, c, accessed) for e, c in _pairs(entries, project, url_for, edition)]
    return json.dumps(items, ensure_ascii=False, indent=1)
