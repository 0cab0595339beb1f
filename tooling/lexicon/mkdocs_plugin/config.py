"""Options of the `lexicon` MkDocs plugin (`plugins: - lexicon: …` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class LexiconConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from mkdocs.yml."""

    root = c.Type(str, default=".")
    """The lexicon root (with lemmas/ and clusters/), relative to mkdocs.yml."""

    drafts = c.Type(bool, default=False)
    """Also publish lemma's with `status: concept` (for previews, never for the public site)."""

    navigation = c.Type(bool, default=True)
    """Build the navigation from the clusters, unless mkdocs.yml sets `nav` itself."""

    search_index = c.Type(bool, default=True)
    """Update the Whoosh index (for `lexicon serve` and "lijkt op") during the build."""

    navigation_limit = c.Type(int, default=300)
    """Up to this many lemma's, the navigation lists every lemma under its cluster; above it,
    only the cluster pages (which list their lemma's). Material renders the whole navigation
    into every page, so a navigation of thousands of lemma's makes each page megabytes long
    and the build quadratic, and a sidebar that long helps no reader."""
