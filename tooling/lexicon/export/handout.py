"""Printable handouts for reading lists: one self-contained HTML page, ready to print or
save as PDF, with for each lemma its summary, its outline (the first lines of each section)
and how to cite it."""

from __future__ import annotations

import datetime as dt
from html import escape

from lexicon.core import urls
from lexicon.core.body import sections
from lexicon.core.inline import render_inline
from lexicon.core.model import Entry, Lexicon
from lexicon.core.project import Project
from lexicon.export.citation import cite, dutch_date

_STYLE = """
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem; color: #1a1a1a;
       font: 11pt/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 20pt; margin: 0 0 .3rem; }
.intro { color: #444; }
article { border-top: 2px solid #1f3a5f; margin-top: 1.4rem; padding-top: .6rem;
          break-inside: avoid-page; }
h2 { font-size: 14pt; margin: 0 0 .2rem; }
h3 { font-size: 11pt; margin: .6rem 0 0; }
.lead { font-weight: 600; }
.outline p { margin: .1rem 0 .4rem; }
.cite { font-size: 9pt; color: #333; border-left: 3px solid #ccc; padding-left: .6rem; }
a { color: #1d5b8f; }
footer { margin-top: 2rem; font-size: 9pt; color: #555; }
nav a { display: inline-block; padding: .25rem 0; }
@media print { body { padding: 0; } a { color: #000; text-decoration: none; } }
"""


def _words(text: str, limit: int = 60) -> str:
    words = text.split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def _article(entry: Entry, lexicon: Lexicon, project: Project, today: dt.date) -> str:
    titles = {slug: e.title for slug, e in lexicon.entries.items()}
    url = project.absolute(urls.entry_url(entry.slug))
    outline = "".join(
        f"<h3>{escape(heading)}</h3><p>{escape(_words(text))}</p>"
        for heading, text in sections(entry.body, titles)
    )
    citation = render_inline(cite(entry, project, url).apa(today))
    return (f'<article id="{entry.slug}"><h2>{escape(entry.title)}</h2>'
            f'<p class="lead">{escape(entry.summary)}</p>'
            f'<div class="outline">{outline}</div>'
            f'<p class="cite">{citation}</p></article>')


def handout_html(title: str, description: str, entries: list[Entry], lexicon: Lexicon,
                 project: Project, *, author: str = "", link: str = "",
                 today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    articles = "\n".join(_article(e, lexicon, project, today) for e in entries)
    contents = "".join(f'<li><a href="#{e.slug}">{escape(e.title)}</a></li>' for e in entries)
    byline = f"Samengesteld door {escape(author)}. " if author else ""
    stable = f' Deze leeslijst staat op <a href="{escape(link)}">{escape(link)}</a>.' \
        if link else ""
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)} — leeslijst</title>
<meta name="description" content="{escape(description)}">
<link rel="icon" href="data:,">
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>{escape(title)}</h1>
<p class="intro">{escape(description)}</p>
<p class="intro">{byline}{len(entries)} {'lemma' if len(entries) == 1 else "lemma's"} uit het
{escape(project.title)}, stand van {dutch_date(today)}.{stable}</p>
<nav aria-label="Inhoud"><ol>{contents}</ol></nav>
{articles}
</main>
<footer>{escape(project.title)} ({escape(project.edition)}) — {escape(project.url)}</footer>
</body>
</html>
"""
