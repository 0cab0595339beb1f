"""The MkDocs adapter: registers the lexicon's pages, templates and data with MkDocs."""

from __future__ import annotations

from .config import LexiconConfig
from .plugin import LexiconPlugin

__all__ = ["LexiconConfig", "LexiconPlugin"]
