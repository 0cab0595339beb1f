"""ARCHITECTURE.md, the import-linter contract and the package tree tell the same story."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "tooling" / "lexicon"


def _contract_layers() -> list[list[str]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    (layers,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return [[name.strip() for name in layer.split("|")] for layer in layers["layers"]]


def _documented_layers() -> list[list[str]]:
    text = (REPO / "ARCHITECTURE.md").read_text("utf-8")
    block = re.search(r"<!-- lagen:start -->\n(.*?)<!-- lagen:end -->", text, re.DOTALL)
    assert block, "ARCHITECTURE.md mist het blok <!-- lagen:start --> … <!-- lagen:end -->"
    rows = [line for line in block.group(1).splitlines() if line.strip()]
    return [re.findall(r"`([\w.]+)`", row) for row in rows]


def test_documented_layers_are_the_contract() -> None:
    assert _documented_layers() == _contract_layers()


def test_every_package_is_in_a_layer_and_says_what_it_may_import() -> None:
    layered = {name for layer in _contract_layers() for name in layer}
    packages = {f"lexicon.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")}
    assert packages == layered
    for name in packages:
        init = PACKAGE / name.split(".")[1] / "__init__.py"
        docstring = ast.get_docstring(ast.parse(init.read_text("utf-8"))) or ""
        assert "may import" in docstring.lower(), f"{init}: zegt niet wat het mag importeren"


def test_no_module_outside_a_layer() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert loose == []


def test_every_package_in_the_table_exists() -> None:
    text = (REPO / "ARCHITECTURE.md").read_text("utf-8")
    named = set(re.findall(r"^\| `(\w+)` \|", text, re.MULTILINE))
    assert named == {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
