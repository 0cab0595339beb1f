"""The pure core: the lexicon as data, and everything that can be known from its files alone.

Holds the model, front matter, schemas, the loader, Markdown body analysis and wikilinks,
validation, the link graph, diagnostics (and their rendering as text), slugs and site URLs,
project settings, reading lists, the per-file check cache and atomic folder swaps.

May import: the standard library, PyYAML, jsonschema, markdown-it-py and snowballstemmer.
Never imports MkDocs, Whoosh, click, an HTTP library or any other `lexicon` package: every
adapter builds on the core, the core knows none of them. It reads files only under the lexicon
root; the only other places it writes are the per-user cache folder (`checkcache`) and
folders an adapter hands to `atomic`.
"""
