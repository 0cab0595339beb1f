"""Citations in the text and the literature list agree, and the list follows APA 7 with the
Dutch conventions of CONTRIBUTING.md.

text ──in_text()──▶ [Citation(name, year, offset)]       "(Naam, 2018)", "Naam e.a. (2018)"
literature ──Reference.parse()──▶ [Reference(authors, years)]
both ──check()──▶ LEX507 (cited, not listed), LEX508 (listed, not cited), LEX509 (APA form)

A citation matches a reference when the year is one of the reference's years (also the
original year of a reprint) and the first cited name, without its tussenvoegsel, occurs in
the reference's author part. A work cited through another ("(Komter, 2005, aangehaald door
Bredewold, 2022)") needs only the source that was read. Every pattern is a single regular
expression pass, linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lexicon.core import diagnostics as dg
from lexicon.core.diagnostics import Diagnostic
from lexicon.core.model import Entry

_YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
_YEARS = rf"(?:{_YEAR}(?:/{_YEAR})?|z\.d\.)"
PARTICLES = ("van", "de", "der", "den", "het", "ten", "ter", "te", "in", "'t", "d'", "la", "le",
             "von", "du", "da", "dos")
_PARTICLE = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Hh]et|[Tt]en|[Tt]er|[Ii]n|'t|[Vv]on|[Dd]u|[Ll]a)"
_NAME_WORD = r"[A-Z\u00c0-\u00de][\w'’\u00c0-\u024f-]*"
# "Naam (2018)", "Naam en Naam (2018, p. 12)", "Van der Linde e.a. (2018)": found from the
# year backwards, over the few words before it (a regular expression that scanned forward
# for the names would retry a long run of 'van van van …' from every word: quadratic).
_YEAR_OPEN = re.compile(rf"\s\((?P<year>{_YEARS})(?=[),;])")
_NAME_TOKEN = re.compile(_NAME_WORD)
_PARTICLE_TOKEN = re.compile(_PARTICLE)
_NAME_WINDOW = 160
"""How far before a year the names of a narrative citation may start (characters)."""
# "(Naam, 2018)", "(Naam & Naam, 2018, p. 12; Ander, 2020)"
_PAREN = re.compile(r"\(([^()]{4,400}?)\)")
_PART = re.compile(rf"^\s*(?:zie\s+(?:ook\s+)?)?(?P<names>[^,;]+?),\s*(?P<year>{_YEARS})(?!\w)")
_SECONDARY = re.compile(r"\s+aangehaald\s+(?:door|in)\s+", re.IGNORECASE)
_SPLIT_AUTHORS = re.compile(r"\s+(?:en|&)\s+|\s+e\.a\.|,")
_LEADING_PARTICLES = re.compile(rf"^(?:{_PARTICLE}\s+)+")


@dataclass(frozen=True)
class Citation:
    name: str
    """The first cited name without tussenvoegsel: "Linde" for "Van der Linde e.a."."""
    year: str
    offset: int
    """Where in the text the citation starts."""
    text: str


@dataclass(frozen=True)
class Reference:
    authors: str
    """The author part: everything before the year."""
    years: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> Reference | None:
        match = re.search(rf"\((?P<year>{_YEARS})(?:,[^)]{{0,200}})?\)", text)
        if match is None:
            return None
        years = {match.group("year").rstrip("abcdefghij")} | {
            y.rstrip("abcdefghij") for y in re.findall(_YEAR, match.group("year"))}
        years |= set(re.findall(r"(?:gepubliceerd|oorspronkelijk)[^)]{0,80}?(\d{4})", text,
                                re.IGNORECASE))
        return cls(text[:match.start()], frozenset(years))

    def cited_by(self, citation: Citation) -> bool:
        cited = {y.rstrip("abcdefghij") for y in citation.year.split("/")}
        listed = {part for y in self.years for part in y.split("/")}
        if not cited & listed:
            return False
        pattern = rf"(?<![\w]){re.escape(citation.name)}(?![\w])"
        return re.search(pattern, self.authors, re.IGNORECASE) is not None


def _first_name(names: str) -> str:
    """The surname to look up: the last word of the first author ("Marije Kesselring" ->
    "Kesselring", "Van der Linde" -> "Linde", "Raad voor Volksgezondheid" -> the last word
    too, which the organisation's name in the list contains)."""
    first = _SPLIT_AUTHORS.split(names.strip(), maxsplit=1)[0].strip()
    words = _LEADING_PARTICLES.sub("", first).split()
    return words[-1] if words else first


def in_text(text: str) -> Iterator[Citation]:
    """Every author–year citation in `text` that must be in the literature list."""
    for match in _PAREN.finditer(text):
        inner = match.group(1)
        for part in inner.split(";"):
            primary, *secondary = _SECONDARY.split(part)
            for piece in (secondary[-1:] if secondary else [primary]):
                found = _PART.match(piece)
                if found:
                    yield Citation(_first_name(found.group("names")), found.group("year"),
                                   match.start(), f"({inner})")
    for match in _YEAR_OPEN.finditer(text):
        group = _names_before(text, match.start())
        if group is None:
            continue
        start, names = group
        before = text[max(0, start - 20):start]
        if re.search(r"aangehaald\s+(?:door|in)\s*$", before, re.IGNORECASE):
            continue
        yield Citation(_first_name(names), match.group("year"), start,
                       text[start:match.end()] + ")")


def _names_before(text: str, end: int) -> tuple[int, str] | None:
    """The author group that ends at `end` (just before ' (2018'): 'Naam', 'Van der Naam',
    'Naam en Naam', 'Naam & Naam', 'Naam e.a.'; (offset, text) or None. At most a few words
    are looked at, so every year costs the same."""
    window_start = max(0, end - _NAME_WINDOW)
    words = [(window_start + m.start(), m.group())
             for m in re.finditer(r"\S+", text[window_start:end])][-8:]
    if words and window_start > 0 and words[0][0] == window_start:
        words = words[1:]  # possibly cut in half by the window
    i = len(words) - 1
    if i >= 0 and words[i][1] == "e.a.":
        i -= 1
        together = False
    else:
        together = True

    def group(j: int) -> int | None:
        """Start index of 'particles* Name' ending at word j, or None."""
        if j < 0 or not _NAME_TOKEN.fullmatch(words[j][1]):
            return None
        while j > 0 and _PARTICLE_TOKEN.fullmatch(words[j - 1][1]):
            j -= 1
        return j

    first = group(i)
    if first is None:
        return None
    if together and first >= 2 and words[first - 1][1] in ("en", "&"):
        earlier = group(first - 2)
        if earlier is not None:
            first = earlier
    start = words[first][0]
    return start, text[start:end]


def check(entry: Entry) -> list[Diagnostic]:
    """LEX507/LEX508/LEX509 for one lemma."""
    result: list[Diagnostic] = []
    references = [Reference.parse(item) for item in entry.literature]
    cited = [False] * len(references)
    body_lines = _line_starts(entry.body)
    for citation in in_text(entry.body):
        hits = [i for i, ref in enumerate(references) if ref is not None and ref.cited_by(citation)]
        for i in hits:
            cited[i] = True
        if not hits:
            line, col = _line_col(body_lines, citation.offset)
            result.append(dg.make(
                "LEX507", entry.path, entry.body_line + line, col,
                f"'{' '.join(citation.text.split())}' staat niet in de literatuur",
                f"voeg in 'literature' de bron van {citation.name} ({citation.year}) toe, of"
                " schrijf '(Naam, jaar, aangehaald door …)' als je de bron niet zelf las"))
    for i, item in enumerate(entry.literature):
        line, col = entry.position("literature", i)
        if references[i] is None:
            result.append(dg.make("LEX509", entry.path, line, col,
                                  "literatuur zonder jaartal tussen haakjes",
                                  "schrijf het jaar als '(2018)' na de auteurs, of '(z.d.)'"))
        elif not cited[i]:
            result.append(dg.make(
                "LEX508", entry.path, line, col,
                f"'{_short(item)}' wordt in de tekst niet aangehaald",
                "verwijs ernaar in de tekst als '(Naam, jaar)' of 'Naam (jaar)', of haal het"
                " weg uit 'literature'"))
    for field in ("literature", "based_on"):
        values: Sequence[str] = getattr(entry, field)
        for i, item in enumerate(values):
            fixed = apa_form(item)
            if fixed != item:
                line, col = entry.position(field, i)
                result.append(dg.make("LEX509", entry.path, line, col,
                                      f"'{field}', item {i + 1} volgt APA 7 niet",
                                      f"schrijf: {fixed}"))
    return result


_TWO_PLUS_MISSING_COMMA = re.compile(r"(?<=[A-Z]\.)\s+&\s+")
# Bounded: an 'In' with no '(Red.)' after it would otherwise be scanned to the end, for
# every 'In' of the item.
_EDITORS = re.compile(r"\bIn\s+(?P<list>[^()]{0,600}?)\s+\((?:Red|red|Eds?|eds?)\.\)")
_INVERTED_PARTICLE = re.compile(
    rf"(?:(?<=^)|(?<=,\s)|(?<=&\s))(?P<p>(?:{_PARTICLE}\s+)+)(?P<s>{_NAME_WORD}),\s+"
    r"(?P<i>(?:[A-Z][a-z]?\.[\s-]?)+)")


def apa_form(item: str) -> str:
    """`item` with the APA 7 (Dutch) fixes this rule knows: a comma before '&' between
    inverted authors and among three or more editors, tussenvoegsels after the initials,
    '(Red.)' and '(z.d.)'."""
    item = re.sub(r"\((?:n\.d\.|zd|z\.d)\)", "(z.d.)", item)
    year = re.search(rf"\({_YEARS}", item)
    cut = year.start() if year else len(item)
    authors, rest = item[:cut], item[cut:]
    authors = _TWO_PLUS_MISSING_COMMA.sub(", & ", authors)
    authors = _INVERTED_PARTICLE.sub(
        lambda m: f"{m.group('s')}, {m.group('i').strip()} {m.group('p').strip().lower()} ",
        authors)
    authors = re.sub(r"\s+(?=\()", " ", authors)

    def editors(m: re.Match[str]) -> str:
        names = m.group("list")
        if names.count(",") >= 1 and re.search(r"[^,]\s&\s", names):
            names = re.sub(r"\s+&\s+(?=[^&]*$)", ", & ", names)
        return f"In {names} (Red.)"

    rest = _EDITORS.sub(editors, rest)
    return (authors + rest) if year else item


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _line_col(starts: list[int], offset: int) -> tuple[int, int]:
    import bisect

    row = bisect.bisect_right(starts, offset) - 1
    return row, offset - starts[row] + 1


def _short(item: str) -> str:
    return item if len(item) <= 60 else item[:57].rstrip() + "…"
