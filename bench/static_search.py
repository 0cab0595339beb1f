"""The static host's search: transfer and latency budgets at N = 45 and N = 5 000
(part of `make bench`; issue 16).

For the real lexicon and for a generated corpus of 5 000 lemma's (each: Whoosh index and
browser index only, no site), in headless Chromium on a loopback static file server:

- bytes for the first query, gzip-compressed as a web server sends them: lx-search.js, the
  index metadata and every shard and result the query loads (budget ≤ 150 kB at 45,
  ≤ 400 kB at 5 000), and for each further query (budget ≤ 50 kB, every query);
- time from query to rendered answer, p50/p95, measured in the page: from the call to
  the engine until the results are in the document and the next frame is drawn, with the
  shards not yet loaded for that query (budget p95 ≤ 100 ms). As on the site, the engine
  is warmed first, as when a reader puts the cursor in a search box (`warm()`: the index's
  metadata, counted in the first query's bytes);
- the browser index on disk: files and bytes.

Each budget is printed with "gehaald" or "NIET gehaald", the timings with the load average
(the machine may be shared). The files each query loads are read from the page's own
Resource Timing entries, not from the driver's request events: a listener for those costs
every request a round trip to this process, which readers' browsers do not pay.

Everything is built in a temporary folder; `--work DIR` keeps the generated corpus and its
Whoosh index there and reuses them on the next run (the 5 000-lemma index takes minutes),
the browser index is always rebuilt.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from lexicon.core.loader import load_lexicon
from lexicon.core.model import Lexicon
from lexicon.devtools.corpus import write_corpus
from lexicon.devtools.evaluation import load_queries
from lexicon.devtools.static_search import static_search
from lexicon.search import static
from lexicon.search.engine import committed, update_index

ROOT = Path(__file__).resolve().parent.parent
ASSET = ROOT / "tooling" / "lexicon" / "site" / "templates" / "assets" / "lexicon" / "lx-search.js"
ASSET_PATH = "assets/lexicon/lx-search.js"
"""Where `browser_site` puts the script in the site."""

FIRST_BUDGET = {45: 150_000, 5000: 400_000}
"""Bytes (gzip) for the first query, by corpus size; sizes in between use the larger."""
FURTHER_BUDGET = 50_000
LATENCY_BUDGET = 100.0
"""p95, milliseconds."""

# The engine's answer rendered as the search page renders it, then one frame drawn.
TIMED = """async (q) => {
  const started = performance.now();
  const answer = await window.__lx.search({q: q, limit: 10});
  const list = document.getElementById('lx-bench') || document.body.appendChild(
    Object.assign(document.createElement('ol'), {id: 'lx-bench'}));
  const esc = t => String(t).replace(/[&<>"']/g, c => '&#' + c.charCodeAt(0) + ';');
  list.innerHTML = (answer.results || []).map(h => '<li><a href="' + esc(h.url) + '">' +
    esc(h.title) + '</a><p>' + esc(h.summary) + '</p><p>' + h.snippet + '</p></li>').join('');
  await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  return performance.now() - started;
}"""


@dataclass(frozen=True)
class Figures:
    first: int
    further: list[int]
    timings: list[float]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def browser_site(lexicon: Lexicon, work: Path, name: str) -> Path:
    """The Whoosh index (reused when `work` already has it) and the browser index of
    `lexicon`, with the script, as a minimal site."""
    base = work / f"index-{name}"
    started = time.perf_counter()
    update_index(lexicon, base)
    indexed = time.perf_counter() - started
    site = work / f"site-{name}"
    if site.exists():
        shutil.rmtree(site)
    folder = committed(base)
    assert folder is not None
    started = time.perf_counter()
    static.build(folder, static.cluster_titles(lexicon), site / static.FOLDER)
    built = time.perf_counter() - started
    print(f"  {name}: Whoosh-index {indexed:.1f} s (bijgewerkt), browserindex {built:.1f} s")
    (site / "assets" / "lexicon").mkdir(parents=True)
    shutil.copy(ASSET, site / ASSET_PATH)
    return site


def corpus_lexicon(n: int, work: Path) -> Lexicon:
    lexicon_dir = work / f"corpus-{n}"
    if not (lexicon_dir / "lemmas").is_dir():
        write_corpus(lexicon_dir, n)
    return load_lexicon(lexicon_dir).lexicon.published()


def measure(site: Path, queries: list[str]) -> Figures:
    sizes: dict[str, int] = {}

    def compressed(paths: list[str]) -> int:
        """Each file once, gzip-compressed as a web server sends it."""
        total = 0
        for path in dict.fromkeys(paths):
            if path not in sizes:
                file = site / path
                sizes[path] = len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else 0
            total += sizes[path]
        return total

    with static_search(site) as engine:
        page = engine.page
        # The page itself is meta.json and the script was added to it (see `_loaded`):
        # both are part of what the first query costs, as is what warming the engine loads.
        start = [urlparse(page.url).path.lstrip("/"), ASSET_PATH, *fetched(page)]
        page.evaluate("performance.setResourceTimingBufferSize(100000)")
        page.evaluate("window.__lx.warm()")
        start += fetched(page)
        first = 0
        further: list[int] = []
        timings: list[float] = []
        for i, query in enumerate(queries):
            timings.append(page.evaluate(TIMED, query))
            if i == 0:
                first = compressed(start + fetched(page))
            else:
                further.append(compressed(fetched(page)))
    return Figures(first, further, timings)


def fetched(page: Any) -> list[str]:
    """The site paths of the files the page fetched since the last call."""
    urls: list[str] = page.evaluate("""() => { const names = performance
        .getEntriesByType('resource').map(e => e.name);
        performance.clearResourceTimings(); return names; }""")
    return [urlparse(u).path.lstrip("/") for u in urls]


def verdict(ok: bool) -> str:
    return "gehaald" if ok else "NIET gehaald"


def report(label: str, n: int, site: Path, figures: Figures) -> bool:
    files = [p for p in (site / static.FOLDER).rglob("*") if p.is_file()]
    on_disk = sum(p.stat().st_size for p in files)
    first_budget = next((b for size, b in sorted(FIRST_BUDGET.items()) if n <= size),
                        max(FIRST_BUDGET.values()))
    further = figures.further
    p95 = percentile(figures.timings, 95)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    checks = [
        (figures.first <= first_budget,
         f"eerste zoekvraag {figures.first / 1000:.1f} kB (gzip, met script en metadata),"
         f" budget {first_budget / 1000:.0f} kB"),
        (max(further) <= FURTHER_BUDGET,
         f"elke volgende: p50 {percentile(further, 50) / 1000:.1f} kB, p95"
         f" {percentile(further, 95) / 1000:.1f} kB, max {max(further) / 1000:.1f} kB,"
         f" budget {FURTHER_BUDGET / 1000:.0f} kB"),
        (p95 <= LATENCY_BUDGET,
         f"tijd tot getoond antwoord ({len(figures.timings)} vragen): p50"
         f" {percentile(figures.timings, 50):.1f} ms, p95 {p95:.1f} ms, budget p95"
         f" {LATENCY_BUDGET:.0f} ms (load average {load})"),
    ]
    print(f"\n{label}: browserindex {len(files)} bestanden, {on_disk / 1000:.0f} kB op schijf")
    for ok, text in checks:
        print(f"  [{verdict(ok)}] {text}")
    return all(ok for ok, _ in checks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5000],
                        help="sizes of the generated corpus (default 5000)")
    parser.add_argument("--work", type=Path, default=None,
                        help="keep the generated corpora and Whoosh indexes in this folder and"
                             " reuse them on the next run (default: a temporary folder)")
    args = parser.parse_args()
    queries = [j.query for j in load_queries(ROOT / "tests" / "search-queries.yaml")]
    passed = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work.resolve() if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        real = load_lexicon(ROOT).lexicon.published()
        site = browser_site(real, work, "echt")
        passed.append(report(f"N = {len(real)} (het echte lexicon)", len(real), site,
                             measure(site, queries)))
        for n in args.sizes:
            lexicon = corpus_lexicon(n, work)
            site = browser_site(lexicon, work, str(n))
            titles = [e.title for e in list(lexicon)[:: max(1, len(lexicon) // 30)]]
            passed.append(report(f"N = {n} (gegenereerd corpus)", n, site,
                                 measure(site, titles + queries)))
    print(f"\nBudgets zoeken op een statische host: {verdict(all(passed))}")


if __name__ == "__main__":
    main()
