"""Lighthouse scores of the static site, per page type, against the budgets of issue 19.

    .venv/bin/python bench/lighthouse.py [--pages lemma,kaart] [--site SITE] [--runs 1]

Lighthouse 12.2.3 from npm, pinned in bench/lighthouse/package.json and package-lock.json and
installed with `npm ci` (`make lighthouse`; 12.2.3 is the last release whose lock `npm ci`
accepts here and that runs on Node 20), drives Debian's Chromium. The repository's lexicon is
built with `lexicon build --statisch` into a temporary folder (site/ is left alone) and served
from 127.0.0.1 as a static host serves it: files only, text compressed with gzip. Every page
type is audited with Lighthouse's default mobile emulation (a Moto G Power screen, simulated
slow 4G, 4x CPU slowdown). Printed per page: performance, accessibility, best practices and
SEO, the budget (performance >= 90, the others 100), pass or fail, the main metrics and the
failed audits; everything goes to test-artifacts/lighthouse.json. Performance on a shared
2-core machine varies from run to run (the load average is printed); the browser test
(tests/test_reader.py) asserts only what is stable there: axe, layout shift, blocking time
without throttling.

Without npm or an installed Lighthouse the script says so and stops with exit status 0, so
`make bench` goes on; with --strict a page over budget gives exit status 1.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from lexicon.devtools.pagetypes import PAGE_TYPES

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "bench" / "lighthouse"
BINARY = TOOL / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("LEXICON_CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                " --disable-background-networking --disable-component-update --disable-sync")
PAGES = PAGE_TYPES
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BUDGET = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")
CONTENT = ("lemmas", "clusters", "pages", "leeslijsten", "site_overrides")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Files of the built site as a static host (GitHub Pages) sends them: text gzipped."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the 301 to the folder with a slash
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in COMPRESSIBLE
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def build(work: Path) -> Path:
    """The repository's lexicon built for a static host in `work`; the site folder."""
    for folder in CONTENT:
        shutil.copytree(REPO / folder, work / folder)
    for name in ("mkdocs.yml", "lexicon.yml"):
        shutil.copy(REPO / name, work / name)
    lexicon = Path(sys.executable).parent / "lexicon"
    subprocess.run([str(lexicon), "build", "--statisch", str(work)], check=True,
                   stdout=subprocess.DEVNULL)
    return (work / "site").resolve()


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = lambda *a: StaticHost(*a, directory=str(site))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def audit(url: str, keep: Path | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [str(BINARY), url, "--quiet", "--output=json", f"--output-path={out}",
             "--only-categories=" + ",".join(CATEGORIES), f"--chrome-flags={CHROME_FLAGS}"],
            check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
        if keep:
            shutil.copy(out, keep)
        report = json.loads(out.read_text(encoding="utf-8"))
    scores = {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}
    metrics = {key: round(report["audits"][key]["numericValue"], 3) for key in METRICS}
    weighted = {ref["id"] for key in CATEGORIES[1:] for ref in report["categories"][key]
                ["auditRefs"] if ref["weight"]}
    failed = sorted(key for key in weighted if report["audits"][key].get("score") == 0)
    return {"scores": scores, "metrics": metrics, "failed": failed}


def over_budget(scores: dict[str, int]) -> list[str]:
    return [key for key in CATEGORIES if scores[key] < BUDGET[key]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(PAGES), help="paginatypen, met komma's")
    parser.add_argument("--site", type=Path, help="een al gebouwde statische site (anders"
                        " bouwt het script de lemma's van deze repository)")
    parser.add_argument("--runs", type=int, default=1, help="metingen per pagina (mediaan)")
    parser.add_argument("--reports", type=Path, help="bewaar de Lighthouse-JSON in deze map")
    parser.add_argument("--strict", action="store_true", help="exitstatus 1 bij een"
                        " pagina boven budget")
    args = parser.parse_args()
    if not shutil.which("npm") and not BINARY.exists():
        print("Lighthouse overgeslagen: Node.js/npm ontbreekt (installeer Node.js en draai"
              " 'make lighthouse').")
        return 0
    if not BINARY.exists():
        print("Lighthouse overgeslagen: niet geïnstalleerd in bench/lighthouse/ (draai"
              " 'make lighthouse', dat 'npm ci' doet).")
        return 0
    if not Path(CHROMIUM).exists():
        print(f"Lighthouse overgeslagen: {CHROMIUM} ontbreekt (make browser).")
        return 0
    names = args.pages.split(",")
    unknown = [name for name in names if name not in PAGES]
    if unknown:
        parser.error(f"onbekend paginatype {', '.join(unknown)}; kies uit {', '.join(PAGES)}")
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lexicon-lighthouse-") as tmp:
        site = args.site.resolve() if args.site else build(Path(tmp))
        base, server = serve(site)
        print(f"Lighthouse {version()} (mobiel), statische site op {base}; belasting"
              f" (uptime) {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"{'pagina':10} {'prest.':>6} {'toeg.':>6} {'prakt.':>6} {'SEO':>4}  budget"
              f"        FCP    LCP   TBT    CLS   afgekeurd")
        results: dict[str, Any] = {}
        try:
            for name in names:
                runs = [audit(base + PAGES[name],
                              args.reports / f"{name}-{i}.json" if args.reports else None)
                        for i in range(args.runs)]
                runs.sort(key=lambda r: r["scores"]["performance"])
                result = runs[len(runs) // 2]
                result["performance_runs"] = [r["scores"]["performance"] for r in runs]
                result["over_budget"] = over_budget(result["scores"])
                results[name] = result
                s, m = result["scores"], result["metrics"]
                verdict = "gehaald" if not result["over_budget"] else \
                    "NIET: " + ",".join(result["over_budget"])
                print(f"{name:10} {s['performance']:6} {s['accessibility']:6}"
                      f" {s['best-practices']:6} {s['seo']:4}  {verdict:12}"
                      f" {m['first-contentful-paint']:6.0f} {m['largest-contentful-paint']:6.0f}"
                      f" {m['total-blocking-time']:5.0f} {m['cumulative-layout-shift']:6.3f}"
                      f"   {' '.join(result['failed']) or '-'}", flush=True)
        finally:
            server.shutdown()
            server.server_close()
    passed = sum(not r["over_budget"] for r in results.values())
    print(f"Budget (prestaties ≥ 90, toegankelijkheid, praktijken en SEO 100): {passed} van"
          f" {len(results)} pagina's gehaald; belasting {os.getloadavg()[0]:.2f}")
    target = REPO / "test-artifacts" / "lighthouse.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 1 if args.strict and passed < len(results) else 0


def version() -> str:
    package = TOOL / "node_modules" / "lighthouse" / "package.json"
    return str(json.loads(package.read_text(encoding="utf-8"))["version"])


if __name__ == "__main__":
    sys.exit(main())
