"""`make bench` itself: a tiny run of the scale benchmark, so it cannot break unnoticed.

The run is a subprocess like `make bench`, with the environment of a fresh clone: no
LEXICON_CACHE_DIR and an empty user cache folder, so a step that looks for the index in the
wrong place fails here instead of only on someone else's machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALE = ROOT / "bench" / "scale.py"


def test_scale_benchmark_runs_on_a_fresh_clone(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "LEXICON_CACHE_DIR"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "user-cache")
    env["TMPDIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, str(SCALE), "20", "--repeat", "1",
                             "--searches", "3"], env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for row in ("vloer: lezen + YAML + één markdown-it-ontleding", "`lexicon check --no-cache`",
                "`lexicon index --full`", "kale `mkdocs build`", "check (koud) / vloer",
                "eerste `lexicon build`", "`lexicon build` na één gewijzigd lemma"):
        assert row in out, out
    for kind in ("één woord", "meer woorden", "tikfout", "geen resultaat", "woordbegin"):
        assert f"| {kind} (3×" in out, out
    assert "geen resultaat (3×, 3 zonder treffer" in out, out
    assert "Doelen gelden vanaf N = 5000" in out
    # Nothing was written to the user's cache: every command used the benchmark's own.
    assert not (tmp_path / "user-cache").exists()


def test_bare_floor_counts_every_file(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bare_parse
    finally:
        sys.path.remove(str(ROOT / "bench"))
    for folder in ("lemmas", "clusters", "pages"):
        (tmp_path / folder).mkdir()
    (tmp_path / "lemmas" / "a.md").write_text("---\ntitle: A\n---\n\n# Kop\n\nTekst.\n")
    (tmp_path / "clusters" / "b.md").write_text("Geen front matter.\n")
    assert bare_parse.main(tmp_path) == 2
    assert bare_parse.main(tmp_path, markdown=False) == 2
