"""Diagnostics: what the core reports about lexicon files, as plain data.

The core never prints. Loader and validator return `Diagnostic` values; each adapter (CLI,
MkDocs plugin, server) renders them its own way. Every code lives in `CODES` with its Dutch
title and explanation, which the README's editor section and `lexicon codes` are generated from.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """How bad a diagnostic is."""

    ERROR = "fout"
    """Blocks a build; `lexicon check` exits 1."""
    WARNING = "waarschuwing"
    """Worth fixing; only fails `lexicon check --strict`."""

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.value < other.value


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one place of one file."""

    path: str
    """POSIX path relative to the lexicon root, e.g. `lemmas/segregatie.md`."""
    line: int
    """1-based line in the file."""
    column: int
    """1-based column in that line."""
    code: str
    """Stable code from `CODES`, e.g. `LEX302`."""
    severity: Severity
    message: str
    """Dutch, names the thing: "onbekend lemma 'fod' in wikilink"."""
    hint: str | None = None
    """Dutch, says how to fix it: "bedoelde je 'food'?"."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class CodeInfo:
    """The documentation of one diagnostic code."""

    code: str
    severity: Severity
    title: str
    """Short Dutch name of the problem."""
    explanation: str
    """What it means and how to fix it, for editors (Dutch)."""


_E, _W = Severity.ERROR, Severity.WARNING

CODES: dict[str, CodeInfo] = {
    info.code: info
    for info in [
        # -- the file itself ------------------------------------------------------------------
        CodeInfo("LEX001", _E, "geen geldige UTF-8",
                 "Het bestand bevat bytes die geen UTF-8 zijn (bijvoorbeeld Latin-1 of"
                 " Windows-1252), of is als UTF-16 of UTF-32 opgeslagen (de melding zegt"
                 " welke). Sla het op als UTF-8 (in de meeste editors: 'Opslaan als' →"
                 " codering UTF-8)."),
        CodeInfo("LEX002", _E, "BOM aan het begin",
                 "Het bestand begint met een onzichtbaar byte-order-mark (BOM). Sla het op als"
                 " 'UTF-8 zonder BOM'."),
        CodeInfo("LEX003", _E, "leeg bestand",
                 "Het bestand is leeg. Vul het met front matter en tekst (zie `lexicon new`) of"
                 " verwijder het."),
        CodeInfo("LEX004", _E, "ongeldige bestandsnaam",
                 "De bestandsnaam is de slug van het lemma: kleine letters a–z, cijfers en"
                 " koppeltekens, zonder spaties of accenten, eindigend op `.md`."),
        CodeInfo("LEX005", _E, "geen front matter",
                 "Een lemma begint op de eerste regel met `---`, daarna de velden in YAML en weer"
                 " een regel `---`."),
        CodeInfo("LEX006", _E, "front matter niet afgesloten",
                 "De front matter begint met `---` maar er volgt geen afsluitende regel `---`."),
        CodeInfo("LEX007", _E, "stuurteken in tekst",
                 "Het bestand bevat een onzichtbaar stuurteken (bijvoorbeeld uit een PDF of Word"
                 " geplakt). Verwijder het teken op de aangegeven plek."),
        CodeInfo("LEX008", _E, "symbolische koppeling",
                 "Lemma- en clusterbestanden moeten gewone bestanden in de repository zijn, geen"
                 " symbolische koppelingen (die kunnen naar bestanden buiten de repository"
                 " wijzen)."),
        CodeInfo("LEX009", _E, "bestand te groot",
                 "Het bestand is groter dan de toegestane omvang. Een lemma is een beknopte tekst;"
                 " splits het op of verwijder geplakte bijlagen."),
        CodeInfo("LEX010", _E, "gemengde regeleinden",
                 "Het bestand gebruikt verschillende soorten regeleinden door elkaar (LF, CRLF of"
                 " CR). Sla het op met LF-regeleinden."),
        # -- YAML front matter ----------------------------------------------------------------
        CodeInfo("LEX101", _E, "YAML-fout",
                 "De front matter is geen geldige YAML. Veelvoorkomende oorzaken: een tab in plaats"
                 " van spaties, een dubbele punt in een waarde zonder aanhalingstekens, een"
                 " ontbrekend aanhalingsteken."),
        CodeInfo("LEX102", _E, "dubbel veld",
                 "Hetzelfde veld staat twee keer in de front matter; YAML zou stilzwijgend de"
                 " tweede waarde houden. Voeg de waarden samen in één veld."),
        CodeInfo("LEX103", _E, "YAML-anker of -verwijzing",
                 "Ankers (`&naam`) en verwijzingen (`*naam`) zijn in front matter niet toegestaan:"
                 " schrijf elke waarde voluit."),
        CodeInfo("LEX104", _E, "front matter is geen lijst van velden",
                 "De front matter moet bestaan uit regels `veld: waarde`."),
        CodeInfo("LEX105", _E, "onbekende YAML-tag",
                 "De front matter gebruikt een YAML-tag (zoals `!!python/object`) die niet is"
                 " toegestaan. Gebruik gewone tekst, getallen, datums en lijsten."),
        # -- the schema -----------------------------------------------------------------------
        CodeInfo("LEX201", _E, "verplicht veld ontbreekt",
                 "Elk lemma heeft `title`, `cluster`, `summary` en `authors`; elk cluster `title`,"
                 " `order`, `colour` en `summary`. Voeg het genoemde veld toe."),
        CodeInfo("LEX202", _E, "onbekend veld",
                 "Het veld bestaat niet in het lemmaformaat. Controleer de spelling (de velden zijn"
                 " Engelstalig: `title`, `summary`, `literature` …)."),
        CodeInfo("LEX203", _E, "verkeerd type",
                 "De waarde heeft het verkeerde soort: bijvoorbeeld een lijst waar tekst hoort, of"
                 " `ja`/`nee`/een getal dat YAML niet als tekst leest. Zet tekst tussen"
                 " aanhalingstekens; schrijf lijsten als regels die met `- ` beginnen."),
        CodeInfo("LEX204", _E, "te lang of te kort",
                 "De waarde is te lang of te kort, bijvoorbeeld een `summary` van meer dan 300"
                 " tekens of een lege lijst."),
        CodeInfo("LEX205", _E, "ongeldige waarde",
                 "De waarde voldoet niet aan het formaat: een slug met hoofdletters of spaties, een"
                 " datum die niet als JJJJ-MM-DD is geschreven, of een status die niet bestaat."),
        CodeInfo("LEX206", _E, "dubbele waarde in lijst",
                 "Dezelfde waarde staat twee keer in een lijst. Verwijder de herhaling."),
        CodeInfo("LEX207", _E, "opmaak in een tekstveld",
                 "Velden in de front matter zijn platte tekst: geen HTML (`<b>`, `<script>`), geen"
                 " HTML-tekencodes (`&lt;`) en, behalve in `literature` en `based_on`, geen"
                 " Markdown (`*nadruk*`, links, wikilinks). Pull requests zijn niet te vertrouwen;"
                 " schrijf de tekst zonder opmaak."),
        CodeInfo("LEX208", _E, "onzichtbaar teken in een tekstveld",
                 "Een stuurteken, een teken dat de leesrichting omdraait of een onzichtbare"
                 " scheiding: zulke tekens kunnen tekst anders laten lezen dan hij is. Typ de"
                 " tekst opnieuw of plak hem als platte tekst."),
        CodeInfo("LEX209", _E, "leeg tekstveld",
                 "`title`, `summary`, de namen in `authors` en de namen in `aliases` moeten iets"
                 " zeggen: alleen spaties (of lege aanhalingstekens) is niet genoeg. Vul de"
                 " tekst in of verwijder de regel."),
        # -- references between files ---------------------------------------------------------
        CodeInfo("LEX301", _E, "onbekend cluster",
                 "Het veld `cluster` noemt een cluster waarvoor geen bestand in `clusters/`"
                 " bestaat."),
        CodeInfo("LEX302", _E, "wikilink naar onbekend lemma",
                 "Een `[[slug]]` verwijst naar een lemma dat niet bestaat. Controleer de slug (de"
                 " bestandsnaam zonder `.md`); de hint noemt de dichtstbijzijnde lemma's."),
        CodeInfo("LEX303", _E, "onbekend anker",
                 "Een `[[slug#anker]]` verwijst naar een kop die het doellemma niet heeft. De hint"
                 " noemt de ankers die wel bestaan."),
        CodeInfo("LEX304", _E, "`related` naar onbekend lemma",
                 "Een slug in `related` hoort bij geen enkel lemma."),
        CodeInfo("LEX305", _E, "verwijzing naar zichzelf",
                 "Een lemma verwijst met een wikilink of in `related` naar zichzelf."),
        CodeInfo("LEX306", _E, "dubbele titel",
                 "Twee lemma's hebben dezelfde titel. Lezers kunnen ze dan niet onderscheiden."),
        CodeInfo("LEX307", _E, "alias botst",
                 "Een alias is gelijk aan de titel, slug of alias van een ander lemma, zodat zoeken"
                 " en het register niet weten welk lemma bedoeld is."),
        CodeInfo("LEX308", _E, "`redirect_from` botst",
                 "Een oude slug in `redirect_from` is ook de slug van een bestaand lemma of staat"
                 " al bij een ander lemma; de doorverwijzing zou een pagina overschrijven."),
        CodeInfo("LEX309", _E, "ongeldige wikilink",
                 "De tekst tussen `[[` en `]]` is geen slug. Schrijf `[[slug]]`,"
                 " `[[slug|tekst]]` of `[[slug#anker|tekst]]`, met de slug in kleine letters."),
        CodeInfo("LEX310", _E, "cluster noemt onbekend lemma",
                 "De lijst `lemmas` van een cluster noemt een lemma dat niet bestaat of tot een"
                 " ander cluster behoort."),
        CodeInfo("LEX311", _E, "leeslijst noemt onbekend lemma",
                 "Een leeslijst in `leeslijsten/` noemt een slug waarvoor geen lemma bestaat."),
        CodeInfo("LEX312", _E, "link naar een bestand dat de site niet heeft",
                 "Een Markdown-link met een pad (`[tekst](../over.md)`, `[tekst](pad/naar)`)"
                 " moet wijzen naar een pagina of bestand in `pages/` of een pagina die de site"
                 " zelf maakt (register, kaart, zoeken); anders staat er op de site een kapotte"
                 " link, of een link naar iets buiten de site. Verwijs naar een lemma met een"
                 " wikilink `[[slug]]` en naar een andere site met een `https://`-link."),
        CodeInfo("LEX313", _E, "wikilink over twee regels",
                 "Een wikilink moet op één regel staan: `[[slug|tekst]]` met een regelovergang"
                 " erin wordt geen link, en de site toont dan de haken. Zet de link op één regel."),
        # -- untrusted content ----------------------------------------------------------------
        CodeInfo("LEX401", _E, "HTML in de tekst",
                 "Lemma's zijn Markdown; ruwe HTML is niet toegestaan (tekst uit pull requests is"
                 " niet te vertrouwen). Gebruik Markdown: `*nadruk*`, `## kop`, `[tekst](url)`."),
        CodeInfo("LEX402", _E, "script in de tekst",
                 "De tekst bevat een `<script>`-element. Dat wordt nooit gepubliceerd."),
        CodeInfo("LEX403", _E, "event-handler in HTML",
                 "Een HTML-attribuut als `onclick=` of `onerror=` voert code uit in de browser van"
                 " de lezer en is niet toegestaan."),
        CodeInfo("LEX404", _E, "onveilige link",
                 "Een link met `javascript:`, `vbscript:` of `data:` voert code uit of verbergt"
                 " inhoud. Gebruik een gewone `https://`-link of een `[[wikilink]]`."),
        CodeInfo("LEX405", _E, "te diep geneste opmaak",
                 "Lijsten of citaten staan dieper in elkaar dan een lemma ooit nodig heeft. De"
                 " Markdown-lezer van de controle stopt dan met lezen, zodat de rest van de tekst"
                 " ongecontroleerd op de site zou komen; de sitebouwer loopt erop vast. Maak de"
                 " structuur vlakker."),
        CodeInfo("LEX406", _E, "te veel of te zware opmaak",
                 "De tekst vraagt meer van de Markdown-lezer dan een lemma ooit nodig heeft:"
                 " tienduizenden opmaaktekens (`[`, `*`, `<` …) of regels, haken `[` die niet of"
                 " pas veel later sluiten, het adres van een link waarvan de `(` niet sluit, HTML"
                 " (`<!--`, `<?`) die pas duizenden tekens later sluit, of een front matter met"
                 " duizenden velden of items. Zulke tekst zou de controle en de bouw van de site"
                 " minutenlang ophouden; de controle leest hem daarom niet verder. Schrijf gewone"
                 " tekst, sluit elke `[` met een `]` en elke link met `)`."),
        # -- editorial warnings ---------------------------------------------------------------
        CodeInfo("LEX501", _W, "wees-lemma",
                 "Geen enkel ander lemma verwijst met een wikilink naar dit lemma. Link ernaar"
                 " vanuit lemma's waar het begrip ter sprake komt."),
        CodeInfo("LEX502", _W, "geen literatuur",
                 "Het lemma heeft geen `literature`. Noem de belangrijkste bronnen (APA 7)."),
        CodeInfo("LEX503", _W, "geen `based_on`",
                 "Het lemma noemt niet waarop het gebaseerd is. Vul `based_on` met het"
                 " oorspronkelijke hoofdstuk en de auteur(s)."),
        CodeInfo("LEX504", _W, "lengte buiten de richtlijn",
                 "De tekst van het lemma is korter of langer dan de richtlijn (standaard 450–900"
                 " woorden)."),
        CodeInfo("LEX505", _W, "kop van niveau 1 in de tekst",
                 "De titel komt uit `title`; begin koppen in de tekst met `##`."),
        CodeInfo("LEX506", _W, "verwijzing naar een conceptlemma",
                 "Een gepubliceerd lemma verwijst naar een lemma met `status: concept`. Op de"
                 " publieke site staat daar dan gewone tekst in plaats van een link, tot het"
                 " doellemma gepubliceerd is."),
        CodeInfo("LEX510", _W, "vaste slotkoppen ontbreken",
                 "Elk lemma eindigt met `## In de praktijk` (wat het begrip van een sociaal werker"
                 " vraagt, met één voorbeeld) en daarna `## Dilemma's` (kritiek, grenzen,"
                 " afwegingen). De koppen daarvoor zijn vrij: kies beschrijvende tussenkoppen."),
        CodeInfo("LEX507", _W, "aangehaald maar niet in de literatuur",
                 "De tekst haalt een bron aan ('(Naam, 2018)', 'Naam e.a. (2018)') die niet in"
                 " `literature` staat: geen verwijzing met die achternaam en dat jaar. Voeg de"
                 " bron toe, of schrijf '(Naam, jaar, aangehaald door Auteur, jaar)' als je"
                 " hem alleen via een ander kent; dan hoeft alleen die andere bron in de lijst."),
        CodeInfo("LEX508", _W, "literatuur die de tekst niet aanhaalt",
                 "Een verwijzing in `literature` wordt nergens in de tekst aangehaald. Noem haar"
                 " waar je de bron gebruikt, als '(Naam, jaar)' of 'Naam (jaar)', of haal haar"
                 " weg."),
        CodeInfo("LEX509", _W, "literatuur niet volgens APA 7",
                 "De verwijzing volgt APA 7 met de Nederlandse conventies niet: een komma voor"
                 " '&' tussen auteurs, het tussenvoegsel na de voorletters ('Bladel, D. van'),"
                 " '(Red.)' voor redacteuren, '(z.d.)' zonder jaar. De hint geeft de verbeterde"
                 " vorm."),
        # -- external links (lexicon links --check) -------------------------------------------
        CodeInfo("LEX601", _E, "externe link werkt niet",
                 "Een `https://`-link in de tekst, `literature` of `based_on` geeft 'bestaat"
                 " niet' (404/410) of het domein bestaat niet meer. Zoek het nieuwe adres (of een"
                 " archiefversie) of verwijder de link. Alleen `lexicon links --check` meldt dit."),
        CodeInfo("LEX602", _W, "externe link onzeker",
                 "Een externe link gaf geen duidelijk antwoord: geen antwoord op tijd, een"
                 " serverfout of een server die automatische controles weigert. Open de link zelf"
                 " om te zien of hij nog werkt."),
    ]
}


def make(
    code: str,
    path: str,
    line: int,
    column: int,
    message: str,
    hint: str | None = None,
) -> Diagnostic:
    """Build a diagnostic whose severity comes from the `CODES` registry."""
    return Diagnostic(path, max(line, 1), max(column, 1), code, CODES[code].severity, message, hint)


def count(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, len(diagnostics) - errors
