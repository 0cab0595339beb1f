"""Scale benchmark (part of `make bench`): the lexicon at N = 45, 500 and 5 000 lemma's
(20 000 on demand: `python bench/scale.py 45 500 5000 20000`).

For each size, in a fresh folder and in one run (so ratios compare like with like):

- floor        bare scripts (bare_parse.py): read every file and YAML-parse its front matter,
               and the same plus one markdown-it parse of every body: what `check` can't avoid
- check        `lexicon check` without cache (cold) and with its per-file cache (warm)
- index        `lexicon index --full`, then `lexicon index` after changing one lemma
- build        the first `lexicon build` (every social card and the browser index are new),
               then `lexicon build` after changing one lemma (the index already current, the
               other cards cached): what an editor waits for, compared with plain MkDocs
- mkdocs       plain `mkdocs build` of the same pages (the Markdown our plugin generates,
               written to a docs folder) with Material and its search, without our plugin
- search       p50/p95/p99 of searches served by the app of `lexicon serve`, result cache
               off, per kind of query (one word, more words, typo, no result, word start)

Times are wall-clock seconds, memory is the peak resident size of the process (GNU time, or
os.wait4). Commands run in subprocesses, as users run them. N = 45 is the repository's own
lexicon when lemmas/ has lemma's, otherwise a generated one (the output says which). Each
figure gets its growth exponent k (time ~ N^k) between consecutive sizes: 1 is linear, a
quadratic step shows as 2. Targets apply from N = 5 000; `--strict` makes a missed target
exit with status 1.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import yaml

from lexicon import load_lexicon
from lexicon.core import urls
from lexicon.core.model import Entry
from lexicon.devtools.corpus import write_corpus
from lexicon.serve.app import create_app
from lexicon.site import generated
from lexicon.site.config import LexiconConfig

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SIZES = (45, 500, 5000)


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


def median_run(args: list[str], env: dict[str, str], times: int, budget: float = 40.0) -> Run:
    """The median of up to `times` runs; fewer once `budget` seconds are spent (at 5 000
    lemma's one cold check takes long enough to be its own median)."""
    runs = [run(args, env)]
    while len(runs) < times and sum(r.seconds for r in runs) < budget:
        runs.append(run(args, env))
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


@dataclass
class Row:
    n: int
    source: str
    runs: dict[str, Run] = field(default_factory=dict)
    search: dict[str, Latency] = field(default_factory=dict)


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


KINDS = {
    "één woord": "a word from the titles",
    "meer woorden": "a whole title of two or more words, or two title words",
    "tikfout": "a title word with two letters swapped",
    "geen resultaat": "a made-up word that no lemma contains",
    "woordbegin": "the first letters of a word, as typed (prefix=1, like the search page)",
}


def queries(entries: list[Entry], per_kind: int) -> dict[str, list[tuple[str, bool]]]:
    """`per_kind` (query, prefix) pairs of each kind in KINDS, the same for every run."""
    rng = random.Random(1)
    words = sorted({w for e in entries for w in e.title.lower().split() if len(w) > 3})
    titles = [e.title for e in entries if len(e.title.split()) > 1] or [e.title for e in entries]
    consonants = "bcdfghjklmnpqrstvwxz"
    result: dict[str, list[tuple[str, bool]]] = {kind: [] for kind in KINDS}
    for i in range(per_kind):
        word = rng.choice(words)
        result["één woord"].append((word, False))
        result["meer woorden"].append((rng.choice(titles) if i % 2 else
                                       f"{rng.choice(words)} {rng.choice(words)}", False))
        typo = rng.choice([w for w in words if len(w) >= 5])
        j = rng.randrange(1, len(typo) - 1)
        result["tikfout"].append((typo[:j] + typo[j + 1] + typo[j] + typo[j + 2:], False))
        result["geen resultaat"].append(
            ("".join(rng.choice(consonants) for _ in range(rng.randint(6, 9))), False))
        result["woordbegin"].append((word[: rng.randint(3, 5)], True))
    return result


@dataclass(frozen=True)
class Latency:
    p50: float
    p95: float
    p99: float
    cpu95: float
    """p95 of the processor time of the request itself: on a shared machine the wall-clock
    figures include waiting for a core."""
    count: int
    empty: int
    """How many of the searches found nothing."""

    @staticmethod
    def of(timings: list[float], cpu: list[float], empty: int) -> Latency:
        def at(values: list[float], p: float) -> float:
            values = sorted(values)
            return values[min(len(values) - 1, math.ceil(p * len(values)) - 1)]

        return Latency(at(timings, 0.50), at(timings, 0.95), at(timings, 0.99),
                       at(cpu, 0.95), len(timings), empty)

    def cell(self) -> str:
        return f"{self.p50:.1f} / {self.p95:.1f} / {self.p99:.1f} ms (cpu p95 {self.cpu95:.1f})"


def search_times(root: Path, cache: Path, per_kind: int) -> dict[str, Latency]:
    """Served searches, result cache off: p50/p95/p99 in ms per kind of query, and over all.

    Each search is a request to the app of `lexicon serve` (in-process, no sockets), for the
    site and index that `lexicon build` made, so the figure includes the API's own work.
    `cache` is the LEXICON_CACHE_DIR the commands ran with: the index is there, not in the
    user's cache folder that this process would otherwise look in."""
    lexicon = load_lexicon(root).lexicon.published()
    asked = queries(list(lexicon), per_kind)
    with _cache_dir(cache):
        app = create_app(root)

        def ask(query: str, prefix: bool) -> int:
            environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/api/search",
                       "QUERY_STRING": urlencode({"q": query, "prefix": int(prefix)})}
            body = b"".join(app(environ, lambda status, headers: None))
            return len(json.loads(body)["results"])

        ask("warm", False)
        searcher = app.searchers.get()
        searcher.cache_size = 0  # every search must really search
        searcher.results.clear()
        for query, prefix in [pair for pairs in asked.values() for pair in pairs][:20]:
            ask(query, prefix)
        everything: list[float] = []
        processor: list[float] = []
        result = {}
        for kind, pairs in asked.items():
            timings, cpu, empty = [], [], 0
            for query, prefix in pairs:
                started, started_cpu = time.perf_counter(), time.thread_time()
                found = ask(query, prefix)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.thread_time() - started_cpu) * 1000)
                empty += found == 0
            everything += timings
            processor += cpu
            result[kind] = Latency.of(timings, cpu, empty)
        searcher.close()
    result["alles"] = Latency.of(everything, processor, sum(r.empty for r in result.values()))
    return result


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


def measure(n: int, folder: Path, repeat: int, per_kind: int) -> Row:
    root, source = prepare(n, folder)
    row = Row(n, source)
    cache = folder / f"cache-{n}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LEXICON_CACHE_DIR": str(cache)}
    lexicon = str(BIN / "lexicon")
    bare = [sys.executable, str(Path(__file__).with_name("bare_parse.py")), str(root)]
    print(f"N = {n} ({source})…", flush=True)
    row.runs["lezen + YAML"] = median_run([*bare, "--yaml-only"], env, repeat)
    row.runs["vloer"] = median_run(bare, env, repeat)
    row.runs["check koud"] = median_run([lexicon, "check", str(root), "--no-cache"], env,
                                        repeat)
    run([lexicon, "check", str(root)], env)  # fills the cache
    row.runs["check warm"] = median_run([lexicon, "check", str(root)], env, repeat)
    row.runs["index volledig"] = run([lexicon, "index", str(root), "--full"], env)
    # The first build draws every lemma's social card and writes the browser index; an
    # editor's next build after changing a lemma redraws one card. Both are reported, the
    # ratio to plain MkDocs (which draws no cards) is of the second.
    row.runs["build eerste"] = run([lexicon, "build", str(root)], env)
    change_one_lemma(root, 0)
    row.runs["index 1 gewijzigd"] = run([lexicon, "index", str(root)], env)
    row.runs["build (lexicon)"] = run([lexicon, "build", str(root)], env)
    config = plain_docs(root, folder / f"plain-{n}")
    row.runs["mkdocs (kaal)"] = run([str(BIN / "mkdocs"), "build", "-q", "-f", str(config)],
                                    env)
    row.search = search_times(root, cache, per_kind)
    shutil.rmtree(root / ".lexicon-builds", ignore_errors=True)
    shutil.rmtree(folder / f"plain-{n}", ignore_errors=True)
    return row


LABELS = {
    "lezen + YAML": "alleen lezen + YAML ontleden",
    "vloer": "vloer: lezen + YAML + één markdown-it-ontleding",
    "check koud": "`lexicon check --no-cache` (koud)",
    "check warm": "`lexicon check` (cache)",
    "index volledig": "`lexicon index --full`",
    "index 1 gewijzigd": "`lexicon index`, één lemma gewijzigd",
    "build eerste": "eerste `lexicon build` (alle sociale kaarten en de browserindex nieuw)",
    "build (lexicon)": "`lexicon build` na één gewijzigd lemma (index al bijgewerkt)",
    "mkdocs (kaal)": "kale `mkdocs build` van dezelfde pagina's",
}

RATIOS: dict[str, tuple[str, str, str, float | None]] = {
    # key: (label, numerator, denominator, target at N >= TARGET_N)
    "koud/vloer": ("check (koud) / vloer", "check koud", "vloer", 3.0),
    "koud/yaml": ("check (koud) / lezen + YAML", "check koud", "lezen + YAML", None),
    "warm/yaml": ("check (cache) / lezen + YAML", "check warm", "lezen + YAML", 3.0),
    "index": ("index na één wijziging / volledige index", "index 1 gewijzigd",
              "index volledig", 0.10),
    "build": ("`lexicon build` / kale `mkdocs build`", "build (lexicon)", "mkdocs (kaal)", 1.2),
}
TARGET_N = 5000
"""The targets hold for the lexicon at this size and larger; smaller runs are only shown."""
SECONDS_TARGETS = {"index volledig": 15.0}
SEARCH_P95_TARGET = 30.0


def ratio(row: Row, key: str) -> float:
    _, top, bottom, _ = RATIOS[key]
    return row.runs[top].seconds / row.runs[bottom].seconds


def _ratio_cell(key: str, value: float) -> str:
    return f"{value:.0%}" if key == "index" else f"{value:.2f}×"


def exponents(rows: list[Row], value: Callable[[Row], float]) -> str:
    """The growth exponent k of t ~ N^k between consecutive sizes (1 = linear, 2 = quadratic),
    so a quadratic step shows itself."""
    steps = []
    for a, b in itertools.pairwise(rows):
        ya, yb = value(a), value(b)
        if ya > 0 and yb > 0 and b.n != a.n:
            steps.append(f"{math.log(yb / ya) / math.log(b.n / a.n):.2f}")
    return " → ".join(steps) or "—"


def report(rows: list[Row]) -> bool:
    """Print the tables; whether every target that applies was met."""
    sizes = " | ".join(f"N = {row.n}" for row in rows)
    print(f"\n| meting | {sizes} | groei N^k |")
    print("|---|" + "---|" * (len(rows) + 1))
    for name, label in LABELS.items():
        cells = [f"{row.runs[name].seconds:.2f} s ({row.runs[name].peak_mb:.0f} MB)"
                 for row in rows]
        growth = exponents(rows, lambda row, name=name: row.runs[name].seconds)
        print(f"| {label} | " + " | ".join(cells) + f" | {growth} |")

    print(f"\n| zoeken (via de app, zonder resultatencache) p50 / p95 / p99 | {sizes} |"
          " groei p95 |")
    print("|---|" + "---|" * (len(rows) + 1))
    for kind in [*KINDS, "alles"]:
        cells = [row.search[kind].cell() for row in rows]
        growth = exponents(rows, lambda row, kind=kind: row.search[kind].p95)
        count = rows[-1].search[kind]
        label = f"{kind} ({count.count}×, {count.empty} zonder treffer bij N = {rows[-1].n})"
        print(f"| {label} | " + " | ".join(cells) + f" | {growth} |")

    print(f"\n| verhouding | {sizes} | doel bij N ≥ {TARGET_N} |")
    print("|---|" + "---|" * (len(rows) + 1))
    for key, (label, _, _, target) in RATIOS.items():
        cells = [_ratio_cell(key, ratio(row, key)) for row in rows]
        goal = "—" if target is None else f"≤ {_ratio_cell(key, target)}"
        print(f"| {label} | " + " | ".join(cells) + f" | {goal} |")

    largest = max(rows, key=lambda row: row.n)
    for row in rows:
        print(f"N = {row.n}: {row.source}")
    if largest.n < TARGET_N:
        print(f"\nDoelen gelden vanaf N = {TARGET_N}; deze run is alleen een meting.")
        return True
    print(f"\nDoelen bij N = {largest.n}:")
    checks: list[tuple[str, float, float]] = [
        (label, ratio(largest, key), target)
        for key, (label, _, _, target) in RATIOS.items() if target is not None]
    checks += [(LABELS[name], largest.runs[name].seconds, limit)
               for name, limit in SECONDS_TARGETS.items()]
    checks.append(("zoeken p95 (alles, ms)", largest.search["alles"].p95, SEARCH_P95_TARGET))
    ok = True
    for label, value, limit in checks:
        passed = value <= limit
        ok &= passed
        print(f"  {label}: {value:.2f} (doel ≤ {limit}) —"
              f" {'gehaald' if passed else 'NIET gehaald'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES),
                        help=f"aantallen lemma's (standaard {', '.join(map(str, SIZES))};"
                             " 20000 op verzoek)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="herhalingen van de snelle metingen (de mediaan telt)")
    parser.add_argument("--searches", type=int, default=100,
                        help="zoekvragen per soort")
    parser.add_argument("--strict", action="store_true",
                        help="eindig met status 1 als een doel niet gehaald is")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lexicon-scale-") as tmp:
        rows = [measure(n, Path(tmp), args.repeat, args.searches) for n in sorted(args.sizes)]
    ok = report(rows)
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
