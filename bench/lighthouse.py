"""Lighthouse figures of the static site, per page type, with Debian's Chromium.

    .venv/bin/python bench/lighthouse.py [--build] [--pages lemma,kaart]

Lighthouse (npm, pinned: 12.2.3 is the last release whose lock `npm ci` accepts here and
that runs on Node 20) is installed once into bench/.lighthouse/. The site in site/ is served
as a static host would (the real server without search index), each page is audited with
Lighthouse's mobile defaults (simulated slow 4G, 4x CPU slowdown), and the scores and main
metrics are printed and written to test-artifacts/lighthouse.json. Figures on a shared
2-core machine vary from run to run; the browser test (tests/test_reader.py) asserts only
what is stable there: axe, layout shift, blocking time without throttling, transfer size.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "bench" / ".lighthouse"
VERSION = "12.2.3"
CHROMIUM = os.environ.get("LEXICON_CHROMIUM", "/usr/bin/chromium")
PAGES = {
    "home": "",
    "lemma": "lemma/wederkerigheid/",
    "cluster": "cluster/sociale-nabijheid/",
    "register": "register/",
    "kaart": "kaart/",
    "zoeken": "zoeken/?zoekterm=buurt",
    "leeslijst": "leeslijst/werken-in-de-wijk/",
    "embed": "embed/wederkerigheid/",
}
METRICS = ("total-blocking-time", "cumulative-layout-shift", "largest-contentful-paint",
           "first-contentful-paint")


def lighthouse() -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOL.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "i", "-E", "--no-audit", "--no-fund", "--prefix", str(TOOL),
                        f"lighthouse@{VERSION}"], check=True)
    return binary


def serve(root: Path) -> str:
    from waitress.server import create_server

    from lexicon.serve.app import create_app

    app = create_app(root, index=Path(tempfile.mkdtemp(prefix="geen-index-")))
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}/"


def audit(binary: Path, url: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
             "--only-categories=performance,accessibility,best-practices,seo",
             "--chrome-flags=--headless --no-sandbox --disable-gpu"],
            check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
        report = json.loads(out.read_text(encoding="utf-8"))
    scores = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
    metrics = {key: round(report["audits"][key]["numericValue"], 3) for key in METRICS}
    failed = sorted(key for key, a in report["audits"].items()
                    if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0)
    return {"scores": scores, "metrics": metrics, "failed": failed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="eerst `lexicon build`")
    parser.add_argument("--pages", default=",".join(PAGES), help="paginatypen, met komma's")
    args = parser.parse_args()
    if args.build:
        lexicon = Path(sys.executable).parent / "lexicon"
        subprocess.run([str(lexicon), "build"], cwd=REPO, check=True)
    binary = lighthouse()
    base = serve(REPO)
    results = {}
    for name in args.pages.split(","):
        results[name] = audit(binary, base + PAGES[name])
        s, m = results[name]["scores"], results[name]["metrics"]
        print(f"{name:10} prestaties {s['performance']:3}  toegankelijkheid {s['accessibility']:3}"
              f"  praktijken {s['best-practices']:3}  SEO {s['seo']:3}"
              f"  TBT {m['total-blocking-time']:.0f} ms  CLS {m['cumulative-layout-shift']:.3f}"
              f"  LCP {m['largest-contentful-paint']:.0f} ms  {results[name]['failed']}",
              flush=True)
    target = REPO / "test-artifacts" / "lighthouse.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
