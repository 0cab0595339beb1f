"""The reader's side of the real lexicon in Chromium: the concept map, the lemma page.

The site is built once from the repository's own lemma's (the map's layout is a property
of real titles, not of a four-lemma fixture) and served by the real server. Screenshots go
to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, serve_wsgi
from lexicon.devtools.pagetypes import PAGE_TYPES
from lexicon.serve.app import create_app

SHOTS = REPO / "test-artifacts" / "screenshots"
SIZES = {"telefoon": (390, 844), "desktop": (1280, 900)}


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    from lexicon.site.build import build_site

    root = tmp_path_factory.mktemp("echt")
    for folder in ("lemmas", "clusters", "pages", "leeslijsten", "site_overrides"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("mkdocs.yml", "lexicon.yml"):
        shutil.copy(REPO / name, root / name)
    build_site(root)
    return root


@pytest.fixture(scope="module")
def url(real_site) -> Iterator[str]:
    yield from serve_wsgi(create_app(real_site))


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    yield page
    context.close()
    assert errors == []


# Every label against every dot and every other label, in screen pixels; and the size of
# the labels on screen.
OVERLAPS = """(selector) => {
  const svg = [...document.querySelectorAll(selector || 'svg.lx-map')]
    .find(s => s.getBoundingClientRect().width > 0);
  const box = r => ({l: r.left, t: r.top, r: r.right, b: r.bottom});
  const meets = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  const labels = [...svg.querySelectorAll('.lx-map__node text')].map(t => ({
    name: t.textContent, box: box(t.getBoundingClientRect())}));
  const dots = [...svg.querySelectorAll('.lx-map__node circle')].map(c => ({
    name: c.parentNode.dataset.slug, box: box(c.getBoundingClientRect())}));
  const found = [];
  labels.forEach((a, i) => {
    labels.slice(i + 1).forEach(b => meets(a.box, b.box) && found.push([a.name, b.name]));
    dots.forEach(d => meets(a.box, d.box) && found.push([a.name, d.name]));
  });
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const text = svg.querySelector('.lx-map__node text');
  return {overlaps: found, labels: labels.length,
          px: parseFloat(getComputedStyle(text).fontSize) * scale,
          width: svg.getBoundingClientRect().width,
          box: svg.parentNode.clientWidth,
          scroll: document.scrollingElement.scrollWidth - window.innerWidth};
}"""


@pytest.mark.parametrize("size", list(SIZES))
def test_map_labels_never_overlap_and_are_legible(page, url, size):
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url + "kaart/", wait_until="networkidle")
    found = page.evaluate(OVERLAPS)
    assert found["labels"] == 45
    assert found["overlaps"] == []
    assert found["px"] >= 12
    assert abs(found["width"] - found["box"]) <= 2  # the picture fills its box
    assert found["scroll"] <= 0  # nothing to scroll sideways
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".lx-map-view").screenshot(path=str(SHOTS / f"kaartbeeld-{size}.png"))


def _active(page):  # type: ignore[no-untyped-def]
    return page.evaluate("() => document.activeElement.closest('a.lx-map__node')?.dataset.slug")


def test_map_keyboard_path(page, url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url + "kaart/", wait_until="networkidle")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # one Tab from the skip link
    first = _active(page)
    assert first
    info = page.locator("[data-lx-map-info]")
    assert "Verbonden met" in info.inner_text()
    # The drawing's connections, as the build wrote them (pairs of point numbers).
    linked = page.evaluate(
        """s => { const svg = document.querySelector('svg.lx-map--breed');
             const slugs = [...svg.querySelectorAll('a.lx-map__node')].map(a => a.dataset.slug);
             return svg.querySelector('.lx-map__edges').dataset.edges.split(',')
               .map(p => p.split(' ').map(i => slugs[+i]))
               .filter(([a, b]) => a === s || b === s).map(([a, b]) => a === s ? b : a); }""",
        first)
    assert linked
    # The chosen point's own lines are drawn, one segment per connection.
    chosen = page.locator("svg.lx-map--breed path.lx-on").get_attribute("d") or ""
    assert chosen.count("M") == len(linked)
    moved = None
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"):
        page.keyboard.press(key)
        moved = _active(page)
        if moved != first:
            break
    assert moved in linked  # arrow keys follow the connections
    # The map is one Tab stop: the next Tab leaves it.
    page.keyboard.press("Tab")
    assert _active(page) is None
    page.keyboard.press("Shift+Tab")
    assert _active(page) == moved
    before = page.locator("svg.lx-map--breed").get_attribute("viewBox")
    page.keyboard.press("+")
    assert page.locator("svg.lx-map--breed").get_attribute("viewBox") != before
    page.keyboard.press("0")
    assert page.locator("svg.lx-map--breed").get_attribute("viewBox") == before
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/lemma/{moved}/")


def test_map_first_tap_shows_second_tap_opens(browser, url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    try:
        page = context.new_page()
        page.goto(url + "kaart/", wait_until="networkidle")
        node = page.locator("svg.lx-map--smal a.lx-map__node").nth(3)
        slug = node.get_attribute("data-slug")
        node.tap()
        page.wait_for_timeout(100)
        assert page.url.endswith("/kaart/")
        assert page.locator("[data-lx-map-info]").inner_text().strip()
        assert "lx-sel" in (node.get_attribute("class") or "")
        node.tap()
        page.wait_for_url(f"**/lemma/{slug}/")
    finally:
        context.close()


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# Known layout shifts, not of this module's pages (none now: the server renders the search
# page's facets with its results, and the results list keeps a screen's height).
CLS_KNOWN: set[str] = set()
# What a page may weigh over the wire (bytes), all its files together.
TRANSFER_BUDGET = 900_000

MEASURE = """() => new Promise(done => {
  let cls = 0, blocking = 0;
  new PerformanceObserver(list => list.getEntries().forEach(e => {
    if (!e.hadRecentInput) cls += e.value; })).observe({type: 'layout-shift', buffered: true});
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const fcp = paint ? paint.startTime : 0;
  new PerformanceObserver(list => list.getEntries().forEach(e => {
    if (e.startTime + e.duration > fcp) blocking += Math.max(0, e.duration - 50);
  })).observe({type: 'longtask', buffered: true});
  const bytes = performance.getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource'))
    .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0);
  setTimeout(() => done({cls, blocking, bytes}), 300);
})"""


# Each page type at both sizes and in both schemes, in two runs (axe is slow on 2 cores).
@pytest.mark.parametrize(("size", "scheme"), [("telefoon", "light"), ("desktop", "dark")])
def test_budgets_on_every_page_type(browser, url, size, scheme):
    """axe: no violation of any impact; no layout shift; little blocking; a light page."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    problems: list[str] = []
    figures: dict[str, dict[str, float]] = {}
    try:
        for name, path in PAGE_TYPES.items():
            page.goto(url + path, wait_until="networkidle")
            measured = page.evaluate(MEASURE)
            if measured["blocking"] >= 200 or (measured["cls"] > 0.02 and name not in CLS_KNOWN):
                # The machine is shared: measure once more.
                page.reload(wait_until="networkidle")
                again = page.evaluate(MEASURE)
                measured["blocking"] = min(measured["blocking"], again["blocking"])
                measured["cls"] = min(measured["cls"], again["cls"])
            figures[name] = measured
            page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            problems += [
                f"{name}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes'][:3]]}"
                for v in result["violations"]]
            if measured["cls"] > 0.02 and name not in CLS_KNOWN:
                problems.append(f"{name}: CLS {measured['cls']:.3f}")
            if measured["blocking"] >= 200:
                problems.append(f"{name}: Total Blocking Time {measured['blocking']:.0f} ms")
            if measured["bytes"] > TRANSFER_BUDGET:
                problems.append(f"{name}: {measured['bytes']} bytes")
    finally:
        context.close()
    print(size, scheme, {k: (round(v["cls"], 3), round(v["blocking"]), v["bytes"])
                         for k, v in figures.items()})
    assert problems == [], "\n".join(problems)


def test_screenshots_light_and_dark(browser, url):
    """The map and a lemma at phone and desktop size, light and dark: test artifacts."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for scheme, word in (("light", "licht"), ("dark", "donker")):
        for size, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height},
                                          color_scheme=scheme)
            page = context.new_page()
            for name, path in (("kaart", "kaart/"), ("lemma", "lemma/wederkerigheid/")):
                page.goto(url + path, wait_until="networkidle")
                assert page.evaluate("() => document.body.dataset.mdColorScheme") == (
                    "slate" if scheme == "dark" else "default")
                page.screenshot(path=str(SHOTS / f"{name}-{size}-{word}.png"))
            context.close()


def test_print_fits_a_lemma_on_three_a4_pages(page, url, real_site):
    """Chromium's print-to-PDF of the longest and the shortest lemma: at most 3 A4 pages,
    and no heading may end a page (its break-after is 'avoid')."""
    from lexicon.core.loader import load_lexicon

    lexicon = load_lexicon(real_site).lexicon
    by_length = sorted(lexicon, key=lambda e: e.word_count)
    for entry in (by_length[0], by_length[-1]):
        page.goto(url + f"lemma/{entry.slug}/", wait_until="networkidle")
        pdf = page.pdf(format="A4")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 1 <= pages <= 3, f"{entry.slug} ({entry.word_count} woorden): {pages} pagina's"
    (REPO / "test-artifacts").mkdir(exist_ok=True)
    (REPO / "test-artifacts" / "lemma-print-a4.pdf").write_bytes(pdf)
    page.emulate_media(media="print")  # (after page.pdf: it would print this media)
    breaks = page.evaluate("""() => [...document.querySelectorAll(
        '.md-typeset h2, .md-typeset h3')].map(h => getComputedStyle(h).breakAfter)""")
    assert breaks and set(breaks) == {"avoid"}


def test_share_copies_the_link_where_there_is_no_share_sheet(browser, url):
    context = browser.new_context()
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.add_init_script("delete Navigator.prototype.share")
        page.goto(url + "lemma/wederkerigheid/", wait_until="networkidle")
        page.get_by_role("button", name="Delen").click()
        page.get_by_role("status").filter(has_text="Link gekopieerd").wait_for()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.endswith("/lemma/wederkerigheid/")
    finally:
        context.close()


def test_phone_reader_gets_contents_and_previews_that_do_not_block_links(browser, url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    try:
        page = context.new_page()
        page.goto(url + "lemma/wederkerigheid/", wait_until="networkidle")
        contents = page.locator("details.lx-toc")
        contents.locator("summary").tap()
        first = contents.locator("a").first
        target = first.get_attribute("href")
        first.tap()
        page.wait_for_url(f"**{target}")
        peek = page.locator(".lx-entry__body .lx-peek").first
        link = page.locator(".lx-entry__body a.lx-wikilink").first
        peek.tap()
        note = page.locator(".lx-entry__body .lx-preview").first
        assert note.is_visible()
        assert note.inner_text() == link.get_attribute("title")
        href = link.get_attribute("href")
        link.tap()  # a tap on the link itself goes to the lemma at once
        page.wait_for_url("**/lemma/" + href.strip("./").split("/")[-1] + "/")
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_local_map_on_a_lemma_page(page, url, size):
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url + "lemma/wederkerigheid/", wait_until="networkidle")
    found = page.evaluate(OVERLAPS, "svg.lx-map--lokaal")
    assert found["overlaps"] == []
    assert found["px"] >= 12
    here = page.locator("svg.lx-map--lokaal a[aria-current=page]")
    assert here.get_attribute("data-slug") == "wederkerigheid"
    here.focus()
    page.keyboard.press("ArrowDown")
    slug = _active(page)
    assert slug and slug != "wederkerigheid"
    assert "Verbonden met" in page.locator(".lx-local [data-lx-map-info]").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/lemma/{slug}/")


def test_map_zooms_with_buttons_and_pans_with_a_mouse_drag(page, url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url + "kaart/", wait_until="networkidle")
    svg = page.locator("svg.lx-map--breed")
    full = svg.get_attribute("viewBox")
    page.get_by_role("button", name="Inzoomen").click()
    zoomed = svg.get_attribute("viewBox")
    assert zoomed != full
    box = svg.bounding_box()
    # Drag from the empty gap between the two columns of regions, where it is on screen.
    x, y = box["x"] + box["width"] / 2, max(box["y"], 0) + 100
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 80, steps=6)
    page.mouse.up()
    assert svg.get_attribute("viewBox") != zoomed
    assert page.url.endswith("/kaart/")
    page.get_by_role("button", name="Hele kaart tonen").click()
    assert svg.get_attribute("viewBox") == full
