"""Arbitrary bytes and text thrown at the loader give diagnostics, never an exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CLUSTERS, lemma
from lexicon import load_lexicon

FRAGMENTS = st.sampled_from([
    "---\n", "title: ", "cluster: ", "summary: ", "authors:\n", "  - ", "[[", "]]", "|", "#",
    "&a ", "*a", "!!python/object ", "\t", "\r\n", "\r", ": ", "'", '"', "[", "]", "{", "}",
    "<script>", "<b>", "](javascript:x)", "`", "```\n", "\n", "> ", "- ", "## ", "\x00", "\ufeff",
    "\u202e", "é", "sociale-nabijheid", "2026-11-22", "status: concept\n", "related: [alfa]\n",
])

TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=60).map("".join),
)


def _write(root: Path, data: bytes) -> None:
    for rel, text in CLUSTERS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "lemmas").mkdir(exist_ok=True)
    (root / "lemmas" / "alfa.md").write_text(lemma("Alfa", "[[fuzz]]"), encoding="utf-8")
    (root / "lemmas" / "fuzz.md").write_bytes(data)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_loader_never_raises_on_text(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("fuzz")
    _write(root, text.encode("utf-8", errors="surrogatepass"))
    result = load_lexicon(root)
    for d in result.diagnostics:
        assert d.line >= 1 and d.column >= 1
        assert d.path in ("lemmas/alfa.md", "lemmas/fuzz.md") or d.path.startswith("clusters/")


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_loader_never_raises_on_bytes(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("fuzzb")
    _write(root, b"---\ntitle: x\n---\n" + data)
    load_lexicon(root)
