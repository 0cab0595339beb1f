"""Every diagnostic code is documented for editors, and every command has help."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lexicon import CODES
from lexicon.cli import cli
from lexicon.cli.reference import render

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_is_documented_in_readme(code):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    info = CODES[code]
    assert f"| `{code}` | {info.severity.value} | {info.title} |" in readme


def test_codes_are_stable_and_well_formed():
    assert all(code.startswith("LEX") and len(code) == 6 for code in CODES)
    assert all(info.explanation.endswith(".") for info in CODES.values())


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_dutch_help(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Gebruik:" in result.output
    assert cli.commands[name].help


@pytest.mark.parametrize("name", ["README.md", "CONTRIBUTING.md"])
def test_generated_blocks_are_current(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    assert render(text) == text, "voer 'make readme' uit"


def test_readme_lists_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"| `lexicon {name} " in readme, name
