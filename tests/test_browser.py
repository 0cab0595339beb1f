"""The site in a real browser: Debian's Chromium, headless, driven by Playwright.

Pages are served by the real server (waitress on a loopback port). Each page type is checked
for console errors, third-party requests and axe-core (WCAG 2.1 AA); screenshots at phone
and desktop width are kept in test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import serve_wsgi
from lexicon.serve.app import create_app

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PAGES = {
    "home": "",
    "cluster": "cluster/sociale-nabijheid/",
    "lemma": "lemma/wederkerigheid/",
    "register": "register/",
    "kaart": "kaart/",
    "zoeken": "zoeken/?zoekterm=vertrouwen",
    "inleiding": "inleiding/",
    "embed": "embed/vertrouwen/",
}
SIZES = {"telefoon": (390, 844), "desktop": (1280, 900)}


@pytest.fixture(scope="module")
def base_url(built_site) -> Iterator[str]:
    yield from serve_wsgi(create_app(built_site))


@pytest.fixture(scope="module")
def static_url(built_site, tmp_path_factory) -> Iterator[str]:
    """The same site without search API, as on a static host."""
    yield from serve_wsgi(create_app(built_site, index=tmp_path_factory.mktemp("geen-index")))


class Watched:
    """A page that records console errors and every request it makes."""

    def __init__(self, browser, **context_options) -> None:  # type: ignore[no-untyped-def]
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self

    def __exit__(self, *exc: object) -> None:
        self.context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_cleanly_with_only_local_requests(browser, base_url, name):
    with Watched(browser) as w:
        for size, (width, height) in SIZES.items():
            w.page.set_viewport_size({"width": width, "height": height})
            w.page.goto(base_url + PAGES[name], wait_until="networkidle")
            assert w.page.locator("h1").first.is_visible()
            shots = ARTIFACTS / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            w.page.screenshot(path=str(shots / f"{name}-{size}.png"), full_page=True)
        assert w.errors == []  # includes CSP violations, which Chromium logs as errors
        foreign = [url for url in w.requests if not url.startswith(base_url)]
        assert foreign == []


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violations(browser, base_url, name):
    with Watched(browser, bypass_csp=True) as w:
        w.page.goto(base_url + PAGES[name], wait_until="networkidle")
        w.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = w.page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag',
                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_follow_a_wikilink(browser, base_url):
    with Watched(browser) as w:
        w.page.goto(base_url + PAGES["lemma"])
        w.page.get_by_role("link", name="het vertrouwen").click()
        w.page.wait_for_url("**/lemma/vertrouwen/")
        assert w.page.locator("h1").first.inner_text() == "Vertrouwen"


def test_wikilink_preview_on_hover_and_on_focus(browser, base_url):
    summary = "Vertrouwen is een begrip dat in deze test als voorbeeld dient."
    with Watched(browser) as w:
        w.page.goto(base_url + PAGES["lemma"], wait_until="networkidle")
        link = w.page.get_by_role("link", name="het vertrouwen")
        link.hover()
        tip = w.page.locator(".lx-tip--active")
        tip.wait_for(state="visible")
        assert tip.inner_text().strip() == summary
        assert link.get_attribute("aria-describedby") == "lx-tip"
        w.page.mouse.move(0, 0)
        tip.wait_for(state="hidden")
        assert link.get_attribute("title") == summary  # back for the next time
        assert link.get_attribute("aria-describedby") is None
        link.focus()
        tip.wait_for(state="visible")
        assert tip.inner_text().strip() == summary


def test_concept_map_is_keyboard_usable(browser, base_url):
    with Watched(browser) as w:
        w.page.goto(base_url + PAGES["kaart"], wait_until="networkidle")
        for _ in range(200):
            w.page.keyboard.press("Tab")
            if w.page.evaluate("() => document.activeElement.matches('a.lx-map__node')"):
                break
        else:
            pytest.fail("geen punt van de kaart bereikbaar met Tab")
        slug = w.page.evaluate("() => document.activeElement.dataset.slug")
        assert w.page.locator("svg.lx-map.lx-map--focus:visible").count() == 1  # neighbours shown
        w.page.keyboard.press("Enter")
        w.page.wait_for_url(f"**/lemma/{slug}/")


def test_site_works_without_javascript(browser, base_url):
    with Watched(browser, java_script_enabled=False) as w:
        w.page.goto(base_url + PAGES["lemma"])
        assert w.page.locator("h1").first.inner_text() == "Wederkerigheid"
        assert w.page.locator(".lx-lead").is_visible()
        copy_buttons = w.page.locator(".lx-copy").all()
        assert copy_buttons and all(b.is_hidden() for b in copy_buttons)  # need JavaScript
        w.page.set_viewport_size({"width": 1280, "height": 900})
        w.page.get_by_role("link", name="Register A–Z").first.click()
        w.page.wait_for_url("**/register/")
        assert w.page.get_by_role("link", name="Eenzaamheid").first.is_visible()


def test_search_page_uses_the_api_with_facets_and_as_you_type(browser, base_url):
    with Watched(browser) as w:
        w.page.goto(base_url + PAGES["zoeken"], wait_until="networkidle")
        results = w.page.locator("#lx-search-results li")
        results.first.wait_for()
        assert results.first.locator("a").inner_text() == "Vertrouwen"
        assert "lemma" in w.page.locator("#lx-search-status").inner_text()
        w.page.get_by_role("button", name="Geografische nabijheid (1)").click()
        w.page.wait_for_function(
            "() => document.querySelectorAll('#lx-search-results li').length === 1")
        assert results.first.locator("a").inner_text() == "Sociale teams"
        w.page.get_by_role("button", name=re.compile(r"^Alle \(\d+\)$")).click()
        box = w.page.get_by_label("Zoekvraag")
        box.fill("")
        box.press_sequentially("lonelin", delay=30)
        w.page.wait_for_function(
            "() => document.querySelector('#lx-search-results a')?.textContent === 'Eenzaamheid'")
        assert "zoekterm=lonelin" in w.page.url
        assert any("/api/search" in url for url in w.requests)


def test_header_search_box_uses_the_api(browser, base_url):
    with Watched(browser) as w:
        w.page.set_viewport_size({"width": 1280, "height": 900})
        w.page.goto(base_url + PAGES["lemma"], wait_until="networkidle")
        w.page.locator("label.md-search__icon, .md-search__input").first.click()
        box = w.page.locator("input.md-search__input")
        box.press_sequentially("wijkteams", delay=20)
        # Results follow the typing: wait for the answer to the whole word, not to 'wijkt'.
        w.page.wait_for_function(
            "() => document.querySelector('.md-search-result__item h1')?.textContent.trim()"
            " === 'Sociale teams'", timeout=10_000)
        assert any("/api/search?q=wijkteams" in url for url in w.requests)


def test_without_the_api_the_browser_engine_answers(browser, static_url):
    with Watched(browser) as w:
        w.page.goto(static_url + "zoeken/?zoekterm=vertrouwen", wait_until="networkidle")
        first = w.page.locator("#lx-search-results a").first
        first.wait_for(timeout=10_000)
        assert first.inner_text() == "Vertrouwen"
        assert "gevonden" in w.page.locator("#lx-search-status").inner_text()
        assert not any("/api/search?q=" in url for url in w.requests)
        assert any("/search/lx/" in url for url in w.requests)


@pytest.mark.parametrize("host", ["lexicon serve", "zonder API", "zonder JavaScript"])
def test_no_dead_end_on_the_search_page_and_in_the_header(browser, request, host):
    """Nothing found: retried with the spelling corrected, saying so; then the closest lemma's
    and the register. The same sentences from the API, the browser engine and the server."""
    url = request.getfixturevalue("static_url" if host == "zonder API" else "base_url")
    with Watched(browser, java_script_enabled=host != "zonder JavaScript") as w:
        status = w.page.locator("#lx-search-status")
        w.page.goto(url + "zoeken/?zoekterm=blaans", wait_until="networkidle")
        w.page.get_by_text("1 lemma gevonden voor “balans”").wait_for(timeout=10_000)
        assert status.inner_text() == \
            "Geen lemma's gevonden voor “blaans”; 1 lemma gevonden voor “balans”."
        assert w.page.locator("#lx-search-results a").first.inner_text() == "Wederkerigheid"
        w.page.goto(url + "zoeken/?zoekterm=eenzmhaeid", wait_until="networkidle")
        status.get_by_role("link", name="register A–Z").wait_for(timeout=10_000)
        assert status.inner_text() == ("Geen lemma's gevonden voor “eenzmhaeid”. Bedoelde je een"
                                       " van deze lemma's: Eenzaamheid? Of zoek in het register"
                                       " A–Z.")
        assert w.page.locator("#lx-search-results li").count() == 0
        status.get_by_role("link", name="Eenzaamheid").click()
        w.page.wait_for_url("**/lemma/eenzaamheid/**")
        if host != "zonder JavaScript":
            w.page.set_viewport_size({"width": 1280, "height": 900})
            w.page.locator("label.md-search__icon, .md-search__input").first.click()
            w.page.locator("input.md-search__input").press_sequentially("eenzmhaeid", delay=20)
            titles = w.page.locator(".md-search-result__item h1")
            w.page.wait_for_function("() => document.querySelector('.md-search-result__meta')"
                                     "?.textContent === 'Geen resultaten voor “eenzmhaeid”'",
                                     timeout=10_000)
            assert titles.all_inner_texts() == ["Eenzaamheid", "Register A–Z"]
            assert w.page.locator(".md-search-result__item a").last.get_attribute(
                "href").endswith("register/")
        # Without an index the server answers /api/search with 503: that is how the page
        # learns to search in the browser; nothing else may fail.
        assert [e for e in w.errors if not e.startswith("Failed to load resource")] == []


def test_print_shows_lemma_citation_and_address_without_navigation(browser, base_url):
    with Watched(browser) as w:
        w.page.goto(base_url + PAGES["lemma"], wait_until="networkidle")
        w.page.emulate_media(media="print")
        assert w.page.locator(".lx-print-url").is_visible()
        assert "lemma/wederkerigheid/" in w.page.locator(".lx-print-url").inner_text()
        assert w.page.locator(".lx-cite__apa").is_visible()
        assert w.page.locator(".md-header").is_hidden()
        assert w.page.locator(".md-sidebar--primary").is_hidden()
        ARTIFACTS.mkdir(exist_ok=True)
        w.page.pdf(path=str(ARTIFACTS / "lemma-print.pdf"))


def test_embed_card_works_inside_another_sites_iframe(browser, base_url):
    # A learning platform on another origin (localhost vs 127.0.0.1: another site, but on
    # loopback, so Chromium's local-network protection does not apply).
    page = f'<h1>Cursus</h1><iframe src="{base_url}embed/vertrouwen/" title="Lemma"></iframe>'

    def platform_app(environ, start_response):  # type: ignore[no-untyped-def]
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [page.encode()]

    for platform in serve_wsgi(platform_app):
        platform = platform.replace("127.0.0.1", "localhost")
        with Watched(browser) as w:
            w.page.goto(platform + "les-1", wait_until="networkidle")
            frame = w.page.frame_locator("iframe")
            assert frame.locator("h1").inner_text() == "Vertrouwen"
            link = frame.get_by_role("link", name="Lees het hele lemma")
            assert link.get_attribute("href") == "http://127.0.0.1:8000/lemma/vertrouwen/"
            assert [u for u in w.requests if not u.startswith((base_url, platform))] == []


def test_copy_citation_button(browser, base_url):
    with Watched(browser) as w:
        w.context.grant_permissions(["clipboard-read", "clipboard-write"])
        w.page.goto(base_url + PAGES["lemma"], wait_until="networkidle")
        w.page.get_by_role("button", name="Kopieer de verwijzing (APA)").click()
        copied = w.page.evaluate("() => navigator.clipboard.readText()")
        assert copied.startswith("Redactie. (2026). Wederkerigheid. In L. Veldboer")
        assert "Geraadpleegd op" in copied
