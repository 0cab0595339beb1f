"""The served mode: the built site plus the search API as one WSGI application.

May import: `lexicon.core`, `lexicon.search` and the WSGI server (waitress). Never imports the
site, export, editorial or cli packages: it serves what a build left on disk.
"""
