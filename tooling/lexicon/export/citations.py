"""Citations of lemma's for reference managers: BibTeX, RIS and CSL-JSON.

All three describe a lemma as an entry in a reference work with the lexicon as container and
its editors: BibTeX `@incollection` (Zotero: book section), RIS `ENCYC`, CSL-JSON
`entry-encyclopedia`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any

from ..citation import Citation, Name, cite
from ..model import Entry
from ..project import Project

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


def _pairs(entries: Iterable[Entry], project: Project,
           url_for: UrlFor) -> Iterable[tuple[Entry, Citation]]:
    for entry in entries:
        yield entry, cite(entry, project, url_for(entry.slug))


def bibtex(entries: Iterable[Entry], project: Project, accessed: dt.date, url_for: UrlFor) -> str:
    return "\n".join(bibtex_entry(e, c, accessed) for e, c in _pairs(entries, project, url_for))


def ris(entries: Iterable[Entry], project: Project, accessed: dt.date, url_for: UrlFor) -> str:
    lines: list[str] = []
    for entry, citation in _pairs(entries, project, url_for):
        lines += _ris_lines(entry, citation, accessed)
        lines.append("")
    return "\r\n".join(lines)  # RIS is specified with CRLF line ends


def csl_json(entries: Iterable[Entry], project: Project, accessed: dt.date,
             url_for: UrlFor) -> str:
    items = [csl_item(e, c, accessed) for e, c in _pairs(entries, project, url_for)]
    return json.dumps(items, ensure_ascii=False, indent=1)
