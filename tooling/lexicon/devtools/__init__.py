"""Developer tools, apart from what editors and readers run: a synthetic-corpus generator for
scale tests and benchmarks (`lexicon dev corpus`) and search-quality evaluation
(`lexicon eval-search`).

May import: `lexicon.core` and `lexicon.search`. Never imports site, export, editorial, serve
or cli.
"""
