"""The GitHub side: workflows that call commands that exist, templates that match the data,
and a pull request with a broken wikilink that gets its annotation on the right line."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, lemma
from lexicon.cli import cli
from lexicon.core.loader import load_lexicon

WORKFLOWS = REPO / ".github" / "workflows"
TEMPLATES = REPO / ".github" / "ISSUE_TEMPLATE"


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def lexicon_calls(data: dict[str, Any]) -> list[list[str]]:
    calls = []
    for step in steps(data):
        for line in step.get("run", "").splitlines():
            if ".venv/bin/lexicon " in line:
                words = shlex.split(line.split(".venv/bin/lexicon ", 1)[1])
                calls.append(words)
    return calls


def make_targets() -> set[str]:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))


NAMES = ["pr.yml", "links.yml", "pages.yml"]


@pytest.mark.parametrize("name", NAMES)
def test_workflow_is_well_formed(name):
    data = workflow(name)
    assert data["name"] and data["on"] and data["jobs"]
    for job in data["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest"
        assert job["timeout-minutes"] <= 60
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                # Pinned to a full commit hash: a moved tag cannot change what runs.
                assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            if step["uses" if "uses" in step else "run"].startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
            # Expressions reach scripts through `env:` only, never expanded into the code.
            assert "${{" not in step.get("run", ""), step


@pytest.mark.parametrize("name", NAMES)
def test_pinned_actions_say_their_version(name):
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment), action


def test_zizmor_finds_nothing_in_the_workflows():
    zizmor = Path(sys.executable).with_name("zizmor")
    if not zizmor.exists():
        pytest.skip("zizmor ontbreekt (make install)")
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", str(WORKFLOWS)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_pages_workflow_builds_main_and_deploys_with_the_official_actions():
    data = workflow("pages.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"] == {}
    build, deploy = data["jobs"]["bouwen"], data["jobs"]["publiceren"]
    used = [s["uses"].split("@")[0] for s in steps(data) if "uses" in s]
    assert used == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                    "actions/setup-node", "actions/upload-pages-artifact", "actions/deploy-pages"]
    assert deploy["needs"] == "bouwen"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = [s for s in build["steps"] if s.get("id") == "bouwen"]
    assert step["env"]["LEXICON_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    # The browser editor's settings come from repository variables (CONTRIBUTING.md).
    assert step["env"]["LEXICON_CMS_REPO"] == "${{ vars.LEXICON_CMS_REPO }}"
    assert [c for c in lexicon_calls(data)] == [["build", "--publiceer", "--statisch"]]


@pytest.mark.parametrize("name", NAMES)
def test_workflows_call_commands_and_options_that_exist(name):
    data = workflow(name)
    calls = lexicon_calls(data)
    assert calls
    for command, *args in calls:
        assert command in cli.commands, command
        options = {opt for p in cli.commands[command].params for opt in p.opts}
        for arg in args:
            if arg.startswith("--"):
                assert arg in options, f"lexicon {command} kent {arg} niet"
    for step in steps(data):
        for targets in re.findall(r"\bmake ([a-z -]+)", step.get("run", "")):
            assert set(targets.split()) <= make_targets(), targets


def test_pull_request_workflow_checks_tests_builds_and_publishes_the_site():
    data = workflow("pr.yml")
    assert "pull_request" in data["on"]
    calls = [" ".join(c[:3]) for c in lexicon_calls(data)]
    assert any(c.startswith("check --format github") for c in calls)
    assert "build" in calls
    runs = " ".join(step.get("run", "") for step in steps(data))
    assert "make test" in runs and "browser" in runs  # Chromium from apt, as .ci/run
    upload = next(s for s in steps(data) if s.get("uses", "").startswith(
        "actions/upload-artifact"))
    assert upload["with"]["path"] == "${{ env.SITE_DIR }}"
    assert "readlink -f site" in runs


def test_link_workflow_runs_weekly_and_on_demand():
    data = workflow("links.yml")
    (schedule,) = data["on"]["schedule"]
    assert len(schedule["cron"].split()) == 5 and schedule["cron"].split()[4] == "1"
    assert "workflow_dispatch" in data["on"]
    assert [c[:2] for c in lexicon_calls(data)] == [["links", "--check"]]


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@example.org",
           "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@example.org"}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True,
                          capture_output=True, text=True).stdout


def test_pull_request_with_a_broken_wikilink_is_annotated_on_its_line(make_lexicon, pair):
    """Runs the workflow's own annotation step in a repository with a base and a PR commit."""
    if shutil.which("git") is None or shutil.which("bash") is None:
        pytest.skip("git en bash zijn nodig")
    root = make_lexicon(pair)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "basis")
    _git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(root, "checkout", "-q", "-b", "nieuw-lemma")
    (root / "lemmas" / "gamma.md").write_text(
        lemma("Gamma", "Over [[alfa]].\n\nZie ook [[betaa|de beta]].\n"), encoding="utf-8")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "Nieuw lemma: gamma")
    (root / ".venv").symlink_to(Path(sys.executable).parent.parent)
    step = next(s for s in steps(workflow("pr.yml")) if "--format github" in s.get("run", ""))
    assert step["env"]["BASE_REF"] == "${{ github.base_ref || 'main' }}"
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=root, capture_output=True,
                            text=True, env={**os.environ, "BASE_REF": "main"})
    assert result.returncode == 1, result.stdout + result.stderr
    line, column = next((n, text.index("[[betaa") + 1) for n, text in enumerate(
        (root / "lemmas" / "gamma.md").read_text(encoding="utf-8").split("\n"), 1)
        if "[[betaa" in text)
    assert column == len("Zie ook ") + 1
    assert result.stdout.splitlines() == [
        "::warning file=lemmas/gamma.md,line=1,col=1,title=LEX501 wees-lemma::geen enkel"
        " ander lemma verwijst naar 'gamma'%0Alink ernaar met [[gamma]] vanuit een lemma"
        " waar 'Gamma' ter sprake komt",
        f"::error file=lemmas/gamma.md,line={line},col={column},title=LEX302 wikilink naar onbekend"
        " lemma::onbekend lemma 'betaa' in wikilink [[betaa|de beta]]%0Abedoelde je 'beta'?",
    ]  # only the changed file: alfa and beta are not annotated


def test_new_lemma_issue_form_offers_the_clusters_that_exist():
    form = yaml.safe_load((TEMPLATES / "nieuw-lemma.yml").read_text(encoding="utf-8"))
    cluster = next(item for item in form["body"] if item.get("id") == "cluster")
    titles = [c.title for c in load_lexicon_clusters()]
    assert cluster["attributes"]["options"] == [*titles, "Weet ik niet"]


def load_lexicon_clusters():
    # The repository's own clusters/ (lemmas/ lives elsewhere while writers work).
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(REPO / "clusters", root / "clusters")
        (root / "lemmas").mkdir()
        return list(load_lexicon(root).lexicon.clusters.values())


@pytest.mark.parametrize("name", ["nieuw-lemma.yml", "fout-melden.yml"])
def test_issue_forms_are_well_formed(name):
    form = yaml.safe_load((TEMPLATES / name).read_text(encoding="utf-8"))
    assert {"name", "description", "title", "labels", "body"} <= set(form)
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert item["attributes"]["value" if item["type"] == "markdown" else "label"]
        if item["type"] == "dropdown":
            assert len(item["attributes"]["options"]) >= 2


def test_pull_request_template_has_the_lemma_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    checks = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(checks) >= 8
    for needle in ("lexicon check", "summary", "450–900", "[[wikilinks]]", "based_on",
                   "literature", "aliases", "originality_check.py", "updated"):
        assert any(needle in c for c in checks), needle
