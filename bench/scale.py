"""Scale benchmark (part of `make bench`): the lexicon at N = 45, 500 and 5 000 lemma's.

For each size, in a fresh folder and in one run (so ratios compare like with like):

- read+parse   a bare script that reads every file and YAML-parses its front matter
- check        `lexicon check` without cache (cold) and with its per-file cache (warm)
- index        `lexicon index --full`, then `lexicon index` after changing one lemma
- build        `lexicon build` (the index is already current) with our MkDocs plugin
- mkdocs       plain `mkdocs build` of the same pages (the Markdown our plugin generates,
               written to a docs folder) with Material and its search, without our plugin
- search       p50/p95 of our search over a fixed set of queries, result cache off

Times are wall-clock seconds, memory is the peak resident size of the process (os.wait4).
Commands run in subprocesses, as users run them. N = 45 is the repository's own lexicon
when lemmas/ has lemma's, otherwise a generated one (the output says which).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lexicon import load_lexicon
from lexicon.core import urls
from lexicon.devtools.corpus import write_corpus
from lexicon.search.engine import Searcher, index_dir
from lexicon.site import generated
from lexicon.site.config import LexiconConfig

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SIZES = (45, 500, 5000)
TARGETS = {"check": 3.0, "index": 0.10, "build": 1.5}
SEARCHES = 200


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def run(args: list[str], env: dict[str, str]) -> Run:
    """Run a command; its wall time and the peak memory of that one process.

    GNU time reports the peak: a forked Python child would otherwise count the parent's
    memory (the benchmark's own) from before its exec."""
    time_bin = shutil.which("time", path="/usr/bin")
    with tempfile.NamedTemporaryFile("r", suffix=".time") as peak:
        prefix = [time_bin, "-f", "%M", "-o", peak.name] if time_bin else []
        started = time.perf_counter()
        process = subprocess.Popen([*prefix, *args], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        assert process.stderr is not None
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stderr.close()
        seconds = time.perf_counter() - started
        text = peak.read().strip().splitlines()
        kib = int(text[-1]) if time_bin and text and text[-1].isdigit() else usage.ru_maxrss
    if process.returncode != 0:
        sys.exit(f"{' '.join(args)} faalde ({process.returncode}):\n{errors.decode()[-2000:]}")
    return Run(seconds, kib / 1024)


def median_run(args: list[str], env: dict[str, str], times: int = 3) -> Run:
    runs = [run(args, env) for _ in range(times)]
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


@dataclass
class Row:
    n: int
    source: str
    runs: dict[str, Run] = field(default_factory=dict)
    search: tuple[float, float] = (0.0, 0.0)


def prepare(n: int, folder: Path) -> tuple[Path, str]:
    root = folder / f"lexicon-{n}"
    real = sorted((ROOT / "lemmas").glob("*.md"))
    if n == 45 and real:
        for name in ("lemmas", "clusters", "pages", "leeslijsten"):
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, root / name)
        source = f"echt lexicon ({len(real)} lemma's)"
    else:
        write_corpus(root, n)
        source = "gegenereerd" if n != 45 else "gegenereerd (lemmas/ is leeg)"
    for name in ("mkdocs.yml", "lexicon.yml"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
    return root, source


def change_one_lemma(root: Path, nth: int) -> None:
    path = sorted((root / "lemmas").glob("*.md"))[nth]
    path.write_text(path.read_text(encoding="utf-8") + f"\nEen nieuwe zin nummer {nth}.\n",
                    encoding="utf-8")


def plain_docs(root: Path, folder: Path) -> Path:
    """The pages our plugin would build, as plain Markdown files, with a minimal mkdocs.yml:
    Material, its search, the same Markdown extensions and the same navigation."""
    lexicon = load_lexicon(root).lexicon.published()
    docs = folder / "docs"
    pages: dict[str, str] = {
        urls.SEARCH: generated.search_page(),
        urls.REGISTER: generated.register_page(lexicon),
        urls.MAP: generated.map_page(lexicon, _graph(lexicon)),
    }
    for cluster in lexicon.clusters.values():
        pages[urls.cluster_src(cluster.slug)] = generated.cluster_page(lexicon, cluster)
    for entry in lexicon:
        pages[urls.entry_src(entry.slug)] = generated.entry_page(lexicon, entry)
    for page in lexicon.pages.values():
        src = f"{page.slug}.md"
        pages[src] = "---\n" + yaml.safe_dump({"title": page.title}, allow_unicode=True) + \
            "---\n\n" + generated.markdown_body(lexicon, src, page.body, page.body_line,
                                                page.info.links)
    if urls.HOME not in pages:
        pages[urls.HOME] = generated.home_page(lexicon, "Lexicon", "Een lexicon.")
    for src, text in pages.items():
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        # Our templates are part of the plugin: plain Material renders with its own.
        path.write_text(re.sub(r"(?m)^template: .*\n", "", text, count=1), encoding="utf-8")
    listed = len(lexicon) <= LexiconConfig.navigation_limit.default
    nav: list[object] = [{"Start": urls.HOME}]
    nav += [{p.title: f"{p.slug}.md"} for p in lexicon.pages.values() if p.slug != "index"]
    for cluster in lexicon.clusters.values():
        members = [urls.entry_src(e.slug) for e in lexicon.in_cluster(cluster.slug)]
        nav.append({cluster.title: [urls.cluster_src(cluster.slug), *members] if listed
                    else urls.cluster_src(cluster.slug)})
    nav += [{"Register A–Z": urls.REGISTER}, {"Begrippenkaart": urls.MAP},
            {"Zoeken": urls.SEARCH}]
    config = {
        "site_name": "Lexicon", "docs_dir": str(docs), "site_dir": str(folder / "site"),
        "use_directory_urls": True, "nav": nav,
        "theme": {"name": "material", "language": "nl", "font": False},
        "plugins": [{"search": {"lang": "nl"}}],
        "markdown_extensions": ["attr_list", "tables", "admonition",
                                {"toc": {"permalink": True}}],
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                       encoding="utf-8")
    return folder / "mkdocs.yml"


def _graph(lexicon):  # type: ignore[no-untyped-def]
    from lexicon.core.graph import LinkGraph

    return LinkGraph.build(lexicon)


def search_times(root: Path, cache: Path) -> tuple[float, float]:
    """p50 and p95 in ms of single searches (no result cache), over varied queries.

    `cache` is the LEXICON_CACHE_DIR the commands ran with: the index they wrote is there,
    not in the user's cache folder that this process would otherwise look in."""
    lexicon = load_lexicon(root).lexicon.published()
    rng = random.Random(1)
    entries = list(lexicon)
    words = [w for e in entries for w in e.title.lower().split() if len(w) > 3]
    queries = []
    for i in range(SEARCHES):
        kind = i % 5
        if kind == 0:
            queries.append(rng.choice(entries).title)
        elif kind == 1:
            queries.append(rng.choice(words))
        elif kind == 2:
            word = rng.choice(words)
            queries.append(word[:-2] + word[-1] + word[-2])  # a typo
        elif kind == 3:
            queries.append(f"{rng.choice(words)} {rng.choice(words)}")
        else:
            queries.append(rng.choice(words)[:4])
    timings = []
    with _cache_dir(cache), Searcher(index_dir(root), cache_size=0) as searcher:
        for query in queries[:10]:
            searcher.search(query)
        for i, query in enumerate(queries):
            started = time.perf_counter()
            searcher.search(query, prefix=i % 5 == 4)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return (timings[len(timings) // 2], timings[int(len(timings) * 0.95)])


@contextmanager
def _cache_dir(folder: Path) -> Iterator[None]:
    """LEXICON_CACHE_DIR set to `folder` in this process, as in the commands' environment."""
    before = os.environ.get("LEXICON_CACHE_DIR")
    os.environ["LEXICON_CACHE_DIR"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            del os.environ["LEXICON_CACHE_DIR"]
        else:
            os.environ["LEXICON_CACHE_DIR"] = before


def measure(n: int, folder: Path) -> Row:
    root, source = prepare(n, folder)
    row = Row(n, source)
    cache = folder / f"cache-{n}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LEXICON_CACHE_DIR": str(cache)}
    lexicon = str(BIN / "lexicon")
    print(f"N = {n} ({source})…", flush=True)
    row.runs["read+parse"] = median_run(
        [sys.executable, str(Path(__file__).with_name("bare_parse.py")), str(root)], env)
    row.runs["check koud"] = run([lexicon, "check", str(root), "--no-cache"], env)
    run([lexicon, "check", str(root)], env)  # fills the cache
    row.runs["check warm"] = median_run([lexicon, "check", str(root)], env)
    row.runs["index volledig"] = run([lexicon, "index", str(root), "--full"], env)
    change_one_lemma(root, 0)
    row.runs["index 1 gewijzigd"] = run([lexicon, "index", str(root)], env)
    row.runs["build (lexicon)"] = run([lexicon, "build", str(root)], env)
    config = plain_docs(root, folder / f"plain-{n}")
    row.runs["mkdocs (kaal)"] = run([str(BIN / "mkdocs"), "build", "-q", "-f", str(config)],
                                    env)
    row.search = search_times(root, cache)
    shutil.rmtree(root / ".lexicon-builds", ignore_errors=True)
    return row


def ratios(row: Row) -> dict[str, float]:
    r = row.runs
    return {
        "check": r["check warm"].seconds / r["read+parse"].seconds,
        "check koud": r["check koud"].seconds / r["read+parse"].seconds,
        "index": r["index 1 gewijzigd"].seconds / r["index volledig"].seconds,
        "build": r["build (lexicon)"].seconds / r["mkdocs (kaal)"].seconds,
    }


def report(rows: list[Row]) -> bool:
    names = list(rows[0].runs)
    print("\n| meting | " + " | ".join(f"N = {row.n}" for row in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for name in names:
        cells = [f"{row.runs[name].seconds:.2f} s ({row.runs[name].peak_mb:.0f} MB)"
                 for row in rows]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("| zoeken p50 / p95 | " + " | ".join(
        f"{row.search[0]:.1f} / {row.search[1]:.1f} ms" for row in rows) + " |")
    print("\n| verhouding | " + " | ".join(f"N = {row.n}" for row in rows) + " | doel |")
    print("|---|" + "---|" * (len(rows) + 1))
    labels = {"check": ("check (warm) / read+parse", "≤ 3×"),
              "check koud": ("check (koud) / read+parse", "—"),
              "index": ("index 1 gewijzigd / volledig", "≤ 10 %"),
              "build": ("build lexicon / mkdocs kaal", "≤ 1,5×")}
    for key, (label, goal) in labels.items():
        cells = [f"{ratios(row)[key]:.0%}" if key == "index" else f"{ratios(row)[key]:.2f}×"
                 for row in rows]
        print(f"| {label} | " + " | ".join(cells) + f" | {goal} |")
    largest = max(rows, key=lambda row: row.n)
    final = ratios(largest)
    print(f"\nDoelen bij N = {largest.n}:")
    ok = True
    for key, limit in TARGETS.items():
        passed = final[key] <= limit
        ok &= passed
        print(f"  {labels[key][0]}: {final[key]:.2f} (doel ≤ {limit}) —"
              f" {'gehaald' if passed else 'NIET gehaald'}")
    print(f"  zoeken p95: {largest.search[1]:.1f} ms")
    for row in rows:
        print(f"  N = {row.n}: {row.source}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lexicon-scale-") as tmp:
        rows = [measure(n, Path(tmp)) for n in args.sizes]
    return 0 if report(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
