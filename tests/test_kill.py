"""Builds killed at random moments (SIGKILL) never leave a half site or index being served.

A generated lexicon of 60 lemma's (a build takes a couple of seconds) is built once; then,
again and again, the next "generation" of the lexicon is written (a lemma `generatie-<n>`
replaces the previous one) and `lexicon build` is started in a subprocess and killed at a
seeded random moment. After every kill the server app (in-process) must serve one complete
build, the old one or the new one, and its search index must belong to that same build.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import install_site_config, lemma
from lexicon.devtools.corpus import write_corpus
from lexicon.search.engine import index_dir
from lexicon.serve.app import create_app
from test_server import Client

KILLS = 12
SEED = 8


def _write_generation(root: Path, n: int) -> None:
    for old in (root / "lemmas").glob("generatie-*.md"):
        old.unlink()
    (root / "lemmas" / f"generatie-{n}.md").write_text(lemma(
        f"Generatie {n}", "Deze build hoort bij generatie {n}. Zie [[inleidende-notitie]].\n"),
        encoding="utf-8")
    (root / "lemmas" / "inleidende-notitie.md").write_text(lemma(
        "Inleidende notitie", f"Lees eerst [[generatie-{n}]].\n"), encoding="utf-8")


def _lexicon_command() -> list[str]:
    return [str(Path(sys.executable).with_name("lexicon")), "build"]


def _served_generation(client: Client) -> int:
    """The generation the server serves, after checking that it serves one whole build."""
    status, _, body = client.get("/api/lemmas")
    assert status == 200, body
    slugs = [lemma["slug"] for lemma in json.loads(body)["lemmas"]]
    generations = [int(s.split("-")[1]) for s in slugs if re.fullmatch(r"generatie-\d+", s)]
    assert len(generations) == 1, generations
    generation = generations[0]
    for path in ("/", f"/lemma/generatie-{generation}/", "/lemma/inleidende-notitie/",
                 "/register/"):
        status, _, html = client.get(path)
        assert status == 200, path
        assert html.rstrip().endswith(b"</html>"), path
        if path.startswith("/lemma/"):
            _links_resolve(client, path, html.decode("utf-8"))
    status, _, body = client.get("/api/search", "q=generatie&limit=5")
    assert status == 200, body
    found = [hit["slug"] for hit in json.loads(body)["results"]]
    assert f"generatie-{generation}" in found, found  # the index belongs to this build
    assert all(client.get(f"/lemma/{slug}/")[0] == 200 for slug in found)
    return generation


def _links_resolve(client: Client, path: str, html: str) -> None:
    for href in set(re.findall(r'href="(\.\./[^"#?]+)"', html)):
        target = os.path.normpath(path + href)
        target += "/" if href.endswith("/") else ""
        assert client.get(target)[0] == 200, (path, href)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_builds_leave_a_complete_old_or_new_build(tmp_path):
    root = tmp_path / "lexicon"
    write_corpus(root, 60, seed=5)
    install_site_config(root)
    _write_generation(root, 0)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    subprocess.run([*_lexicon_command(), str(root)], check=True, env=env, capture_output=True)
    build_seconds = time.perf_counter() - started
    client = Client(create_app(root))
    served = _served_generation(client)
    assert served == 0
    rng = random.Random(SEED)
    outcomes = []
    for n in range(1, KILLS + 1):
        _write_generation(root, n)
        process = subprocess.Popen([*_lexicon_command(), str(root)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Up to 1.5 × a build: some kills must come after a build finished, also when later
        # builds take longer than the first on a busy machine.
        time.sleep(rng.uniform(0.05, build_seconds * 1.5))
        finished = process.poll() is not None
        if not finished:
            process.send_signal(signal.SIGKILL)
        process.wait()
        now = _served_generation(client)
        assert now in (served, n), (served, n, now)
        if finished:
            assert now == n
        outcomes.append("new" if now == n else "old")
        served = now
    # A completed build afterwards cleans up whatever the killed ones left.
    final = KILLS + 1
    _write_generation(root, final)
    subprocess.run([*_lexicon_command(), str(root)], check=True, env=env, capture_output=True)
    assert _served_generation(client) == final
    builds = sorted(p.name for p in (root / ".lexicon-builds").iterdir() if p.is_dir())
    assert len(builds) <= 2
    search = index_dir(root)
    assert sorted(p.name for p in search.iterdir()) == sorted(
        ["current", (search / "current").resolve().name])
    # The seeded moments kill some builds before their swap, and let others complete.
    assert "old" in outcomes and "new" in outcomes, outcomes
