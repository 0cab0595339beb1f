"""Exports of the lexicon for other systems: each format one module, all from the core."""
