"""The site: the MkDocs adapter and everything only the rendered site needs.

`plugin` and `config` are the MkDocs plugin (entry point `lexicon`); `context` is what the
templates receive; `generated` writes the pages that are not files (home, clusters, register,
map, search); `conceptmap` lays out the map; `artifacts` lists the files published beside the pages
(exports, embeds, handouts, redirects, schemas); `build` runs MkDocs atomically; `preview`
serves the browser editor during `lexicon preview`. Templates live in `templates/`.

May import: `lexicon.core`, `lexicon.search`, `lexicon.export`, `lexicon.editorial`, MkDocs.
Never imports `lexicon.serve` or `lexicon.cli`.
"""
