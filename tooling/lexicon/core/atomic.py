"""Atomic replacement of a published folder: readers see the old one or the new one, never half.

Used for the built site (`site/build.py`) and the search index (`search/engine.py`): both are
written into a fresh folder and then published by swapping a symlink in one `rename`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def swap_symlink(link: Path, target: Path) -> None:
    """Point `link` at `target` in one atomic step (replacing a real folder the first time)."""
    if link.exists() and not link.is_symlink():
        # A plain `mkdocs build` left a real folder: move it aside once.
        aside = Path(tempfile.mkdtemp(prefix="old-", dir=target.parent))
        link.rename(aside / link.name)
    temporary = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(os.path.relpath(target, link.parent))
    os.replace(temporary, link)
