"""Tools for editors: the health report, external link checks, new-lemma scaffolds and the
browser editor (Decap CMS) configuration and local server.

May import: `lexicon.core` (and the network, in `linkcheck` only). Never imports search, site,
export, serve or cli.
"""
