"""The `lexicon` command: a thin adapter that parses options, calls the core and renders.

Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 wrong usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import report
from .cli_support import DutchGroup, help_option
from .diagnostics import CODES
from .loader import LexiconError, LoadResult, load_lexicon
from .scaffold import scaffold
from .slugs import slugify

ROOT = click.argument(
    "root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=".",
    required=False,
)


def load(root: Path) -> LoadResult:
    """Load with a progress bar on a terminal; environment failures become Dutch errors."""
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
        return load_lexicon(root, progress=progress)
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@click.group(cls=DutchGroup)
@click.version_option(package_name="nabijheid-lexicon", message="lexicon %(version)s",
                      help="Toon de versie en stop.")
@help_option()
def cli() -> None:
    """Lexicon nabijheid en sociaal werk: controleren, bouwen, zoeken en publiceren."""


@cli.command()
@ROOT
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True,
              help="Uitvoer voor mensen (text), voor tools (json) of als annotaties in een"
                   " GitHub pull request (github).")
@click.option("--strict", is_flag=True, help="Ook waarschuwingen laten falen (exit 1).")
@help_option()
def check(root: Path, fmt: str, strict: bool) -> None:
    """Controleer alle lemma's, clusters en pagina's in ROOT (standaard: deze map)."""
    result = load(root)
    lexicon, diagnostics = result.lexicon, result.diagnostics
    sizes = (len(lexicon.entries) + len(lexicon.unreadable), len(lexicon.clusters),
             len(lexicon.pages))
    if fmt == "json":
        click.echo(report.as_json(diagnostics, *sizes, strict=strict))
    elif fmt == "github":
        for line in report.github_lines(diagnostics, root):
            click.echo(line)
    else:
        for line, is_error in report.text_lines(diagnostics, root):
            colour = "red" if is_error else "yellow"
            styled = click.style(line, fg=colour) if not line.startswith(" ") else line
            click.echo(styled, err=True)
        click.echo(report.summary(diagnostics, *sizes))
    failed = any(d.is_error for d in diagnostics) or (strict and bool(diagnostics))
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("title")
@click.option("--cluster", required=True, help="Slug van het cluster, bijv. sociale-nabijheid.")
@click.option("--summary", help="De definitie in één of twee zinnen.")
@click.option("--author", "authors", multiple=True,
              help="Auteur van het lemma (mag vaker); standaard 'Redactie digitale editie'.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=".", show_default=True, help="De map van het lexicon.")
@help_option()
def new(title: str, cluster: str, summary: str | None, authors: tuple[str, ...],
        root: Path) -> None:
    """Maak een nieuw lemma TITLE aan in lemmas/, met status 'concept'."""
    slug = slugify(title)
    if not slug:
        raise click.BadParameter("de titel bevat geen letters of cijfers", param_hint="TITLE")
    lexicon = load(root).lexicon
    if cluster not in lexicon.clusters:
        choices = ", ".join(lexicon.clusters) or "(nog geen clusters)"
        raise click.BadParameter(f"onbekend cluster '{cluster}'; kies uit {choices}",
                                 param_hint="--cluster")
    target = root / "lemmas" / f"{slug}.md"
    if target.exists() or target.is_symlink():
        raise click.ClickException(f"{target} bestaat al; kies een andere titel of bewerk dat"
                                   " bestand")
    for entry in lexicon:
        names = {slugify(n) for n in (entry.title, *entry.aliases, *entry.redirect_from)}
        if slug in names:
            raise click.ClickException(
                f"'{title}' is al de titel, alias of oude naam van lemma '{entry.slug}'")
    target.write_text(
        scaffold(title, cluster, summary=summary, authors=list(authors) or None),
        encoding="utf-8",
    )
    click.echo(f"Nieuw lemma: {target} (status: concept).")
    click.echo("Vul de samenvatting en de tekst aan, controleer met 'lexicon check' en zet de"
               " status op 'gepubliceerd' als het lemma klaar is.")


@cli.command()
@help_option()
def codes() -> None:
    """Toon alle meldingscodes met hun betekenis."""
    for info in CODES.values():
        click.echo(f"{info.code} ({info.severity.value}) {info.title}")
        click.echo(f"    {info.explanation}")
