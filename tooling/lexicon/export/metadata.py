"""Machine-readable descriptions of a lemma page: schema.org JSON-LD, Highwire, OpenGraph.

Zotero's "Embedded Metadata" reads the Highwire `citation_*` tags; `citation_book_title` makes
it file a lemma as a book section instead of guessing a journal article.
"""

from __future__ import annotations

import json
from typing import Any

from lexicon.core.model import Entry
from lexicon.core.project import Project
from lexicon.export.citation import Citation, parse_name


def defined_term(entry: Entry, project: Project, url: str) -> dict[str, Any]:
    """schema.org `DefinedTerm` for one lemma, in its `DefinedTermSet` (the lexicon)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url,
        "url": url,
        "name": entry.title,
        "termCode": entry.slug,
        "description": entry.summary,
        "inLanguage": "nl",
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "@id": project.url,
            "name": project.title,
            "url": project.url,
        },
    }
    if entry.aliases:
        data["alternateName"] = list(entry.aliases)
    if entry.updated:
        data["dateModified"] = entry.updated.isoformat()
    if entry.authors:
        data["author"] = [{"@type": "Person" if not _group(a) else "Organization", "name": a}
                          for a in entry.authors]
    return data


def _group(name: str) -> bool:
    return parse_name(name).group


def script_json(data: dict[str, Any]) -> str:
    """JSON safe to put inside `<script type="application/ld+json">`: no `<`, `>` or `&`
    at all (as \\u escapes, which every JSON reader decodes), so no text in it can end the
    script or start an HTML comment, and no line separators that old parsers choke on."""
    text = json.dumps(data, ensure_ascii=False)  # compact: the C encoder, once per page
    return text.translate(_SCRIPT_SAFE)


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def highwire(entry: Entry, citation: Citation) -> list[tuple[str, str]]:
    """(name, content) pairs for `<meta name=… content=…>`, in the order Zotero expects."""
    tags = [("citation_title", entry.title)]
    tags += [("citation_author", a.highwire()) for a in citation.authors]
    tags += [("citation_editor", e.highwire()) for e in citation.editors]
    tags.append(("citation_book_title", citation.container))
    if entry.updated:
        tags.append(("citation_publication_date", entry.updated.strftime("%Y/%m/%d")))
    elif citation.year:
        tags.append(("citation_publication_date", str(citation.year)))
    if citation.publisher:
        tags.append(("citation_publisher", citation.publisher))
    tags += [("citation_language", "nl"), ("citation_public_url", citation.url),
             ("citation_fulltext_html_url", citation.url)]
    tags += [("citation_keywords", tag) for tag in entry.tags]
    return tags


def opengraph(entry: Entry, project: Project, url: str,
              image: str = "") -> list[tuple[str, str]]:
    """What Facebook, LinkedIn, Slack, Teams, WhatsApp and Discord read (og:title,
    og:description, og:image with its size and alt text); X reads the same og:* tags when
    `twitter:card` is set, and accepts it as a `property` too."""
    tags = [
        ("og:type", "article"),
        ("og:title", entry.title),
        ("og:description", entry.summary),
        ("og:url", url),
        ("og:site_name", project.title),
        ("og:locale", "nl_NL"),
    ]
    if image:
        tags += [
            ("og:image", image),
            ("og:image:type", "image/png"),
            ("og:image:width", str(CARD_SIZE[0])),
            ("og:image:height", str(CARD_SIZE[1])),
            ("og:image:alt", f"{entry.title}: {entry.summary}"),
            ("twitter:card", "summary_large_image"),
        ]
    return tags


CARD_SIZE = (1200, 630)
"""The social card: the 1.91:1 size that Open Graph consumers show large."""
