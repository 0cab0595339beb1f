"""Search quality and speed on the real lexicon, in one run (part of `make bench`).

1. Builds the site with `lexicon build` (the Whoosh index and the browser's index).
2. Ranks every query of the public query set with the served search (Whoosh) and with the
   static host's search (lx-search.js in headless Chromium, the code readers get) and
   reports MRR@10 and recall@5 for both, per kind of query, side by side.
3. Times the served search: p50/p95 over repeated runs of the whole query set.

Material's own search (lunr) is no longer the reader's search on any host, so it is not
measured here; on held-out queries it scored 0.62 / 0.36 MRR@10 (issue 16).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from lexicon.devtools.evaluation import Report, evaluate, load_queries
from lexicon.devtools.static_search import static_search
from lexicon.search.engine import Searcher, index_dir
from lexicon.site.build import build_site

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search-queries.yaml"
REPEATS = 20


def show(name: str, report: Report) -> None:
    print(f"{name:<28} MRR@10 {report.mrr:.3f}   recall@5 {report.recall:.3f}")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    if "--no-build" not in sys.argv:
        print("Site en zoekindex bouwen…", flush=True)
        build_site(ROOT)
    judgements = load_queries(QUERIES)
    queries = [j.query for j in judgements]
    # No result cache: every repetition of the set must really search.
    with Searcher(index_dir(ROOT), cache_size=0) as searcher:
        ours = evaluate(lambda q: [h.slug for h in searcher.search(q, limit=10).results],
                        judgements)
        timings = []
        for _ in range(REPEATS):
            for query in queries:
                started = time.perf_counter()
                searcher.search(query, limit=10)
                timings.append((time.perf_counter() - started) * 1000)
    with static_search((ROOT / "site").resolve()) as engine:
        theirs = evaluate(engine.slugs, judgements)

    print(f"\nZoekkwaliteit op {len(judgements)} zoekvragen ({QUERIES.relative_to(ROOT)}):")
    show("geserveerd (Whoosh)", ours)
    show("statisch (browser)", theirs)
    print(f"verschil MRR@10: {theirs.mrr - ours.mrr:+.3f}   verschil recall@5:"
          f" {theirs.recall - ours.recall:+.3f}")
    print(f"\n{'soort':<11} {'n':>3}  {'MRR geserveerd':>14}  {'MRR statisch':>12}")
    mine, other = ours.by_kind(), theirs.by_kind()
    for kind, (n, mrr, _) in mine.items():
        print(f"{kind:<11} {n:>3}  {mrr:>14.3f}  {other[kind][1]:>12.3f}")
    print(f"\nZoektijd geserveerd over {len(timings)} zoekopdrachten ({REPEATS}× de set):"
          f" p50 {percentile(timings, 50):.1f} ms, p95 {percentile(timings, 95):.1f} ms")
    misses = ours.misses()
    if misses:
        print("\nNiet als eerste gevonden (geserveerd):")
        for row in misses:
            print(f"  '{row.judgement.query}' → verwacht {row.judgement.relevant[0]}, kreeg"
                  f" {', '.join(row.ranking[:3]) or 'niets'}")


if __name__ == "__main__":
    main()
