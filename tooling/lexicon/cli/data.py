"""Commands for trainers and other systems: export and leeslijst."""

from __future__ import annotations

import os
from pathlib import Path

import click

from lexicon.cli.common import ROOT, check_or_exit, command, help_option
from lexicon.core import report
from lexicon.export import FORMATS


def _slug_list(value: str | None) -> set[str] | None:
    if not value:
        return None
    return {s.strip() for s in value.split(",") if s.strip()}


@command()
@ROOT
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), required=True,
              help="skos (Turtle), jsonld, json, csv, bibtex, ris of csl (CSL-JSON).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Schrijf naar dit bestand (standaard: het scherm).")
@click.option("--lemmas", help="Alleen deze lemma's, met komma's gescheiden: a,b,c.")
@click.option("--cluster", help="Alleen de lemma's van dit cluster.")
@help_option()
def export(root: Path, fmt: str, output: Path | None, lemmas: str | None,
           cluster: str | None) -> None:
    """Exporteer de gepubliceerde lemma's als SKOS, JSON-LD, JSON, CSV of citaties."""
    from lexicon.export import render

    result = check_or_exit(root, strict=False)
    lexicon = result.lexicon.published()
    wanted = _slug_list(lemmas)
    if wanted:
        unknown = sorted(wanted - set(lexicon.entries))
        if unknown:
            raise click.BadParameter(f"onbekende lemma's: {', '.join(unknown)}",
                                     param_hint="--lemmas")
    if cluster and cluster not in lexicon.clusters:
        raise click.BadParameter(f"onbekend cluster '{cluster}'; kies uit"
                                 f" {', '.join(lexicon.clusters)}", param_hint="--cluster")
    text = render(fmt, lexicon.subset(wanted, cluster), result.project)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    _write_atomically(output, text)
    click.echo(f"{fmt} geschreven naar {output} ({len(lexicon.subset(wanted, cluster))}"
               " lemma's).", err=True)


def _write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file and a rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    os.replace(temporary, path)


@command()
@click.argument("slugs", nargs=-1)
@click.option("--title", help="Titel van de leeslijst.")
@click.option("--description", default="", help="Toelichting voor de lezers.")
@click.option("--author", default="", help="Wie de lijst samenstelde.")
@click.option("--list", "list_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Een leeslijst in YAML (title, description, lemmas) in plaats van SLUGS.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Map waarin index.html komt.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=".", show_default=True, help="De map van het lexicon.")
@help_option()
def leeslijst(slugs: tuple[str, ...], title: str | None, description: str, author: str,
              list_file: Path | None, output: Path, root: Path) -> None:
    """Maak een printbare hand-out van de lemma's SLUGS (of van een leeslijst in YAML)."""
    from lexicon.core.readinglists import read_reading_list
    from lexicon.export.handout import handout_html

    result = check_or_exit(root, strict=False)
    lexicon = result.lexicon.published()
    if list_file is not None:
        # The same checks as the reading lists in leeslijsten/: schema, positions, LEX311.
        reading_list, problems = read_reading_list(list_file, str(list_file), lexicon)
        errors = [d for d in problems if d.is_error]
        if errors or reading_list is None:
            for line, _ in report.text_lines(errors, Path(".")):
                click.echo(line, err=True)
            raise click.ClickException(f"de leeslijst {list_file} heeft {len(errors)} fout(en)")
        slugs = reading_list.lemmas
        title = title or reading_list.title
        description = description or reading_list.description
        author = author or reading_list.author
    if not slugs:
        raise click.UsageError("noem de lemma's (slugs) of geef --list")
    unknown = [s for s in slugs if s not in lexicon]
    if unknown:
        raise click.BadParameter(f"onbekende lemma's: {', '.join(unknown)}", param_hint="SLUGS")
    entries = [lexicon.entries[s] for s in slugs]
    html_text = handout_html(title or "Leeslijst", description, entries, lexicon,
                             result.project, author=author)
    _write_atomically(output / "index.html", html_text)
    click.echo(f"Leeslijst met {len(entries)} lemma's geschreven naar {output / 'index.html'}.")
