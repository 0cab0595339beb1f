""""Lijkt op" and the browser index made in a second process give what this process makes."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest

from conftest import CLUSTERS, install_site_config, site_files, write_files
from lexicon import load_lexicon
from lexicon.search import static
from lexicon.search.engine import committed, similar_lemmas, update_index
from lexicon.site import background
from lexicon.site.build import build_site


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = write_files(tmp_path_factory.mktemp("lexicon"), {**CLUSTERS, **site_files()})
    lexicon = load_lexicon(root).lexicon.published()
    base = tmp_path_factory.mktemp("index")
    update_index(lexicon, base)
    folder = committed(base)
    assert folder is not None
    return lexicon, folder


def test_the_other_process_gives_what_this_one_gives(index, tmp_path):
    lexicon, folder = index
    clusters = static.cluster_titles(lexicon)
    work = background.IndexWork(folder, clusters, None, lemmas=background.MIN_LEMMAS)
    assert work._future is not None
    assert dict(background.LaterSimilar(work)) == similar_lemmas(folder)
    assert work.elsewhere
    work.browser_index(tmp_path / "theirs")
    assert work.failure is None
    static.build(folder, clusters, tmp_path / "ours")
    assert _tree(tmp_path / "theirs") == _tree(tmp_path / "ours")


class _Failing:
    def __init__(self, *args, **kwargs):
        pass

    def submit(self, *args, **kwargs):
        future: Future = Future()
        future.set_exception(OSError("geen tweede proces"))
        return future

    def shutdown(self, *args, **kwargs):
        pass


def test_a_failed_process_costs_only_time(index, tmp_path, monkeypatch):
    lexicon, folder = index
    monkeypatch.setattr(background, "ProcessPoolExecutor", _Failing)
    clusters = static.cluster_titles(lexicon)
    work = background.IndexWork(folder, clusters, None, lemmas=background.MIN_LEMMAS)
    assert dict(work.similar()) == similar_lemmas(folder)
    assert work.failure == "OSError: geen tweede proces"
    assert not work.elsewhere
    work.browser_index(tmp_path / "here")
    static.build(folder, clusters, tmp_path / "ours")
    assert _tree(tmp_path / "here") == _tree(tmp_path / "ours")


def test_a_site_built_with_the_second_process_is_the_same(tmp_path, monkeypatch):
    files = {**CLUSTERS, **site_files()}
    sites = []
    where = []
    copy = background.IndexWork.browser_index

    def browser_index(work, out):
        stats = copy(work, out)
        where.append(work.elsewhere)
        return stats

    monkeypatch.setattr(background.IndexWork, "browser_index", browser_index)
    for name, minimum in (("hier", 10**9), ("daar", 0)):
        monkeypatch.setenv("LEXICON_CACHE_DIR", str(tmp_path / f"cache-{name}"))
        monkeypatch.setattr(background, "MIN_LEMMAS", minimum)
        root = write_files(tmp_path / name, files)
        install_site_config(root)
        build_site(root)
        sites.append(_tree((root / "site").resolve()))
    assert where == [False, True]
    here, there = sites
    assert here.keys() == there.keys()
    assert [name for name in here if here[name] != there[name]] == []
