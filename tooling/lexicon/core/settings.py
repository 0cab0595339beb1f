"""Settings of a lexicon: where its files are and the editorial bounds warnings use."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Folder names and editorial bounds; the defaults are this project's layout."""

    lemma_dir: str = "lemmas"
    cluster_dir: str = "clusters"
    page_dir: str = "pages"
    reading_list_dir: str = "leeslijsten"
    max_file_bytes: int = 1_000_000
    """Files above this size are reported and not read."""
    min_words: int = 450
    """Bodies shorter than this get a warning (LEX504)."""
    max_words: int = 900
    """Bodies longer than this get a warning (LEX504)."""
