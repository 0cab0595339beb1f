"""Diagnostics rendered for people (text), for GitHub pull requests and for tools (JSON)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from lexicon.core.diagnostics import CODES, Diagnostic, count


def display_path(root: Path, path: str) -> str:
    """The file as the user should see it: relative to the working folder when inside it."""
    full = (root / path).resolve()
    try:
        return full.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return os.path.normpath(root / path)


def text_lines(diagnostics: Iterable[Diagnostic], root: Path) -> Iterable[tuple[str, bool]]:
    """Yield (line, is_error) pairs: `path:line:col: fout LEX123 message`, then the hint."""
    for d in diagnostics:
        yield (f"{display_path(root, d.path)}:{d.line}:{d.column}: {d.severity.value} {d.code}"
               f" {d.message}", d.is_error)
        if d.hint:
            first, *rest = d.hint.split("\n")
            yield f"    hint: {first}", d.is_error
            for line in rest:
                yield f"          {line}", d.is_error


def summary(diagnostics: list[Diagnostic], lemmas: int, clusters: int, pages: int) -> str:
    errors, warnings = count(diagnostics)
    what = f"{lemmas} lemma's, {clusters} clusters en {pages} pagina's gecontroleerd"
    return (f"{what}: {errors} {'fout' if errors == 1 else 'fouten'}, {warnings}"
            f" {'waarschuwing' if warnings == 1 else 'waarschuwingen'}.")


def files_summary(diagnostics: list[Diagnostic], files: int) -> str:
    """The summary when only some files were asked for (a pre-commit hook)."""
    errors, warnings = count(diagnostics)
    return (f"{files} {'bestand' if files == 1 else 'bestanden'} gecontroleerd: {errors}"
            f" {'fout' if errors == 1 else 'fouten'}, {warnings}"
            f" {'waarschuwing' if warnings == 1 else 'waarschuwingen'}.")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(diagnostics: Iterable[Diagnostic], root: Path) -> Iterable[str]:
    """GitHub Actions workflow commands: one annotation per diagnostic."""
    for d in diagnostics:
        level = "error" if d.is_error else "warning"
        title = f"{d.code} {CODES[d.code].title}"
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        props = (f"file={_escape_property(display_path(root, d.path))},line={d.line},"
                 f"col={d.column},title={_escape_property(title)}")
        yield f"::{level} {props}::{_escape_data(message)}"


def as_json(
    diagnostics: list[Diagnostic], lemmas: int, clusters: int, pages: int, strict: bool
) -> str:
    errors, warnings = count(diagnostics)
    return json.dumps(
        {
            "ok": errors == 0 and not (strict and warnings),
            "strict": strict,
            "counts": {"lemmas": lemmas, "clusters": clusters, "pages": pages,
                       "errors": errors, "warnings": warnings},
            "diagnostics": [d.as_dict() for d in diagnostics],
        },
        ensure_ascii=False,
        indent=2,
    )
