"""Everything the site publishes besides its pages, as (site path -> content).

/data/<export files>            every format of `export.FORMATS`, plus the JSON Schema
/data/lemma/<slug>.json         one lemma
/data/cite/<slug>.bib|.ris      one lemma's citation
/embed/<slug>/                  the embeddable card
/leeslijst/<slug>/              printable handouts of the reading lists
/data/redirects.json            old path -> new path, for servers that redirect with 301
old paths                       small redirect pages / copies, for static hosts
"""

from __future__ import annotations

import datetime as dt
import json

from lexicon.core import urls
from lexicon.core.graph import LinkGraph
from lexicon.core.model import Lexicon
from lexicon.core.project import Project
from lexicon.core.schema import load_schema
from lexicon.export import FORMATS
from lexicon.export.citation import bibtex, ris
from lexicon.export.embed import embed_html
from lexicon.export.handout import handout_html
from lexicon.export.jsondata import lemma_record
from lexicon.site.redirects import redirect_html


def published_files(lexicon: Lexicon, graph: LinkGraph, project: Project,
                    today: dt.date | None = None) -> dict[str, str]:
    today = today or dt.date.today()
    files: dict[str, str] = {}
    for fmt in FORMATS.values():
        files[urls.DATA + fmt.filename] = fmt.render(lexicon, graph, project, today)
    files[urls.DATA + "lemmas.schema.json"] = json.dumps(
        load_schema("lemmas-export"), ensure_ascii=False, indent=1)

    def url_for(slug: str) -> str:
        return project.absolute(urls.entry_url(slug))

    redirects: dict[str, str] = {}
    for entry in lexicon:
        # Compact: with an indent, json falls back to its pure-Python encoder (5 000 files).
        record = json.dumps(lemma_record(entry, graph, project), ensure_ascii=False)
        files[urls.lemma_json(entry.slug)] = record
        files[urls.citation_file(entry.slug, "bib")] = bibtex([entry], project, today, url_for)
        files[urls.citation_file(entry.slug, "ris")] = ris([entry], project, today, url_for)
        cluster = lexicon.clusters.get(entry.cluster)
        files[urls.embed_url(entry.slug) + "index.html"] = embed_html(entry, cluster, project)
        for old in entry.redirect_from:
            canonical = project.absolute(urls.entry_url(entry.slug))
            for old_path, new_path in ((urls.entry_url(old), urls.entry_url(entry.slug)),
                                       (urls.embed_url(old), urls.embed_url(entry.slug))):
                redirects[old_path] = new_path
                files[old_path + "index.html"] = redirect_html(f"../{entry.slug}/", canonical,
                                                               entry.title)
            redirects[urls.lemma_json(old)] = urls.lemma_json(entry.slug)
            files[urls.lemma_json(old)] = record  # static hosts: the same data at the old path
    for reading_list in lexicon.reading_lists:
        entries = [lexicon.entries[s] for s in reading_list.lemmas if s in lexicon]
        link = project.absolute(urls.reading_list_url(reading_list.slug))
        files[urls.reading_list_url(reading_list.slug) + "index.html"] = handout_html(
            reading_list.title, reading_list.description, entries, lexicon, project,
            author=reading_list.author, link=link, today=today)
    files[urls.REDIRECTS] = json.dumps(redirects, ensure_ascii=False, indent=1, sort_keys=True)
    return files
