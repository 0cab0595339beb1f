"""One search on every host: the browser engine agrees with the served one.

The conformance cases (tests/search-conformance.yaml) run against both engines; the
browser's stemmer gives the Python stems for every word of the lexicon; on the public
query set the static engine stays within 0.02 MRR@10 of the served one for every kind of
query; and a reader on a static copy can search from the header and from /zoeken/.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO
from lexicon.core.loader import load_lexicon
from lexicon.devtools.static_search import StaticSearch, serve_folder, static_search
from lexicon.search.engine import Searcher, committed, index_dir

CASES = yaml.safe_load((REPO / "tests" / "search-conformance.yaml").read_text("utf-8"))


def _id(case: dict[str, Any]) -> str:
    return case["q"] + (f"@{case['cluster']}" if "cluster" in case else "")


def check(case: dict[str, Any], answer: dict[str, Any]) -> None:
    slugs = [hit["slug"] for hit in answer["results"]]
    if "top" in case:
        assert slugs[: len(case["top"])] == case["top"], slugs
    if "includes" in case:
        assert set(case["includes"]) <= set(slugs), slugs
    if "results" in case:
        assert slugs == case["results"]
    if "corrected" in case:
        assert answer["corrected"] == case["corrected"]
    if "facets" in case:
        counts = answer["facets"]["cluster"]
        assert {k: counts.get(k) for k in case["facets"]} == case["facets"]
    if "total" in case:
        assert answer["total"] == case["total"]
    if "retried" in case:
        assert answer["retried"] == case["retried"]
    if "closest" in case:
        assert [c["slug"] for c in answer["closest"]] == case["closest"]
        assert all(set(c) == {"slug", "title", "cluster", "url"} for c in answer["closest"])
    if case.get("mark"):
        assert "<mark" in answer["results"][0]["snippet"]


@pytest.fixture(scope="module")
def served(built_site) -> Iterator[Searcher]:
    with Searcher(index_dir(built_site)) as searcher:
        yield searcher


@pytest.fixture(scope="module")
def browser_engine(built_site, browser) -> Iterator[StaticSearch]:
    with static_search((built_site / "site").resolve(), browser) as engine:
        yield engine


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_served_engine_conforms(case, served):
    params = {k: case[k] for k in ("cluster",) if k in case}
    check(case, served.search(case["q"], **params).as_dict())


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_static_engine_conforms(case, browser_engine):
    params = {k: case[k] for k in ("cluster",) if k in case}
    check(case, browser_engine.search(case["q"], **params))


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    """The browser index of the real lexicon (without building the whole site)."""
    from lexicon.search import static
    from lexicon.search.engine import update_index

    lexicon = load_lexicon(REPO).lexicon.published()
    base = tmp_path_factory.mktemp("real-index")
    update_index(lexicon, base)
    site = tmp_path_factory.mktemp("real-site")
    folder = committed(base)
    assert folder is not None
    static.build(folder, static.cluster_titles(lexicon), site / static.FOLDER)
    assets = REPO / "tooling" / "lexicon" / "site" / "templates" / "assets" / "lexicon"
    (site / "assets" / "lexicon").mkdir(parents=True)
    (site / "assets" / "lexicon" / "lx-search.js").write_bytes(
        (assets / "lx-search.js").read_bytes())
    (site / "index").symlink_to(base)
    return site


def test_browser_stems_are_the_python_stems_for_every_word_of_the_lexicon(real_site, browser):
    forms: dict[str, list[Any]] = {}
    for shard in (real_site / "search" / "lx" / "forms").glob("*.json"):
        forms.update(json.loads(shard.read_text("utf-8")))
    meta = json.loads((real_site / "search" / "lx" / "meta.json").read_text("utf-8"))
    words = sorted(w for w, form in forms.items() if len(w) >= 2 and w not in meta["stopwords"])
    assert len(words) > 3000
    with static_search(real_site, browser) as engine:
        browser = engine.stems(words)
    differ = [(w, forms[w][1:], b) for w, b in zip(words, browser, strict=True)
              if forms[w][1:] != [b]]
    assert differ == []


def test_static_engine_matches_the_served_one_on_the_public_query_set(real_site, browser):
    from lexicon.devtools.evaluation import evaluate, load_queries

    judgements = load_queries(REPO / "tests" / "search-queries.yaml")
    with Searcher(real_site / "index") as searcher:
        served = evaluate(lambda q: [h.slug for h in searcher.search(q).results], judgements)
    with static_search(real_site, browser) as engine:
        browser = evaluate(engine.slugs, judgements)
    served_kinds, browser_kinds = served.by_kind(), browser.by_kind()
    for kind, (_, mrr, _) in served_kinds.items():
        assert browser_kinds[kind][1] >= mrr - 0.02, (kind, browser_kinds[kind], mrr)


@pytest.fixture(scope="module")
def static_copy(built_site) -> Iterator[str]:
    with serve_folder((built_site / "site").resolve()) as url:
        yield url


def test_a_reader_searches_a_static_copy(static_copy, browser):
    """Header search, /zoeken/ with facets, a typo, a dead end: on a plain static file
    server."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url))
    page.goto(static_copy + "lemma/wederkerigheid/", wait_until="networkidle")
    assert not [u for u in loaded if "/search/lx/" in u or "lx-search.js" in u]
    # In the box, before the first keystroke: the engine and the index's metadata (warm).
    with page.expect_request(lambda r: r.url.endswith("/search/lx/meta.json")):
        page.keyboard.press("/")
    assert not [u for u in loaded if "/search/lx/" in u and not u.endswith("/meta.json")]
    page.locator("[data-md-component=search-query]").fill("vertrouwen")
    page.locator(".md-search-result__list h1").first.wait_for()
    assert page.locator(".md-search-result__list h1").first.inner_text() == "Vertrouwen"

    page.goto(static_copy + "zoeken/?zoekterm=vertrouwen", wait_until="networkidle")
    page.locator(".lx-result__title").first.wait_for()
    assert page.locator(".lx-result__title").first.inner_text() == "Vertrouwen"
    facets = page.locator("#lx-search-facets")
    assert facets.is_visible()
    page.locator("button[data-lx-cluster=geografische-nabijheid]").click()
    page.wait_for_function("document.querySelectorAll('.lx-result').length === 1")
    assert page.locator(".lx-result__title").all_inner_texts() == ["Sociale teams"]

    page.goto(static_copy + "zoeken/?zoekterm=eenzaamhied", wait_until="networkidle")
    page.get_by_text("Bedoelde je").wait_for()
    assert page.locator(".lx-result__title").first.inner_text() == "Eenzaamheid"
    link = page.locator(".lx-result__title").first.get_attribute("href") or ""
    assert "?h=" in link
    page.goto(static_copy + "zoeken/", wait_until="networkidle")
    assert not facets.is_visible()

    # No dead end: looser matching, then the closest lemma's (their names load only then).
    assert not [u for u in loaded if u.endswith("/names.json")]
    page.goto(static_copy + "zoeken/?zoekterm=ontv", wait_until="networkidle")
    page.get_by_text("ruimer gezocht").wait_for()
    assert page.locator(".lx-result__title").all_inner_texts() == ["Wederkerigheid"]
    assert not [u for u in loaded if u.endswith("/names.json")]
    page.goto(static_copy + "zoeken/?zoekterm=eenzmhaeid", wait_until="networkidle")
    status = page.locator("#lx-search-status")
    status.get_by_role("link", name="Eenzaamheid").wait_for()
    assert status.get_by_role("link", name="register A–Z").get_attribute("href") == "../register/"
    assert [u for u in loaded if u.endswith("/names.json")]
    page.close()
    assert errors == []


LAYOUT_SHIFT = """() => new Promise(done => {
  let cls = 0;
  new PerformanceObserver(list => list.getEntries().forEach(e => {
    if (!e.hadRecentInput) cls += e.value; })).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(cls), 300);
})"""


def test_results_arriving_on_a_static_copy_move_nothing(static_copy, browser):
    """On a phone, the static /zoeken/ with a query draws its results and facets in space
    the page already keeps for them: no layout shift (the footer used to jump)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(static_copy + "zoeken/?zoekterm=buurt", wait_until="networkidle")
        page.locator(".lx-result__title").first.wait_for()
        assert page.locator("#lx-search-facets").is_visible()
        assert page.evaluate(LAYOUT_SHIFT) <= 0.02
    finally:
        context.close()
