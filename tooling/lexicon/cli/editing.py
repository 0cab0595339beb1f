"""Commands for editors: check, new, codes, stats and links."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from lexicon.cli.common import ROOT, command, help_option, load
from lexicon.core import report
from lexicon.core.diagnostics import CODES
from lexicon.core.settings import Settings
from lexicon.core.slugs import slugify
from lexicon.editorial.scaffold import scaffold


def _root_and_files(paths: tuple[Path, ...]) -> tuple[Path, set[str] | None]:
    """The lexicon root for `check` and, when files were named, their paths within it.

    `check` takes one folder (the root) or any number of files, as a pre-commit hook passes
    them; a file's root is the nearest folder above it that has a lemmas/ folder.
    """
    if not paths:
        return Path("."), None
    folders = [p for p in paths if p.is_dir()]
    if folders:
        if len(paths) > 1:
            raise click.BadParameter("noem één map of een of meer bestanden", param_hint="PADEN")
        return folders[0], None
    roots: set[Path] = set()
    lemma_dir = Settings().lemma_dir
    for path in paths:
        root = next((d for d in path.resolve().parents if (d / lemma_dir).is_dir()), None)
        if root is None:
            raise click.BadParameter(f"'{path}' ligt niet in een lexicon (geen map lemmas/"
                                     " erboven)", param_hint="PADEN")
        roots.add(root)
    if len(roots) > 1:
        raise click.BadParameter("de bestanden horen bij verschillende lexicons",
                                 param_hint="PADEN")
    root = roots.pop()
    return root, {p.resolve().relative_to(root).as_posix() for p in paths}


@command()
@click.argument("paths", metavar="[MAP | BESTANDEN...]", nargs=-1,
                type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True,
              help="Uitvoer voor mensen (text), voor tools (json) of als annotaties in een"
                   " GitHub pull request (github).")
@click.option("--strict", is_flag=True, help="Ook waarschuwingen laten falen (exit 1).")
@click.option("--no-cache", is_flag=True,
              help="Lees en controleer elk bestand opnieuw, ook als het niet is veranderd.")
@help_option()
def check(paths: tuple[Path, ...], fmt: str, strict: bool, no_cache: bool) -> None:
    """Controleer alle lemma's, clusters en pagina's in MAP (standaard: deze map).

    Met BESTANDEN (zoals een pre-commit-hook ze doorgeeft) wordt het hele lexicon gelezen,
    maar tonen alleen meldingen over die bestanden.
    """
    root, only = _root_and_files(paths)
    result = load(root, cache=not no_cache)
    lexicon, diagnostics = result.lexicon, result.diagnostics
    sizes = (len(lexicon.entries) + len(lexicon.unreadable), len(lexicon.clusters),
             len(lexicon.pages))
    if only is not None:
        diagnostics = [d for d in diagnostics if d.path in only]
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
        click.echo(report.summary(diagnostics, *sizes) if only is None else
                   report.files_summary(diagnostics, len(only)))
    failed = any(d.is_error for d in diagnostics) or (strict and bool(diagnostics))
    sys.exit(1 if failed else 0)


@command()
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


@command()
@help_option()
def codes() -> None:
    """Toon alle meldingscodes met hun betekenis."""
    for info in CODES.values():
        click.echo(f"{info.code} ({info.severity.value}) {info.title}")
        click.echo(f"    {info.explanation}")


@command()
@ROOT
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Uitvoer voor mensen of als JSON.")
@click.option("--months", default=24, show_default=True, type=click.IntRange(1, 1200),
              help="Na hoeveel maanden zonder 'updated' een lemma verouderd heet.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Rapporteer alsof het vandaag deze datum is (JJJJ-MM-DD).")
@help_option()
def stats(root: Path, fmt: str, months: int, today: dt.datetime | None) -> None:
    """Gezondheidsrapport voor de redactie: clusters, wezen, literatuur, lengte, links,
    begrippen zonder lemma en verouderde lemma's."""
    from lexicon.editorial.stats import compute, text_report

    result = load(root)
    if result.errors:
        click.echo(click.style(f"Let op: het lexicon heeft {len(result.errors)} fout(en); zie"
                               " 'lexicon check'.", fg="yellow"), err=True)
    report_data = compute(result.lexicon, today=(today.date() if today else dt.date.today()),
                          stale_months=months)
    if fmt == "json":
        click.echo(json.dumps(report_data.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(text_report(report_data), nl=False)


@command()
@ROOT
@click.option("--check", "fetch", is_flag=True,
              help="Haal elke link op en meld wat niet (meer) werkt (gebruikt het netwerk).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="Uitvoer voor mensen, als JSON of als GitHub-annotaties.")
@click.option("--timeout", default=15.0, show_default=True, type=click.FloatRange(1, 120),
              help="Seconden per link.")
@click.option("--workers", default=8, show_default=True, type=click.IntRange(1, 32),
              help="Hoeveel links tegelijk.")
@help_option()
def links(root: Path, fetch: bool, fmt: str, timeout: float, workers: int) -> None:
    """Toon de externe links in lemma's, of controleer ze met --check."""
    from lexicon.editorial.linkcheck import diagnostics, external_links

    found = external_links(load(root).lexicon)
    distinct = sorted({link.url for link in found})
    if not fetch:
        if fmt == "json":
            click.echo(json.dumps([vars(link) for link in found], ensure_ascii=False, indent=2))
        else:
            for link in found:
                click.echo(f"{report.display_path(root, link.path)}:{link.line}:{link.column}:"
                           f" {link.url}")
            click.echo(f"{len(found)} externe links ({len(distinct)} verschillende).", err=True)
        return
    from lexicon.editorial.linkcheck import check_all

    click.echo(f"{len(distinct)} externe links controleren…", err=True)
    results = check_all(distinct, workers=workers, timeout=timeout)
    problems = diagnostics(found, results)
    if fmt == "json":
        click.echo(json.dumps({"checked": len(distinct),
                               "diagnostics": [d.as_dict() for d in problems]},
                              ensure_ascii=False, indent=2))
    elif fmt == "github":
        for line in report.github_lines(problems, root):
            click.echo(line)
    else:
        for line, is_error in report.text_lines(problems, root):
            click.echo(click.style(line, fg="red" if is_error else "yellow")
                       if not line.startswith(" ") else line, err=True)
    broken = sum(1 for d in problems if d.is_error)
    click.echo(f"{len(distinct)} links gecontroleerd: {broken} werken niet,"
               f" {len(problems) - broken} onzeker.", err=True)
    sys.exit(1 if broken else 0)
