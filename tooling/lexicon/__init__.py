"""Lexicon nabijheid en sociaal werk: the core of the build tool.

Load a lexicon with `load_lexicon(root)`; everything else (CLI, MkDocs plugin, search, exports,
server) is an adapter around the `Lexicon` and the `Diagnostic`s it returns.
"""

from __future__ import annotations

from .diagnostics import CODES, Diagnostic, Severity
from .graph import Backlink, LinkGraph
from .loader import LexiconError, LoadResult, load_lexicon
from .model import Cluster, Entry, Heading, Lexicon, Page, WikiLink
from .settings import Settings

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
