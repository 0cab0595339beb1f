"""`lexicon check FILES` and the pre-commit hook that calls it for changed lemma's."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, lemma
from lexicon.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_check_files_reports_only_those_files(make_lexicon, pair):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[betta]].")
    pair["lemmas/gamma.md"] = lemma("Gamma", "Zie [[alfa]].", extra="tags: [A, A]\n")
    root = make_lexicon(pair)
    alfa, gamma = root / "lemmas" / "alfa.md", root / "lemmas" / "gamma.md"
    only_alfa = run("check", "--format", "json", str(alfa))
    assert only_alfa.exit_code == 1
    codes = {(d["path"], d["code"]) for d in json.loads(only_alfa.stdout)["diagnostics"]}
    assert codes == {("lemmas/alfa.md", "LEX302")}
    both = run("check", str(alfa), str(gamma))
    assert "LEX302" in both.stderr and "LEX206" in both.stderr
    # gamma: nobody links to it (LEX501); alfa's link to beta is broken, so beta is an orphan
    # too, but beta was not asked for.
    assert both.stdout == "2 bestanden gecontroleerd: 2 fouten, 1 waarschuwing.\n"
    clean = run("check", str(root / "lemmas" / "beta.md"))
    assert clean.exit_code == 0, clean.output
    assert clean.stdout == "1 bestand gecontroleerd: 0 fouten, 1 waarschuwing.\n"


def test_check_files_outside_a_lexicon_or_mixed_with_a_folder(make_lexicon, pair, tmp_path_factory):
    root = make_lexicon(pair)
    stray = tmp_path_factory.mktemp("elders") / "los.md"
    stray.write_text("tekst", encoding="utf-8")
    outside = run("check", str(stray))
    assert outside.exit_code == 2
    assert "ligt niet in een lexicon" in outside.stderr
    mixed = run("check", str(root), str(root / "lemmas" / "alfa.md"))
    assert mixed.exit_code == 2
    assert "noem één map of een of meer bestanden" in mixed.stderr


def test_hook_configuration_calls_check_on_lemma_files():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for repo in config["repos"] for h in repo["hooks"]]
    assert hook["id"] == "lexicon-check"
    assert hook["entry"].split()[1:] == ["check"]
    assert hook["pass_filenames"] is True
    pattern = re.compile(hook["files"])
    assert pattern.search("lemmas/sociale-afstand.md")
    assert pattern.search("clusters/sociale-nabijheid.md")
    assert not pattern.search("tooling/lexicon/cli.py")
    assert not pattern.search("lemmas/sub/x.md")


def test_pre_commit_blocks_a_commit_with_a_broken_wikilink(make_lexicon, pair, tmp_path_factory):
    git = shutil.which("git")
    if git is None:
        pytest.skip("git ontbreekt")
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[betta]].")
    root = make_lexicon(pair)
    shutil.copy(REPO / ".pre-commit-config.yaml", root / ".pre-commit-config.yaml")
    # The hook runs .venv/bin/lexicon from the repository root, as in a real clone.
    (root / ".venv").symlink_to(Path(sys.executable).parent.parent)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit")),
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run([git, "init", "-q"], cwd=root, check=True, env=env)
    subprocess.run([git, "add", "lemmas", "clusters", ".pre-commit-config.yaml"], cwd=root,
                   check=True, env=env)
    pre_commit = Path(sys.executable).with_name("pre-commit")
    result = subprocess.run(
        [str(pre_commit), "run", "--files", "lemmas/alfa.md", "lemmas/beta.md"],
        cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "lemmas/alfa.md:13:5: fout LEX302 onbekend lemma 'betta'" in result.stdout
    assert "2 bestanden gecontroleerd: 1 fout, 1 waarschuwing." in result.stdout  # beta: orphan
    (root / "lemmas" / "alfa.md").write_text(lemma("Alfa", "Zie [[beta]]."), encoding="utf-8")
    fixed = subprocess.run([str(pre_commit), "run", "--files", "lemmas/alfa.md"],
                           cwd=root, env=env, capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
