"""Search evaluation: the metrics, the query-file format and `lexicon eval-search`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CLUSTERS, site_files, write_files
from lexicon.cli import cli
from lexicon.devtools.evaluation import (
    KINDS,
    Judgement,
    QuerySetError,
    evaluate,
    load_queries,
    recall,
    reciprocal_rank,
)

PUBLIC_SET = Path(__file__).parent / "search-queries.yaml"


def test_reciprocal_rank_counts_the_first_relevant_result_within_k():
    assert reciprocal_rank(["a", "b", "c"], ["b", "c"]) == 0.5
    assert reciprocal_rank(["a", "b"], ["z"]) == 0.0
    assert reciprocal_rank([f"x{i}" for i in range(10)] + ["b"], ["b"], k=10) == 0.0


def test_recall_is_the_share_of_relevant_lemmas_in_the_top_k():
    assert recall(["a", "b", "c", "d", "e", "f"], ["a", "f"], k=5) == 0.5
    assert recall([], ["a"]) == 0.0


def test_evaluate_reports_overall_per_kind_and_misses():
    judgements = [Judgement("x", ("a",), "exact"), Judgement("y", ("b",), "typo")]
    rankings = {"x": ["a", "b"], "y": ["a", "c", "b"]}
    report = evaluate(lambda q: rankings[q], judgements)
    assert report.mrr == pytest.approx((1 + 1 / 3) / 2)
    assert report.by_kind() == {"exact": (1, 1.0, 1.0), "typo": (1, 1 / 3, 1.0)}
    assert [r.judgement.query for r in report.misses()] == ["y"]


def test_load_queries_reads_lines_and_kinds(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text("# toelichting\n- {q: vertrouwen, rel: [vertrouwen], kind: exact}\n"
                    "- q: wijkteams\n  rel: sociale-teams\n", encoding="utf-8")
    assert load_queries(path) == [Judgement("vertrouwen", ("vertrouwen",), "exact", 2),
                                  Judgement("wijkteams", ("sociale-teams",), "", 3)]


@pytest.mark.parametrize("text, line, message", [
    ("- {q: a, rel: [b]\n", 2, "geen geldige YAML"),
    ("q: a\n", 1, "verwacht een lijst"),
    ("- {q: a, rel: [b]}\n- {rel: [b]}\n", 2, "'q' ontbreekt"),
    ("- {q: a}\n", 1, "'rel' moet"),
    ("- {q: a, rel: [b], soort: x}\n", 1, "onbekend veld 'soort'"),
    ("- {q: a, rel: [b]}\n- {q: c, rel: [d],\n   kind: raar}\n", 3, "onbekende soort 'raar'"),
    ("[]\n", 1, "geen zoekvragen"),
])
def test_bad_query_files_name_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuerySetError) as caught:
        load_queries(path)
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{path.as_posix()}:{line}: ")


def test_public_query_set_covers_every_kind_with_at_least_40_queries():
    judgements = load_queries(PUBLIC_SET)
    assert len(judgements) >= 40
    assert {j.kind for j in judgements} == set(KINDS)
    assert len({j.query for j in judgements}) == len(judgements)


@pytest.fixture
def small_site(tmp_path):
    return write_files(tmp_path, {**CLUSTERS, **site_files()})


def test_eval_search_cli_prints_mrr_and_recall(small_site):
    queries = small_site / "q.yaml"
    queries.write_text("- {q: vertrouwen, rel: [vertrouwen], kind: exact}\n"
                       "- {q: loneliness, rel: [eenzaamheid], kind: english}\n",
                       encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval-search", str(queries), "--root", str(small_site),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["queries"] == 2 and data["mrr_at_10"] == 1.0 and data["recall_at_5"] == 1.0
    assert data["misses"] == []


def test_eval_search_refuses_a_query_set_with_an_unknown_lemma(small_site):
    queries = small_site / "q.yaml"
    queries.write_text("- {q: a, rel: [vertrouwen]}\n- {q: b, rel: [vertrouwe]}\n",
                       encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval-search", str(queries), "--root", str(small_site)])
    assert result.exit_code == 1
    assert f"{queries}:2: onbekend lemma in 'rel': vertrouwe" in result.stderr
