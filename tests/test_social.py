"""Shared links look like the lexicon: the social card (og:image), the Open Graph tags the
major consumers read, and oEmbed 1.0 (discovery plus a static JSON response per lemma).

oEmbed 1.0 (https://oembed.com/): section 2.3.4 lists the response parameters (`type` and
`version` required; `thumbnail_url`, `thumbnail_width` and `thumbnail_height` all or none;
type `rich` requires `html`, `width` and `height`, width and height in pixels), section 4 the
discovery `<link rel="alternate" type="application/json+oembed" href=… title=…>`.

Open Graph (https://ogp.me/): every page needs og:title, og:type, og:image and og:url; the
image as an absolute URL with og:image:width/height (Facebook renders the large card on first
share only with the size), og:image:alt. LinkedIn, Slack, Teams, WhatsApp and Discord read the
same tags; X reads them when twitter:card is present.
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from conftest import CLUSTERS, install_site_config, lemma, site_files, write_files
from lexicon.core.project import Project
from lexicon.export import card
from lexicon.site.build import build_site

URL = "http://127.0.0.1:8000/"
HOSTILE = 'Titel "met" <b>tags</b> & \u202eomgekeerd\u202c'


class Head(HTMLParser):
    """What an unfurler sees: a plain HTML parser, no script (so <noscript> is markup)."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and "property" in values:
            self.meta.setdefault(values["property"], values.get("content", ""))
        if tag == "link":
            self.links.append(values)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    files = {**CLUSTERS, **site_files()}
    text = lemma("Gevaarlijk", "Zie [[wederkerigheid]].\n")
    files["lemmas/gevaarlijk.md"] = re.sub(
        r"(?m)^summary: .*$", "summary: 'Gevaarlijk & \"quote\" a < b is een begrip dat in deze"
        " test als voorbeeld dient.'", text, count=1)
    root = write_files(tmp_path_factory.mktemp("social"), files)
    install_site_config(root)
    build_site(root)
    return root


def head(site: Path, slug: str) -> Head:
    parser = Head()
    parser.feed((site / f"site/lemma/{slug}/index.html").read_text(encoding="utf-8"))
    return parser


def oembed_link(parsed: Head) -> dict[str, str]:
    found = [link for link in parsed.links if "alternate" in link.get("rel", "").split()
             and link.get("type") == "application/json+oembed"]
    assert len(found) == 1
    return found[0]


def test_open_graph_tags_consumers_read(site):
    meta = head(site, "wederkerigheid").meta
    for required in ("og:title", "og:type", "og:image", "og:url", "og:description",
                     "og:site_name", "og:image:width", "og:image:height", "og:image:alt",
                     "twitter:card"):
        assert meta.get(required), required
    assert meta["og:url"] == f"{URL}lemma/wederkerigheid/"
    assert meta["og:image"] == f"{URL}assets/lexicon/kaarten/wederkerigheid.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:type"] == "image/png"
    assert meta["twitter:card"] == "summary_large_image"


def test_card_image_is_a_png_of_the_announced_size(site):
    meta = head(site, "wederkerigheid").meta
    path = site / "site" / meta["og:image"][len(URL):]
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (int(meta["og:image:width"]), int(meta["og:image:height"]))
        # The cluster colour (#8a2846) is on the card: the band on the left.
        assert image.convert("RGB").getpixel((10, 300)) == (0x8A, 0x28, 0x46)
    # Under 1 MB: the limit below which every consumer shows an image without resizing it.
    assert path.stat().st_size < 1_000_000


def test_oembed_discovery_and_response_follow_the_spec(site):
    link = oembed_link(head(site, "wederkerigheid"))
    assert link["href"] == f"{URL}data/oembed/wederkerigheid.json"
    assert link["title"] == "Wederkerigheid"
    data = json.loads((site / "site/data/oembed/wederkerigheid.json").read_text("utf-8"))
    assert data["version"] == "1.0"
    assert data["type"] in {"photo", "video", "link", "rich"}
    assert data["type"] == "rich"
    for name in ("html", "width", "height"):
        assert name in data
    assert isinstance(data["width"], int) and isinstance(data["height"], int)
    thumbnail = {"thumbnail_url", "thumbnail_width", "thumbnail_height"}
    assert thumbnail <= data.keys()
    assert data["thumbnail_url"] == f"{URL}assets/lexicon/kaarten/wederkerigheid.png"
    assert (site / "site/assets/lexicon/kaarten/wederkerigheid.png").is_file()
    assert data["provider_url"] == URL and data["provider_name"]
    allowed = {"type", "version", "title", "author_name", "author_url", "provider_name",
               "provider_url", "cache_age", "html", "width", "height", *thumbnail}
    assert set(data) <= allowed, set(data) - allowed
    assert data["html"].startswith(f'<iframe src="{URL}embed/wederkerigheid/"')
    assert (site / "site/embed/wederkerigheid/index.html").is_file()


def test_discovery_is_hidden_from_materials_script(site):
    """Material fetches sitemap.xml next to every link[rel=alternate] a browser sees; the
    discovery link sits in <noscript>, which a scripting browser keeps as text."""
    page = (site / "site/lemma/wederkerigheid/index.html").read_text(encoding="utf-8")
    assert '<noscript><link rel="alternate" type="application/json+oembed"' in page


def test_hostile_lemma_data_is_escaped_in_tags_and_json(site):
    parsed = head(site, "gevaarlijk")
    summary = 'Gevaarlijk & "quote" a < b is een begrip dat in deze test als voorbeeld dient.'
    assert parsed.meta["og:description"] == summary
    assert parsed.meta["og:image:alt"] == f"Gevaarlijk: {summary}"
    page = (site / "site/lemma/gevaarlijk/index.html").read_text(encoding="utf-8")
    assert "a < b" not in page  # escaped wherever it is written
    data = json.loads((site / "site/data/oembed/gevaarlijk.json").read_text("utf-8"))
    assert data["title"] == "Gevaarlijk"


def test_oembed_html_escapes_the_title():
    from lexicon.core.model import Entry
    from lexicon.export.embed import oembed

    entry = Entry("x", "lemmas/x.md", HOSTILE, "c", "s", ("A <b>",), "", 1)
    data = oembed(entry, Project(url=URL))
    assert "<b>" not in data["html"]  # type: ignore[operator]
    assert "&lt;b&gt;tags&lt;/b&gt;" in data["html"]  # type: ignore[operator]
    assert "&quot;met&quot;" in data["html"]  # type: ignore[operator]
    assert data["title"] == HOSTILE  # JSON carries the text itself; json.dumps escapes it


def test_card_text_drops_control_and_bidi_characters():
    assert card._clean("Ti\u202etel\u0000 met\n regel\u200b") == "Titel met regel"


def test_card_font_fallback_without_dejavu(monkeypatch):
    monkeypatch.setattr(card, "FONT_DIRS", ())
    card._font.cache_clear()
    try:
        image = card.draw_card("Wederkerigheid", "Een samenvatting.", "Cluster", "#8a2846", "L")
        assert image.size == (1200, 630)
        assert card.font_source() == "pillow-default"
    finally:
        card._font.cache_clear()


def test_long_words_and_text_are_cut_to_the_card():
    image = card.draw_card("W" * 200, "lang " * 400, "C" * 100, "not-a-colour", "S")
    out = io.BytesIO()
    image.save(out, format="PNG")
    assert image.size == (1200, 630)
