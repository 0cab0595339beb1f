"""Every sink escapes lemma data for its context, independently of the validator.

A lexicon whose every text field (lemma and cluster front matter) carries script payloads is
built with the plain-text rule (LEX207/LEX208) switched off, so that only the escaping stands
between the payloads and the reader. Headless Chromium then visits every page of the static
copy and of `lexicon serve`, types into the header search and `/zoeken/`, hovers and focuses
every wikilink and opens the map: no payload may run, and no page may log a CSP violation
(a blocked payload would log one).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import serve_wsgi, write_files
from lexicon.devtools.static_search import serve_folder
from lexicon.serve.app import create_app

MARK = "XSS"


def payloads(tag: str) -> dict[str, str]:
    """Payload kinds, each calling alert() with a marker that names kind and field."""
    return {
        "script": f"</script><script>alert('{MARK}-{tag}-script')</script>",
        "img": f"<img src=x onerror=alert('{MARK}-{tag}-img')>",
        "attr": f"\"><svg onload=alert('{MARK}-{tag}-attr')>",
        "js": f"';alert('{MARK}-{tag}-js');'\u2028",
        "entity": f"&lt;img src=x onerror=alert('{MARK}-{tag}-entity')&gt;",
        "link": f"[klik](javascript:alert('{MARK}-{tag}-link'))",
        "bidi": f"\u202e<!-- {MARK}-{tag}-bidi -->",
    }


KINDS = list(payloads("x"))


def _q(text: str) -> str:
    """A YAML double-quoted scalar (hidden characters as escapes, which YAML decodes)."""
    return json.dumps(text)


def hostile_lemma(kind: str, links: list[str]) -> str:
    p = lambda field: payloads(field)[kind]  # noqa: E731
    body = "\n\n".join(
        [f"Dit lemma hangt samen met [[{t}]] en met [[{t}|een eigen label]]." for t in links]
        + ["## Een kop\n\nEen alinea met gewone tekst over nabijheid en afstand."]
    )
    return f"""---
title: {_q("Titel " + p("title"))}
cluster: {"sociale-nabijheid" if kind != "img" else "geografische-nabijheid"}
summary: {_q("Samenvatting met genoeg tekst " + p("summary"))}
kernvragen:
  - {_q("Wat is " + p("kernvraag") + "?")}
  - {_q("Hoe werkt het in de praktijk?")}
authors:
  - {_q("Auteur " + p("author"))}
aliases:
  - {_q("alias " + p("alias"))}
tags:
  - {_q("tag " + p("tag")[:50])}
based_on:
  - {_q("Bron, B. (2022). " + p("based_on") + ". *Boek*. Uitgever.")}
literature:
  - {_q("Auteur, A. (2020). " + p("literature") + ". *Boek*. Uitgever.")}
related:
  - {links[0]}
---

{body}
"""


def hostile_cluster(slug: str, title: str, order: int, colour: str, kind: str) -> str:
    p = lambda field: payloads(field)[kind]  # noqa: E731
    return f"""---
title: {_q(title + " " + p("cluster-title"))}
order: {order}
colour: "{colour}"
summary: {_q("Over nabijheid " + p("cluster-summary"))}
---

Een inleiding op het cluster.
"""


def hostile_files() -> dict[str, str]:
    slugs = [f"lemma-{kind}" for kind in KINDS]
    files = {
        f"lemmas/{slug}.md": hostile_lemma(kind, [s for s in slugs if s != slug][:3])
        for slug, kind in zip(slugs, KINDS, strict=True)
    }
    files["clusters/sociale-nabijheid.md"] = hostile_cluster(
        "sociale-nabijheid", "Sociale nabijheid", 1, "#8a2846", "script")
    files["clusters/geografische-nabijheid.md"] = hostile_cluster(
        "geografische-nabijheid", "Geografische nabijheid", 2, "#2e6b3a", "img")
    files["leeslijsten/cursus.yml"] = (
        "title: Cursus\ndescription: Een leeslijst\nlemmas:\n"
        + "".join(f"  - {s}\n" for s in slugs))
    return files


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    from conftest import install_site_config
    from lexicon.core import plaintext
    from lexicon.site.build import build_site

    root = tmp_path_factory.mktemp("hostile")
    write_files(root, hostile_files())
    install_site_config(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LEXICON_CACHE_DIR", str(tmp_path_factory.mktemp("hostile-cache")))
        # The validator would refuse every payload (LEX207/LEX208): switch it off, so that
        # this test measures the escaping alone.
        patch.setattr(plaintext, "problems", lambda value, markdown: [])
        build_site(root)
    return root


def test_the_validator_refuses_every_payload(tmp_path):
    from lexicon.core.loader import load_lexicon

    root = write_files(tmp_path, hostile_files())
    result = load_lexicon(root)
    flagged = {(d.path, d.line) for d in result.diagnostics if d.code in ("LEX207", "LEX208")}
    for rel, text in hostile_files().items():
        if not rel.startswith(("lemmas/", "clusters/")):
            continue
        lines = text.splitlines()
        for number, line in enumerate(lines, start=1):
            if MARK in line and not line.startswith(("- lemma-", "  - lemma-")):
                assert (rel, number) in flagged, f"{rel}:{number} niet gemeld: {line}"


def _pages(site: Path) -> list[str]:
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("admin/", "assets/")):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


def test_no_payload_is_live_markup_in_any_page(hostile_site):
    """The built files: no payload as an element, event handler, `javascript:` link, script
    or comment in any HTML page, nor in the search index that Material renders as HTML."""
    assert live_payloads((hostile_site / "site").resolve()) == {}


class _Scan(HTMLParser):
    """Collects payloads that an HTML parser sees as markup rather than text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            text = value or ""
            if name.startswith("on") and MARK in text:
                self.found.append(f"<{tag} {name}={text[:60]}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and \
                    text.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={text[:60]}>")
        if tag == "script":
            self.script = dict(attrs).get("type") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.script = None

    def handle_data(self, data: str) -> None:
        if self.script is None or MARK not in data:
            return
        if self.script in ("application/ld+json", "application/json"):
            if "<" in data:
                self.found.append(f"JSON in <script> with '<': {data[:80]}")
        else:
            self.found.append(f"<script>: {data[:80]}")

    def handle_comment(self, data: str) -> None:
        if MARK in data:
            self.found.append(f"<!--{data[:60]}-->")


def _scan(text: str) -> list[str]:
    scan = _Scan()
    scan.feed(text)
    scan.close()
    return scan.found


def live_payloads(site: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith("admin/") and (
                hits := _scan(path.read_text("utf-8", errors="replace"))):
            found[rel] = hits
    index = site / "search" / "search_index.json"
    if index.is_file():
        for doc in json.loads(index.read_text("utf-8")).get("docs", []):
            for key in ("title", "text"):
                if hits := _scan(doc.get(key, "")):
                    found.setdefault(f"search_index.json: {doc.get('location')}", []).extend(hits)
    return found


@pytest.fixture(scope="module", params=["statisch", "lexicon serve"])
def hostile_url(request, hostile_site, tmp_path_factory) -> Iterator[str]:
    if request.param == "statisch":
        with serve_folder((hostile_site / "site").resolve()) as url:
            yield url
    else:
        yield from serve_wsgi(create_app(hostile_site))



class Attack:
    """A browser page that records every dialog, page error and console error."""

    def __init__(self, browser) -> None:  # type: ignore[no-untyped-def]
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.events: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.events.append(f"pageerror: {e}"))
        # Console errors include every CSP violation (a blocked payload logs one); failed
        # loads of absent files are the publishing tests' concern, not an injection.
        self.page.on("console", lambda m: m.type == "error"
                     and not m.text.startswith("Failed to load resource")
                     and self.events.append(f"console: {m.text} (op {self.page.url})"))

    def _dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


def test_no_payload_runs_anywhere(browser, hostile_site, hostile_url):
    site = (hostile_site / "site").resolve()
    attack = Attack(browser)
    page = attack.page
    try:
        for rel in _pages(site):
            page.goto(hostile_url + rel, wait_until="networkidle")
            for link in page.locator("a.lx-wikilink").all()[:6]:
                link.hover()
                link.focus()
            page.wait_for_timeout(50)
        # The header search and the search page, with words of the payload titles.
        # 'ttiell' finds nothing: the closest lemma's (the payload titles) are offered.
        for query in ("Titel", "alert", "img", "script", "klik", "XSS", "ttiell"):
            page.goto(hostile_url + "lemma/lemma-script/", wait_until="networkidle")
            page.keyboard.press("/")
            box = page.locator("[data-md-component=search-query]")
            if box.count():
                box.first.fill(query)
                page.wait_for_timeout(400)
            page.goto(hostile_url + f"zoeken/?zoekterm={query}", wait_until="networkidle")
            page.wait_for_timeout(300)
        assert page.locator("#lx-search-status a").count() == 6  # 5 lemma's and the register
        page.goto(hostile_url + "kaart/", wait_until="networkidle")
        for node in page.locator(".lx-map a:visible").all()[:10]:
            node.focus()
            node.hover()
    finally:
        attack.close()
    assert attack.events == [], "\n".join(attack.events)
