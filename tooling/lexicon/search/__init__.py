"""Search: the one package that knows Whoosh.

`engine` builds the Dutch index (stemming, decompounding from the lexicon's own vocabulary,
aliases, field weights) into a fresh folder and swaps it in whole, and answers queries with
facets, snippets and "bedoelde je" suggestions; `bulk` writes a new index's one segment
term by term, with a side-car of plain arrays per segment that `ranking` scores from
(numpy arrays, a slot per document);
`similarity` computes "lijkt op"; `static` writes the browser index.

May import: `lexicon.core`, Whoosh, numpy and RapidFuzz. Never imports the site, export,
editorial, serve or cli packages.
"""
