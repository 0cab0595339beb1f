"""The floor for `lexicon check`: merely read every lexicon file and YAML-parse its front
matter (libyaml when available, as the loader uses), nothing else. Used by bench/scale.py."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def main(root: Path) -> int:
    count = 0
    for folder in ("lemmas", "clusters", "pages"):
        for path in sorted((root / folder).glob("*.md")):
            text = path.read_bytes().decode("utf-8")
            if text.startswith("---\n"):
                front, _, _ = text[4:].partition("\n---\n")
                yaml.load(front, Loader=LOADER)
            count += 1
    return count


if __name__ == "__main__":
    print(main(Path(sys.argv[1])))
