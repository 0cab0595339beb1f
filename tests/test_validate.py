"""Every rule: one failing case asserted as whole diagnostics, and the clean case."""

from __future__ import annotations

from conftest import lemma
from lexicon import Diagnostic, Severity, load_lexicon

E, W = Severity.ERROR, Severity.WARNING


def errors(root):
    return [d for d in load_lexicon(root).diagnostics if d.is_error]


def codes(root, code):
    return [d for d in load_lexicon(root).diagnostics if d.code == code]


def test_clean_pair_has_no_diagnostics(make_lexicon, pair):
    assert load_lexicon(make_lexicon(pair)).diagnostics == []


def test_unknown_cluster(make_lexicon, pair):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[beta]].", cluster="sociale-nabijheit")
    assert codes(make_lexicon(pair), "LEX301") == [
        Diagnostic("lemmas/alfa.md", 3, 10, "LEX301", E,
                   "onbekend cluster 'sociale-nabijheit'", "bedoelde je 'sociale-nabijheid'?")
    ]


def test_wikilink_to_unknown_lemma_suggests_nearest(make_lexicon, pair):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Eerst tekst.\nZie ook [[betta]] hier.")
    assert errors(make_lexicon(pair)) == [
        Diagnostic("lemmas/alfa.md", 14, 9, "LEX302", E,
                   "onbekend lemma 'betta' in wikilink [[betta]]", "bedoelde je 'beta'?")
    ]


def test_wikilink_to_renamed_lemma_names_the_new_slug(make_lexicon, pair):
    pair["lemmas/beta.md"] = lemma("Beta", "Zie [[alfa]].", extra="redirect_from: [gamma]\n")
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[gamma]] en [[beta]].")
    assert errors(make_lexicon(pair)) == [
        Diagnostic("lemmas/alfa.md", 13, 5, "LEX302", E,
                   "onbekend lemma 'gamma' in wikilink [[gamma]]",
                   "'gamma' is hernoemd: gebruik 'beta'")
    ]


def test_anchor_the_target_lacks(make_lexicon, pair):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[beta#een-kopje|kop]] en [[beta#een-kop]].")
    assert errors(make_lexicon(pair)) == [
        Diagnostic("lemmas/alfa.md", 13, 5, "LEX303", E,
                   "'beta' heeft geen kop met anker '#een-kopje'", "bedoelde je '#een-kop'?")
    ]


def test_related_unknown_and_self(make_lexicon, pair):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[beta]].", extra="related:\n  - alfa\n  - bet\n")
    assert errors(make_lexicon(pair)) == [
        Diagnostic("lemmas/alfa.md", 12, 5, "LEX305", E, "'related' noemt het lemma zelf ('alfa')",
                   "verwijder deze regel"),
        Diagnostic("lemmas/alfa.md", 13, 5, "LEX304", E, "'related' noemt onbekend lemma 'bet'",
                   "bedoelde je 'beta'?"),
    ]


def test_self_link(make_lexicon, pair):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[beta]] en [[alfa|mij]].")
    assert errors(make_lexicon(pair)) == [
        Diagnostic("lemmas/alfa.md", 13, 17, "LEX305", E,
                   "wikilink [[alfa|mij]] verwijst naar zichzelf",
                   "verwijder de link of verwijs naar een ander lemma")
    ]


def test_invalid_wikilink_target(make_lexicon, pair):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[Beta]] en [[ ]].")
    assert errors(make_lexicon(pair)) == [
        Diagnostic("lemmas/alfa.md", 13, 5, "LEX309", E, "ongeldige wikilink [[Beta]]",
                   "bedoelde je [[beta]]?"),
        Diagnostic("lemmas/alfa.md", 13, 17, "LEX309", E, "ongeldige wikilink [[ ]]",
                   "schrijf [[slug]] met de bestandsnaam van het lemma, zonder .md"),
    ]


def test_duplicate_title(make_lexicon, pair):
    pair["lemmas/gamma.md"] = lemma("alfa", "Zie [[beta]].")
    assert errors(make_lexicon(pair)) == [
        Diagnostic("lemmas/gamma.md", 2, 8, "LEX306", E, "de titel 'alfa' heeft lemma 'alfa' al",
                   "kies een titel die het verschil duidelijk maakt")
    ]


def test_alias_collisions(make_lexicon, pair):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[beta]].", extra="aliases: [Beta, alef]\n")
    pair["lemmas/beta.md"] = lemma("Beta", "Zie [[alfa]].", extra="aliases: [Alef]\n")
    assert errors(make_lexicon(pair)) == [
        Diagnostic("lemmas/alfa.md", 11, 11, "LEX307", E,
                   "alias 'Beta' is ook de titel van lemma 'beta'",
                   "verwijder de alias of link in de tekst naar [[beta]]"),
        Diagnostic("lemmas/beta.md", 11, 11, "LEX307", E,
                   "alias 'Alef' is ook de alias van lemma 'alfa'",
                   "verwijder de alias of link in de tekst naar [[alfa]]"),
    ]


def test_redirect_from_colliding_with_live_slug_or_other_redirect(make_lexicon, pair):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[beta]].", extra="redirect_from: [beta, oud]\n")
    pair["lemmas/beta.md"] = lemma("Beta", "Zie [[alfa]].", extra="redirect_from: [oud]\n")
    assert errors(make_lexicon(pair)) == [
        Diagnostic("lemmas/alfa.md", 11, 17, "LEX308", E,
                   "'redirect_from' noemt 'beta', maar dat is het bestaande lemma 'beta'",
                   "een doorverwijzing is alleen voor slugs die niet meer bestaan: verwijder"
                   " deze regel"),
        Diagnostic("lemmas/beta.md", 11, 17, "LEX308", E, "'oud' verwijst al door naar 'alfa'",
                   "een oude slug kan maar naar één lemma doorverwijzen"),
    ]


def test_cluster_lemma_order_names_unknown_or_foreign_lemma(make_lexicon, pair):
    pair["clusters/sociale-nabijheid.md"] = """\
        ---
        title: Sociale nabijheid
        order: 1
        colour: "#8a2846"
        summary: Nabijheid tussen mensen onderling.
        lemmas: [beta, alfa, delta]
        ---
        """
    pair["lemmas/beta.md"] = lemma("Beta", "Zie [[alfa]].", cluster="geografische-nabijheid")
    assert errors(make_lexicon(pair)) == [
        Diagnostic("clusters/sociale-nabijheid.md", 6, 10, "LEX310", E,
                   "lemma 'beta' in 'lemmas' hoort bij cluster 'geografische-nabijheid'",
                   "verwijder het uit de lijst of corrigeer de slug"),
        Diagnostic("clusters/sociale-nabijheid.md", 6, 22, "LEX310", E,
                   "lemma 'delta' in 'lemmas' bestaat niet",
                   "verwijder het uit de lijst of corrigeer de slug"),
    ]


def test_cluster_order_is_used(make_lexicon, pair):
    pair["clusters/sociale-nabijheid.md"] = """\
        ---
        title: Sociale nabijheid
        order: 1
        colour: "#8a2846"
        summary: Nabijheid tussen mensen onderling.
        lemmas: [beta]
        ---
        """
    lexicon = load_lexicon(make_lexicon(pair)).lexicon
    assert [e.slug for e in lexicon.in_cluster("sociale-nabijheid")] == ["beta", "alfa"]
    assert list(lexicon.clusters) == ["sociale-nabijheid", "geografische-nabijheid"]


def test_links_in_pages_and_clusters_are_checked(make_lexicon, pair):
    pair["pages/inleiding.md"] = "---\ntitle: Inleiding\n---\n\nZie [[alfa]] en [[omega]].\n"
    assert errors(make_lexicon(pair)) == [
        Diagnostic("pages/inleiding.md", 5, 17, "LEX302", E,
                   "onbekend lemma 'omega' in wikilink [[omega]]", None)
    ]


def test_warnings_orphan_literature_based_on_length_h1(make_lexicon, pair):
    pair["lemmas/gamma.md"] = """\
        ---
        title: Gamma
        cluster: sociale-nabijheid
        summary: Gamma is een begrip zonder bronnen en zonder lezers.
        authors: [Redactie]
        ---

        # Gamma

        Kort. Zie [[alfa]].
        """
    assert load_lexicon(make_lexicon(pair)).diagnostics == [
        Diagnostic("lemmas/gamma.md", 1, 1, "LEX501", W,
                   "geen enkel ander lemma verwijst naar 'gamma'",
                   "link ernaar met [[gamma]] vanuit een lemma waar 'Gamma' ter sprake komt"),
        Diagnostic("lemmas/gamma.md", 2, 1, "LEX502", W, "'gamma' noemt geen literatuur",
                   "voeg 'literature:' toe met de belangrijkste bronnen in APA 7"),
        Diagnostic("lemmas/gamma.md", 2, 1, "LEX503", W,
                   "'gamma' noemt niet waarop het gebaseerd is",
                   "voeg 'based_on:' toe met het oorspronkelijke hoofdstuk en de auteur(s)"),
        Diagnostic("lemmas/gamma.md", 7, 1, "LEX504", W,
                   "de tekst telt 4 woorden (richtlijn 450–900)", "vul het lemma aan"),
        Diagnostic("lemmas/gamma.md", 7, 1, "LEX510", W,
                   "de tekst eindigt niet met de vaste koppen '## In de praktijk' en"
                   " '## Dilemma's' (nu: geen tussenkoppen)",
                   "sluit af met '## In de praktijk' (met een voorbeeld) en daarna"
                   " '## Dilemma's'; de koppen daarvoor kies je zelf"),
        Diagnostic("lemmas/gamma.md", 8, 1, "LEX505", W, "kop van niveau 1: 'Gamma'",
                   "de titel komt uit 'title'; begin tussenkoppen met '## '"),
    ]


def test_too_long_body_warns(make_lexicon, pair):
    pair["lemmas/alfa.md"] = lemma("Alfa", "Zie [[beta]].\n" + "lang " * 900)
    assert codes(make_lexicon(pair), "LEX504") == [
        Diagnostic("lemmas/alfa.md", 12, 1, "LEX504", W,
                   "de tekst telt 1376 woorden (richtlijn 450–900)",
                   "kort het lemma in of splits het in twee lemma's")
    ]


def test_links_to_an_unreadable_lemma_are_not_reported_twice(make_lexicon, pair):
    pair["lemmas/beta.md"] = "---\ntitle: [kapot\n---\n"
    diagnostics = errors(make_lexicon(pair))
    assert [d.code for d in diagnostics] == ["LEX101"]
    assert diagnostics[0].path == "lemmas/beta.md"
