"""CONTRIBUTING.md: its example lemma passes `lexicon check`, and it follows its own guide."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, lemma
from lexicon.core.loader import load_lexicon
from lexicon.core.settings import Settings
from lexicon.core.slugs import slugify
from lexicon.core.validate import CLOSING_SECTIONS
from lexicon.editorial.scaffold import SECTIONS

CONTRIBUTING = REPO / "CONTRIBUTING.md"
ORIGINALITY = REPO.parent / "shared" / "tools" / "originality_check.py"


def example() -> str:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    match = re.search(r"<!-- voorbeeldlemma:start -->\n```markdown\n(.*?)```\n"
                      r"<!-- voorbeeldlemma:end -->", text, re.DOTALL)
    assert match, "CONTRIBUTING.md mist het voorbeeldlemma tussen de markeringen"
    return match.group(1)


@pytest.fixture
def example_root(make_lexicon) -> tuple[Path, str]:
    """The example in a lexicon that has every lemma it refers to (and one linking to it)."""
    text = example()
    data = yaml.safe_load(text.split("---\n")[1])
    slug = slugify(data["title"])
    targets = set(re.findall(r"\[\[([a-z0-9-]+)", text)) | set(data.get("related", []))
    files = {f"lemmas/{t}.md": lemma(t.replace("-", " ").capitalize(), f"Zie [[{slug}]].\n")
             for t in sorted(targets)}
    files[f"lemmas/{slug}.md"] = text
    return make_lexicon(files), slug


def test_example_lemma_passes_check_without_any_remark(example_root):
    root, slug = example_root
    result = load_lexicon(root)
    assert [d for d in result.diagnostics if d.path == f"lemmas/{slug}.md"] == []


def test_example_follows_the_style_guide(example_root):
    root, slug = example_root
    entry = load_lexicon(root).lexicon.entries[slug]
    settings = Settings()
    assert settings.min_words <= entry.word_count <= settings.max_words
    assert len({link.target for link in entry.links}) >= 3
    closing = [heading for heading, _ in CLOSING_SECTIONS]
    assert [h.text for h in entry.headings][-2:] == closing
    assert len(entry.headings) >= len(SECTIONS)
    assert entry.kernvragen
    assert all(h.level == 2 for h in entry.headings)
    assert len(entry.summary) <= 300 and " zijn " in entry.summary[:40]
    assert entry.based_on and entry.literature and entry.authors
    assert "weak ties" in entry.aliases  # the English term used in practice


def test_example_is_in_its_own_words(example_root, tmp_path):
    if not ORIGINALITY.is_file():
        pytest.skip(f"{ORIGINALITY} ontbreekt (../shared wordt naast de repository verwacht)")
    root, _ = example_root
    result = subprocess.run([sys.executable, str(ORIGINALITY), str(root / "lemmas")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_contributing_documents_every_diagnostic_and_field():
    from lexicon import CODES
    from lexicon.core.schema import load_schema

    text = CONTRIBUTING.read_text(encoding="utf-8")
    for code, info in CODES.items():
        assert f"| `{code}` | {info.severity.value} | {info.title} |" in text
    for name in load_schema("lemma")["properties"]:
        assert f"| `{name}` |" in text


def test_contributing_names_what_editors_need():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    for needle in ("make preview", "/admin/", "pre-commit install", "lexicon check",
                   "originality_check.py", "APA 7", "(Red.)", "z.d.", "editorial workflow",
                   "OAuth", "LEXICON_CMS_REPO", "lexicon stats", "Externe links"):
        assert needle in text, needle
