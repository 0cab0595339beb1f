"""Atomic replacement of a published folder: readers see the old one or the new one, never half.

Used for the built site (`site/build.py`) and the search index (`search/engine.py`): both are
written into a fresh folder and then published by swapping a symlink in one `rename`. Caches
(`core/checkcache.py`, the local map placements) replace their one file the same way.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file beside it and one `rename`: a reader
    or a crash sees the old file or the new one, and a failure leaves no temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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
