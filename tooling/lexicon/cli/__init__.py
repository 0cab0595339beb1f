"""The `lexicon` command: a thin adapter that parses options, calls the core and renders.

One module per audience: `editing` (check, new, codes, stats, links), `site` (index, build,
serve, preview, search, eval-search), `data` (export, leeslijst) and `dev`; `common` holds what
they share. Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 wrong usage.
"""

from __future__ import annotations

import click

from ..cli_support import DutchGroup, help_option
from . import data, dev, editing, site


@click.group(cls=DutchGroup)
@click.version_option(package_name="nabijheid-lexicon", message="lexicon %(version)s",
                      help="Toon de versie en stop.")
@help_option()
def cli() -> None:
    """Lexicon nabijheid en sociaal werk: controleren, bouwen, zoeken en publiceren."""


for _command in (editing.check, editing.new, editing.codes, editing.stats, editing.links,
                 site.index, site.build, site.serve, site.preview, site.search,
                 site.eval_search, data.export, data.leeslijst, dev.dev):
    cli.add_command(_command)

__all__ = ["cli"]
