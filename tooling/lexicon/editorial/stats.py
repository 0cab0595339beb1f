"""A health report for editors: what the lexicon has, and where it needs work.

Lexicon + LinkGraph ──compute()──▶ Stats (plain data) ──as_dict() / text_report()──▶ CLI

- lemma's per cluster, orphans, lemma's without literature;
- shortest and longest texts, most and least linked lemma's (incoming wikilinks);
- concepts the texts mention but that have no lemma: frequent words and word pairs in the
  bodies that are no stop word and match no title or alias (compared by Snowball stem, so
  "buurten" matches a lemma "Buurt");
- stale lemma's: `updated` missing or older than a number of months.

Pure and deterministic: `today` is an argument, ties are broken alphabetically.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

import snowballstemmer

from lexicon.core.body import plain_text
from lexicon.core.graph import LinkGraph
from lexicon.core.model import Entry, Lexicon
from lexicon.core.slugs import fold
from lexicon.editorial.stopwords import STOPWORDS

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE = re.compile(r"[.!?;:()\[\]\"“”]|\s[-–]\s|\n")
MIN_WORD_LENGTH = 4
# A word alone must be long to count: Dutch concepts on their own are mostly compound nouns
# ('buurthuis', 'participatiesamenleving'); short frequent words are verbs and adverbs
# ('voelen', 'eerder') that no stop-word list catches completely. Pairs keep short words.
MIN_SINGLE_WORD_LENGTH = 9


@dataclass(frozen=True)
class ClusterCount:
    slug: str
    title: str
    lemmas: int


@dataclass(frozen=True)
class Length:
    slug: str
    title: str
    words: int


@dataclass(frozen=True)
class Linked:
    slug: str
    title: str
    incoming: int
    """Other lemma's that link to it with a wikilink."""
    outgoing: int
    """Other lemma's it links to."""


@dataclass(frozen=True)
class Mention:
    term: str
    """The most frequent spelling in the texts, lower case."""
    count: int
    """How often it occurs in all bodies together."""
    lemmas: tuple[str, ...]
    """Slugs of the lemma's whose text mentions it."""


@dataclass(frozen=True)
class Stale:
    slug: str
    title: str
    updated: dt.date | None
    months: int | None
    """Whole months since `updated`; None when it is missing."""


@dataclass(frozen=True)
class Stats:
    lemmas: int
    published: int
    concepts: int
    per_cluster: tuple[ClusterCount, ...]
    """Every cluster in the lexicon's order; lemma's with an unknown cluster come last."""
    orphans: tuple[str, ...]
    without_literature: tuple[str, ...]
    shortest: tuple[Length, ...]
    longest: tuple[Length, ...]
    most_linked: tuple[Linked, ...]
    least_linked: tuple[Linked, ...]
    missing: tuple[Mention, ...]
    """Terms the texts use that no lemma has as title or alias, most widespread first."""
    stale: tuple[Stale, ...]
    stale_months: int
    today: dt.date

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["today"] = self.today.isoformat()
        for item in data["stale"]:
            item["updated"] = item["updated"].isoformat() if item["updated"] else None
        return data


@cache
def _stemmer() -> Any:
    return snowballstemmer.stemmer("dutch")


def stem(word: str) -> str:
    """The Snowball stem of a lower-case, accent-free word: 'buurten' -> 'buurt'."""
    return str(_stemmer().stemWord(fold(word)))


def _sentences(text: str) -> list[list[str]]:
    """Words per sentence-like chunk, as written; word pairs never cross a chunk border."""
    return [_WORD.findall(chunk) for chunk in _SENTENCE.split(text)]


def _known_stems(lexicon: Lexicon) -> tuple[set[str], set[tuple[str, ...]]]:
    """Stems of every word in a name, and every name as a stem sequence. Names are the titles,
    aliases and slugs of lemma's, and the titles of clusters and pages ("nabijheid" has its
    own pages, so it is not missing)."""
    names_found = [name for entry in lexicon
                   for name in (entry.title, *entry.aliases, entry.slug.replace("-", " "))]
    names_found += [c.title for c in lexicon.clusters.values()]
    names_found += [p.title for p in lexicon.pages.values()]
    words: set[str] = set()
    names: set[tuple[str, ...]] = set()
    for name in names_found:
        stems = tuple(stem(w) for w in _WORD.findall(name.lower()))
        words.update(stems)
        names.add(stems)
    return words, names


def _content(word: str) -> bool:
    return len(word) >= MIN_WORD_LENGTH and word not in STOPWORDS


def missing_concepts(lexicon: Lexicon, *, min_lemmas: int = 2, min_count: int = 3,
                     limit: int = 15, max_share: float = 0.4) -> tuple[Mention, ...]:
    """Words and word pairs used in at least `min_lemmas` texts (`min_count` times in all)
    that are no stop word and whose stem matches no word of a title or alias.

    Two kinds of frequent words are no concept: names (authors cited in the text, written
    with a capital in the middle of a sentence) and the common vocabulary of the field
    ('mensen', 'gemeenten', 'voorbeeld'), which stands in more than `max_share` of the
    lemma's once the lexicon is large enough (ten lemma's) for that share to mean something.
    """
    known_words, known_names = _known_stems(lexicon)
    one_word_names = {name[0] for name in known_names if len(name) == 1}
    counts: Counter[tuple[str, ...]] = Counter()
    spellings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    where: dict[tuple[str, ...], set[str]] = defaultdict(set)
    capitalised: Counter[str] = Counter()
    inside: Counter[str] = Counter()

    def add(key: tuple[str, ...], spelling: str, slug: str) -> None:
        counts[key] += 1
        spellings[key][spelling] += 1
        where[key].add(slug)

    for entry in lexicon:
        text = entry.body
        for link in entry.links:  # what a wikilink names has a lemma already
            text = text.replace(link.raw, " ")
        for written in _sentences(plain_text(text)):
            words = [w.lower() for w in written]
            stems = [stem(w) for w in words]
            for i in range(1, len(written)):
                inside[stems[i]] += 1
                capitalised[stems[i]] += written[i][0].isupper()
            for i, word in enumerate(words):
                if not _content(word):
                    continue
                if stems[i] not in known_words and len(word) >= MIN_SINGLE_WORD_LENGTH:
                    # ("sociale" alone is part of titles)
                    add((stems[i],), word, entry.slug)
                if i + 1 < len(words) and _content(words[i + 1]) and words[i + 1] != word:
                    pair = (stems[i], stems[i + 1])
                    # "sociale cohesie" counts, "sociale afstand" (a title) and pairs with a
                    # one-word lemma ("vertrouwen winnen") do not.
                    if pair not in known_names and not one_word_names & set(pair):
                        add(pair, f"{word} {words[i + 1]}", entry.slug)
    names = {s for s, n in inside.items() if capitalised[s] * 2 > n}
    widest = max_share * len(lexicon) if len(lexicon) >= 10 else len(lexicon)
    found = [
        Mention(spellings[key].most_common(1)[0][0], n, tuple(sorted(where[key])))
        for key, n in counts.items()
        if n >= min_count and min_lemmas <= len(where[key]) <= widest and not names & set(key)
    ]
    # Widespread first; a pair ranks above its own words when it is as widespread.
    found.sort(key=lambda m: (-len(m.lemmas), -m.count, -m.term.count(" "), m.term))
    return tuple(found[:limit])


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from `earlier` to `later`: 2024-01-31 → 2024-02-29 is 0."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def compute(
    lexicon: Lexicon,
    *,
    today: dt.date,
    stale_months: int = 24,
    top: int = 5,
    graph: LinkGraph | None = None,
) -> Stats:
    """The health report of `lexicon` (all lemma's, concepts included)."""
    graph = graph or LinkGraph.build(lexicon)
    entries = sorted(lexicon, key=lambda e: e.slug)
    per_cluster = [ClusterCount(c.slug, c.title, len([e for e in entries if e.cluster == slug]))
                   for slug, c in lexicon.clusters.items()]
    unknown = [e for e in entries if e.cluster not in lexicon.clusters]
    if unknown:
        per_cluster.append(ClusterCount("", "(onbekend cluster)", len(unknown)))
    lengths = sorted((Length(e.slug, e.title, e.word_count) for e in entries),
                     key=lambda x: (x.words, x.slug))
    linked = [Linked(e.slug, e.title, len(graph.backlinks.get(e.slug, ())),
                     len(graph.outgoing.get(e.slug, ()))) for e in entries]
    most = sorted(linked, key=lambda x: (-x.incoming, -x.outgoing, x.slug))
    least = sorted(linked, key=lambda x: (x.incoming, x.outgoing, x.slug))
    return Stats(
        lemmas=len(entries),
        published=sum(1 for e in entries if e.is_published),
        concepts=sum(1 for e in entries if not e.is_published),
        per_cluster=tuple(per_cluster),
        orphans=tuple(sorted(graph.orphans())) if len(entries) > 1 else (),
        without_literature=tuple(e.slug for e in entries if not e.literature),
        shortest=tuple(lengths[:top]),
        longest=tuple(reversed(lengths[-top:])) if lengths else (),
        most_linked=tuple(most[:top]),
        least_linked=tuple(least[:top]),
        missing=missing_concepts(lexicon),
        stale=_stale(entries, today, stale_months),
        stale_months=stale_months,
        today=today,
    )


def _stale(entries: list[Entry], today: dt.date, limit: int) -> tuple[Stale, ...]:
    result = []
    for e in entries:
        months = months_between(e.updated, today) if e.updated else None
        if months is None or months >= limit:
            result.append(Stale(e.slug, e.title, e.updated, months))
    # Missing dates first (nobody knows how old they are), then the oldest.
    return tuple(sorted(result, key=lambda s: (s.updated is not None, s.updated or today,
                                               s.slug)))


def text_report(stats: Stats) -> str:
    """The report in Dutch, for the terminal."""
    lines = [f"Lexicon op {stats.today:%d-%m-%Y}: {stats.lemmas} lemma's"
             f" ({stats.published} gepubliceerd, {stats.concepts} concept)."]

    def section(title: str, rows: list[str], empty: str) -> None:
        lines.extend(["", title])
        lines.extend(f"  {row}" for row in rows) if rows else lines.append(f"  {empty}")

    width = max((len(c.title) for c in stats.per_cluster), default=0)
    section("Lemma's per cluster",
            [f"{c.title:<{width}}  {c.lemmas:>3}" for c in stats.per_cluster], "geen clusters")
    section("Wees-lemma's (geen enkel ander lemma linkt ernaar)", list(stats.orphans), "geen")
    section("Zonder literatuur", list(stats.without_literature), "geen")
    section("Kortste teksten", [f"{x.words:>5} woorden  {x.slug}" for x in stats.shortest],
            "geen lemma's")
    section("Langste teksten", [f"{x.words:>5} woorden  {x.slug}" for x in stats.longest],
            "geen lemma's")
    section("Meest gelinkt (inkomend · uitgaand)",
            [f"{x.incoming:>3} · {x.outgoing:<3} {x.slug}" for x in stats.most_linked],
            "geen lemma's")
    section("Minst gelinkt (inkomend · uitgaand)",
            [f"{x.incoming:>3} · {x.outgoing:<3} {x.slug}" for x in stats.least_linked],
            "geen lemma's")
    section("Genoemd, maar zonder lemma (titel of alias)",
            [f"{m.term} — {m.count}× in {len(m.lemmas)} lemma's: {', '.join(m.lemmas)}"
             for m in stats.missing], "niets gevonden")
    section(f"Verouderd (updated ontbreekt of ouder dan {stats.stale_months} maanden)",
            [f"{s.slug} — " + (f"{s.updated:%d-%m-%Y} ({s.months} maanden)" if s.updated
                               else "geen datum") for s in stats.stale], "geen")
    return "\n".join(lines) + "\n"
