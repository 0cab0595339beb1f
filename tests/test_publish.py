"""Publishing: one public address in every output, and a publication build that refuses a
loopback one (issue 15)."""

from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from conftest import CLUSTERS, install_site_config, site_files, write_files
from lexicon.cli import cli
from lexicon.core.project import is_loopback, publication_problem
from lexicon.site.build import loopback_files

PUBLIC = "https://voorbeeld.github.io/lexicon-nabijheid/"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/", "http://localhost/", "https://LOCALHOST:8443/x/",
    "http://127.1.2.3/", "http://[::1]:8000/", "http://0.0.0.0:8000/", "http://lexicon.localhost/",
])
def test_loopback_addresses_are_recognised(url):
    assert is_loopback(url)
    assert "een adres op deze computer" in publication_problem(url)


@pytest.mark.parametrize("url", [PUBLIC, "https://lexicon.hva.nl/", "http://10.0.0.5/"])
def test_public_addresses_are_accepted(url):
    assert not is_loopback(url)
    assert publication_problem(url) is None


def test_an_address_without_host_is_refused():
    assert "geen volledig webadres" in publication_problem("lexicon-nabijheid/")


@pytest.fixture(scope="module")
def lexicon_root(tmp_path_factory):
    root = write_files(tmp_path_factory.mktemp("publish"), {**CLUSTERS, **site_files()})
    install_site_config(root)
    return root


def _build(root, monkeypatch, *args, url=None):
    if url is None:
        monkeypatch.delenv("LEXICON_SITE_URL", raising=False)
    else:
        monkeypatch.setenv("LEXICON_SITE_URL", url)
    return CliRunner().invoke(cli, ["build", str(root), *args])


def test_a_publication_build_refuses_the_loopback_default(lexicon_root, monkeypatch):
    result = _build(lexicon_root, monkeypatch, "--publiceer")
    assert result.exit_code == 1, result.output
    assert "niet gepubliceerd: het publieke adres is http://127.0.0.1:8000/" in result.stderr
    assert "LEXICON_SITE_URL" in result.stderr
    assert not (lexicon_root / "site").exists()


@pytest.fixture(scope="module")
def published(lexicon_root):
    with pytest.MonkeyPatch.context() as monkeypatch:
        result = _build(lexicon_root, monkeypatch, "--publiceer", "--statisch",
                        url=PUBLIC.rstrip("/"))  # as configure-pages gives it: no slash
    assert result.exit_code == 0, result.output
    return (lexicon_root / "site").resolve()


def test_a_publication_build_has_no_loopback_address_in_any_file(published):
    files = [p for p in published.rglob("*") if p.is_file()]
    assert len(files) > 50
    assert loopback_files(published) == []


def test_every_output_uses_the_public_address(published):
    lemma = (published / "lemma" / "wederkerigheid" / "index.html").read_text(encoding="utf-8")
    address = PUBLIC + "lemma/wederkerigheid/"
    assert f'<link rel="canonical" href="{address}"' in lemma
    assert f'content="{address}"' in lemma  # og:url and citation_public_url
    assert f"van {address}" in lemma  # the APA citation
    assert PUBLIC + "embed/wederkerigheid/" in lemma  # the embed code
    assert f'<p class="lx-print-url">{address}</p>' in lemma  # the address on paper
    assert f'"@id": "{address}"' in lemma  # JSON-LD
    assert 'name="citation_public_url"' in lemma
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{address}</loc>" in sitemap
    assert address.encode() in gzip.decompress((published / "sitemap.xml.gz").read_bytes())
    assert f"<{address}>" in (published / "data" / "lexicon.ttl").read_text(encoding="utf-8")
    assert f"UR  - {address}" in (published / "data" / "lexicon.ris").read_text(encoding="utf-8")
    lemmas = json.loads((published / "data" / "lemmas.json").read_text(encoding="utf-8"))
    assert {item["url"] for item in lemmas["lemmas"]} >= {address}


def test_the_static_build_tells_its_pages_there_is_no_search_api(published):
    for page in ("index.html", "404.html", "zoeken/index.html", "lemma/vertrouwen/index.html"):
        html = (published / page).read_text(encoding="utf-8")
        assert '<meta name="lexicon-search-api" content="nee">' in html, page


def test_a_build_for_serving_announces_the_search_api(built_site):
    html = (built_site / "site" / "404.html").read_text(encoding="utf-8")
    assert '<meta name="lexicon-search-api" content="ja">' in html
    search = (built_site / "site" / "zoeken" / "index.html").read_text(encoding="utf-8")
    assert 'rel="preload"' not in search  # served: the API answers, nothing to preload


def test_only_the_static_search_page_preloads_the_engine_and_its_metadata(published):
    """It searches as soon as it opens with a query: the engine and meta.json load beside
    the page's styles, at the addresses search.js asks for; no other page loads any."""
    search = (published / "zoeken" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="preload" href="../assets/lexicon/lx-search.js" as="script">' in search
    assert ('<link rel="preload" href="../search/lx/meta.json" as="fetch"'
            ' crossorigin="anonymous">') in search
    assert (published / "search" / "lx" / "meta.json").is_file()
    for page in ("index.html", "404.html", "lemma/vertrouwen/index.html"):
        assert 'rel="preload"' not in (published / page).read_text(encoding="utf-8"), page


def test_a_page_with_a_loopback_address_stops_the_publication(tmp_path, monkeypatch):
    files = {**CLUSTERS, **site_files(),
             "pages/les.md": "---\ntitle: Les\n---\n\nOpen http://localhost:8000/ in je browser.\n"}
    root = write_files(tmp_path, files)
    install_site_config(root)
    result = _build(root, monkeypatch, "--publiceer", url=PUBLIC)
    assert result.exit_code == 1, result.output
    assert "bevatten een adres op deze computer" in result.stderr
    assert "les/index.html" in result.stderr
    assert not (root / "site").exists()


def test_exports_from_the_command_line_use_the_same_address(lexicon_root, monkeypatch):
    monkeypatch.setenv("LEXICON_SITE_URL", PUBLIC)
    result = CliRunner().invoke(cli, ["export", str(lexicon_root), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert PUBLIC + "lemma/vertrouwen/" in result.stdout
    assert "127.0.0.1" not in result.stdout


def test_a_publication_never_contains_draft_lemmas(tmp_path, monkeypatch):
    root = write_files(tmp_path, {**CLUSTERS, **site_files()})
    install_site_config(root)
    result = _build(root, monkeypatch, "--publiceer", "--drafts", url=PUBLIC)
    assert result.exit_code == 1, result.output
    assert "een publicatie bevat geen lemma's met status 'concept'" in result.stderr


def test_serving_a_static_build_warns(published, lexicon_root, monkeypatch):
    from lexicon.cli import site as site_commands

    served = []
    monkeypatch.setattr("lexicon.serve.app.serve", lambda app, host, port, log: served.append(
        (host, port, log)))
    result = CliRunner().invoke(cli, ["serve", str(lexicon_root), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "gebouwd met --statisch" in result.stderr
    assert served == [("127.0.0.1", 8123, True)]
    assert site_commands._built_static(published)
