"""Exports of the lexicon for other systems. Each format is one module; this table is the
single list of what exists, used by `lexicon export` and by the site's /data/ files.

Also here: how to cite a lemma (`citation`: APA 7 with Dutch conventions, BibTeX, RIS,
CSL-JSON), the page metadata citation tools read (`metadata`: JSON-LD, Highwire, OpenGraph),
embeddable cards (`embed`) and printable handouts (`handout`).

May import: `lexicon.core`. Never imports search, site, editorial, serve or cli.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from lexicon.core import urls
from lexicon.core.graph import LinkGraph
from lexicon.core.model import Lexicon
from lexicon.core.project import Project
from lexicon.export import citation, csvdata, jsondata


@dataclass(frozen=True)
class Format:
    name: str
    filename: str
    """Where the site publishes it, under /data/."""
    media_type: str
    description: str
    render: Callable[[Lexicon, LinkGraph, Project, dt.date], str]


def _skos() -> ModuleType:
    # rdflib takes a noticeable part of every command's start-up: load it only when needed.
    from lexicon.export import skos

    return skos


def _url_for(project: Project) -> Callable[[str], str]:
    return lambda slug: project.absolute(urls.entry_url(slug))


FORMATS: dict[str, Format] = {
    f.name: f
    for f in [
        Format("skos", "lexicon.ttl", "text/turtle", "SKOS in Turtle (NL-SBB)",
               lambda lx, g, p, d: _skos().turtle(lx, g, p)),
        Format("jsonld", "lexicon.jsonld", "application/ld+json", "SKOS in JSON-LD",
               lambda lx, g, p, d: _skos().jsonld(lx, g, p)),
        Format("json", "lemmas.json", "application/json",
               "alle velden per lemma, met adres, verwijzingen en woordenaantal",
               lambda lx, g, p, d: jsondata.lemmas_json(lx, g, p)),
        Format("csv", "lemmas.csv", "text/csv", "dezelfde gegevens als tabel",
               lambda lx, g, p, d: csvdata.lemmas_csv(lx, g, p)),
        Format("bibtex", "lexicon.bib", "application/x-bibtex", "citaties in BibTeX",
               lambda lx, g, p, d: citation.bibtex(lx, p, d, _url_for(p))),
        Format("ris", "lexicon.ris", "application/x-research-info-systems",
               "citaties in RIS", lambda lx, g, p, d: citation.ris(lx, p, d, _url_for(p))),
        Format("csl", "lexicon.csl.json", "application/vnd.citationstyles.csl+json",
               "citaties in CSL-JSON", lambda lx, g, p, d: citation.csl_json(lx, p, d,
                                                                              _url_for(p))),
    ]
}


def render(name: str, lexicon: Lexicon, project: Project, accessed: dt.date | None = None
           ) -> str:
    """One export of `lexicon` (which may be a selection, see `Lexicon.subset`)."""
    return FORMATS[name].render(lexicon, LinkGraph.build(lexicon), project,
                                accessed or dt.date.today())
