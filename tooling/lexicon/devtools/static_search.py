"""The browser's search, run as a reader's browser runs it: a built site served on loopback,
headless Chromium, and `LexiconStaticSearch` (lx-search.js) answering each query.

`lexicon eval-search --static SITE` and the conformance tests use this, so the static
engine is measured by exactly the code readers get. Chromium comes from Debian
(`/usr/bin/chromium`, or `LEXICON_CHROMIUM`); Playwright drives it (installed with the
`test` extra).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("LEXICON_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking"]


class StaticSearchUnavailable(Exception):
    """Chromium, Playwright or the built index is missing (the message says which, in Dutch)."""


class _Quiet(SimpleHTTPRequestHandler):
    # Keep-alive, as every static host serves: a query's files reuse the browser's
    # connections instead of opening one per file (HTTP/1.0, Python's default).
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes; without this the body waits for the
    # browser's delayed acknowledgement of the headers (Nagle), some 40 ms a file.
    disable_nagle_algorithm = True

    def log_message(self, _format: str, *args: object) -> None:
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A plain static file server for `folder` on a free loopback port: its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="lexicon-static", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class StaticSearch:
    """One browser page with the static engine loaded; `search` answers like /api/search."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def search(self, query: str, **params: Any) -> dict[str, Any]:
        result: dict[str, Any] = self.page.evaluate(
            "([q, p]) => window.__lx.search(Object.assign({q: q, limit: 10}, p))",
            [query, params])
        return result

    def slugs(self, query: str, **params: Any) -> list[str]:
        return [hit["slug"] for hit in self.search(query, **params).get("results", [])]

    def stems(self, words: list[str]) -> list[str]:
        stems: list[str] = self.page.evaluate(
            "(words) => words.map(w => window.LexiconStaticSearch.stem(w))", words)
        return stems


@contextmanager
def static_search(site: Path, browser: Any = None) -> Iterator[StaticSearch]:
    """The static engine of the built `site` (its `search/lx/` folder) in headless Chromium;
    in a page of `browser` when given (a Playwright browser the caller keeps open)."""
    if not (site / "search" / "lx" / "meta.json").is_file():
        raise StaticSearchUnavailable(f"{site} heeft geen zoekindex voor de browser"
                                      " (search/lx/meta.json): bouw eerst met 'lexicon build'")
    if not CHROMIUM.exists():
        raise StaticSearchUnavailable(f"{CHROMIUM} ontbreekt: installeer Debians pakket"
                                      " 'chromium' (make browser)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise StaticSearchUnavailable("Playwright ontbreekt: installeer het project met"
                                      " '.[test]' (make install)") from None
    with serve_folder(site) as url:
        if browser is not None:
            page = browser.new_page()
            try:
                yield _loaded(page, url)
            finally:
                page.close()
            return
        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield _loaded(own.new_page(), url)
            finally:
                own.close()


def _loaded(page: Any, url: str) -> StaticSearch:
    page.goto(url + "search/lx/meta.json")
    page.add_script_tag(url=url + "assets/lexicon/lx-search.js")
    page.evaluate("(base) => { window.__lx = window.LexiconStaticSearch.create(base); }",
                  url + "search/lx/")
    return StaticSearch(page)
