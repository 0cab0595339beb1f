"""The synthetic-corpus generator makes a valid, realistic, repeatable lexicon."""

from __future__ import annotations

from click.testing import CliRunner

from lexicon import load_lexicon
from lexicon.cli import cli
from lexicon.devtools.corpus import generate, write_corpus


def test_generated_lexicon_is_clean_and_realistic(tmp_path):
    write_corpus(tmp_path, 80, seed=3)
    result = load_lexicon(tmp_path)
    assert result.diagnostics == []
    lexicon = result.lexicon
    assert len(lexicon) == 80
    assert list(lexicon.clusters) == ["sociale-nabijheid", "geografische-nabijheid",
                                      "professionele-nabijheid", "institutionele-nabijheid"]
    assert all(450 <= e.word_count <= 900 for e in lexicon)
    assert all(len(e.links) >= 1 for e in lexicon)
    assert sum(1 for e in lexicon if e.aliases) > 20
    assert sum(1 for e in lexicon for link in e.links if link.anchor) > 10
    assert {len(lexicon.in_cluster(c)) for c in lexicon.clusters} == {20}


def test_generation_is_deterministic_per_seed():
    assert generate(30, seed=1) == generate(30, seed=1)
    assert generate(30, seed=1) != generate(30, seed=2)


def test_dev_corpus_command(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["dev", "corpus", "12", str(tmp_path / "lex")])
    assert result.exit_code == 0, result.output
    assert result.output == f"17 bestanden geschreven naar {tmp_path / 'lex'}/ (12 lemma's).\n"
    again = runner.invoke(cli, ["dev", "corpus", "12", str(tmp_path / "lex")])
    assert again.exit_code == 1
    assert f"{tmp_path / 'lex' / 'lemmas'} is niet leeg" in again.stderr
