"""JSON of every lemma: all front-matter fields plus URL, backlinks and word count.

Described by `schemas/lemmas-export.schema.json`, published with the site at
`/data/lemmas.json`.
"""

from __future__ import annotations

import json
from typing import Any

from lexicon.core import urls
from lexicon.core.graph import LinkGraph
from lexicon.core.model import Entry, Lexicon
from lexicon.core.project import Project

FORMAT_VERSION = 1


def lemma_record(entry: Entry, graph: LinkGraph, project: Project) -> dict[str, Any]:
    return {
        "slug": entry.slug,
        "title": entry.title,
        "cluster": entry.cluster,
        "summary": entry.summary,
        "authors": list(entry.authors),
        "aliases": list(entry.aliases),
        "kernvragen": list(entry.kernvragen),
        "related": list(graph.related.get(entry.slug, ())),
        "tags": list(entry.tags),
        "based_on": list(entry.based_on),
        "literature": list(entry.literature),
        "redirect_from": list(entry.redirect_from),
        "status": entry.status,
        "updated": entry.updated.isoformat() if entry.updated else None,
        "url": project.absolute(urls.entry_url(entry.slug)),
        "links": list(graph.outgoing.get(entry.slug, ())),
        "backlinks": sorted({b.source for b in graph.backlinks.get(entry.slug, ())}),
        "word_count": entry.word_count,
    }


def lemmas_json(lexicon: Lexicon, graph: LinkGraph, project: Project) -> str:
    data = {
        "format": FORMAT_VERSION,
        "lexicon": {"title": project.title, "url": project.url,
                    "editors": list(project.editors), "publisher": project.publisher},
        "clusters": [{"slug": c.slug, "title": c.title, "summary": c.summary,
                      "colour": c.colour, "order": c.order}
                     for c in lexicon.clusters.values()],
        "lemmas": [lemma_record(e, graph, project) for e in lexicon],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
