"""Search quality and speed on the real lexicon, in one run (part of `make bench`).

1. Builds the site with `lexicon build` (our Whoosh index + Material's search_index.json).
2. Ranks every query of the public query set with our search and with Material's built-in
   search (its own worker script, run in Node over the built search_index.json, see
   material_search.js) and reports MRR@10 and recall@5 for both, per kind of query.
3. Times our search: p50/p95 over repeated runs of the whole query set.

Material's results also list non-lemma pages (register, cluster pages); they are skipped,
not counted as misses, so the comparison is about finding lemma's only.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from lexicon.core import urls
from lexicon.devtools.evaluation import Report, evaluate, load_queries
from lexicon.search.engine import Searcher, index_dir
from lexicon.site.build import build_site

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search-queries.yaml"
REPEATS = 20


def material_rankings(site: Path, queries: list[str]) -> dict[str, list[str]]:
    node = shutil.which("node")
    if node is None:
        sys.exit("node ontbreekt: installeer Node.js om Materials zoekfunctie te meten")
    run = subprocess.run([node, str(Path(__file__).with_name("material_search.js")), str(site),
                          "--suggest"], input=json.dumps(queries), capture_output=True,
                         text=True, check=True)
    prefix = urls.entry_url("{slug}").split("{slug}")[0]  # 'lemma/'
    result = {}
    for query, locations in zip(queries, json.loads(run.stdout), strict=True):
        slugs: list[str] = []
        for location in locations:
            if location.startswith(prefix):
                slug = location[len(prefix):].split("/")[0]
                if slug and slug not in slugs:
                    slugs.append(slug)
        result[query] = slugs
    return result


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
    material = material_rankings(ROOT / "site", queries)
    theirs = evaluate(lambda q: material[q], judgements)

    print(f"\nZoekkwaliteit op {len(judgements)} zoekvragen ({QUERIES.relative_to(ROOT)}):")
    show("lexicon (Whoosh, Nederlands)", ours)
    show("Material (lunr, nl)", theirs)
    print(f"verschil MRR@10: {ours.mrr - theirs.mrr:+.3f}   verschil recall@5:"
          f" {ours.recall - theirs.recall:+.3f}")
    print(f"\n{'soort':<11} {'n':>3}  {'MRR lexicon':>11}  {'MRR Material':>12}")
    mine, other = ours.by_kind(), theirs.by_kind()
    for kind, (n, mrr, _) in mine.items():
        print(f"{kind:<11} {n:>3}  {mrr:>11.3f}  {other[kind][1]:>12.3f}")
    print(f"\nZoektijd lexicon over {len(timings)} zoekopdrachten ({REPEATS}× de set):"
          f" p50 {percentile(timings, 50):.1f} ms, p95 {percentile(timings, 95):.1f} ms")
    misses = ours.misses()
    if misses:
        print("\nNiet als eerste gevonden door lexicon:")
        for row in misses:
            print(f"  '{row.judgement.query}' → verwacht {row.judgement.relevant[0]}, kreeg"
                  f" {', '.join(row.ranking[:3]) or 'niets'}")


if __name__ == "__main__":
    main()
