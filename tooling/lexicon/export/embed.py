"""Embeddable lemma cards: `/embed/<slug>/`, a small self-contained page for an iframe.

No script, no external file: styles are inline, so the card works in any learning platform
and sends the reader's data nowhere. The empty icon keeps the browser from asking for
/favicon.ico at the host's root, which a site under a sub-path (GitHub Pages) does not have.
"""

from __future__ import annotations

import json
from html import escape

from lexicon.core import urls
from lexicon.core.model import Cluster, Entry
from lexicon.core.project import Project
from lexicon.export.metadata import CARD_SIZE

_STYLE = """
:root { color-scheme: light; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1a1a1a; background: #fff; }
main { padding: 14px 16px; border-top: 6px solid %(colour)s; }
.badge { display: inline-block; margin: 0 0 6px; padding: 1px 10px; border-radius: 12px;
         background: %(colour)s; color: #fff; font-size: 12px; font-weight: 700;
         text-transform: uppercase; letter-spacing: .03em; }
h1 { margin: 0 0 6px; font-size: 20px; }
p { margin: 0 0 10px; }
a { color: #1d5b8f; text-decoration: underline; }
a:focus { outline: 3px solid #b3471b; outline-offset: 2px; }
.source { font-size: 13px; color: #555; }
"""


def embed_html(entry: Entry, cluster: Cluster | None, project: Project,
               page: str | None = None, edition: str = "") -> str:
    """The card; `page` is the site path it links to (an archived edition's page, then
    `edition` names it: 'editie december 2026')."""
    url = project.absolute(page or urls.entry_url(entry.slug))
    source = escape(project.title) + (f", {escape(edition)}" if edition else "")
    colour = cluster.colour if cluster else "#4a4a4a"
    cluster_title = cluster.title if cluster else entry.cluster
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(entry.title)} — {escape(project.title)}</title>
<meta name="description" content="{escape(entry.summary)}">
<link rel="canonical" href="{escape(url)}">
<link rel="icon" href="data:,">
<style>{_STYLE % {"colour": escape(colour)}}</style>
</head>
<body>
<main>
<p class="badge">{escape(cluster_title)}</p>
<h1>{escape(entry.title)}</h1>
<p>{escape(entry.summary)}</p>
<p><a href="{escape(url)}" target="_blank" rel="noopener">Lees het hele lemma
<span class="source">in het {source}</span></a></p>
</main>
</body>
</html>
"""


def embed_code(entry: Entry, project: Project, path: str | None = None) -> str:
    """The `<iframe>` a trainer pastes into a learning platform (`path`: the card's site
    path, by default the current version's)."""
    src = project.absolute(path or urls.embed_url(entry.slug))
    return (f'<iframe src="{escape(src)}" title="{escape(entry.title)} — {escape(project.title)}"'
            ' width="100%" height="240" style="border:1px solid #ccc;border-radius:4px"'
            ' loading="lazy"></iframe>')


OEMBED_SIZE = (560, 240)
"""Width and height of the card in an oEmbed `rich` response (pixels, as the spec asks)."""


def oembed(entry: Entry, project: Project, thumbnail: bool = True) -> dict[str, object]:
    """The oEmbed 1.0 response for a lemma (https://oembed.com/, section 2.3.4): type
    `rich` with the card's `<iframe>` as `html`, and the social card as thumbnail.

    Static: a file per lemma, found through the `<link rel="alternate"
    type="application/json+oembed">` on the lemma page (discovery, section 4). A static file
    cannot follow `maxwidth`/`maxheight`; the card is narrow enough for any platform."""
    width, height = OEMBED_SIZE
    src = project.absolute(urls.embed_url(entry.slug))
    label = f"{entry.title} — {project.title}"
    response: dict[str, object] = {
        "version": "1.0",
        "type": "rich",
        "title": entry.title,
        "provider_name": project.title,
        "provider_url": project.url,
        "cache_age": 86400,
        "html": (f'<iframe src="{escape(src)}" title="{escape(label)}" width="{width}"'
                 f' height="{height}" style="border:1px solid #ccc;border-radius:4px"'
                 ' loading="lazy"></iframe>'),
        "width": width,
        "height": height,
    }
    if entry.authors:
        response["author_name"] = ", ".join(entry.authors)
    if thumbnail:
        response["thumbnail_url"] = project.absolute(urls.social_card(entry.slug))
        response["thumbnail_width"], response["thumbnail_height"] = CARD_SIZE
    return response


def oembed_json(entry: Entry, project: Project, thumbnail: bool = True) -> str:
    return json.dumps(oembed(entry, project, thumbnail), ensure_ascii=False, indent=1)
