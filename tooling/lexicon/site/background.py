"""Work of a build that needs only the prepared search index, done on the second core.

prepared index folder ──another process──▶ "lijkt op" of every lemma (returned)
                                        └─▶ the browser index (kept in the index folder)

Both read only the index folder that `prepare_index` has just written, which nothing changes
until the build commits it; MkDocs meanwhile renders the pages on the first core. The pages
need "lijkt op" only when their templates are filled, after every page's Markdown has been
converted; the browser index is needed only after the last page. A fresh interpreter
(`spawn`), not a fork: a build has other threads (the pruning of old builds, a server's
workers), and a forked child could inherit a lock one of them held.

A failure of the other process costs only time: the same work is then done in this one.
Small lexicons do it all in this process, where starting an interpreter would cost more than
it saves (`MIN_LEMMAS`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from lexicon.search import static
from lexicon.search.engine import similar_lemmas

MIN_LEMMAS = 400
"""From this many lemma's the work goes to a second process (if there is a second core)."""


def _work(folder: str, clusters: Mapping[str, str], previous: str | None
          ) -> dict[str, tuple[str, ...]]:
    """In the other process: the browser index into the index folder, and "lijkt op"."""
    similar = similar_lemmas(Path(folder))
    static.prepare_cached(Path(folder), clusters, Path(previous) if previous else None)
    return similar


class IndexWork:
    """"Lijkt op" and the browser index of one prepared index, started at once."""

    def __init__(self, folder: Path, clusters: Mapping[str, str], previous: Path | None,
                 lemmas: int) -> None:
        self.folder = folder
        self.clusters = dict(clusters)
        self.previous = previous
        self.failure: str | None = None
        """Why the other process failed (the work was then done here), if it did."""
        self.elsewhere = False
        """Whether the other process did the work."""
        self._similar: dict[str, tuple[str, ...]] | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future[dict[str, tuple[str, ...]]] | None = None
        if lemmas >= MIN_LEMMAS and (os.cpu_count() or 1) > 1:
            try:
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"))
                self._future = self._pool.submit(
                    _work, str(folder), self.clusters, str(previous) if previous else None)
            except (OSError, RuntimeError) as exc:
                self._stop()
                self.failure = f"{type(exc).__name__}: {exc}"

    def _wait(self) -> None:
        """The other process's result, or the same work done here if it failed."""
        if self._similar is not None:
            return
        if self._future is not None:
            try:
                self._similar = self._future.result()
                self.elsewhere = True
            except Exception as exc:  # any failure there: do it here, where errors surface
                self.failure = f"{type(exc).__name__}: {exc}"
            self._stop()
        if self._similar is None:
            self._similar = similar_lemmas(self.folder)

    def similar(self) -> Mapping[str, tuple[str, ...]]:
        self._wait()
        assert self._similar is not None
        return self._similar

    def browser_index(self, out: Path) -> static.StaticStats:
        """Copy the browser index into `out` (made here if the other process did not)."""
        self._wait()
        return static.build_cached(self.folder, self.clusters, out, self.previous)

    def _stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._future = None

    def cancel(self) -> None:
        """A failed build: wait for the other process (it writes into the index folder that
        is about to be removed), without using its result."""
        self._stop()


class LaterSimilar(Mapping[str, tuple[str, ...]]):
    """"Lijkt op" as a mapping that waits for the other process on first use."""

    def __init__(self, work: IndexWork) -> None:
        self.work = work

    def __getitem__(self, slug: str) -> tuple[str, ...]:
        return self.work.similar()[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self.work.similar())

    def __len__(self) -> int:
        return len(self.work.similar())
