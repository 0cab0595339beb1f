"""Load test of `lexicon serve` on loopback (`make loadtest`).

Builds a lexicon (the repository's own when lemmas/ has lemma's, else a generated one),
starts SERVERS `lexicon serve` processes on free loopback ports, all serving the same build,
and lets CONCURRENCY client threads (each with its own keep-alive connection, spread over the
servers as a load balancer would) send a fixed mix of requests for DURATION seconds: pages,
assets, /api/search with varied (also hostile) queries and /api/lemmas/<slug>. With --swap, a
real rebuild (`lexicon build`) is swapped in while the load runs, and the load goes on until
every server reports the new build on /healthz. Prints throughput (also per process),
p50/p95/p99 latency per kind of request, memory per process, errors and 5xx answers; exits 1
on any error or 5xx. Bounded: a fixed duration and at most MAX_REQUESTS requests, loopback only.
"""

from __future__ import annotations

import argparse
import gzip
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


def lexicon_root(lemmas: int, workdir: Path, generated: bool = False) -> tuple[Path, str]:
    """The repository when it has lemma's (and `generated` is off), else a generated lexicon
    in `workdir`."""
    if not generated and any((ROOT / "lemmas").glob("*.md")):
        return ROOT, f"het lexicon van de repository ({len(list((ROOT / 'lemmas').glob('*.md')))}"\
                     " lemma's)"
    from lexicon.devtools.corpus import write_corpus

    root = workdir / "lexicon"
    write_corpus(root, lemmas)
    for name in ("mkdocs.yml", "lexicon.yml"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
    return root, f"een gegenereerd lexicon van {lemmas} lemma's"


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
        self.per_port: dict[int, int] = defaultdict(int)


class Deadline:
    """When the load stops: at `end`, but not before `hold` is cleared (the rebuild is in)."""

    def __init__(self, end: float) -> None:
        self.end = end
        self.hold = threading.Event()
        self.hold.set()

    def passed(self) -> bool:
        return time.monotonic() >= self.end and self.hold.is_set()


def client(port: int, paths: dict[str, list[str]], deadline: Deadline, seed: int,
           results: Results) -> None:
    rng = random.Random(seed)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: dict[int, int] = defaultdict(int)
    errors: list[str] = []
    while not deadline.passed():
        with results.lock:
            if results.count >= MAX_REQUESTS:
                break
            results.count += 1
        kind = rng.choice(kinds)
        path = rng.choice(paths[kind])
        started = time.perf_counter()
        try:
            # As browsers do: compressed answers, unpacked here before they are checked.
            connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            body = response.read()
            status = response.status
            if response.getheader("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
        except (OSError, EOFError, http.client.HTTPException) as exc:
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
        results.per_port[port] += sum(len(v) for v in latencies.values())
        for kind, values in latencies.items():
            results.latencies[kind].extend(values)
        for status, n in statuses.items():
            results.statuses[status] += n
        results.errors.extend(errors)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def health(port: int) -> dict:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/healthz")
        return json.loads(connection.getresponse().read())
    finally:
        connection.close()


def memory_mb(pid: int) -> tuple[float, float]:
    """(resident, peak resident) memory of a process in MB, from /proc (Linux)."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0]) / 1024
    except OSError:
        pass
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def swap_under_load(lexicon: str, root: Path, env: dict, ports: list[int], delay: float,
                    deadline: Deadline, outcome: dict) -> None:
    """Rebuild the site while the clients run; release the deadline when every server
    serves the new build."""
    try:
        time.sleep(delay)
        before = {health(port)["build"] for port in ports}
        started = time.monotonic()
        # --full: every lemma re-indexed, so the new index is really a new one.
        subprocess.run([lexicon, "index", str(root), "--full"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        subprocess.run([lexicon, "build", str(root)], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = {health(port)["build"] for port in ports}
        outcome.update(seconds=time.monotonic() - started, before=before, after=after)
    except Exception as exc:  # reported as an error of the run
        outcome["error"] = f"herbouw mislukt: {type(exc).__name__}: {exc}"
    finally:
        deadline.hold.set()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconden (standaard 20)")
    parser.add_argument("--concurrency", type=int, default=32, help="gelijktijdige clients")
    parser.add_argument("--servers", type=int, default=1,
                        help="serverprocessen die dezelfde build serveren (standaard 1)")
    parser.add_argument("--swap", action="store_true",
                        help="herbouw de site tijdens de belasting en wissel hem in")
    parser.add_argument("--lemmas", type=int, default=45,
                        help="grootte van het gegenereerde lexicon als lemmas/ leeg is")
    parser.add_argument("--generated", action="store_true",
                        help="altijd een gegenereerd lexicon, ook als lemmas/ lemma's heeft")
    args = parser.parse_args()
    if not 1 <= args.concurrency <= 256 or not 1 <= args.duration <= 300 \
            or not 1 <= args.servers <= 8:
        sys.exit("concurrency 1–256, duration 1–300 s en servers 1–8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    lexicon = str(Path(sys.executable).with_name("lexicon"))
    with tempfile.TemporaryDirectory() as tmp:
        env.setdefault("LEXICON_CACHE_DIR", str(Path(tmp) / "cache"))
        root, what = lexicon_root(args.lemmas, Path(tmp), args.generated)
        print(f"Bouwen: {what}…", flush=True)
        subprocess.run([lexicon, "build", str(root)], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        paths = targets(root)
        ports = [free_port() for _ in range(args.servers)]
        servers = [subprocess.Popen([lexicon, "serve", str(root), "--host", "127.0.0.1",
                                     "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
                   for port in ports]
        outcome: dict = {}
        try:
            for port in ports:
                wait_until_up(port)
            results = Results()
            print(f"{args.servers} serverproces(sen), {args.concurrency} clients,"
                  f" {args.duration:.0f} s{', met herbouw' if args.swap else ''}, mix "
                  + ", ".join(f"{k} {w} %" for k, w in MIX) + "…", flush=True)
            started = time.monotonic()
            deadline = Deadline(started + args.duration)
            threads = [threading.Thread(target=client, args=(
                ports[n % len(ports)], paths, deadline, n, results))
                for n in range(args.concurrency)]
            if args.swap:
                deadline.hold.clear()
                threads.append(threading.Thread(target=swap_under_load, args=(
                    lexicon, root, env, ports, args.duration / 4, deadline, outcome)))
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            memory = [memory_mb(server.pid) for server in servers]
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                server.wait(timeout=10)
    status = report(results, elapsed, args.concurrency)
    for n, (port, (rss, peak)) in enumerate(zip(ports, memory, strict=True), 1):
        print(f"proces {n}: {results.per_port[port]} antwoorden,"
              f" {results.per_port[port] / elapsed:.0f} verzoeken/s,"
              f" geheugen {rss:.0f} MB (piek {peak:.0f} MB)")
    if args.swap:
        if "error" in outcome:
            print(outcome["error"])
            return 1
        changed = outcome["before"].isdisjoint(outcome["after"]) and len(outcome["after"]) == 1
        print(f"herbouw onder belasting: {outcome['seconds']:.1f} s, build"
              f" {', '.join(sorted(outcome['before']))} → {', '.join(sorted(outcome['after']))}"
              f" op alle {args.servers} processen"
              f"{'' if changed else ' — NIET gewisseld'}")
        if not changed:
            return 1
    return status


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
