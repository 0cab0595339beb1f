"""The built site: pages, links, metadata, redirects, privacy — from a real build."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lexicon.site.build import BuildError, build_site


def page(root: Path, path: str) -> str:
    return (root / "site" / path / "index.html").read_text(encoding="utf-8")


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_site_is_an_atomic_symlink_to_a_complete_build(built_site):
    site = built_site / "site"
    assert site.is_symlink()
    assert (site / "index.html").is_file()
    assert (site / "404.html").is_file()


def test_a_build_keeps_its_local_maps_and_skips_materials_search_index(built_site):
    # The placements of the local maps are kept for the next build (beside the social
    # cards); Material's own search index stays empty: the browser index replaces it, so
    # its plugin does not parse the pages for it.
    import json

    kept = json.loads((built_site / ".lexicon-cache" / "local-maps.json").read_text("utf-8"))
    assert kept["places"]
    material = json.loads((built_site / "site" / "search" / "search_index.json").read_text(
        "utf-8"))
    assert material["docs"] == [] and material["config"]["lang"]


def test_every_page_kind_exists(built_site):
    for path in ["", "inleiding", "lemma/wederkerigheid", "cluster/sociale-nabijheid",
                 "register", "kaart", "zoeken"]:
        assert "<h1" in page(built_site, path), path


class LinkTexts(HTMLParser):
    """The visible text of every link (aria-label where it has one)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            label = dict(attrs).get("aria-label")
            self._open.append([label] if label else [])

    def handle_data(self, data):
        if self._open and (not self._open[-1] or self._open[-1][0] is not None):
            self._open[-1].append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            self.texts.append(" ".join("".join(self._open.pop()).split()))


# Lighthouse's SEO audit link-text flags these (its list, in English and Dutch readings).
GENERIC_LINK_TEXTS = {"start", "hier", "klik hier", "meer", "lees meer", "meer info", "link",
                      "deze link", "ga", "click here", "here", "more", "read more"}


def test_no_link_is_named_by_a_generic_text(built_site):
    for path in ["", "lemma/wederkerigheid", "cluster/sociale-nabijheid", "register",
                 "kaart", "zoeken", "leeslijsten"]:
        parser = LinkTexts()
        parser.feed(page(built_site, path))
        assert parser.texts, path
        assert [t for t in parser.texts if t.casefold() in GENERIC_LINK_TEXTS] == [], path


def test_concept_lemmas_are_not_published(built_site):
    assert not (built_site / "site" / "lemma" / "concept-lemma").exists()


def test_lemma_page_shows_everything(built_site):
    html = page(built_site, "lemma/wederkerigheid")
    assert "<h1>Wederkerigheid</h1>" in html
    assert 'class="lx-lead"' in html
    assert "reciprociteit, reciprocity" in html
    assert 'href="../../cluster/sociale-nabijheid/">Sociale nabijheid</a>' in html
    assert '<h2 id="lx-zie-ook">Zie ook</h2>' in html
    assert '<h2 id="lx-verwijzingen">Verwijzingen naar dit lemma</h2>' in html
    assert "<strong>gebrek aan wederkerigheid</strong>" in html  # the sentence that links here
    assert '<h2 id="lx-literatuur">Literatuur</h2>' in html
    assert "Geraadpleegd op" in html and "(Red.)" in html


def test_wikilinks_are_links_with_summary_as_tooltip(built_site):
    html = page(built_site, "lemma/wederkerigheid")
    assert ('<a class="lx-wikilink" href="../vertrouwen/" title="Vertrouwen is een begrip dat'
            ' in deze test als voorbeeld dient.">het vertrouwen</a>') in html
    assert 'href="../sociale-teams/#in-de-wijk"' in html
    target = page(built_site, "lemma/sociale-teams")
    assert 'id="in-de-wijk"' in target


def test_wikilinks_in_editor_pages_are_rewritten(built_site):
    assert 'href="../lemma/vertrouwen/"' in page(built_site, "inleiding")
    assert 'href="lemma/wederkerigheid/"' in page(built_site, "")


def test_head_has_defined_term_jsonld(built_site):
    html = page(built_site, "lemma/wederkerigheid")
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "DefinedTerm"
    assert data["name"] == "Wederkerigheid"
    assert data["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert data["inDefinedTermSet"]["name"] == "Lexicon nabijheid en sociaal werk"
    assert data["alternateName"] == ["reciprociteit", "reciprocity"]
    assert data["url"].endswith("/lemma/wederkerigheid/")


def test_head_has_citation_opengraph_and_canonical(built_site):
    meta = {(a.get("name") or a.get("property")): a.get("content")
            for t, a in tags(page(built_site, "lemma/wederkerigheid")) if t == "meta"}
    assert meta["citation_title"] == "Wederkerigheid"
    assert meta["citation_author"] == "Redactie"
    assert meta["citation_book_title"] == "Lexicon nabijheid en sociaal werk"
    assert meta["citation_publication_date"] == "2026/11/01"
    assert meta["og:title"] == "Wederkerigheid"
    assert meta["og:description"].startswith("Wederkerigheid is")
    links = [a for t, a in tags(page(built_site, "lemma/wederkerigheid")) if t == "link"]
    assert {"rel": "canonical", "href": "http://127.0.0.1:8000/lemma/wederkerigheid/"} in links


def test_redirect_for_old_slug(built_site):
    html = page(built_site, "lemma/wederkerig")
    assert '<meta http-equiv="refresh" content="0; url=../wederkerigheid/">' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/lemma/wederkerigheid/">' in html


def test_register_has_titles_and_aliases(built_site):
    html = page(built_site, "register")
    assert "loneliness → <em>zie</em>" in html
    assert html.index(">Eenzaamheid<") < html.index(">Sociale teams<") < html.index(
        ">Vertrouwen<")


def test_cluster_page_lists_its_lemmas(built_site):
    html = page(built_site, "cluster/geografische-nabijheid")
    assert "Lemma's in dit cluster (1)" in html
    assert ">Sociale teams</a></strong> — Sociale teams is een begrip" in html


def test_concept_map_is_svg_with_a_link_per_lemma_and_a_text_alternative(built_site):
    html = page(built_site, "kaart")
    # Two drawings (wide and phone), each with a link per lemma.
    assert html.count('<a class="lx-map__node ') == 8
    assert 'aria-label="Wederkerigheid (Sociale nabijheid)"' in html
    assert 'id="de-kaart-als-tekst"' in html


def test_lemma_data_export(built_site):
    data = json.loads((built_site / "site" / "data" / "lemmas.json").read_text("utf-8"))
    slugs = [lemma["slug"] for lemma in data["lemmas"]]
    assert slugs == ["eenzaamheid", "sociale-teams", "vertrouwen", "wederkerigheid"]
    vertrouwen = data["lemmas"][2]
    assert vertrouwen["backlinks"] == ["sociale-teams", "wederkerigheid"]
    assert vertrouwen["url"] == "http://127.0.0.1:8000/lemma/vertrouwen/"


def _third_party(url: str | None) -> bool:
    return bool(url) and re.match(r"^(https?:)?//", url) is not None \
        and not url.startswith("http://127.0.0.1:8000/")


def test_no_third_party_scripts_styles_or_fonts(built_site):
    site = built_site / "site"
    for html_file in site.rglob("*.html"):
        for tag, attrs in tags(html_file.read_text(encoding="utf-8")):
            if tag == "script":
                assert not _third_party(attrs.get("src")), html_file
            if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "preconnect",
                                                      "icon", "dns-prefetch"):
                assert not _third_party(attrs.get("href")), (html_file, attrs)
            if tag in ("img", "iframe", "audio", "video", "source"):
                assert not _third_party(attrs.get("src")), html_file
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text), css
        assert not re.search(r"url\(['\"]?(https?:)?//", text), css


def test_build_with_errors_leaves_previous_site(built_site, tmp_path):
    before = (built_site / "site").resolve()
    broken = built_site / "lemmas" / "kapot.md"
    broken.write_text("---\ntitle: [\n---\n", encoding="utf-8")
    try:
        with pytest.raises(BuildError, match="het lexicon bevat 1 fout"):
            build_site(built_site)
    finally:
        broken.unlink()
    assert (built_site / "site").resolve() == before
    assert (before / "index.html").is_file()


def test_drafts_build_includes_concepts(built_site, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(built_site, copy, symlinks=True,
                    ignore=shutil.ignore_patterns("site", ".lexicon-builds", ".lexicon-cache"))
    build_site(copy, drafts=True)
    assert (copy / "site" / "lemma" / "concept-lemma" / "index.html").is_file()


def test_plain_mkdocs_build_strict_works(make_lexicon, pair):
    import os
    import subprocess
    import sys

    from conftest import install_site_config

    root = make_lexicon(pair)
    install_site_config(root)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    done = subprocess.run([str(mkdocs), "build", "--strict"], cwd=root, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (root / "site" / "lemma" / "alfa" / "index.html").is_file()
    pair_warning = make_lexicon({"lemmas/gamma.md": pair["lemmas/alfa.md"].replace(
        "title: Alfa", "title: Gamma")})
    done = subprocess.run([str(mkdocs), "build", "--strict"], cwd=pair_warning, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "LEX501 geen enkel ander lemma verwijst naar 'gamma'" in done.stderr
