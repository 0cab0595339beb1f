"""The check cache gives exactly what a fresh check gives, and lives outside the lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import lemma
from lexicon import load_lexicon
from lexicon.core.checkcache import CheckCache, cache_dir
from lexicon.core.settings import Settings
from test_corpus import ALL, _lexicon
from test_fuzz_loader import TEXTS


def _same_as_fresh(root: Path) -> None:
    fresh = load_lexicon(root)
    first = load_lexicon(root, cache=True)   # fills the cache
    second = load_lexicon(root, cache=True)  # answers from it
    for result in (first, second):
        assert result.diagnostics == fresh.diagnostics
        assert result.lexicon == fresh.lexicon
        for slug, entry in fresh.lexicon.entries.items():
            assert dict(result.lexicon.entries[slug].positions) == dict(entry.positions)


@pytest.mark.parametrize("case", ALL, ids=[c.name for c in ALL])
def test_cached_results_equal_fresh_results_for_every_corpus_case(case, tmp_path):
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "bestand-buiten").write_text(lemma("Geheim", "Zie [[alfa]].\n"))
    (outside / "map-buiten").mkdir()
    root = _lexicon(tmp_path / "lexicon")
    case.write(root, outside)
    _same_as_fresh(root)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_cached_results_equal_fresh_results_for_any_text(tmp_path_factory, text):
    root = _lexicon(tmp_path_factory.mktemp("cache"))
    (root / "lemmas" / "fuzz.md").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    _same_as_fresh(root)


def test_changed_file_is_checked_again(make_lexicon, pair):
    pair["lemmas/beta.md"] = lemma("Beta", "Zie [[alfa]].\n", extra="updated: 2026-01-02\n")
    root = make_lexicon(pair)
    assert load_lexicon(root, cache=True).diagnostics == []
    (root / "lemmas" / "alfa.md").write_text(lemma("Alfa", "Zie [[betaa]].\n"), "utf-8")
    result = load_lexicon(root, cache=True)  # keeps beta's cached record, dates and all
    assert [d.code for d in result.diagnostics] == ["LEX302", "LEX501"]
    assert result.lexicon.entries["beta"].updated.isoformat() == "2026-01-02"
    assert [d.code for d in load_lexicon(root, cache=True).diagnostics] == ["LEX302", "LEX501"]


def test_citation_problems_are_kept_with_the_cached_file(make_lexicon, pair, monkeypatch):
    """LEX507 depends on the lemma's own file only: a second check gives it from the cache,
    without checking the citations again; a changed file has them checked again."""
    pair["lemmas/beta.md"] = lemma("Beta", "Zie [[alfa]], zoals Sahlins (1972) schreef.\n")
    root = make_lexicon(pair)
    first = load_lexicon(root, cache=True).diagnostics
    assert [d.code for d in first] == ["LEX507"]
    from lexicon.core import citations

    def unexpected(entry):
        raise AssertionError(f"citations of {entry.slug} checked again")

    monkeypatch.setattr(citations, "check", unexpected)
    assert load_lexicon(root, cache=True).diagnostics == first
    (root / "lemmas" / "beta.md").write_text(lemma("Beta", "Zie [[alfa]].\n"), "utf-8")
    with pytest.raises(AssertionError, match="citations of beta"):
        load_lexicon(root, cache=True)


def test_cache_is_outside_the_lexicon_and_never_read_from_it(make_lexicon, pair, monkeypatch):
    root = make_lexicon(pair)
    load_lexicon(root, cache=True)
    cache = CheckCache(root, Settings())
    assert cache.path.parent == cache_dir()
    assert root not in cache.path.parents
    assert cache.hits == 0 and len(cache.old) == 4
    monkeypatch.delenv("LEXICON_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "xdg"))
    assert cache_dir() == root / "xdg" / "lexicon"


def test_a_corrupt_cache_only_costs_time(make_lexicon, pair):
    root = make_lexicon(pair)
    load_lexicon(root, cache=True)
    for shard in CheckCache(root, Settings()).path.glob("*.json"):
        shard.write_text("{niet: json", encoding="utf-8")
    assert load_lexicon(root, cache=True).diagnostics == []


def test_the_plain_text_is_decoded_from_the_cache_only_when_search_needs_it(make_lexicon,
                                                                            pair):
    from lexicon.core.body import plain_text
    from lexicon.core.model import BodyInfo

    root = make_lexicon(pair)
    fresh = load_lexicon(root).lexicon.entries["beta"]
    load_lexicon(root, cache=True)
    cached = load_lexicon(root, cache=True).lexicon.entries["beta"]
    assert cached.info.plain is None and cached.info.plain_json is not None
    assert cached.info == fresh.info  # equal before the blocks are decoded …
    assert plain_text(cached.body, {"alfa": "Alfa"}, cached.info) == \
        plain_text(fresh.body, {"alfa": "Alfa"}, fresh.info)
    assert cached.info.plain == fresh.info.plain  # … and after
    # Stored blocks that cannot be read: the body is parsed again.
    for damaged in ("[[1, 2]]", "{", '"tekst"'):
        info = BodyInfo(plain_json=damaged)
        assert info.blocks() is None
        assert plain_text("Zie [[alfa]].", {"alfa": "Alfa"}, info) == "Zie Alfa."
