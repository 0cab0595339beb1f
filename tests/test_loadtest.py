"""The short version of `make loadtest`: two server processes serving the same build, a
rebuild swapped in under load, not one failed request (issue 15)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO


def test_two_processes_and_a_rebuild_under_load_without_a_failed_request(tmp_path, capsys):
    command = [sys.executable, str(REPO / "bench" / "loadtest.py"), "--duration", "3",
               "--concurrency", "4", "--servers", "2", "--swap", "--generated",
               "--lemmas", "8"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=240,
                            env={"PATH": "/usr/bin:/bin", "LEXICON_CACHE_DIR": str(tmp_path),
                                 "HOME": str(tmp_path)})
    with capsys.disabled():
        print("\n" + result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^fouten: 0, 5xx: 0", result.stdout, re.MULTILINE)
    served = re.findall(r"^proces \d: (\d+) antwoorden", result.stdout, re.MULTILINE)
    assert len(served) == 2 and all(int(n) > 0 for n in served)
    assert re.search(r"^herbouw onder belasting: .* op alle 2 processen$", result.stdout,
                     re.MULTILINE)
