"""Slugs, heading anchors and "did you mean" suggestions.

`slugify` turns a Dutch title into a lemma slug; `heading_anchor` is the one anchor function of
the project: the core uses it to check `[[slug#anchor]]` links and `mkdocs.yml` hands it to the
`toc` extension, so the anchors on the site are the anchors the core knows.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)

# Letters that NFKD does not decompose into an ASCII base letter.
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ĳ": "ij"})


@lru_cache(maxsize=65536)  # titles are folded again and again for sorting
def fold(text: str) -> str:
    """Lowercase and strip diacritics: 'Rözer' -> 'rozer', 'coöperatie' -> 'cooperatie'."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL))
    return "".join(c for c in text if not unicodedata.combining(c))


def slugify(title: str) -> str:
    """Derive a lemma slug from a title: 'Sociale afstand' -> 'sociale-afstand'.

    >>> slugify("Zorg thuis: één plan!")
    'zorg-thuis-een-plan'
    """
    folded = fold(title).replace("’", "").replace("'", "")
    return "-".join(re.findall(r"[a-z0-9]+", folded))


def is_slug(text: str) -> bool:
    return bool(SLUG_RE.match(text))


def heading_anchor(value: str, separator: str = "-") -> str:
    """Anchor for a heading text; the `slugify` used by MkDocs' `toc` extension.

    >>> heading_anchor("Wat is wederkerigheid?")
    'wat-is-wederkerigheid'
    """
    return separator.join(re.findall(r"[a-z0-9]+", fold(value)))


def unique_anchors(texts: Iterable[str]) -> list[str]:
    """Anchors for the headings of one page, made unique the way `toc` does (`_1`, `_2`).

    Linear in the number of headings: a counter per anchor remembers the last suffix given,
    where trying `_1`, `_2`, … again for every repeat took minutes for 100 000 headings with
    the same name. An empty anchor becomes `_1`, `_2`, … as in `toc`.

    >>> unique_anchors(["Kop", "Kop", "", "Kop 1", "Kop"])
    ['kop', 'kop_1', '_1', 'kop-1', 'kop_2']
    """
    seen: set[str] = set()
    last: dict[str, int] = {}
    result = []
    for text in texts:
        anchor = heading_anchor(text)
        candidate = anchor
        if not anchor or anchor in seen:
            n = last.get(anchor, 0) + 1
            while f"{anchor}_{n}" in seen:
                n += 1
            last[anchor] = n
            candidate = f"{anchor}_{n}"
        seen.add(candidate)
        result.append(candidate)
    return result


def nearest(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates closest to `word` (case- and accent-insensitive), best first."""
    folded: dict[str, str] = {}
    for c in candidates:
        folded.setdefault(fold(c), c)
    matches = difflib.get_close_matches(fold(word), list(folded), n=limit, cutoff=0.6)
    return [folded[m] for m in matches]
