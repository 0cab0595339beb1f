"""Load test of `lexicon serve` on loopback (`make loadtest`).

Builds a lexicon (the repository's own when lemmas/ has lemma's, else a generated one),
starts `lexicon serve` in a subprocess on a free loopback port, and lets CONCURRENCY client
threads (each with its own keep-alive connection) send a fixed mix of requests for DURATION
seconds: pages, assets, /api/search with varied (also hostile) queries and /api/lemmas/<slug>.
Prints throughput, p50/p95/p99 latency per kind of request, errors and 5xx answers; exits 1
on any error or 5xx. Bounded: a fixed duration and at most MAX_REQUESTS requests, loopback only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS = 2_000_000
MIX = [("pagina", 35), ("asset", 15), ("zoeken", 35), ("lemma-api", 15)]
HOSTILE = ['"', "*", "AND OR NOT", "a" * 400, "\u202e", "(", "title:x", "%00", "🙂 zorg",
           "[a TO b]"]


def lexicon_root(lemmas: int, workdir: Path) -> tuple[Path, str]:
    """The repository when it has lemma's, else a generated lexicon in `workdir`."""
    if any((ROOT / "lemmas").glob("*.md")):
        return ROOT, f"het lexicon van de repository ({len(list((ROOT / 'lemmas').glob('*.md')))}"\
                     " lemma's)"
    from lexicon.devtools.corpus import write_corpus

    root = workdir / "lexicon"
    write_corpus(root, lemmas)
    for name in ("mkdocs.yml", "lexicon.yml"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
    return root, f"een gegenereerd lexicon van {lemmas} lemma's (lemmas/ is leeg)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/")
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("de server kwam niet op")


def targets(root: Path) -> dict[str, list[str]]:
    """Paths and queries per kind of request, from the built site itself."""
    site = (root / "site").resolve()
    lemmas = json.loads((site / "data" / "lemmas.json").read_text(encoding="utf-8"))["lemmas"]
    slugs = [lemma["slug"] for lemma in lemmas]
    pages = ["/", "/register/", "/kaart/", "/zoeken/"] + [f"/lemma/{s}/" for s in slugs]
    pages += [f"/cluster/{p.name}/" for p in (site / "cluster").iterdir() if p.is_dir()]
    assets = ["/" + p.relative_to(site).as_posix() for p in site.joinpath("assets").rglob("*")
              if p.is_file() and p.suffix in (".css", ".js")]
    words = [w for lemma in lemmas for w in lemma["title"].lower().split()]
    queries = [lemma["title"] for lemma in lemmas]
    queries += [alias for lemma in lemmas for alias in lemma.get("aliases", [])]
    queries += words + [w[:-1] + "x" for w in words if len(w) > 5] + [w[:3] for w in words]
    queries += HOSTILE
    searches = [f"/api/search?q={quote(q)}&limit={1 + len(q) % 20}" for q in queries]
    searches += [f"/api/search?q={quote(w[:4])}&prefix=1" for w in words]
    return {"pagina": pages, "asset": assets, "zoeken": searches,
            "lemma-api": [f"/api/lemmas/{s}" for s in slugs]}


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[int, int] = defaultdict(int)
        self.errors: list[str] = []
        self.count = 0


def client(port: int, paths: dict[str, list[str]], deadline: float, seed: int,
           results: Results) -> None:
    rng = random.Random(seed)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: dict[int, int] = defaultdict(int)
    errors: list[str] = []
    while time.monotonic() < deadline:
        with results.lock:
            if results.count >= MAX_REQUESTS:
                break
            results.count += 1
        kind = rng.choice(kinds)
        path = rng.choice(paths[kind])
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{path}: {type(exc).__name__}: {exc}")
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies[kind].append((time.perf_counter() - started) * 1000)
        statuses[status] += 1
        if status != 200:
            errors.append(f"{path}: HTTP {status}")
        elif kind == "pagina" and not body.rstrip().endswith(b"</html>"):
            errors.append(f"{path}: onvolledige pagina")
        elif kind in ("zoeken", "lemma-api") and json.loads(body).get("ok") is not True:
            errors.append(f"{path}: geen geldig JSON-antwoord")
    connection.close()
    with results.lock:
        for kind, values in latencies.items():
            results.latencies[kind].extend(values)
        for status, n in statuses.items():
            results.statuses[status] += n
        results.errors.extend(errors)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconden (standaard 20)")
    parser.add_argument("--concurrency", type=int, default=32, help="gelijktijdige clients")
    parser.add_argument("--lemmas", type=int, default=45,
                        help="grootte van het gegenereerde lexicon als lemmas/ leeg is")
    args = parser.parse_args()
    if not 1 <= args.concurrency <= 256 or not 1 <= args.duration <= 300:
        sys.exit("concurrency 1–256 en duration 1–300 s")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    lexicon = str(Path(sys.executable).with_name("lexicon"))
    with tempfile.TemporaryDirectory() as tmp:
        root, what = lexicon_root(args.lemmas, Path(tmp))
        print(f"Bouwen: {what}…", flush=True)
        subprocess.run([lexicon, "build", str(root)], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        paths = targets(root)
        port = free_port()
        server = subprocess.Popen([lexicon, "serve", str(root), "--host", "127.0.0.1",
                                   "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
        try:
            wait_until_up(port)
            results = Results()
            print(f"{args.concurrency} clients, {args.duration:.0f} s, mix "
                  + ", ".join(f"{k} {w} %" for k, w in MIX) + "…", flush=True)
            started = time.monotonic()
            deadline = started + args.duration
            threads = [threading.Thread(target=client, args=(port, paths, deadline, n, results))
                       for n in range(args.concurrency)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=10)
    return report(results, elapsed, args.concurrency)


def report(results: Results, elapsed: float, concurrency: int) -> int:
    every = [v for values in results.latencies.values() for v in values]
    server_errors = sum(n for status, n in results.statuses.items() if status >= 500)
    print(f"\n{len(every)} antwoorden in {elapsed:.1f} s bij {concurrency} gelijktijdige"
          f" clients: {len(every) / elapsed:.0f} verzoeken/s")
    print(f"{'soort':<10} {'aantal':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind, values in [*sorted(results.latencies.items()), ("alles", every)]:
        if values:
            print(f"{kind:<10} {len(values):>8} {percentile(values, 50):>8.1f}"
                  f" {percentile(values, 95):>8.1f} {percentile(values, 99):>8.1f}")
    print(f"fouten: {len(results.errors)}, 5xx: {server_errors}, statussen:"
          f" {dict(sorted(results.statuses.items()))}")
    for error in results.errors[:10]:
        print(f"  {error}")
    return 1 if results.errors or server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
