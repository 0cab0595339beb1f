"""File-level, YAML and schema rules: each bad input gives one exact diagnostic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import CLOSING_WORDS, lemma
from lexicon import Diagnostic, LexiconError, Severity, load_lexicon

E = Severity.ERROR


def errors(root: Path) -> list[Diagnostic]:
    return [d for d in load_lexicon(root).diagnostics if d.is_error]


def write_bytes(root: Path, rel: str, data: bytes) -> None:
    (root / rel).write_bytes(data)


@pytest.fixture
def lex(make_lexicon, pair) -> Path:
    return make_lexicon(pair)


def test_root_without_lemmas_folder_is_an_environment_error(tmp_path):
    with pytest.raises(LexiconError, match="bevat geen map 'lemmas/'"):
        load_lexicon(tmp_path)


def test_non_utf8_file(lex):
    write_bytes(lex, "lemmas/alfa.md", lemma("Caf\u00e9", "Zie [[beta]].").encode("latin-1"))
    assert errors(lex) == [
        Diagnostic("lemmas/alfa.md", 2, 11, "LEX001", E, "byte 0xE9 is geen geldige UTF-8",
                   "sla het bestand op als UTF-8 (dit teken is waarschijnlijk 'é' in"
                   " Latin-1/Windows-1252)")
    ]


def test_bom(lex):
    write_bytes(lex, "lemmas/alfa.md", b"\xef\xbb\xbf" + lemma("Alfa", "[[beta]]").encode())
    assert errors(lex) == [
        Diagnostic("lemmas/alfa.md", 1, 1, "LEX002", E, "het bestand begint met een BOM",
                   "sla het bestand op als 'UTF-8 zonder BOM'")
    ]


def test_empty_file(lex):
    write_bytes(lex, "lemmas/gamma.md", b"  \n\n")
    assert errors(lex) == [
        Diagnostic("lemmas/gamma.md", 1, 1, "LEX003", E, "het bestand is leeg",
                   "vul het met front matter en tekst, of verwijder het")
    ]


@pytest.mark.parametrize("name, suggestion", [
    ("Gamma Delta.md", "gamma-delta.md"),
    ("één.md", "een.md"),
    ("gamma.MD", "gamma.md"),
])
def test_file_name_not_a_slug(make_lexicon, pair, name, suggestion):
    pair[f"lemmas/{name}"] = lemma("Gamma", "Zie [[alfa]].")
    pair["lemmas/beta.md"] = lemma("Beta", f"Zie [[alfa]] en [[{suggestion[:-3]}]].")
    found = [d for d in errors(make_lexicon(pair)) if d.code == "LEX004"]
    assert found == [
        Diagnostic(f"lemmas/{name}", 1, 1, "LEX004", E, f"'{name}' is geen geldige bestandsnaam",
                   f"hernoem het bestand naar '{suggestion}'")
    ]


def test_no_front_matter(lex):
    write_bytes(lex, "lemmas/gamma.md", b"# Gamma\n\nTekst.\n")
    assert errors(lex) == [
        Diagnostic("lemmas/gamma.md", 1, 1, "LEX005", E, "het bestand begint niet met front matter",
                   "zet op de eerste regel '---', daarna de velden (title: …) en weer '---'")
    ]


def test_front_matter_not_closed(lex):
    write_bytes(lex, "lemmas/gamma.md", b"---\ntitle: Gamma\n\nTekst.\n")
    assert errors(lex) == [
        Diagnostic("lemmas/gamma.md", 1, 1, "LEX006", E, "de front matter wordt niet afgesloten",
                   "zet na het laatste veld een regel met alleen '---'")
    ]


def test_control_character(lex):
    text = lemma("Alfa", "Zie [[beta]].\nEen \x07bel.")
    write_bytes(lex, "lemmas/alfa.md", text.encode())
    assert errors(lex) == [
        Diagnostic("lemmas/alfa.md", 14, 5, "LEX007", E, "onzichtbaar stuurteken U+0007",
                   "verwijder het teken (vaak meegekomen bij kopiëren uit PDF of Word)")
    ]


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlink_outside_repository(lex, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text(lemma("Geheim", "[[alfa]]"), encoding="utf-8")
    (lex / "lemmas/gamma.md").symlink_to(outside)
    assert errors(lex) == [
        Diagnostic("lemmas/gamma.md", 1, 1, "LEX008", E, "'gamma.md' is een symbolische koppeling",
                   "vervang de koppeling door een gewoon bestand")
    ]


def test_huge_file_is_not_read(lex):
    data = lemma("Alfa", "Zie [[beta]].\n" + "woord " * 2_000_000).encode()
    write_bytes(lex, "lemmas/alfa.md", data)
    size = f"{len(data):,}".replace(",", ".")
    assert errors(lex) == [
        Diagnostic("lemmas/alfa.md", 1, 1, "LEX009", E,
                   f"het bestand is {size} bytes (hoogstens 1.000.000)",
                   "een lemma is een beknopte tekst: kort het in")
    ]


def test_mixed_line_endings(lex):
    text = lemma("Alfa", "Zie [[beta]].\n").replace("\n", "\r\n", 3)
    write_bytes(lex, "lemmas/alfa.md", text.encode())
    assert errors(lex) == [
        Diagnostic("lemmas/alfa.md", 4, 1, "LEX010", E, "gemengde regeleinden (LF en CRLF/CR)",
                   "sla het bestand op met LF-regeleinden (in VS Code: rechtsonder 'CRLF' → 'LF')")
    ]


def test_crlf_only_is_fine(lex):
    text = lemma("Alfa", "Zie [[beta]].\n").replace("\n", "\r\n")
    write_bytes(lex, "lemmas/alfa.md", text.encode())
    assert load_lexicon(lex).diagnostics == []


YAML_CASES = [
    ("tab", "---\ntitle: Gamma\n\tcluster: x\n---\n", 3, 1, "LEX101",
     "tab-teken in de front matter", "YAML staat geen tabs toe: spring in met spaties"),
    ("colon", "---\ntitle: Zorg: thuis\n---\n", 2, 12, "LEX101", "onverwachte dubbele punt",
     "zet een waarde die ': ' bevat tussen aanhalingstekens, bijvoorbeeld title: \"Zorg: thuis\""),
    ("unclosed quote", "---\ntitle: \"Gamma\ncluster: x\n---\n", 2, 8, "LEX101",
     "onverwacht einde van de front matter",
     "waarschijnlijk ontbreekt een afsluitend aanhalingsteken of haakje"),
    ("unclosed list", "---\naliases: [a, b\ntitle: x\n---\n", 3, 6, "LEX101",
     "een lijst tussen [ ] is niet goed afgesloten",
     "sluit de lijst af met ']' of schrijf elk item op een eigen regel met '- '"),
    ("indentation", "---\ntitle: Gamma\n  cluster: x\n---\n", 3, 10, "LEX101",
     "onverwachte dubbele punt",
     "zet een waarde die ': ' bevat tussen aanhalingstekens, bijvoorbeeld title: \"Zorg: thuis\""),
    ("bad list indentation", "---\naliases:\n  - a\n - b\n---\n", 4, 2, "LEX101",
     "de inspringing klopt niet",
     "velden op hetzelfde niveau beginnen in dezelfde kolom; lijstitems beginnen met '- '"),
    ("alias", "---\ntitle: &t Gamma\nsummary: *t\n---\n", 3, 10, "LEX103",
     "YAML-verwijzing (*anker) in de front matter",
     "schrijf de waarde voluit in plaats van naar een &anker te verwijzen"),
    ("undefined alias", "---\ntitle: *gamma\n---\n", 2, 8, "LEX103",
     "YAML-verwijzing (*anker) in de front matter",
     "een '*' aan het begin van een waarde is een YAML-verwijzing: zet de waarde tussen"
     " aanhalingstekens"),
    ("not a mapping", "---\n- title\n- Gamma\n---\n", 2, 1, "LEX104",
     "de front matter is geen lijst van velden",
     "schrijf elk veld op een eigen regel als 'veld: waarde'"),
    ("python tag", "---\ntitle: !!python/object/apply:os.system [ls]\n---\n", 2, 8, "LEX105",
     "YAML-tag 'tag:yaml.org,2002:python/object/apply:os.system' is niet toegestaan",
     "schrijf gewone tekst zonder '!'-tag"),
]


@pytest.mark.parametrize("case", YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_yaml_errors(lex, case):
    _, text, line, column, code, message, hint = case
    write_bytes(lex, "lemmas/gamma.md", text.encode())
    assert errors(lex) == [Diagnostic("lemmas/gamma.md", line, column, code, E, message, hint)]


def test_billion_laughs_is_refused_quickly(lex):
    lines = ["---", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines += ["title: Gamma", "---", ""]
    write_bytes(lex, "lemmas/gamma.md", "\n".join(lines).encode())
    assert [(d.code, d.line) for d in errors(lex)] == [("LEX103", 3)]


def test_duplicate_key(lex):
    text = lemma("Alfa", "Zie [[beta]].", extra="title: Nog eens\n")
    write_bytes(lex, "lemmas/alfa.md", text.encode())
    assert errors(lex) == [
        Diagnostic("lemmas/alfa.md", 11, 1, "LEX102", E,
                   "het veld 'title' staat twee keer in de front matter (eerst op regel 2)",
                   "voeg de waarden samen in één veld en verwijder het andere")
    ]


SCHEMA_CASES = [
    ("missing", "summary: Alfa is een begrip dat in deze test als voorbeeld dient.\n", "",
     [("LEX201", 1, 1, "verplicht veld 'summary' ontbreekt",
       "voeg toe, bijvoorbeeld: summary: Sociale afstand is de mate waarin mensen zich verbonden"
       " of juist vreemd voelen tegenover leden van een andere groep.")]),
    ("unknown field", None, "samenvatting: x\n",
     [("LEX202", 11, 1, "onbekend veld 'samenvatting'", "bedoelde je 'summary'?")]),
    ("misspelt field", None, "literatuur_lijst: []\nrelatd: [beta]\n",
     [("LEX202", 11, 1, "onbekend veld 'literatuur_lijst'",
       "bedoelde je 'literature'?"),
      ("LEX202", 12, 1, "onbekend veld 'relatd'", "bedoelde je 'related'?")]),
    ("boolean title", "title: Alfa\n", "title: no\n",
     [("LEX203", 10, 8, "'title' moet tekst zijn, maar is ja/nee (false)",
       "YAML leest dit niet als tekst: zet de waarde tussen aanhalingstekens")]),
    ("string for list", "authors:\n  - Redactie\n", "authors: Redactie\n",
     [("LEX203", 9, 10, "'authors' moet een lijst zijn, maar is tekst",
       "schrijf een lijst:\nauthors:\n  - Redactie")]),
    ("empty value", "authors:\n  - Redactie\n", "authors:\n",
     [("LEX203", 9, 9, "'authors' moet een lijst zijn, maar is leeg",
       "vul een waarde in of verwijder het veld")]),
    ("summary too long", "summary: Alfa is een begrip dat in deze test als voorbeeld dient.\n",
     "summary: " + "x" * 301 + "\n",
     [("LEX204", 10, 10, "'summary' is 301 tekens lang (hoogstens 300)",
       "kort de tekst in; details horen in de tekst van het lemma")]),
    ("bad status", None, "status: klaar\n",
     [("LEX205", 11, 9, "'status' heeft de ongeldige waarde 'klaar'",
       "kies uit 'gepubliceerd', 'concept'")]),
    ("bad date", None, "updated: 22-11-2026\n",
     [("LEX205", 11, 10, "'updated' is geen geldige datum: '22-11-2026'",
       "schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-22")]),
    ("bad related slug", None, "related: [Beta Gamma]\n",
     [("LEX205", 11, 11, "'related, item 1' heeft een ongeldige waarde: 'Beta Gamma'",
       "bedoelde je 'beta-gamma'?")]),
    ("duplicate item", None, "aliases: [a, b, a]\n",
     [("LEX206", 11, 17, "'a' staat twee keer in 'aliases'",
       "verwijder de herhaling (eerste keer: item 1)")]),
]


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=[c[0] for c in SCHEMA_CASES])
def test_schema_errors(lex, case):
    _, remove, extra, expected = case
    text = lemma("Alfa", "Zie [[beta]].", extra=extra)
    if remove:
        text = text.replace(remove, "", 1)
    write_bytes(lex, "lemmas/alfa.md", text.encode())
    assert [d for d in errors(lex) if d.code.startswith("LEX2")] == [
        Diagnostic("lemmas/alfa.md", line, col, code, E, message, hint)
        for code, line, col, message, hint in expected
    ]


def test_cluster_schema(make_lexicon, pair):
    pair["clusters/sociale-nabijheid.md"] = """\
        ---
        title: Sociale nabijheid
        order: een
        colour: rood
        summary: Nabijheid tussen mensen onderling.
        ---
        """
    assert errors(make_lexicon(pair)) == [
        Diagnostic("clusters/sociale-nabijheid.md", 3, 8, "LEX203", E,
                   "'order' moet een geheel getal zijn, maar is tekst", None),
        Diagnostic("clusters/sociale-nabijheid.md", 4, 9, "LEX205", E,
                   "'colour' heeft een ongeldige waarde: 'rood'",
                   "schrijf een kleur als #rrggbb, bijvoorbeeld #1f5a8a"),
    ]


UNSAFE_CASES = [
    ("inline html", "Dit is <b>vet</b>.", [
        ("LEX401", 14, 8, "HTML in de tekst: <b>"), ("LEX401", 14, 14, "HTML in de tekst: </b>")]),
    ("html block", "<div class=\"x\">\nhoi\n</div>", [
        ("LEX401", 14, 1, "HTML in de tekst: <div class=\"x\"> hoi </div>")]),
    ("script", "<script>alert(1)</script>", [
        ("LEX402", 14, 1, "<script> in de tekst: <script>alert(1)</script>")]),
    ("event handler", "Een <img src=x onerror=alert(1)> plaatje.", [
        ("LEX403", 14, 5, "HTML met event-handler: <img src=x onerror=alert(1)>")]),
    ("javascript link", "Klik [hier](javascript:alert(1)).", [
        ("LEX404", 14, 13, "link met onveilig adres 'javascript:'")]),
    ("obfuscated javascript link", "Klik [hier](JaVa&#x09;Script:alert(1)).", [
        ("LEX404", 14, 13, "link met onveilig adres 'javascript:'")]),
    ("javascript autolink", "Zie <javascript:alert(1)>.", [
        ("LEX404", 14, 6, "link met onveilig adres 'javascript:'")]),
    ("javascript in html", "Een <a href=\"javascript:x()\">a</a>.", [
        ("LEX404", 14, 5, "HTML met javascript:-adres: <a href=\"javascript:x()\">"),
        ("LEX401", 14, 31, "HTML in de tekst: </a>")]),
]


@pytest.mark.parametrize("case", UNSAFE_CASES, ids=[c[0] for c in UNSAFE_CASES])
def test_unsafe_content(lex, case):
    _, body, expected = case
    write_bytes(lex, "lemmas/alfa.md", lemma("Alfa", f"[[beta]]\n{body}\n", words=False).encode())
    found = [(d.code, d.line, d.column, d.message) for d in errors(lex)]
    assert found == expected


def test_html_in_code_and_comments_is_fine(lex):
    body = "[[beta]] en `<b>` en\n\n```\n<script>x</script>\n```\n\n<!-- notitie -->\n"
    write_bytes(lex, "lemmas/alfa.md", lemma("Alfa", body).encode())
    assert errors(lex) == []


def test_entry_fields(lex):
    text = lemma("Alfa", "Zie [[beta|de beta]].\n\n## Een kop\n\n## Een kop\n", extra="""\
        aliases: [eerste]
        related: [beta]
        updated: 2026-11-22
        status: concept
        """)
    write_bytes(lex, "lemmas/alfa.md", text.encode())
    entry = load_lexicon(lex).lexicon.entries["alfa"]
    assert (entry.title, entry.cluster, entry.aliases, entry.related, entry.status) == (
        "Alfa", "sociale-nabijheid", ("eerste",), ("beta",), "concept")
    assert entry.updated.isoformat() == "2026-11-22"
    assert [h.anchor for h in entry.headings] == ["een-kop", "een-kop_1", "in-de-praktijk",
                                                  "dilemma-s"]
    assert entry.links[0].label == "de beta"
    assert entry.word_count == 3 + 4 + 460 + CLOSING_WORDS
    assert not entry.is_published
    assert "alfa" not in load_lexicon(lex).lexicon.published()
