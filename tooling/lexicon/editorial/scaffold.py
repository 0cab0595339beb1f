"""A new lemma file, written from the lemma schema so fields and help texts never drift."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from lexicon.core.schema import load_schema
from lexicon.core.validate import CLOSING_SECTIONS

SECTIONS = (
    ("Betekenis en herkomst", "Waar komt het begrip vandaan, wat betekent het en wat zegt het over"
                              " nabijheid en afstand? Geef deze kop (en eventuele volgende) een"
                              " eigen, beschrijvende naam."),
    *CLOSING_SECTIONS,
)
"""The headings a new lemma starts with: one of the editor's own, then the fixed closing
sections every lemma ends with (CONTRIBUTING.md, "Lengte en opbouw"; LEX510)."""


def _dump(key: str, value: Any) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=100).rstrip()


def scaffold(
    title: str,
    cluster: str,
    *,
    summary: str | None = None,
    authors: list[str] | None = None,
    today: dt.date | None = None,
) -> str:
    """The text of a new lemma with status `concept`, valid against the schema.

    Every field of the schema appears in schema order, preceded by its description as a
    comment; optional fields without a value are left as comments to fill in.
    """
    values: dict[str, Any] = {
        "title": title,
        "cluster": cluster,
        "summary": summary or f"{title} is … (vul hier de definitie aan in één of twee zinnen).",
        "authors": authors or ["Redactie digitale editie"],
        "status": "concept",
        "updated": today or dt.date.today(),
    }
    lines = ["---"]
    for name, spec in load_schema("lemma")["properties"].items():
        lines.append(f"# {spec['title']}: {spec['description']}")
        if name in values:
            lines.append(_dump(name, values[name]))
        else:
            example = spec.get("examples", [None])[0]
            shown = _dump(name, example).splitlines() if example is not None else [f"{name}:"]
            lines.extend(f"# {line}" for line in shown)
    lines.append("---")
    lines.append("")
    lines.append(
        f"<!-- Schrijf hier het lemma '{title}' in eigen woorden (450–900 woorden). Verwijs naar"
        " andere lemma's met [[slug]] of [[slug|tekst]]. Zet 'status' op 'gepubliceerd' als het"
        " lemma klaar is. -->"
    )
    for heading, question in SECTIONS:
        lines += ["", f"## {heading}", "", f"<!-- {question} -->"]
    return "\n".join(lines) + "\n"
