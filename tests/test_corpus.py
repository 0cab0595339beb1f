"""The bad-input corpus: hostile and broken files, each with the exact errors it must give.

tests/corpus/<case>/ holds the files of one case (laid over a small valid lexicon: two
clusters, lemma's alfa and beta) and case.yaml with a description, the expected errors
(path, line, column, code, message, hint) and optional symbolic links to create. The huge
cases (a 10 MB file, 10 000 wikilinks, nesting thousands deep, 200 000 unclosed '[[', a
front matter of 90 000 tags) are generated here instead of committed. For every case:

- `lexicon check` exits 1 (0 for control cases without errors) and reports exactly the
  expected errors, with no traceback, within bounded time (and, in a subprocess under a
  memory limit, bounded memory for the generated cases);
- `lexicon build` and a direct site build both fail and leave the previously built site and
  search index exactly as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import CLUSTERS, install_site_config, lemma
from lexicon.cli import cli
from lexicon.search.engine import index_dir
from lexicon.site.build import BuildError, build_site

CORPUS = Path(__file__).parent / "corpus"
BASE = {
    **CLUSTERS,
    "lemmas/alfa.md": lemma("Alfa", "Zie [[beta|de beta]].\n"),
    "lemmas/beta.md": lemma("Beta", "Zie [[alfa]].\n\n## Een kop\n"),
}
CHECK_SECONDS = 20.0
"""Generous: every case takes well under a second; this only catches hangs."""
MEMORY_LIMIT = 1024 * 1024 * 1024
"""Address-space limit for the subprocess runs: a bomb that expands would hit it."""


@dataclass
class Case:
    name: str
    files: dict[str, bytes]
    expected: list[dict[str, object]]
    symlinks: dict[str, str] = field(default_factory=dict)

    def write(self, root: Path, outside: Path) -> None:
        for rel, data in self.files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for rel, kind in self.symlinks.items():
            (root / rel).symlink_to(outside / kind)


def _committed_cases() -> list[Case]:
    cases = []
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        meta = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
        files = {p.relative_to(folder).as_posix(): p.read_bytes()
                 for p in folder.rglob("*") if p.is_file() and p.name != "case.yaml"}
        cases.append(Case(folder.name, files, meta.get("expected") or [],
                          meta.get("symlinks") or {}))
    return cases


def _error(path: str, line: int, column: int, code: str, message: str,
           hint: str | None) -> dict[str, object]:
    return {"path": path, "line": line, "column": column, "code": code, "message": message,
            "hint": hint}


def _generated_cases() -> list[Case]:
    ten_mb = lemma("Gamma", "Zie [[alfa]].\n" + ("woord " * 16 + "\n") * 105_000)
    size = f"{len(ten_mb.encode()):,}".replace(",", ".")
    links = lemma("Gamma", "Zie [[alfa]].\n" + "[[beta]] " * 10_000 + "\n\n[[onbekend]]\n")
    links_line = links.split("\n").index("[[onbekend]]") + 1
    deep_yaml = lemma("Gamma", "Zie [[alfa]].\n", extra="tags: " + "[" * 10_000 + "]" * 10_000
                      + "\n")
    deep_lists = lemma("Gamma", "Zie [[alfa]].\n\n" + "- " * 3_000 + "punt\n\n" + "> " * 3_000
                       + "citaat\n\n" + "1. " * 3_000 + "stap\n\nEen [[kapot]] eind.\n")
    deep_line = next(i for i, text in enumerate(deep_lists.split("\n"))
                     if text.startswith("- - -")) + 1
    long_line = lemma("Gamma", "Zie [[alfa]]. " + "lang " * 180_000 + "[[kapot]]\n",
                      words=False)
    long_row = next(i for i, text in enumerate(long_line.split("\n")) if "[[kapot]]" in text)
    long_column = long_line.split("\n")[long_row].index("[[kapot]]") + 1
    # Issue 14: 200 000 unclosed '[[' (400 kB) took 152 s. Now the markup bound stops the
    # check at once, at the first '[' past it.
    unclosed = lemma("Gamma", "Zie [[alfa]].\n\n" + "[[" * 200_000 + "\n", words=False)
    unclosed_row = unclosed.split("\n").index("[[" * 200_000) + 1
    link_openers = lemma("Gamma", "Zie [[alfa]].\n\n" + "[a](" * 9_000 + "\n", words=False)
    openers_row = unclosed_row
    many_lines = lemma("Gamma", "Zie [[alfa]].\n" + "regel\n" * 6_000, words=False)
    body_line = many_lines.split("\n").index("Zie [[alfa]].")  # 1-based: the blank before
    tags = lemma("Gamma", "Zie [[alfa]].\n", extra="tags:\n" + "".join(
        f"  - {i}\n  - t{i}\n" for i in range(45_000)))
    # The 2 001st line end or comma of the YAML (the literature lines have commas too): the
    # end of line 2 000, after '  - 994'.
    tags_row, tags_column = 2_000, 8
    headings = lemma("Gamma", "Zie [[alfa]].\n\n" + "## Kop\n\n" * 2_400)
    return [
        Case("generated-200000-unclosed-wikilinks", {"lemmas/gamma.md": unclosed.encode()}, [
            _error("lemmas/gamma.md", unclosed_row, 20_000, "LEX406",
                   "de tekst bevat meer dan 20.000 opmaaktekens zoals [ ] * _ < ` (hier het"
                   " eerste teveel)",
                   "schrijf gewone tekst met een enkele link of nadruk; zo veel opmaak heeft"
                   " geen lemma nodig")]),
        Case("generated-9000-unclosed-link-addresses",
             {"lemmas/gamma.md": link_openers.encode()}, [
                 _error("lemmas/gamma.md", openers_row, 4, "LEX406",
                        "de '(' van een link sluit niet binnen 2.000 tekens",
                        "sluit het adres van de link met ')', of schrijf '\\(' als het geen"
                        " link is")]),
        Case("generated-6000-lines", {"lemmas/gamma.md": many_lines.encode()}, [
            _error("lemmas/gamma.md", body_line + 5_000, 1, "LEX406",
                   "de tekst heeft 6.003 regels (hoogstens 5.000)",
                   "een lemma is een beknopte tekst: kort het in of splits het op")]),
        Case("generated-front-matter-90000-tags", {"lemmas/gamma.md": tags.encode()}, [
            _error("lemmas/gamma.md", tags_row, tags_column, "LEX406",
                   "de front matter heeft meer dan 2.000 regels of waarden",
                   "een lemma heeft enkele velden met korte lijsten: kort ze in")]),
        # Control: 2 400 headings with the same name are fine (their anchors were quadratic).
        Case("generated-2400-same-headings", {"lemmas/gamma.md": headings.encode()}, []),
        Case("generated-10mb-body", {"lemmas/gamma.md": ten_mb.encode()}, [
            _error("lemmas/gamma.md", 1, 1, "LEX009",
                   f"het bestand is {size} bytes (hoogstens 1.000.000)",
                   "een lemma is een beknopte tekst: kort het in")]),
        Case("generated-10000-wikilinks", {"lemmas/gamma.md": links.encode()}, [
            _error("lemmas/gamma.md", links_line, 1, "LEX302",
                   "onbekend lemma 'onbekend' in wikilink [[onbekend]]", None)]),
        Case("generated-yaml-nested-10000-deep", {"lemmas/gamma.md": deep_yaml.encode()}, [
            _error("lemmas/gamma.md", 11, 1006, "LEX101", "de front matter is te diep genest",
                   "gebruik eenvoudige velden en lijsten van tekst")]),
        # markdown-it stops reading at its nesting limit, so [[kapot]] is never seen: the
        # nesting itself must be the error, or whatever follows it would go unchecked.
        Case("generated-markdown-nested-3000-deep", {"lemmas/gamma.md": deep_lists.encode()}, [
            _error("lemmas/gamma.md", deep_line, 1, "LEX405",
                   "lijsten of citaten staan hier te diep in elkaar",
                   "maak de structuur vlakker; wat hierna komt kan niet worden gecontroleerd")]),
        Case("generated-900kb-line", {"lemmas/gamma.md": long_line.encode()}, [
            _error("lemmas/gamma.md", long_row + 1, long_column, "LEX302",
                   "onbekend lemma 'kapot' in wikilink [[kapot]]", None)]),
    ]


COMMITTED = _committed_cases()
GENERATED = _generated_cases()
ALL = COMMITTED + GENERATED


def test_the_corpus_is_large_enough_and_every_case_documents_its_errors():
    assert len(ALL) >= 40
    for case in COMMITTED:
        meta = yaml.safe_load((CORPUS / case.name / "case.yaml").read_text(encoding="utf-8"))
        assert meta["description"], case.name
        assert "expected" in meta, case.name


@pytest.fixture
def outside(tmp_path_factory) -> Path:
    """Things outside the repository that symbolic links in a case point at."""
    folder = tmp_path_factory.mktemp("buiten")
    (folder / "bestand-buiten").write_text(lemma("Geheim", "Zie [[alfa]].\n"), encoding="utf-8")
    (folder / "map-buiten").mkdir()
    return folder


def _lexicon(root: Path) -> Path:
    for rel, text in BASE.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if rel.startswith("lemmas/") else _dedent(text), encoding="utf-8")
    return root


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text)


def _errors(stdout: str) -> list[dict[str, object]]:
    report = json.loads(stdout)
    return [{k: d[k] for k in ("path", "line", "column", "code", "message", "hint")}
            for d in report["diagnostics"] if d["severity"] == "fout"]


@pytest.mark.parametrize("case", ALL, ids=[c.name for c in ALL])
def test_check_reports_exactly_the_expected_errors(case, tmp_path, outside):
    root = _lexicon(tmp_path / "lexicon")
    case.write(root, outside)
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["check", str(root), "--format", "json"])
    seconds = time.perf_counter() - started
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert _errors(result.stdout) == case.expected
    assert result.exit_code == (1 if case.expected else 0), result.output
    assert seconds < CHECK_SECONDS


def test_check_text_output_names_file_and_line(tmp_path, outside):
    case = next(c for c in COMMITTED if c.name == "yaml-billion-laughs")
    root = _lexicon(tmp_path / "lexicon")
    case.write(root, outside)
    result = CliRunner().invoke(cli, ["check", str(root)])
    first = case.expected[0]
    assert result.exit_code == 1
    assert f"{first['path']}:{first['line']}:{first['column']}: fout {first['code']}" in \
        result.stderr
    assert "Traceback" not in result.output


HEAVY = [c for c in ALL if c.name.startswith("generated-") or c.name == "yaml-billion-laughs"]


def _run_bounded(args: list[str]) -> tuple[int, str, str, float, int]:
    """Run a command under a memory limit; return (exit, stdout, stderr, seconds, peak KiB).

    The child is reaped with `os.wait4`, which gives the resource usage of that one child."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=limit)
    output: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda n=name, s=stream: output.__setitem__(n, s.read()))
               for name, stream in (("out", process.stdout), ("err", process.stderr))]
    for reader in readers:
        reader.start()
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > CHECK_SECONDS * 2:
            process.kill()
            os.wait4(process.pid, 0)
            raise AssertionError(f"{args} hangs")
        time.sleep(0.02)
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    for stream in (process.stdout, process.stderr):
        assert stream is not None
        stream.close()
    seconds = time.perf_counter() - started
    return (process.returncode, output["out"].decode(), output["err"].decode(), seconds,
            usage.ru_maxrss)


@pytest.mark.parametrize("case", HEAVY, ids=[c.name for c in HEAVY])
def test_heavy_cases_are_bounded_in_time_and_memory(case, tmp_path, outside):
    root = _lexicon(tmp_path / "lexicon")
    case.write(root, outside)
    lexicon = Path(sys.executable).with_name("lexicon")
    code, stdout, stderr, seconds, peak_kib = _run_bounded(
        [str(lexicon), "check", str(root), "--format", "json"])
    assert "Traceback" not in stderr
    assert code == (1 if case.expected else 0), stderr
    assert _errors(stdout) == case.expected
    assert seconds < CHECK_SECONDS
    assert peak_kib < 400 * 1024  # far below the limit: nothing was expanded or kept whole


# -- builds must leave the previous site and index untouched ------------------------------


def _tree(path: Path) -> dict[str, str]:
    """Every file under `path` (following the top symlink) with its content hash."""
    real = path.resolve()
    return {p.relative_to(real).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(real.rglob("*")) if p.is_file()}


def _snapshot(root: Path) -> tuple[str, dict[str, str], str, dict[str, str]]:
    site = root / "site"
    index = index_dir(root) / "current"
    return (os.readlink(site), _tree(site), os.readlink(index), _tree(index))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Iterator[tuple[Path, tuple[str, dict[str, str], str,
                                                          dict[str, str]]]]:
    root = _lexicon(tmp_path_factory.mktemp("gebouwd"))
    install_site_config(root)
    build_site(root)
    yield root, _snapshot(root)


@pytest.fixture
def applied(built, outside) -> Iterator[Callable[[Case], Path]]:
    """Lay a case over the built lexicon; afterwards restore the lexicon's files."""
    root, _ = built
    sources = {rel: (root / rel).read_bytes() for rel in BASE}
    added: list[Path] = []

    def apply(case: Case) -> Path:
        for rel in [*case.files, *case.symlinks]:
            if rel not in BASE:
                added.append(root / rel)
        case.write(root, outside)
        return root

    yield apply
    for path in added:
        if path.is_symlink() or path.is_file():
            path.unlink()
    for rel, data in sources.items():
        (root / rel).write_bytes(data)


FAILING = [c for c in ALL if c.expected]


@pytest.mark.parametrize("case", FAILING, ids=[c.name for c in FAILING])
def test_failed_builds_leave_site_and_index_untouched(case, built, applied):
    root, before = built
    applied(case)
    result = CliRunner().invoke(cli, ["build", str(root)])
    assert result.exit_code == 1, result.output
    first = case.expected[0]
    assert f"{first['path']}:{first['line']}:{first['column']}" in result.stderr
    # The MkDocs plugin must refuse on its own too (e.g. a plain `mkdocs build`).
    with pytest.raises(BuildError, match=r"het lexicon bevat \d+ fout"):
        build_site(root)
    assert _snapshot(root) == before
    # Nothing half-written stays behind: only the served build and the current index.
    served = (root / "site").resolve().parent
    assert sorted(p.name for p in (root / ".lexicon-builds").iterdir()) == \
        sorted([".lock", served.name])
    search = index_dir(root)
    assert sorted(p.name for p in search.iterdir()) == \
        sorted(["current", (search / "current").resolve().name])
