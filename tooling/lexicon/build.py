"""Building the site with MkDocs, atomically: readers always see a complete build.

Each build goes into a fresh folder under `.lexicon-builds/`; when it is complete, the `site`
symlink is replaced in one `rename` (atomic on POSIX), and older builds are removed. A build
that fails or is killed leaves the previous `site` untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

BUILDS = ".lexicon-builds"
KEEP = 2


class BuildError(Exception):
    """The site could not be built (the message is Dutch and says why)."""


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


def prune(folder: Path, keep: set[Path], count: int = KEEP) -> None:
    """Remove all but the newest `count` builds in `folder` (never those in `keep`)."""
    if not folder.is_dir():
        return
    builds = sorted((p for p in folder.iterdir() if p.is_dir()),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    resolved = {k.resolve() for k in keep}
    for old in builds[count:]:
        if old.resolve() not in resolved:
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def quiet_mkdocs(level: int = logging.WARNING) -> Iterator[list[logging.LogRecord]]:
    """Collect MkDocs' log records at `level` and up instead of printing its English INFO."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("mkdocs")
    handler = Collect(level)
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def build_site(
    root: Path,
    *,
    config_file: Path | None = None,
    site: Path | None = None,
    drafts: bool = False,
    strict: bool = False,
    on_warning: Callable[[str], None] | None = None,
) -> tuple[Path, float]:
    """Build into a new folder, then swap `site` to it. Returns (site link, seconds)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config_file = config_file or root / "mkdocs.yml"
    if not config_file.is_file():
        raise BuildError(f"'{config_file}' bestaat niet: een site heeft een mkdocs.yml nodig")
    site = site or root / "site"
    builds = root / BUILDS
    builds.mkdir(exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix="build-", dir=builds))
    started = time.perf_counter()
    try:
        with quiet_mkdocs() as records:
            config = load_config(str(config_file), site_dir=str(target), strict=strict)
            if drafts and "lexicon" in config.plugins:
                config.plugins["lexicon"].config.drafts = True
            build(config)
    except MkDocsException as exc:
        shutil.rmtree(target, ignore_errors=True)
        details = "".join(f"\n  {r.getMessage()}" for r in records)
        raise BuildError(f"de site kon niet worden gebouwd: {exc}{details}") from None
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    for record in records:
        if on_warning is not None:
            on_warning(record.getMessage())
    previous = site.resolve() if site.is_symlink() else None
    swap_symlink(site, target)
    prune(builds, keep={target, *([previous] if previous else [])})
    return site, time.perf_counter() - started
