"""The floor for `lexicon check` (used by bench/scale.py): read every lexicon file, YAML-parse
its front matter (libyaml when available, as the loader uses) and parse its body once with
markdown-it, with the same options as the checker, nothing else. With `--yaml-only`, only
read and YAML-parse (the floor of a check whose bodies all come from its cache)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def main(root: Path, markdown: bool = True) -> int:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    count = 0
    for folder in ("lemmas", "clusters", "pages"):
        for path in sorted((root / folder).glob("*.md")):
            text = path.read_bytes().decode("utf-8")
            body = text
            if text.startswith("---\n"):
                front, _, body = text[4:].partition("\n---\n")
                yaml.load(front, Loader=LOADER)
            if markdown:
                md.parse(body)
            count += 1
    return count


if __name__ == "__main__":
    print(main(Path(sys.argv[1]), markdown="--yaml-only" not in sys.argv[2:]))
