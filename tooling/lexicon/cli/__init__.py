"""The `lexicon` command: a thin adapter that parses options, calls the core and renders.

One module per audience: `editing` (check, new, codes, stats, links), `site` (index, build,
serve, preview, search, eval-search), `data` (export, leeslijst) and `dev`; `common` holds what
they share, including Click in Dutch; `reference` generates the command, field and code
tables of the README. Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 wrong usage.

The top layer: may import every other `lexicon` package; nothing imports it.
"""

from __future__ import annotations

import click

from lexicon.cli import data, dev, editing, site
from lexicon.cli.common import DutchGroup, help_option


@click.group(cls=DutchGroup)
@click.version_option(package_name="nabijheid-lexicon", message="lexicon %(version)s",
                      help="Toon de versie en stop.")
@help_option()
def cli() -> None:
    """Lexicon nabijheid en sociaal werk: controleren, bouwen, zoeken en publiceren."""


for _command in (editing.check, editing.new, editing.codes, editing.stats, editing.links,
                 site.index, site.build, site.editie, site.serve, site.preview, site.search,
                 site.eval_search, data.export, data.leeslijst, dev.dev):
    cli.add_command(_command)

__all__ = ["cli"]
