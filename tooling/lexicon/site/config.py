"""Options of the `lexicon` MkDocs plugin (`plugins: - lexicon: …` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CmsConfig(Config):
    """How the browser editor reaches the organisation's repository (see CONTRIBUTING.md)."""

    repo = c.Type(str, default="")
    """`organisatie/repository` on GitHub; empty: the editor works only on this machine."""

    branch = c.Type(str, default="main")
    """The branch the site is built from; pull requests from the editor target it."""

    base_url = c.Type(str, default="")
    """The OAuth server that signs editors in with GitHub (empty: Netlify's)."""

    auth_endpoint = c.Type(str, default="")
    """The path on `base_url` that starts signing in (empty: Decap's default)."""

    open_authoring = c.Type(bool, default=False)
    """Let people without write access propose changes from their own fork."""

    local_backend = c.Type(str, default="http://127.0.0.1:8081/api/v1")
    """Where decap-server listens while previewing (set by `lexicon preview --editor-port`)."""


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

    search_api = c.Type(bool, default=True)
    """Whether the site will be served with the search API (`lexicon serve`). False for a
    static host (GitHub Pages; `lexicon build --statisch`): pages then never ask for it."""
    history = c.Type(bool, default=True)
    """Show each lemma's history from git ("Eerst gepubliceerd", changes); without git or
    with a shallow clone the page says the history is missing."""

    editions = c.Type(bool, default=True)
    """Publish every edition tag (`editie-JJJJ-MM`) under /editie/<JJJJ-MM>/."""

    social_cards = c.Type(bool, default=True)
    """Draw a social card (PNG, for og:image) per lemma; cached by content."""

    admin = c.Type(bool, default=False)
    """Publish the browser editor under /admin/ (`lexicon preview` turns it on)."""

    cms = c.SubConfig(CmsConfig)
    """The editor's connection to GitHub."""
