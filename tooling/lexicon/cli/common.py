"""What every command shares: the ROOT argument, loading with progress, stopping on errors.

Click in Dutch: help headings, usage errors and shared options.

Click's own texts are English; editors read Dutch. The formatter renames the help sections,
and `DutchGroup` renders usage errors in Dutch with the same exit code (2).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from lexicon.core import report
from lexicon.core.loader import LexiconError, LoadResult, load_lexicon
from lexicon.core.project import url_override

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
        # The public address comes from one place for every command (exports included).
        return load_lexicon(root, progress=progress, cache=cache, url=url_override())
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def progress_bar(label: str) -> Callable[[int, int], None]:
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
        # To `done`: a caller may report in steps of more than one (a full index on two
        # cores reports the whole index from one half's pace).
        bar.update(max(0, done - bar.pos))  # type: ignore[attr-defined]
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


_SECTIONS = {
    "Options": "Opties",
    "Commands": "Commando's",
    "Arguments": "Argumenten",
}

_ERRORS = [
    (r"No such option: (.+?)(?: Did you mean (.+?)\?)?$",
     lambda m: f"onbekende optie {m[1]}" + (f"; bedoelde je {m[2]}?" if m[2] else "")),
    (r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?$",
     lambda m: f"onbekend commando '{m[1]}'" + (f"; bedoelde je '{m[2]}'?" if m[2] else "")),
    (r"Missing argument '?([^'.]+)'?\.?$", lambda m: f"argument {m[1]} ontbreekt"),
    (r"Missing option '?([^'.]+)'?\.?$", lambda m: f"optie {m[1]} ontbreekt"),
    (r"Option '(.+?)' requires an argument\.?$", lambda m: f"optie {m[1]} vraagt een waarde"),
    (r"Got unexpected extra arguments? \((.+)\)$", lambda m: f"onverwacht argument: {m[1]}"),
    (r"Invalid value for '?([^':]+)'?: (.+)$",
     lambda m: f"ongeldige waarde voor {m[1]}: {_value(m[2])}"),
]


def _value(text: str) -> str:
    rules = [
        (r"'(.+?)' is not one of (.+)\.$", lambda m: f"'{m[1]}' is geen van {m[2]}"),
        (r"'(.+?)' is not a valid integer( range)?\.?$",
         lambda m: f"'{m[1]}' is geen geheel getal"),
        (r"(?:Directory|Path|File) '(.+?)' does not exist\.?$",
         lambda m: f"'{m[1]}' bestaat niet"),
        (r"(?:Directory|Path) '(.+?)' is a file\.?$", lambda m: f"'{m[1]}' is geen map"),
        (r"(?:File|Path) '(.+?)' is a directory\.?$", lambda m: f"'{m[1]}' is een map"),
        (r"(.+) is not in the range (.+)\.$", lambda m: f"{m[1]} valt buiten {m[2]}"),
    ]
    for pattern, make in rules:
        match = re.match(pattern, text)
        if match:
            return make(match)
    return text


def translate_error(message: str) -> str:
    """Click's English usage error as Dutch (unknown messages pass through)."""
    for pattern, make in _ERRORS:
        match = re.match(pattern, message)
        if match:
            return make(match)
    return message


def dutch_usage(args: str) -> str:
    """Click's usage placeholders in Dutch: '[OPTIONS]' -> '[OPTIES]'."""
    return args.replace("[OPTIONS]", "[OPTIES]").replace("COMMAND [ARGS]...",
                                                         "COMMANDO [ARGUMENTEN]...")


class DutchFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, dutch_usage(args), prefix="Gebruik: ")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        translated = [
            (term, text.replace("[default: ", "[standaard: ").replace("[required]",
                                                                        "[verplicht]"))
            for term, text in rows
        ]
        super().write_dl(translated, col_max, col_spacing)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_SECTIONS.get(heading, heading))


class DutchContext(click.Context):
    formatter_class = DutchFormatter


class DutchCommand(click.Command):
    context_class = DutchContext


class DutchGroup(click.Group):
    """A group whose commands format help and usage errors in Dutch."""

    context_class = DutchContext
    command_class = DutchCommand

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            ctx = exc.ctx
            if ctx is not None:
                click.echo(ctx.get_usage().replace("Usage:", "Gebruik:"), err=True)
                click.echo(f"Zie '{ctx.command_path} --help' voor hulp.\n", err=True)
            click.echo(click.style("Fout: ", fg="red") + translate_error(exc.format_message()),
                       err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(click.style("Fout: ", fg="red") + exc.format_message(), err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Afgebroken.", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("\nAfgebroken.", err=True)
            sys.exit(130)


def command(name: str | None = None, **attrs: Any) -> Any:
    """`click.command` for a command that formats its help and usage in Dutch."""
    return click.command(name, cls=DutchCommand, **attrs)


def help_option() -> Any:
    return click.help_option("-h", "--help", help="Toon deze hulp en stop.")
