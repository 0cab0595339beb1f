"""One page of every type the site makes, as paths under its root: what the reader's-page
budgets (tests/test_reader.py) and the Lighthouse run (bench/lighthouse.py) both audit."""

from __future__ import annotations

PAGE_TYPES = {
    "home": "",
    "lemma": "lemma/wederkerigheid/",
    "cluster": "cluster/sociale-nabijheid/",
    "register": "register/",
    "kaart": "kaart/",
    "zoeken": "zoeken/?zoekterm=buurt",
    "leeslijst": "leeslijst/werken-in-de-wijk/",
    "embed": "embed/wederkerigheid/",
}
