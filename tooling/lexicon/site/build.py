"""Building the site with MkDocs, atomically: readers always see a complete build.

.lexicon-builds/build-XXXX/site     the pages MkDocs wrote
.lexicon-builds/build-XXXX/search   the search index this site was built with (hard links)
site -> .lexicon-builds/build-XXXX/site

Each build goes into a fresh folder; when it is complete, the `site` symlink is replaced in
one `rename` (atomic on POSIX), and older builds are removed. Site and index change together
because the server finds the index next to the site it serves. A build that fails or is
killed leaves the previous site and index untouched. One build at a time (a lock file).

A publication build (`publish`) refuses a loopback public address before it starts and, when
done, searches every file it wrote for a loopback address: a build that would send readers to
127.0.0.1 is never swapped in. A static build (`static`, for GitHub Pages and other file
hosts) tells its pages that there is no search API, so they never ask for one.
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lexicon.core.atomic import swap_symlink
from lexicon.core.project import LOOPBACK_URL, load_project, publication_problem, url_override

if TYPE_CHECKING:
    from lexicon.core.loader import LoadResult

BUILDS = ".lexicon-builds"


class BuildError(Exception):
    """The site could not be built (the message is Dutch and says why)."""


def prune(folder: Path, keep: set[Path]) -> None:
    """Remove every build in `folder` except those in `keep` (the current and the previous
    one), including what killed builds left behind. Only call this holding the build lock."""
    if not folder.is_dir():
        return
    resolved = {k.resolve() for k in keep}
    for old in folder.iterdir():
        if old.is_dir() and not old.is_symlink() and old.resolve() not in resolved:
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def build_lock(builds: Path) -> Iterator[None]:
    """Hold the build lock of a lexicon; the kernel releases it even when a build is killed."""
    import fcntl

    builds.mkdir(exist_ok=True)
    with open(builds / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError("er loopt al een build van dit lexicon; wacht tot die klaar is"
                             ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
    loaded: LoadResult | None = None,
    publish: bool = False,
    static: bool = False,
) -> tuple[Path, float]:
    """Build into a new folder, then swap `site` to it. Returns (site link, seconds).

    `loaded`: the result of `load_lexicon(root)` the caller has just checked; the plugin then
    uses it instead of reading every file again. `publish`: a build for readers (no loopback
    address anywhere); `static`: for a host without the search API."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config_file = config_file or root / "mkdocs.yml"
    if not config_file.is_file():
        raise BuildError(f"'{config_file}' bestaat niet: een site heeft een mkdocs.yml nodig")
    site = site or root / "site"
    builds = root / BUILDS
    with build_lock(builds):
        return _build_locked(root, config_file, site, builds, _Options(
            drafts, strict, publish, static), on_warning, loaded)


def _build_folder(site: Path, builds: Path) -> Path | None:
    """The build folder whose site `site` points at (also for builds of older versions,
    whose `site` pointed at the build folder itself)."""
    if not site.is_symlink():
        return None
    resolved = site.resolve()
    for candidate in (resolved, resolved.parent):
        if candidate.parent == builds.resolve():
            return candidate
    return None


@dataclass(frozen=True)
class _Options:
    drafts: bool
    strict: bool
    publish: bool
    static: bool


VENDORED = ("admin/decap/",)
"""Third-party code copied as it is (Decap CMS), not searched for loopback addresses: its
defaults (decap-server on http://localhost:8081) only take effect when the editor itself is
opened on localhost. What we write for it, admin/config.yml, is searched."""


def loopback_files(folder: Path) -> list[str]:
    """The files under `folder` (relative, sorted; not `VENDORED`) that contain a loopback
    address."""
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.relative_to(folder).as_posix().startswith(VENDORED):
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":  # sitemap.xml.gz: look inside
            with suppress(OSError, EOFError):
                data = gzip.decompress(data)
        if LOOPBACK_URL.search(data):
            found.append(path.relative_to(folder).as_posix())
    return found


def _check_public_address(lexicon_root: Path, site_url: str | None) -> None:
    """Refuse to publish with an address a reader cannot open (BuildError, Dutch)."""
    url = url_override() or site_url or load_project(lexicon_root)[0].url
    problem = publication_problem(url)
    if problem is not None:
        raise BuildError(f"niet gepubliceerd: {problem}")


def _build_locked(root: Path, config_file: Path, site: Path, builds: Path, options: _Options,
                  on_warning: Callable[[str], None] | None,
                  loaded: LoadResult | None) -> tuple[Path, float]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from lexicon.search.engine import committed, index_dir, snapshot
    from lexicon.site.plugin import LexiconPlugin

    target = Path(tempfile.mkdtemp(prefix="build-", dir=builds))
    started = time.perf_counter()
    # Old builds (all but the one being served) are removed while MkDocs renders: deleting
    # tens of thousands of files is mostly waiting for the file system, not for Python.
    serving = _build_folder(site, builds)
    cleaner = threading.Thread(target=prune, args=(builds, {target, *filter(None, [serving])}),
                               name="lexicon-prune", daemon=True)
    cleaner.start()
    try:
        with quiet_mkdocs() as records:
            config = load_config(str(config_file), site_dir=str(target / "site"),
                                 strict=options.strict)
            plugin = config.plugins.get("lexicon")
            lexicon_root = root
            if isinstance(plugin, LexiconPlugin):
                lexicon_root = (root / plugin.config.root).resolve()
                plugin.config.drafts = plugin.config.drafts or options.drafts
                if options.static:
                    plugin.config.search_api = False
                if loaded is not None:
                    # The plugin uses it only if it was read with the same public address.
                    plugin.preloaded = lexicon_root, loaded
            if options.publish:
                if isinstance(plugin, LexiconPlugin) and plugin.config.drafts:
                    raise BuildError("niet gepubliceerd: een publicatie bevat geen lemma's met"
                                     " status 'concept' (laat --drafts weg)")
                _check_public_address(lexicon_root, config.site_url)
            build(config)
            if options.publish:
                leaks = loopback_files(target / "site")
                if leaks:
                    shown = "".join(f"\n  {name}" for name in leaks[:20])
                    raise BuildError(
                        f"niet gepubliceerd: {len(leaks)} bestand(en) bevatten een adres op"
                        f" deze computer (localhost of 127.0.0.1); pas ze aan:{shown}")
        index = committed(index_dir(root))
        if index is not None:
            snapshot(index, target / "search")
    except BuildError:
        shutil.rmtree(target, ignore_errors=True)
        raise
    except MkDocsException as exc:
        shutil.rmtree(target, ignore_errors=True)
        details = "".join(f"\n  {r.getMessage()}" for r in records)
        raise BuildError(f"de site kon niet worden gebouwd: {exc}{details}") from None
    except Exception as exc:
        # MkDocs or a Markdown extension failed on something the checks let through (for
        # example Python-Markdown's recursion on deep nesting): say so, never a traceback.
        shutil.rmtree(target, ignore_errors=True)
        raise BuildError(f"de site kon niet worden gebouwd: onverwachte fout"
                         f" ({type(exc).__name__}: {exc})") from exc
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        cleaner.join()
    for record in records:
        if on_warning is not None:
            on_warning(record.getMessage())
    previous = _build_folder(site, builds)
    swap_symlink(site, target / "site")
    prune(builds, keep={target, *([previous] if previous else [])})  # normally nothing left
    for stale in site.parent.glob(f".{site.name}.*.tmp"):  # left by a build killed mid-swap
        if stale.is_symlink():
            stale.unlink()
    return site, time.perf_counter() - started
