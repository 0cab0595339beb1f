"""Editions benchmark (part of `make bench`): build time and site size with 4 editions.

For the repository's own lexicon and the 5 000-lemma corpus, in a fresh git repository:
commit the lexicon and tag `editie-2026-01`, then three times change 10 % of the lemma's,
commit and tag the next edition (`-04`, `-07`, `-10`), so the site has 4 archived editions.
Then, each in a subprocess as users run it:

- zonder      `lexicon build` with LEXICON_EDITIONS=false (the history is still read)
- koud        with the editions, the first time (each edition's files extracted from git)
- warm        with the editions again (extracted files cached by commit)

and the size of the built site (MB, files) without and with the editions, and how many
archived lemma pages were rendered versus forwarded (only changed lemma's are rendered).
The search index is made once before the measurements and social cards are off
(LEXICON_SOCIAL_CARDS=false; they are cached by content and not part of an edition), so every
row measures what the editions add.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import BIN, prepare, run

TAGS = ("editie-2026-01", "editie-2026-04", "editie-2026-07", "editie-2026-10")


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org",
                    "-c", "init.defaultBranch=main", "-c", "commit.gpgSign=false",
                    "-c", "tag.gpgSign=false", *args], cwd=root, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def with_editions(root: Path, share: float) -> None:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Het lexicon")
    git(root, "tag", "-a", TAGS[0], "-m", TAGS[0])
    lemmas = sorted((root / "lemmas").glob("*.md"))
    step = max(1, math.ceil(len(lemmas) * share))
    for round_, tag in enumerate(TAGS[1:], start=1):
        for path in lemmas[(round_ - 1) * step: round_ * step]:
            path.write_text(path.read_text(encoding="utf-8")
                            + f"\nEen herziening voor {tag}.\n", encoding="utf-8")
        git(root, "commit", "-q", "-a", "-m", f"Herzieningen voor {tag}")
        git(root, "tag", "-a", tag, "-m", tag)


def site_size(root: Path) -> tuple[float, int]:
    site = (root / "site").resolve()
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6, len(files)


def archived_pages(root: Path) -> tuple[int, int]:
    pages = list((root / "site").resolve().glob("editie/*/lemma/*/index.html"))
    forwards = sum('http-equiv="refresh"' in p.read_text(encoding="utf-8") for p in pages)
    return len(pages) - forwards, forwards


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="45,5000", help="lexicongroottes, komma's ertussen")
    parser.add_argument("--share", type=float, default=0.10,
                        help="deel van de lemma's dat per editie verandert")
    options = parser.parse_args()
    lexicon = str(BIN / "lexicon")
    print(f"Edities: 4 tags, per editie {options.share:.0%} van de lemma's gewijzigd")
    print(f"{'N':>6}  {'bron':<26} {'zonder':>8} {'koud':>8} {'warm':>8}"
          f" {'MB zonder':>10} {'MB met':>8} {'bestanden':>10} {'gebouwd':>8} {'door':>6}")
    for n in (int(s) for s in options.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="lexicon-editions-") as tmp:
            folder = Path(tmp)
            root, source = prepare(n, folder)
            with_editions(root, options.share)
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LEXICON_SOCIAL_CARDS": "false",
                   "LEXICON_CACHE_DIR": str(folder / "cache")}
            off = {**env, "LEXICON_EDITIONS": "false"}
            run([lexicon, "build", str(root)], off)  # the search index: once
            without = run([lexicon, "build", str(root)], off)
            size_without, files_without = site_size(root)
            cold = run([lexicon, "build", str(root)], env)
            warm = run([lexicon, "build", str(root)], env)
            size_with, files_with = site_size(root)
            rendered, forwarded = archived_pages(root)
            print(f"{n:>6}  {source[:26]:<26} {without.seconds:>7.1f}s {cold.seconds:>7.1f}s"
                  f" {warm.seconds:>7.1f}s {size_without:>10.1f} {size_with:>8.1f}"
                  f" {files_with - files_without:>+10} {rendered:>8} {forwarded:>6}",
                  flush=True)


if __name__ == "__main__":
    main()
