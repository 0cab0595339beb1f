"""Lexicon nabijheid en sociaal werk: the core of the build tool.

Load a lexicon with `load_lexicon(root)`; everything else (CLI, MkDocs plugin, search, exports,
server) is an adapter around the `Lexicon` and the `Diagnostic`s it returns.
"""

from __future__ import annotations

from lexicon.core.diagnostics import CODES, Diagnostic, Severity
from lexicon.core.graph import Backlink, LinkGraph
from lexicon.core.loader import LexiconError, LoadResult, load_lexicon
from lexicon.core.model import Cluster, Entry, Heading, Lexicon, Page, WikiLink
from lexicon.core.settings import Settings

__all__ = [
    "CODES",
    "Backlink",
    "Cluster",
    "Diagnostic",
    "Entry",
    "Heading",
    "Lexicon",
    "LexiconError",
    "LinkGraph",
    "LoadResult",
    "Page",
    "Settings",
    "Severity",
    "WikiLink",
    "load_lexicon",
]
