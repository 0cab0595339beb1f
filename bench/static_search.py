"""The static host's search: transfer and latency budgets at N = 45 and N = 5 000
(part of `make bench`; issue 16).

For the real lexicon (the site `lexicon build` wrote) and for a generated corpus of 5 000
lemma's (Whoosh index + browser index only, no site), in headless Chromium:

- bytes for the first query, gzip-compressed as a web server sends them: lx-search.js, the
  index metadata and every shard and result the query loads (budget ≤ 150 kB at 45,
  ≤ 400 kB at 5 000), and for each further query (budget ≤ 50 kB);
- time from query to answer, p50/p95, with the shards not yet loaded for that query
  (budget p95 ≤ 100 ms at 5 000);
- the browser index on disk: files and bytes.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from lexicon.core.loader import load_lexicon
from lexicon.devtools.corpus import write_corpus
from lexicon.devtools.evaluation import load_queries
from lexicon.devtools.static_search import static_search
from lexicon.search import static
from lexicon.search.engine import committed, update_index

ROOT = Path(__file__).resolve().parent.parent
ASSET = ROOT / "tooling" / "lexicon" / "site" / "templates" / "assets" / "lexicon" / "lx-search.js"


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def corpus_site(n: int, work: Path) -> tuple[Path, list[str]]:
    """Generate N lemma's, index them and write only the browser index (and its script)."""
    lexicon_dir = work / f"corpus-{n}"
    if not (lexicon_dir / "lemmas").is_dir():
        write_corpus(lexicon_dir, n)
    lexicon = load_lexicon(lexicon_dir).lexicon.published()
    base = work / f"index-{n}"
    started = time.perf_counter()
    update_index(lexicon, base)
    indexed = time.perf_counter() - started
    site = work / f"site-{n}"
    if site.exists():
        shutil.rmtree(site)
    folder = committed(base)
    assert folder is not None
    started = time.perf_counter()
    static.build(folder, lexicon, site / static.FOLDER)
    built = time.perf_counter() - started
    print(f"  N = {n}: Whoosh-index {indexed:.1f} s, browserindex {built:.1f} s")
    (site / "assets" / "lexicon").mkdir(parents=True)
    shutil.copy(ASSET, site / "assets" / "lexicon" / "lx-search.js")
    titles = [e.title for e in list(lexicon)[:: max(1, len(lexicon) // 30)]]
    return site, titles


def measure(site: Path, queries: list[str], label: str) -> None:
    files = sorted(p for p in (site / static.FOLDER).rglob("*") if p.is_file())
    on_disk = sum(p.stat().st_size for p in files)
    print(f"\n{label}: browserindex {len(files)} bestanden, {on_disk / 1024:.0f} kB op schijf")
    sizes: dict[str, int] = {}

    def compressed(url: str) -> int:
        path = urlparse(url).path.lstrip("/")
        if path not in sizes:
            file = site / path
            sizes[path] = len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else 0
        return sizes[path]

    seen: list[str] = []
    with static_search(site) as engine:
        engine.page.on("request", lambda r: seen.append(r.url))
        per_query: list[int] = []
        timings: list[float] = []
        first = None
        for i, query in enumerate(queries):
            before = len(seen)
            started = time.perf_counter()
            engine.search(query)
            timings.append((time.perf_counter() - started) * 1000)
            loaded = sum(compressed(u) for u in dict.fromkeys(seen[before:]))
            if i == 0:
                first = loaded + sum(compressed(u) for u in dict.fromkeys(seen[:before]))
            else:
                per_query.append(loaded)
    assert first is not None
    print(f"  eerste zoekvraag: {first / 1024:.1f} kB (gzip, met script en metadata)")
    print(f"  elke volgende: p50 {percentile(per_query, 50) / 1024:.1f} kB, p95"
          f" {percentile(per_query, 95) / 1024:.1f} kB, max {max(per_query) / 1024:.1f} kB")
    print(f"  tijd tot antwoord ({len(timings)} vragen): p50 {percentile(timings, 50):.1f} ms,"
          f" p95 {percentile(timings, 95):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5000],
                        help="corpus sizes to generate (default 5000)")
    parser.add_argument("--work", type=Path, default=None,
                        help="keep the generated corpus and its Whoosh index in this folder and"
                             " reuse them on the next run (default: a temporary folder)")
    args = parser.parse_args()
    queries = [j.query for j in load_queries(ROOT / "tests" / "search-queries.yaml")]
    if (ROOT / "site" / static.FOLDER / "meta.json").is_file():
        measure((ROOT / "site").resolve(), queries, "N = 45 (het echte lexicon)")
    else:
        print("site/ heeft geen browserindex: draai eerst 'lexicon build'")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work.resolve() if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            site, titles = corpus_site(n, work)
            measure(site, titles + queries, f"N = {n} (gegenereerd corpus)")


if __name__ == "__main__":
    main()
