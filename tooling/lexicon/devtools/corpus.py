"""A synthetic lexicon of N lemma's for scale tests and benchmarks.

plan (titles, clusters, headings, aliases for every lemma, all unique)
    ──▶ links (a ring so nothing is an orphan, plus preferential links, some to a heading)
    ──▶ text (Dutch-like sentences from word lists, 450–900 words per lemma)
    ──▶ files {relative path: text}, written by `write_corpus`

`generate` is pure and deterministic for a given (n, seed), so benchmarks at N = 500 and
N = 5 000 are repeatable. The result passes `lexicon check` without errors or warnings.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lexicon.core.slugs import heading_anchor, slugify

CLUSTERS = {
    "sociale-nabijheid": ("Sociale nabijheid", 1, "#8a2846",
                          "Nabijheid tussen mensen onderling, in relaties, netwerken en groepen."),
    "geografische-nabijheid": ("Geografische nabijheid", 2, "#2e6b3a",
                               "Nabijheid door plaats: de buurt, de straat en de wijk."),
    "professionele-nabijheid": ("Professionele nabijheid", 3, "#1f5a8a",
                                "De nabijheid van professionals tot de mensen met wie zij werken."),
    "institutionele-nabijheid": ("Institutionele nabijheid", 4, "#6b4a1f",
                                 "Hoe dicht instituties en hun regels bij burgers staan."),
}

NOUNS = """
aandacht afstand afspraak armoede bewoner bewonersgroep bijeenkomst binding buurt buurthuis
burger burgerschap contact cultuur deelname dienstverlening dialoog diversiteit doelgroep
eenzaamheid eigenaarschap ervaring familie gemeenschap gemeente gesprek gezin gezondheid
groep hulpverlening hulpvraag huishouden identiteit inclusie initiatief instelling instantie
jeugd kennis kwetsbaarheid leefomgeving leefwereld loket mantelzorg migratie netwerk
nabijheid ondersteuning onderwijs ontmoeting opbouw organisatie overheid participatie
plein praktijk preventie professional regelgeving relatie respect ruimte samenhang
samenleving samenwerking schuld signalering solidariteit stad straat structuur systeem
taal toegang uitsluiting veiligheid verbinding verantwoordelijkheid vertrouwen
vrijwilliger vrijwilligerswerk waardering wederkerigheid welzijn werkplaats wijk wijkteam
woning zelfstandigheid zorg zorgvraag zeggenschap betrokkenheid bereikbaarheid
beschikbaarheid bestaanszekerheid buurtbewoner dagbesteding discretie erkenning
gelijkwaardigheid geborgenheid houding inzet kwartiermaken leefbaarheid maatwerk
moeite nabuurschap nood omgang onzekerheid oplossing presentie reflectie regie
schaamte spanning sturing tegenspraak toewijding twijfel verandering verwachting
vraagverlegenheid weerbaarheid wijkaanpak zorgzaamheid
""".split()

ADJECTIVES = """
sociale informele formele lokale stedelijke landelijke professionele institutionele
collectieve individuele gedeelde wederzijdse dagelijkse alledaagse kwetsbare veerkrachtige
duurzame tijdelijke nabije afstandelijke betrokken georganiseerde zelfstandige publieke
private gemeentelijke preventieve integrale gerichte open gesloten stille zichtbare
onzichtbare actieve passieve nieuwe oude verbindende ondersteunende lerende kritische
praktische morele politieke economische culturele religieuze digitale fysieke mentale
vrijwillige gedwongen gezamenlijke tegendraadse
""".split()

VERBS = """
versterkt verbindt ondersteunt vraagt bepaalt beïnvloedt verandert vergroot verkleint
bevordert belemmert draagt schept vormt beschermt benadert bereikt begeleidt activeert
erkent waardeert organiseert verbetert verduidelijkt verdiept opent sluit raakt
""".split()

ADVERBS = """
vaak soms meestal zelden nauwelijks duidelijk voorzichtig geleidelijk opvallend
uitdrukkelijk stilzwijgend nadrukkelijk steeds
""".split()

PLACES = ["de buurt", "de wijk", "de stad", "het dorp", "het buurthuis", "de straat",
          "het plein", "de school", "het wijkcentrum", "de gemeente", "de praktijk",
          "de keukentafel"]

HEADINGS = [
    "Herkomst van het begrip", "Betekenis voor het sociaal werk", "In de praktijk",
    "Kritiek en discussie", "Onderzoek en onderbouwing", "Nabijheid en afstand",
    "Spanningen in het werk", "Voorbeelden uit de wijk", "De rol van de professional",
    "Beleid en instituties", "Vragen voor de praktijk", "Ontwikkelingen", "Afbakening",
    "Verwante begrippen", "Wat het vraagt van organisaties", "Betekenis voor bewoners",
]

ENGLISH = """
community care neighbourhood outreach trust proximity social network support distance
inclusion participation engagement practice work
""".split()

# In the reference-list form of APA 7 with Dutch conventions: tussenvoegsel after the initials.
AUTHORS = ["Redactie digitale editie", "Vries, A. de", "Jansen, M.", "Bakker, S.",
           "El Amrani, Y.", "Berg, L. van den", "Visser, K.", "Smit, R.", "Meijer, H.",
           "Bos, J.", "Mulder, E.", "Groot, T. de", "Peters, N."]

PUBLISHERS = ["Movisie", "Van Gennep", "Boom", "Coutinho", "SWP", "Bohn Stafleu van Loghum",
              "Werkplaatsen Sociaal Domein"]

TAGS = ["buurt", "zorg", "netwerk", "beleid", "professionaliteit", "participatie", "armoede",
        "jeugd", "ouderen", "vrijwilligers", "diversiteit", "wijkteams", "gezondheid",
        "wonen", "onderwijs", "veiligheid"]

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_LINK = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]")
MIN_WORDS, MAX_WORDS = 480, 860


@dataclass
class _Plan:
    slug: str
    title: str
    cluster: str
    headings: list[str]
    aliases: list[str]


def _titles(rng: random.Random, n: int) -> list[str]:
    combos = [f"{a.capitalize()} {b}" for a in ADJECTIVES for b in NOUNS]
    rng.shuffle(combos)
    titles: list[str] = []
    seen: set[str] = set()
    for i in range(n):
        title = combos[i % len(combos)]
        if i >= len(combos):
            title += f" {i // len(combos) + 1}"
        if slugify(title) in seen:  # never for the combos; guards the numbered fallback
            title = f"{title} {i}"
        seen.add(slugify(title))
        titles.append(title)
    return titles


def _plan(rng: random.Random, n: int) -> list[_Plan]:
    titles = _titles(rng, n)
    clusters = list(CLUSTERS)
    taken = {slugify(t) for t in titles}
    plans = []
    for i, title in enumerate(titles):
        aliases = []
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            kind = rng.random()
            if kind < 0.4:
                alias = f"{rng.choice(ENGLISH)} {rng.choice(ENGLISH)}"
            elif kind < 0.8:
                alias = f"{title.split()[1]} in {rng.choice(PLACES)}"
            else:
                alias = f"{rng.choice(ADJECTIVES)} {title.split()[1]}"
            if slugify(alias) not in taken:
                taken.add(slugify(alias))
                aliases.append(alias)
        headings = rng.sample(HEADINGS, rng.randint(3, 6))
        plans.append(_Plan(slugify(title), title, clusters[i % len(clusters)], headings, aliases))
    return plans


def _links(rng: random.Random, plans: list[_Plan]) -> list[list[int]]:
    """Outgoing link targets per lemma: the next lemma in a shuffled ring (so every lemma has
    a backlink), then targets favouring popular lemma's and the lemma's own cluster."""
    n = len(plans)
    if n < 2:
        return [[] for _ in plans]
    order = list(range(n))
    rng.shuffle(order)
    links: list[list[int]] = [[] for _ in plans]
    popular: list[int] = []
    for k, i in enumerate(order):
        links[i].append(order[(k + 1) % n])
    for i in range(n):
        for _ in range(rng.randint(3, 9)):
            if popular and rng.random() < 0.4:
                target = rng.choice(popular)
            else:
                target = rng.randrange(n)
                if rng.random() < 0.5 and plans[target].cluster != plans[i].cluster:
                    target = (target + 1) % n
            if target != i and target not in links[i]:
                links[i].append(target)
                popular.append(target)
    return links


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(["De", "Een", "Elke", "Deze"]), rng.choice(ADJECTIVES), rng.choice(NOUNS),
             rng.choice(VERBS), rng.choice(["de", "een", "hun", "die"]), rng.choice(NOUNS)]
    if rng.random() < 0.6:
        words += [rng.choice(["in", "rond", "binnen", "buiten", "voor"]), rng.choice(PLACES)]
    if rng.random() < 0.5:
        words += [rng.choice(["omdat", "terwijl", "zodat", "wanneer"]), rng.choice(["de", "een"]),
                  rng.choice(NOUNS), rng.choice(ADVERBS), rng.choice(VERBS), "wordt"]
    return " ".join(words) + rng.choice([".", ".", ".", "?"])


def _link_text(rng: random.Random, target: _Plan) -> str:
    roll = rng.random()
    if roll < 0.5:
        return f"[[{target.slug}]]"
    if roll < 0.8:
        return f"[[{target.slug}|{target.title.lower()}]]"
    heading = rng.choice(target.headings)
    return f"[[{target.slug}#{heading_anchor(heading)}|{heading.lower()}]]"


def _count(text: str) -> int:
    plain = _LINK.sub(lambda m: m.group(2) or m.group(1).replace("-", " "), text)
    return len(_WORD.findall(plain))


def _in_text(author: str) -> str:
    """'Berg, L. van den' -> 'Van den Berg' (how running text names a reference's author)."""
    family, _, rest = author.partition(", ")
    particle = " ".join(w for w in rest.split() if not w.endswith("."))
    return f"{particle.capitalize()} {family}" if particle else family


def _body(rng: random.Random, plan: _Plan, targets: list[_Plan],
          cited: list[tuple[str, int]]) -> str:
    goal = rng.randint(MIN_WORDS, MAX_WORDS)
    pending = [_link_text(rng, t) for t in targets]
    blocks: list[str] = []
    words = 0
    # The style guide's closing sections come last (LEX510).
    sections = [None, *plan.headings, "In de praktijk", "Dilemma's"]
    per_section = goal / len(sections)
    for s, heading in enumerate(sections):
        if heading is not None:
            blocks.append(f"## {heading}")
            words += _count(heading)
        while words < per_section * (s + 1) and words < goal:
            sentences: list[str] = []
            for _ in range(rng.randint(3, 6)):
                if words >= goal:
                    break
                sentence = _sentence(rng)
                if pending and rng.random() < 0.35:
                    sentence = sentence[:-1] + f", zoals bij {pending.pop()}."
                sentences.append(sentence)
                words += _count(sentence)
            if sentences:
                if rng.random() < 0.12:
                    blocks.append("\n".join(f"- {s}" for s in sentences))
                else:
                    blocks.append(_wrap(" ".join(sentences)))
    if pending:  # links that found no sentence: a closing "see also" line
        blocks.append("Zie ook " + ", ".join(pending) + ".")
    # Every literature item cited once (LEX508), before the closing sections.
    citation = "Meer hierover in de literatuur (" + "; ".join(
        f"{_in_text(author)}, {year}" for author, year in cited) + ")."
    first_closing = blocks.index("## In de praktijk")
    blocks.insert(first_closing, citation)
    return "\n\n".join(blocks) + "\n"


def _wrap(text: str, width: int = 96) -> str:
    """Break a paragraph into lines, never inside a `[[wikilink]]` (which may not span lines)."""
    lines: list[str] = []
    line = ""
    for word in re.findall(r"(?:\[\[[^\]]*\]\]|\S)+", text):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yaml_list(name: str, items: Iterable[str]) -> str:
    items = list(items)
    if not items:
        return ""
    return f"{name}:\n" + "".join(f"  - {_quote(item)}\n" for item in items)


def _lemma(rng: random.Random, plan: _Plan, targets: list[_Plan], related: list[_Plan]) -> str:
    noun = plan.title.split()[1]
    summary = (f"{plan.title} is de {rng.choice(ADJECTIVES)} {noun} die {rng.choice(VERBS)}"
               f" hoe {rng.choice(NOUNS)} en {rng.choice(NOUNS)} in {rng.choice(PLACES)}"
               " samenkomen.")
    year = rng.randint(1995, 2024)
    author = rng.choice(AUTHORS[1:])
    updated = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(690))
    works = {(rng.choice(AUTHORS[1:]), rng.randint(1980, 2024))
             for _ in range(rng.randint(1, 4))}
    cited = sorted(works)
    literature = [
        f"{who} ({when}). *{rng.choice(NOUNS).capitalize()} en {rng.choice(NOUNS)}*."
        f" {rng.choice(PUBLISHERS)}."
        for who, when in cited
    ]
    front = (
        "---\n"
        f"title: {_quote(plan.title)}\n"
        f"cluster: {plan.cluster}\n"
        f"summary: {_quote(summary)}\n"
        + _yaml_list("authors", [AUTHORS[0], author] if rng.random() < 0.5 else [AUTHORS[0]])
        + _yaml_list("aliases", plan.aliases)
        + ("related:\n" + "".join(f"  - {r.slug}\n" for r in related) if related else "")
        + _yaml_list("tags", rng.sample(TAGS, rng.randint(1, 4)))
        + _yaml_list("based_on", [f"{author} ({year}). {plan.title}. In *Lexicon nabijheid en"
                                  " sociaal werk*. Werkplaatsen Sociaal Domein / Movisie."])
        + _yaml_list("literature", dict.fromkeys(literature))
        + f"updated: {updated.isoformat()}\n"
        "---\n\n"
    )
    return front + _body(rng, plan, targets, cited)


def _cluster(slug: str) -> str:
    title, order, colour, summary = CLUSTERS[slug]
    return (f"---\ntitle: {title}\norder: {order}\ncolour: \"{colour}\"\n"
            f"summary: {_quote(summary)}\n"
            f"---\n\n{summary} Dit cluster is gemaakt door de corpusgenerator.\n")


def generate(n: int, seed: int = 0) -> dict[str, str]:
    """The files of a valid synthetic lexicon with `n` lemma's: {relative path: text}."""
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = random.Random(seed)
    plans = _plan(rng, n)
    links = _links(rng, plans)
    files = {f"clusters/{slug}.md": _cluster(slug) for slug in CLUSTERS}
    for i, plan in enumerate(plans):
        targets = [plans[t] for t in links[i]]
        related = rng.sample(targets, min(len(targets), rng.randint(0, 3)))
        files[f"lemmas/{plan.slug}.md"] = _lemma(rng, plan, targets, related)
    first = plans[: min(5, n)]
    files["pages/inleiding.md"] = (
        "---\ntitle: Inleiding\norder: 1\n---\n\n## Over dit lexicon\n\n"
        f"Dit is een gegenereerd lexicon van {n} lemma's om mee te meten. Begin bij "
        + ", ".join(f"[[{p.slug}]]" for p in first) + ".\n")
    return files


def write_corpus(root: Path, n: int, seed: int = 0) -> int:
    """Write `generate(n, seed)` under `root`; returns the number of files written."""
    files = generate(n, seed)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(files)
