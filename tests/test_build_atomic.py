"""Build folders: what is kept and removed, older layouts, and the plugin reusing the check."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import install_site_config
from lexicon import load_lexicon
from lexicon.site.build import BUILDS, BuildError, build_site


@pytest.fixture
def lexicon_root(make_lexicon, pair):
    root = make_lexicon(pair)
    install_site_config(root)
    return root


def _builds(root):
    return sorted(p.name for p in (root / BUILDS).iterdir() if p.is_dir())


def test_only_the_served_and_the_previous_build_are_kept(lexicon_root):
    served = []
    for _ in range(4):
        build_site(lexicon_root)
        served.append((lexicon_root / "site").resolve().parent.name)
    assert _builds(lexicon_root) == sorted(served[-2:])
    assert (lexicon_root / "site" / "index.html").is_file()
    assert (lexicon_root / "site").resolve().parent.joinpath("search").is_dir()


def test_a_site_of_the_older_layout_keeps_being_served_during_the_build(lexicon_root):
    build_site(lexicon_root)
    current = (lexicon_root / "site").resolve().parent
    # Earlier versions pointed `site` at the build folder itself.
    old = lexicon_root / BUILDS / "build-oud"
    shutil.copytree(current / "site", old)
    (lexicon_root / "site").unlink()
    (lexicon_root / "site").symlink_to(os.path.relpath(old, lexicon_root))
    shutil.rmtree(current)
    build_site(lexicon_root)
    assert _builds(lexicon_root) == sorted(["build-oud", (lexicon_root / "site").resolve()
                                            .parent.name])


def test_the_plugin_uses_the_lexicon_the_cli_just_checked(lexicon_root, monkeypatch):
    import lexicon.site.plugin as plugin_module

    loaded = load_lexicon(lexicon_root, cache=True)

    def no_second_read(*args, **kwargs):
        raise AssertionError("het lexicon is opnieuw gelezen")

    monkeypatch.setattr(plugin_module, "load_lexicon", no_second_read)
    build_site(lexicon_root, loaded=loaded)
    assert (lexicon_root / "site" / "lemma" / "alfa" / "index.html").is_file()
    # With a public address to apply, the plugin must read for itself.
    monkeypatch.setenv("LEXICON_SITE_URL", "https://lexicon.example/")
    with pytest.raises(BuildError, match="opnieuw gelezen"):
        build_site(lexicon_root, loaded=loaded)
