"""What every command shares: the ROOT argument, loading with progress, stopping on errors."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import report
from ..loader import LexiconError, LoadResult, load_lexicon

ROOT = click.argument(
    "root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=".",
    required=False,
)


def load(root: Path, cache: bool = True) -> LoadResult:
    """Load with a progress bar on a terminal; environment failures become Dutch errors.

    Per-file results are cached outside the lexicon (see `checkcache`): unchanged files are
    not parsed again."""
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if total < 200 or not sys.stderr.isatty():
            return
        if bar is None:
            bar = click.progressbar(length=total, label="Bestanden lezen", file=sys.stderr)
            bar.__enter__()
        bar.update(1)

    try:
        return load_lexicon(root, progress=progress, cache=cache)
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def progress_bar(label: str):  # type: ignore[no-untyped-def]
    """A progress callback that draws a bar on a terminal (and stays silent otherwise)."""
    state: dict[str, object] = {}

    def progress(done: int, total: int) -> None:
        if not sys.stderr.isatty() or total < 50:
            return
        bar = state.get("bar")
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
            state["bar"] = bar
        bar.update(1)  # type: ignore[attr-defined]
        if done == total:
            bar.__exit__(None, None, None)  # type: ignore[attr-defined]

    return progress


def check_or_exit(root: Path, strict: bool) -> LoadResult:
    result = load(root)
    shown = [d for d in result.diagnostics if d.is_error or strict]
    for line, is_error in report.text_lines(shown, root):
        click.echo(click.style(line, fg="red" if is_error else "yellow")
                   if not line.startswith(" ") else line, err=True)
    if any(d.is_error for d in result.diagnostics) or (strict and result.diagnostics):
        errors, warnings = len(result.errors), len(result.diagnostics) - len(result.errors)
        raise click.ClickException(
            f"niet gebouwd: {errors} fout(en){f', {warnings} waarschuwing(en)' if strict else ''}"
            " — los ze op en probeer opnieuw")
    return result
