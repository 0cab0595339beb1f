"""`lexicon stats`: the editors' health report, computed from a small lexicon."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from conftest import CLOSING_WORDS, lemma
from lexicon.cli import cli
from lexicon.core.loader import load_lexicon
from lexicon.editorial.stats import Mention, compute, missing_concepts, months_between, stem

TODAY = dt.date(2026, 11, 26)


def files() -> dict[str, str]:
    return {
        "lemmas/buurt.md": lemma(
            "Buurt",
            "In de buurt ontstaat sociale cohesie als bewoners elkaar groeten. Zie"
            " [[vertrouwen]] en [[segregatie|gescheiden wonen]].\n\n"
            "Sociale cohesie vraagt tijd; het buurthuis helpt daarbij. Nabijheid groeit,"
            " nabijheid blijft.\n",
            cluster="geografische-nabijheid", extra="updated: 2026-01-15\n"),
        "lemmas/vertrouwen.md": lemma(
            "Vertrouwen",
            "Vertrouwen groeit in buurten met sociale cohesie. Het buurthuis is een plek waar"
            " [[buurt|buren]] elkaar zien, in nabijheid.\n",
            extra="updated: 2023-05-01\naliases: [trust]\n"),
        "lemmas/segregatie.md": lemma(
            "Segregatie",
            "Segregatie betekent minder sociale cohesie tussen groepen. Zie [[vertrouwen]]."
            " Een buurthuis kan bruggen slaan.\n",
            extra="status: concept\n").replace(
                'literature:\n  - "Auteur, A. (2020). *Een boek*. Uitgever."\n', ""),
        "lemmas/kort.md": lemma("Kort", "Een korte tekst over de [[buurt]].\n", words=False),
    }


def test_report_from_a_small_lexicon(make_lexicon):
    lexicon = load_lexicon(make_lexicon(files())).lexicon
    stats = compute(lexicon, today=TODAY, top=2)
    assert (stats.lemmas, stats.published, stats.concepts) == (4, 3, 1)
    assert [(c.slug, c.lemmas) for c in stats.per_cluster] == [
        ("sociale-nabijheid", 3), ("geografische-nabijheid", 1)]
    assert stats.orphans == ("kort",)
    assert stats.without_literature == ("segregatie",)
    # segregatie: 14 words of its own and 460 filler words
    assert [(x.slug, x.words) for x in stats.shortest] == [("kort", 6),
                                                              ("segregatie", 474 + CLOSING_WORDS)]
    assert stats.longest[0].slug == "buurt"
    assert [(x.slug, x.incoming, x.outgoing) for x in stats.most_linked] == [
        ("buurt", 2, 2), ("vertrouwen", 2, 1)]
    assert [(x.slug, x.incoming) for x in stats.least_linked] == [("kort", 0), ("segregatie", 1)]
    # buurt is 10 months old; vertrouwen 42; the others have no date.
    assert [(s.slug, s.months) for s in stats.stale] == [
        ("kort", None), ("segregatie", None), ("vertrouwen", 42)]
    assert stats.as_dict()["stale"][2]["updated"] == "2023-05-01"


def test_missing_concepts_are_frequent_terms_that_no_title_or_alias_names(make_lexicon):
    lexicon = load_lexicon(make_lexicon(files())).lexicon
    found = {m.term: m for m in missing_concepts(lexicon)}
    assert found["sociale cohesie"] == Mention(
        "sociale cohesie", 4, ("buurt", "segregatie", "vertrouwen"))
    assert found["buurthuis"].lemmas == ("buurt", "segregatie", "vertrouwen")
    # A short word alone is rarely a concept (verbs, adverbs); a long compound is.
    assert "cohesie" not in found
    # Titles, their stems ("buurten" ~ "Buurt"), stop words and wikilinks never count.
    assert not {"buurt", "buurten", "vertrouwen", "segregatie", "groepen", "elkaar",
                "gescheiden wonen"} & set(found)
    assert "nabijheid" not in found  # the clusters' titles name it
    ranked = list(found)
    assert ranked.index("sociale cohesie") < ranked.index("buurthuis")


def test_missing_concepts_need_several_lemmas(make_lexicon):
    root = make_lexicon({"lemmas/a.md": lemma("Alfa", "Wijkteams, wijkteams, wijkteams.\n")})
    assert missing_concepts(load_lexicon(root).lexicon) == ()


def test_months_and_stems():
    assert months_between(dt.date(2024, 1, 31), dt.date(2024, 2, 29)) == 0
    assert months_between(dt.date(2024, 1, 15), dt.date(2026, 1, 15)) == 24
    assert stem("buurten") == stem("buurt")
    assert stem("Coöperaties") == stem("cooperatie")


def test_cli_text_and_json(make_lexicon):
    root = make_lexicon(files())
    text = CliRunner().invoke(cli, ["stats", str(root), "--today", "2026-11-26"])
    assert text.exit_code == 0, text.output
    assert text.stdout.startswith(
        "Lexicon op 26-11-2026: 4 lemma's (3 gepubliceerd, 1 concept).\n")
    assert "  Geografische nabijheid    1\n" in text.stdout
    assert "sociale cohesie — 4× in 3 lemma's: buurt, segregatie, vertrouwen" in text.stdout
    assert "  vertrouwen — 01-05-2023 (42 maanden)" in text.stdout
    data = json.loads(CliRunner().invoke(
        cli, ["stats", str(root), "--today", "2026-11-26", "--format", "json",
              "--months", "6"]).stdout)
    assert data["today"] == "2026-11-26" and data["stale_months"] == 6
    assert [s["slug"] for s in data["stale"]] == ["kort", "segregatie", "vertrouwen", "buurt"]


def test_names_and_the_fields_common_vocabulary_are_no_missing_concepts(make_lexicon):
    files_ = {}
    for i in range(12):
        cited = " Zo schrijft Bredewold over de wijkraadpleging." if i < 3 else ""
        files_[f"lemmas/l{i}.md"] = lemma(
            f"Lemma {i}", f"Hier helpen professionals in gemeenten bij vragen.{cited}\n")
    found = {m.term for m in missing_concepts(load_lexicon(make_lexicon(files_)).lexicon)}
    assert "wijkraadpleging" in found  # a compound in three of twelve texts
    assert "bredewold" not in found  # an author, written with a capital mid-sentence
    assert "professionals" not in found  # in every text: the field's own vocabulary
