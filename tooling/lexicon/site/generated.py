"""The pages of the site that are not files: their Markdown, produced from the lexicon.

Everything here is renderer-neutral Markdown with front matter (title, description, the
template to use) and links between source files, so MkDocs checks and relativises them, and
a future renderer can take the same text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

from lexicon.core import citations, urls
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
                  links: tuple[WikiLink, ...], literature: tuple[str, ...] = (),
                  src_for: SrcFor = urls.entry_src) -> str:
    """The body with wikilinks as Markdown links and, when `literature` is given, the year
    of each in-text citation linked to its item in the literature list (#lx-lit-N).

    Citations are looked for only in the editor's own text: the wikilinks are first set
    aside as placeholders (their labels and summaries stay untouched), code is skipped."""
    if not literature or "\x00" in body:  # (a NUL would be taken for a placeholder)
        return rewrite(body, links, body_line, wikilink_replacer(lexicon, src, src_for))
    replace = wikilink_replacer(lexicon, src, src_for)
    kept: list[str] = []

    def hold(wikilink: WikiLink) -> str:
        kept.append(replace(wikilink))
        return f"\x00{len(kept) - 1}\x00"

    text = _link_citations(rewrite(body, links, body_line, hold), literature)
    return _HELD.sub(lambda m: kept[int(m.group(1))], text)


_HELD = re.compile("\x00(\\d+)\x00")
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def _link_citations(text: str, literature: tuple[str, ...]) -> str:
    references = [(i, citations.Reference.parse(item)) for i, item in enumerate(literature, 1)]
    code = [m.span() for m in _CODE.finditer(text)]
    links: dict[int, tuple[int, int]] = {}  # year offset -> (length, item number)
    for cited in citations.in_text(text):
        number = next((i for i, ref in references if ref and ref.cited_by(cited)), None)
        if number is None or any(a <= cited.offset < b for a, b in code):
            continue
        segment_end = cited.offset + len(cited.text)
        name_at = text.find(cited.name, cited.offset, segment_end)
        year_at = text.find(cited.year, max(name_at, cited.offset), segment_end)
        if name_at < 0 or year_at < 0 or "\x00" in text[cited.offset:segment_end]:
            continue
        links.setdefault(year_at, (len(cited.year), number))
    pieces: list[str] = []
    cursor = 0
    for at in sorted(links):
        length, number = links[at]
        if at < cursor:
            continue
        pieces += [text[cursor:at], f"[{text[at:at + length]}](#lx-lit-{number})"]
        cursor = at + length
    pieces.append(text[cursor:])
    return "".join(pieces)


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
                               entry.literature, src_for).strip())
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
    """The concept map: a wide drawing (two columns of clusters) for screens from 60em and a
    tall one (one column) for phones, so labels stay legible at both; CSS shows one of them.
    The text version under it is the same graph for screen readers and without JavaScript."""
    src = urls.MAP
    hrefs = {e.slug: urls.relative_url(src, urls.entry_url(e.slug)) for e in lexicon}
    titles = {c.slug: c.title for c in lexicon.clusters.values()}
    wide = conceptmap.svg(conceptmap.layout(lexicon, graph, 960, 2), hrefs, titles, "breed")
    tall = conceptmap.svg(conceptmap.layout(lexicon, graph, 360, 1), hrefs, titles, "smal")
    parts = [
        front_matter(title="Begrippenkaart",
                     description="Hoe de lemma's van het lexicon naar elkaar verwijzen.",
                     hide=["toc"]),
        "Elk punt is een lemma, elk vlak een cluster; een lijn betekent dat twee lemma's naar"
        " elkaar verwijzen. Tik op een punt of ga er met Tab naartoe: je ziet de samenvatting"
        " en de verbindingen. Tik nog eens of druk op Enter om het lemma te openen. De"
        " pijltjestoetsen gaan naar verbonden lemma's; + en − zoomen in en uit.",
        "",
        '<p class="lx-map-skip"><a href="#de-kaart-als-tekst">Sla de kaart over</a></p>',
        "",
        conceptmap.map_view("kaart", wide + "\n" + tall),
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
            # Plain links, without the summary as tooltip: hundreds of tooltips on one page
            # cost the reader's phone more than a second of blocking time.
            if neighbours:
                names = ", ".join(plain_link(src, n) for n in neighbours)
                parts.append(f"- {plain_link(src, entry)} — verbonden met {names}")
            else:
                parts.append(f"- {plain_link(src, entry)} — nog niet verbonden")
        parts.append("")
    return "\n".join(parts)


def plain_link(from_src: str, entry: Entry) -> str:
    """A Markdown link to a lemma without tooltip."""
    return f"[{md_text(entry.title)}]({urls.relative_src(from_src, urls.entry_src(entry.slug))})"


def home_page(lexicon: Lexicon, title: str, description: str) -> str:
    """Used only when `pages/index.md` does not exist."""
    return front_matter(title=title, description=description, template="lexicon/home.html") + \
        description + "\n"


def cluster_css(lexicon: Lexicon) -> str:
    """One class per cluster with its colour (no inline styles: the site's CSP forbids them),
    and a lighter shade of it for the dark scheme that keeps text contrast (≥ 4.5:1)."""
    rules = []
    for c in lexicon.clusters.values():
        rules.append(f".lx-cluster--{c.slug} {{ --lx-colour: {c.colour}; }}\n")
        if _HEX.fullmatch(c.colour):
            rules.append(f'[data-md-color-scheme="slate"] .lx-cluster--{c.slug}'
                         f" {{ --lx-colour: {_on_dark(c.colour)}; }}\n")
    return "".join(rules)


_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_DARK_SURFACE = (0x2E, 0x33, 0x40)  # the lightest dark surface our colours sit on


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """WCAG contrast ratio of two sRGB colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _on_dark(colour: str) -> str:
    """`colour` mixed with white until it reaches 4.5:1 on the dark surface."""
    rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    mixed: tuple[float, ...] = rgb
    for step in range(21):
        mixed = tuple(v + (255 - v) * step / 20 for v in rgb)
        if contrast(mixed, _DARK_SURFACE) >= 4.6:
            break
    return "#" + "".join(f"{round(v):02x}" for v in mixed)


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
