"""CSV of every lemma: one row per lemma, list fields joined with " | "."""

from __future__ import annotations

import csv
import io

from lexicon.core.graph import LinkGraph
from lexicon.core.model import Lexicon
from lexicon.core.project import Project
from lexicon.export.jsondata import lemma_record

COLUMNS = ["slug", "title", "cluster", "summary", "authors", "aliases", "related", "tags",
           "based_on", "literature", "redirect_from", "status", "updated", "url", "links",
           "backlinks", "word_count"]
SEPARATOR = " | "


def lemmas_csv(lexicon: Lexicon, graph: LinkGraph, project: Project) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in lexicon:
        record = lemma_record(entry, graph, project)
        writer.writerow({
            key: SEPARATOR.join(value) if isinstance(value, list) else
            "" if value is None else value
            for key, value in record.items() if key in COLUMNS
        })
    return out.getvalue()
