"""Developer tools: `lexicon dev corpus` and friends."""

from __future__ import annotations

from pathlib import Path

import click

from lexicon.cli.common import DutchGroup, help_option


@click.group(cls=DutchGroup)
@help_option()
def dev() -> None:
    """Hulpmiddelen voor ontwikkelaars (metingen en schaaltests)."""


@dev.command("corpus")
@click.argument("n", type=click.IntRange(1, 100_000))
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", default=0, show_default=True, help="Startwaarde van het toeval.")
@help_option()
def dev_corpus(n: int, directory: Path, seed: int) -> None:
    """Schrijf een synthetisch lexicon van N lemma's in DIRECTORY (voor metingen)."""
    from lexicon.devtools.corpus import write_corpus

    if (directory / "lemmas").exists() and any((directory / "lemmas").iterdir()):
        raise click.ClickException(f"{directory / 'lemmas'} is niet leeg: kies een lege map")
    count = write_corpus(directory, n, seed)
    click.echo(f"{count} bestanden geschreven naar {directory}/ ({n} lemma's).")
