"""The GitHub Pages route, end to end: build as .github/workflows/pages.yml builds, serve the
output under the project sub-path with a plain static file server on loopback (no search API,
404.html for what is missing, as Pages does), crawl every page and file it links to, and open
every page in headless Chromium: no broken link, no loopback address, no console error, no
request for the search API."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml

from conftest import (
    CLUSTERS,
    REPO,
    install_site_config,
    site_files,
    write_files,
)
from lexicon.core.project import LOOPBACK_URL

SUBPATH = "/lexicon-nabijheid/"
PUBLIC = "https://voorbeeld.github.io/lexicon-nabijheid"  # as configure-pages gives base_url
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def pages_build_step() -> dict:
    data = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    (step,) = [s for s in data["jobs"]["bouwen"]["steps"] if s.get("id") == "bouwen"]
    return step


@pytest.fixture(scope="module")
def pages_site(tmp_path_factory) -> Path:
    """The site folder the workflow would upload, built by the workflow's own script."""
    root = write_files(tmp_path_factory.mktemp("pages"), {**CLUSTERS, **site_files()})
    install_site_config(root)
    (root / ".venv").symlink_to(Path(sys.executable).parent.parent)
    outputs = root.parent / "github-output"
    step = pages_build_step()
    assert step["env"]["LEXICON_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    env = {**os.environ, "LEXICON_SITE_URL": PUBLIC, "GITHUB_OUTPUT": str(outputs),
           "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=root, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = outputs.read_text(encoding="utf-8").splitlines()
    assert line.startswith("map=")
    return Path(line[len("map="):])


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Files under SUBPATH from the site folder; anything else, and what is missing, gets the
    site's 404.html with status 404 (as GitHub Pages answers)."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(SUBPATH):
            return os.path.join(self.directory, ".niet-hier")
        return super().translate_path("/" + path[len(SUBPATH):])

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def pages_url(pages_site) -> Iterator[str]:
    handler = functools.partial(_PagesHandler, directory=str(pages_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _Links(HTMLParser):
    ATTRIBUTES = frozenset({"href", "src", "poster"})

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.links.append(value)


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with OPENER.open(url, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def crawl(start: str, extra: list[str]) -> tuple[dict[str, int], list[str], list[str],
                                                list[str]]:
    """Follow every link from `start`, the sitemap and the `extra` paths (pages no link
    reaches: embed cards, redirects). Returns (status per URL, HTML pages, broken links as
    'from -> to', URLs of files with a loopback address)."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    seen: dict[str, int] = {}
    pages: list[str] = []
    broken: list[str] = []
    loopback: list[str] = []
    queue = [(start + path, "(start)") for path in ["", "sitemap.xml", *extra]]
    while queue:
        url, source = queue.pop(0)
        if url in seen:
            if seen[url] != 200:
                broken.append(f"{source} -> {url}")
            continue
        status, kind, body = _fetch(url)
        seen[url] = status
        if status != 200:
            broken.append(f"{source} -> {url} (HTTP {status})")
            continue
        if LOOPBACK_URL.search(body):
            loopback.append(url)
        found: list[str] = []
        if kind.startswith("text/html"):
            pages.append(url)
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            found = parser.links
        elif url.endswith("sitemap.xml"):
            found = [part.split("</loc>")[0] for part in body.decode("utf-8").split("<loc>")[1:]]
        for link in found:
            target = urldefrag(urljoin(url, link))[0]
            if target.startswith(PUBLIC + "/"):  # canonical links, sitemap: the public copy
                target = start + target[len(PUBLIC) + 1:]
            if not target.startswith(origin + "/"):
                continue  # mailto:, data:, other sites (none are fetched)
            if not target.startswith(start):
                broken.append(f"{url} -> {target} (buiten {SUBPATH})")
                continue
            queue.append((target, url))
    return seen, pages, broken, loopback


def html_paths(site: Path) -> list[str]:
    """Every page of the build as a URL path below the site root (index.html as its folder)."""
    paths = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel != "404.html":
            paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


@pytest.fixture(scope="module")
def crawled(pages_url, pages_site):
    return crawl(pages_url, html_paths(pages_site))


def test_the_pages_build_has_no_broken_link_and_no_loopback_address(crawled, pages_site,
                                                                     capsys):
    seen, pages, broken, loopback = crawled
    with capsys.disabled():
        print(f"\nkruipcontrole onder {SUBPATH}: {len(seen)} adressen, {len(pages)} pagina's,"
              f" {len(broken)} kapotte links, {len(loopback)} met een loopback-adres")
    assert broken == []
    assert loopback == []
    assert len(pages) == len(html_paths(pages_site)) >= 15
    assert any(url.endswith("/lemma/wederkerigheid/") for url in pages)


def test_missing_pages_get_the_404_page_that_works_under_the_sub_path(pages_url):
    status, _, body = _fetch(pages_url + "bestaat-niet/")
    assert status == 404
    html = body.decode("utf-8")
    assert '<meta name="lexicon-search-api" content="nee">' in html
    assert f'href="{SUBPATH}assets/' in html  # Material roots 404.html at the site path


def test_every_page_opens_without_console_errors_or_api_requests(browser, pages_url, crawled,
                                                                  capsys):
    _, pages, _, _ = crawled
    errors: list[str] = []
    requests: list[str] = []
    context = browser.new_context()
    context.set_default_timeout(60_000)  # the machine may be shared and busy
    page = context.new_page()
    current = {"url": ""}
    page.on("console", lambda m: m.type == "error" and errors.append(
        f"{current['url']}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{current['url']}: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    try:
        for url in [*pages, pages_url + "zoeken/?zoekterm=vertrouwen"]:
            current["url"] = url
            page.goto(url, wait_until="load")
            page.wait_for_load_state("networkidle")
        # The 404 page: only the expected 404 of the page itself may be logged.
        current["url"] = pages_url + "bestaat-niet/"
        response = page.goto(current["url"], wait_until="networkidle")
        assert response is not None and response.status == 404
    finally:
        context.close()
    expected_404 = f"{pages_url}bestaat-niet/: Failed to load resource: the server responded" \
                   " with a status of 404 (Not Found)"
    errors = [e for e in errors if e != expected_404]
    with capsys.disabled():
        print(f"\nChromium: {len(pages) + 2} pagina's geopend, {len(errors)} consolefouten,"
              f" {sum('api/search' in u for u in requests)} vragen aan /api/search")
    assert errors == []
    assert [u for u in requests if "api/search" in u] == []
    assert [u for u in requests if not u.startswith(pages_url) and not u.startswith("data:")
            ] == []


def test_search_on_the_static_host_runs_in_the_browser(browser, pages_url):
    """Under the project sub-path, /zoeken/ answers from the browser index, never the API."""
    context = browser.new_context()
    context.set_default_timeout(60_000)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(pages_url + "zoeken/?zoekterm=vertrouwen", wait_until="networkidle")
        first = page.locator("#lx-search-results a").first
        first.wait_for(timeout=30_000)
        assert first.inner_text() == "Vertrouwen"
        assert (first.get_attribute("href") or "").startswith("../lemma/vertrouwen/")
        assert any("/lexicon-nabijheid/search/lx/" in u for u in requests)
        assert not any("api/search" in u for u in requests)
    finally:
        context.close()
