"""The pages of the site that are not files: their Markdown, produced from the lexicon.

Everything here is renderer-neutral Markdown with front matter (title, description, the
template to use) and links between source files, so MkDocs checks and relativises them, and
a future renderer can take the same text.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from lexicon.core import urls
from lexicon.core.graph import LinkGraph
from lexicon.core.model import Cluster, Entry, Lexicon, WikiLink, sort_key
from lexicon.core.slugs import fold
from lexicon.core.wikilinks import link_text, rewrite
from lexicon.export import FORMATS
from lexicon.site import conceptmap


def front_matter(**fields: object) -> str:
    """Front matter with each value written as JSON, which YAML reads as the same value
    (a JSON string is a YAML double-quoted string); much faster than a YAML emitter for
    thousands of pages.

    `title` and `description` are HTML-escaped here: MkDocs hands them to the theme as
    HTML, and Material prints them unescaped (navigation, `<title>`, `<meta
    name="description">`, its search index)."""
    lines = [f"{key}: {json.dumps(_front_value(key, value), ensure_ascii=False)}\n"
             for key, value in fields.items() if value not in (None, "")]
    return "---\n" + "".join(lines) + "---\n\n"


_HTML_FIELDS = frozenset({"title", "description"})


def _front_value(key: str, value: object) -> object:
    return html.escape(value) if key in _HTML_FIELDS and isinstance(value, str) else value


def html_title(text: str) -> str:
    """A title as MkDocs and Material expect it: HTML (nav entries, page titles)."""
    return html.escape(text)


def md_text(text: str) -> str:
    """Lemma data as literal text inside generated Markdown: HTML-escaped (Markdown passes
    HTML through) and with Markdown's own punctuation escaped."""
    return _escape_text(html.escape(text, quote=False))


def _title_attr(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', "&quot;")


SrcFor = Callable[[str], str]
"""slug -> the source file of the lemma page a link goes to (another edition: another page)."""


def link(from_src: str, entry: Entry, label: str | None = None, anchor: str | None = None,
         src_for: SrcFor = urls.entry_src) -> str:
    """A Markdown link to a lemma that shows its summary as tooltip (title attribute)."""
    href = urls.relative_src(from_src, src_for(entry.slug))
    if anchor:
        href += f"#{anchor}"
    text = label if label is not None else md_text(entry.title)
    return f'[{text}]({href} "{_title_attr(entry.summary)}"){{: .lx-wikilink }}'


def wikilink_replacer(lexicon: Lexicon, from_src: str,
                      src_for: SrcFor = urls.entry_src) -> Callable[[WikiLink], str]:
    """How each `[[…]]` becomes a Markdown link on the page of `from_src`."""

    def replace(wikilink: WikiLink) -> str:
        entry = lexicon.get(wikilink.target)
        if entry is None:  # e.g. a concept lemma left out of a production build
            return wikilink.label or md_text(wikilink.target)
        # A label is the editor's own Markdown from the body; a title is data.
        label = wikilink.label or md_text(link_text(entry.title, wikilink.sentence_start))
        return link(from_src, entry, label, wikilink.anchor, src_for)

    return replace


def markdown_body(lexicon: Lexicon, src: str, body: str, body_line: int,
                  links: tuple[WikiLink, ...], src_for: SrcFor = urls.entry_src) -> str:
    return rewrite(body, links, body_line, wikilink_replacer(lexicon, src, src_for))


def _escape_text(text: str) -> str:
    """Plain text that Markdown must not interpret (summaries and aliases are plain)."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]<>()#+-.!|" else c for c in text)


def questions_html(questions: tuple[str, ...]) -> str:
    """"Dit lemma beantwoordt": the lemma's kernvragen as an HTML block (escaped here, since
    Markdown passes HTML blocks through unchanged)."""
    items = "".join(f"<li>{html.escape(q)}</li>" for q in questions)
    return (f'<div class="lx-questions"><p class="lx-questions__title">Dit lemma beantwoordt'
            f"</p><ul>{items}</ul></div>\n")


def entry_page(lexicon: Lexicon, entry: Entry, *, src: str | None = None,
               src_for: SrcFor = urls.entry_src, title_suffix: str = "",
               notice_html: str = "") -> str:
    """The lemma's Markdown: lead (summary) and aliases first, so that a static host's
    built-in search finds them too, then the body.

    An archived edition passes its own `src`, where its links go (`src_for`), a suffix for
    the page title and the notice above the text (HTML the caller has escaped)."""
    src = src or urls.entry_src(entry.slug)
    parts = [front_matter(title=entry.title + title_suffix, description=entry.summary,
                          template="lexicon/entry.html",
                          search={"exclude": True} if notice_html else {"boost": 2})]
    if notice_html:
        parts.append(notice_html + "\n")
    parts.append(f"{md_text(entry.summary)}\n{{: .lx-lead }}\n")
    if entry.aliases:
        names = ", ".join(md_text(a) for a in entry.aliases)
        parts.append(f"**Ook:** {names}\n{{: .lx-aliases }}\n")
    if entry.kernvragen:
        parts.append(questions_html(entry.kernvragen))
    parts.append(markdown_body(lexicon, src, entry.body, entry.body_line, entry.links,
                               src_for).strip())
    return "\n".join(parts) + "\n"


def cluster_page(lexicon: Lexicon, cluster: Cluster) -> str:
    src = urls.cluster_src(cluster.slug)
    parts = [
        front_matter(title=cluster.title, description=cluster.summary,
                     template="lexicon/cluster.html", lexicon_cluster=cluster.slug),
        markdown_body(lexicon, src, cluster.body, cluster.body_line, cluster.info.links).strip(),
        "",
        f"## Lemma's in dit cluster ({len(lexicon.in_cluster(cluster.slug))})",
        "",
    ]
    for entry in lexicon.in_cluster(cluster.slug):
        parts.append(f"- **{link(src, entry)}** — {md_text(entry.summary)}")
    return "\n".join(parts) + "\n"


def register_page(lexicon: Lexicon) -> str:
    """A–Z of titles and aliases; an alias points to the lemma it belongs to."""
    src = urls.REGISTER
    items: list[tuple[str, str]] = []
    for entry in lexicon:
        items.append((entry.title, f"- {link(src, entry)}"))
        for alias in entry.aliases:
            items.append((alias, f"- {md_text(alias)} → *zie* {link(src, entry)}"))
    items.sort(key=lambda item: (sort_key(item[0]), item[0]))
    groups: dict[str, list[str]] = {}
    for name, line in items:
        first = fold(name)[:1].upper()
        letter = first if first.isalpha() else "#"
        groups.setdefault(letter, []).append(line)
    parts = [
        front_matter(title="Register A–Z",
                     description="Alle lemma's en hun andere namen op alfabetische volgorde."),
        f"Alle {len(lexicon)} lemma's op alfabet, met hun andere namen en Engelse termen"
        " (cursief *zie*).",
        "",
        '<nav class="lx-letters" aria-label="Letters">'
        + " ".join(f'<a href="#{letter.lower() if letter != "#" else "overig"}">{letter}</a>'
                   for letter in groups)
        + "</nav>",
        "",
    ]
    for letter, lines in groups.items():
        anchor = letter.lower() if letter != "#" else "overig"
        parts += [f"## {letter} {{: #{anchor} }}", "", *lines, ""]
    return "\n".join(parts)


def map_page(lexicon: Lexicon, graph: LinkGraph) -> str:
    src = urls.MAP
    cmap = conceptmap.layout(lexicon, graph)
    hrefs = {e.slug: urls.relative_url(src, urls.entry_url(e.slug)) for e in lexicon}
    titles = {c.slug: c.title for c in lexicon.clusters.values()}
    legend = " ".join(
        f'<span class="lx-legend__item"><span class="lx-legend__dot lx-cluster--{c.slug}">'
        f"</span>{html.escape(c.title)}</span>"
        for c in lexicon.clusters.values()
    )
    parts = [
        front_matter(title="Begrippenkaart",
                     description="Hoe de lemma's van het lexicon naar elkaar verwijzen."),
        "Elk punt is een lemma, gekleurd naar cluster; een lijn betekent dat twee lemma's naar"
        " elkaar verwijzen. Klik op een punt of ga er met Tab naartoe en druk op Enter om het"
        " lemma te openen. [Sla de kaart over](#de-kaart-als-tekst).",
        "",
        f'<p class="lx-legend">{legend}</p>',
        "",
        f'<div class="lx-map-wrap">\n{conceptmap.svg(cmap, hrefs, titles)}\n</div>',
        "",
        "## De kaart als tekst",
        "",
    ]
    for cluster in lexicon.clusters.values():
        members = lexicon.in_cluster(cluster.slug)
        if not members:
            continue
        parts += [f"### {md_text(cluster.title)}", ""]
        for entry in members:
            neighbours = sorted(
                (lexicon.entries[s] for s in graph.neighbours(entry.slug)),
                key=lambda e: sort_key(e.title),
            )
            if neighbours:
                names = ", ".join(link(src, n) for n in neighbours)
                parts.append(f"- {link(src, entry)} — verbonden met {names}")
            else:
                parts.append(f"- {link(src, entry)} — nog niet verbonden")
        parts.append("")
    return "\n".join(parts)


def home_page(lexicon: Lexicon, title: str, description: str) -> str:
    """Used only when `pages/index.md` does not exist."""
    return front_matter(title=title, description=description, template="lexicon/home.html") + \
        description + "\n"


def cluster_css(lexicon: Lexicon) -> str:
    """One class per cluster with its colour (no inline styles: the site's CSP forbids them)."""
    return "".join(
        f".lx-cluster--{c.slug} {{ --lx-colour: {c.colour}; }}\n"
        for c in lexicon.clusters.values()
    )


def search_page() -> str:
    """The search page; its form works with the search API or Material's built-in search."""
    return front_matter(title="Zoeken", description="Zoek in alle lemma's van het lexicon.",
                        template="lexicon/search.html", search={"exclude": True}) + \
        "Zoek op een begrip, een andere naam of een Engelse term.\n"


def reading_lists_page(lexicon: Lexicon) -> str:
    """The list of course reading lists, each a link to its printable handout."""
    parts = [
        front_matter(title="Leeslijsten",
                     description="Leeslijsten voor cursussen, klaar om te printen."),
        "Leeslijsten die docenten samenstelden. Elke lijst is een printbare hand-out met per"
        " lemma de samenvatting, de opbouw en hoe je het citeert.",
        "",
    ]
    for reading_list in lexicon.reading_lists:
        # A link to the generated file itself, so MkDocs checks that it exists.
        href = urls.relative_src(urls.READING_LISTS,
                                 urls.reading_list_url(reading_list.slug) + "index.html")
        titles = ", ".join(md_text(lexicon.entries[s].title) for s in reading_list.lemmas)
        parts.append(f"- [{md_text(reading_list.title)}]({href}) — {titles}")
    return "\n".join(parts) + "\n"


def data_page(lexicon: Lexicon) -> str:
    """Open data: every export the site publishes under /data/, made from `export.FORMATS`."""
    src = urls.DATA_PAGE
    parts = [
        front_matter(title="Open data",
                     description="Het lexicon als open data: SKOS, JSON, CSV en citaties."),
        f"Alle {len(lexicon)} lemma's zijn ook te downloaden, om te hergebruiken in andere"
        " vocabulaires, leeromgevingen en literatuurbeheerders. De bestanden worden bij elke"
        " publicatie opnieuw gemaakt en staan altijd op hetzelfde adres.",
        "",
        "| Bestand | Wat |",
        "|---|---|",
    ]
    for fmt in FORMATS.values():
        href = urls.relative_src(src, urls.DATA + fmt.filename)
        parts.append(f"| [{fmt.filename}]({href}) | {fmt.description} |")
    schema_href = urls.relative_src(src, urls.DATA + "lemmas.schema.json")
    parts += [
        "",
        "## Per lemma",
        "",
        f"- `{urls.lemma_json('<slug>')}`: de gegevens van één lemma, beschreven door het"
        f" [JSON-schema]({schema_href});",
        f"- `{urls.citation_file('<slug>', 'bib')}` en `.ris`: de verwijzing voor Zotero,"
        " EndNote of Mendeley;",
        f"- `/{urls.embed_url('<slug>')}`: een lemmakaart om in een leeromgeving in te"
        " sluiten (de code staat onder elk lemma).",
        "",
        "De SKOS-export volgt het NL-SBB-profiel (Geonovum): per begrip een voorkeursterm,"
        " andere termen, een definitie en de bron. Hernoemde lemma's blijven op hun oude"
        " adres bereikbaar.",
    ]
    return "\n".join(parts) + "\n"
