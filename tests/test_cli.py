"""The `lexicon` command: output formats, exit codes, scaffolding, Dutch usage errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import lemma
from lexicon.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_check_clean_exits_0(make_lexicon, pair):
    root = make_lexicon(pair)
    result = run("check", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "2 lemma's, 2 clusters en 0 pagina's gecontroleerd: 0 fouten, 0 waarschuwingen.\n")
    assert result.stderr == ""


def test_check_errors_exit_1_with_path_line_and_hint(make_lexicon, pair):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[betta]].")
    root = make_lexicon(pair)
    result = run("check", str(root))
    assert result.exit_code == 1
    path = root / "lemmas" / "alfa.md"
    assert result.stderr == (
        f"{path}:13:5: fout LEX302 onbekend lemma 'betta' in wikilink [[betta]]\n"
        "    hint: bedoelde je 'beta'?\n"
        f"{root / 'lemmas' / 'beta.md'}:1:1: waarschuwing LEX501 geen enkel ander lemma"
        " verwijst naar 'beta'\n"
        "    hint: link ernaar met [[beta]] vanuit een lemma waar 'Beta' ter sprake komt\n"
    )
    assert "1 fout, 1 waarschuwing" in result.stdout


def test_warnings_pass_unless_strict(make_lexicon, pair):
    pair["lemmas/beta.md"] = lemma("Beta", "Zie [[alfa]].", extra="").replace(
        "literature:\n  - \"Auteur, A. (2020). *Een boek*. Uitgever.\"\n", "")
    root = make_lexicon(pair)
    assert run("check", str(root)).exit_code == 0
    strict = run("check", "--strict", str(root))
    assert strict.exit_code == 1
    assert "LEX502" in strict.stderr


def test_json_format(make_lexicon, pair):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[beta]] en [[alfa]].")
    root = make_lexicon(pair)
    result = run("check", "--format", "json", str(root))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["counts"] == {"lemmas": 2, "clusters": 2, "pages": 0, "errors": 1,
                              "warnings": 0}
    assert data["diagnostics"] == [{
        "path": "lemmas/alfa.md", "line": 13, "column": 17, "code": "LEX305",
        "severity": "fout", "message": "wikilink [[alfa]] verwijst naar zichzelf",
        "hint": "verwijder de link of verwijs naar een ander lemma",
    }]


def test_github_annotations_point_at_file_and_line(make_lexicon, pair, monkeypatch):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Tekst.\nZie [[betta]], echt.")
    root = make_lexicon(pair)
    monkeypatch.chdir(root)
    result = run("check", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=lemmas/alfa.md,line=14,col=5,title=LEX302 wikilink naar onbekend lemma"
        "::onbekend lemma 'betta' in wikilink [[betta]]%0Abedoelde je 'beta'?")


def test_usage_errors_exit_2_in_dutch(make_lexicon, pair):
    root = make_lexicon(pair)
    bad_format = run("check", "--format", "xml", str(root))
    assert bad_format.exit_code == 2
    assert "Fout: ongeldige waarde voor --format: 'xml' is geen van 'text', 'json'," \
           " 'github'" in bad_format.stderr
    missing = run("check", str(root / "bestaat-niet"))
    assert missing.exit_code == 2
    assert "bestaat niet" in missing.stderr
    unknown = run("chek")
    assert unknown.exit_code == 2
    assert "onbekend commando 'chek'; bedoelde je 'check'?" in unknown.stderr


def test_root_that_is_not_a_lexicon(tmp_path):
    result = run("check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"Fout: map '{tmp_path}' bevat geen map 'lemmas/': is dit een" \
                            " lexicon?\n"


def test_new_writes_a_scaffold_that_passes_check(make_lexicon, pair):
    root = make_lexicon(pair)
    result = run("new", "Één café-test", "--cluster", "sociale-nabijheid", "--root", str(root))
    assert result.exit_code == 0, result.output
    path = root / "lemmas" / "een-cafe-test.md"
    text = path.read_text(encoding="utf-8")
    assert "title: Één café-test\n" in text and "status: concept\n" in text
    assert "# Samenvatting: De definitie in één of twee zinnen" in text
    check = run("check", str(root))
    assert check.exit_code == 0, check.output
    assert " fout " not in check.stderr


def test_new_refuses_to_overwrite_or_reuse_a_name(make_lexicon, pair):
    pair["lemmas/beta.md"] = lemma("Beta", "Zie [[alfa]].", extra="aliases: [Gamma]\n")
    root = make_lexicon(pair)
    before = (root / "lemmas" / "alfa.md").read_text(encoding="utf-8")
    again = run("new", "Alfa", "--cluster", "sociale-nabijheid", "--root", str(root))
    assert again.exit_code == 1
    assert "bestaat al" in again.stderr
    assert (root / "lemmas" / "alfa.md").read_text(encoding="utf-8") == before
    alias = run("new", "Gamma", "--cluster", "sociale-nabijheid", "--root", str(root))
    assert alias.exit_code == 1
    assert "lemma 'beta'" in alias.stderr


def test_new_rejects_unknown_cluster(make_lexicon, pair):
    root = make_lexicon(pair)
    result = run("new", "Delta", "--cluster", "sociaal", "--root", str(root))
    assert result.exit_code == 2
    assert "onbekend cluster 'sociaal'" in result.stderr


def test_no_traceback_for_any_bad_file(make_lexicon, pair):
    pair["lemmas/kapot.md"] = "---\ntitle: [\n---\n"
    root = make_lexicon(pair)
    (root / "lemmas" / "binair.md").write_bytes(b"\xff\xfe\x00\x01")
    result = run("check", str(root))
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_the_progress_bar_follows_what_is_reported_done(monkeypatch):
    # A full index on two cores reports the whole index in steps of two: the bar must reach
    # the end, not stop halfway.
    import io
    import sys

    from lexicon.cli.common import progress_bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    progress = progress_bar("Zoekindex bijwerken")
    for done in range(2, 101, 2):
        progress(done, 100)
    assert "100%" in screen.getvalue()
