"""The closest lemma's to a query that found nothing: titles and aliases whose words look
most like the query's words, by letter-pair (bigram) similarity.

A word's bigrams are those of the word with a space on either side ('zorg' -> ' z', 'zo',
'or', 'rg', 'g '), so its first and last letters count as well. Two words are as similar as
the share of bigrams they have in common (shared / all, the Jaccard index). Bigrams rather
than trigrams (pg_trgm): a typed word with two slips ('mantlzrog') keeps more of its
letter pairs than of its triples (0.40 against 0.24 for 'mantelzorg'), while unrelated
words stay low either way. Every query word votes for the lemma's whose title or an alias
has a word at least `THRESHOLD` similar to it, with its best similarity; a lemma's score is
the sum of its votes. Ties go to the title in alphabetical order, then the slug.

The browser engine (lx-search.js, `closest`) computes exactly the same scores from the same
names (the static index's names.json), so both engines offer the same lemma's.

Here the name words are found through an inverted index (bigram -> name words), built once
per index in one pass over the names: a query word is only compared with the words it
shares a bigram with, and a word sharing none has similarity 0 anyway.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lexicon.core.slugs import fold

THRESHOLD = 0.35
"""Below it, two words are not alike. Words with one or two slips score 0.4 and more against
the word meant; a word and an unrelated word of the names mostly below 0.3 (it is a choice
between those two groups, not a value fitted to a query set)."""
LIMIT = 5
MIN_WORD = 3
"""Shorter words (and stop words) neither vote nor are voted for: 'de' is like every 'der'."""

_WORD = re.compile(r"\w+", re.UNICODE)


def bigrams(word: str) -> frozenset[str]:
    padded = f" {word} "
    return frozenset(padded[i:i + 2] for i in range(len(padded) - 1))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if shared else 0.0


def words(text: str, stopwords: frozenset[str]) -> list[str]:
    """The folded words of `text` that take part: at least MIN_WORD letters, no stop word."""
    return [w for w in _WORD.findall(fold(text)) if len(w) >= MIN_WORD and w not in stopwords]


@dataclass(frozen=True)
class Names:
    """The words of every lemma's title and aliases, indexed by bigram."""

    keys: tuple[str, ...]
    """Per lemma (by position) its sort key: (folded title, slug) joined."""
    words: tuple[tuple[frozenset[str], tuple[int, ...]], ...]
    """Per distinct name word: its bigrams and the lemma's (positions) that have it."""
    index: dict[str, tuple[int, ...]]
    """Bigram -> the distinct name words (positions in `words`) that have it."""

    @classmethod
    def build(cls, lemmas: Iterable[tuple[str, str, Sequence[str]]],
              stopwords: frozenset[str]) -> Names:
        """From (slug, title, aliases) per lemma; one pass over the names."""
        keys: list[str] = []
        owners: dict[str, set[int]] = defaultdict(set)
        for n, (slug, title, aliases) in enumerate(lemmas):
            keys.append(f"{fold(title)}\x00{slug}")
            for name in (title, *aliases):
                for word in words(name, stopwords):
                    owners[word].add(n)
        table = []
        index: dict[str, list[int]] = defaultdict(list)
        for i, (word, lemmas_of) in enumerate(owners.items()):
            grams = bigrams(word)
            table.append((grams, tuple(sorted(lemmas_of))))
            for gram in grams:
                index[gram].append(i)
        return cls(tuple(keys), tuple(table), {g: tuple(ws) for g, ws in index.items()})

    def closest(self, query_words: Sequence[str], limit: int = LIMIT) -> list[int]:
        """The positions of the `limit` lemma's closest to the query words, best first."""
        scores: dict[int, float] = {}
        for word in dict.fromkeys(query_words):  # each distinct word votes once, in order
            grams = bigrams(word)
            shared: Counter[int] = Counter()
            for gram in grams:
                shared.update(self.index.get(gram, ()))
            best: dict[int, float] = {}
            for i, count in shared.items():
                other, lemmas_of = self.words[i]
                sim = count / (len(grams) + len(other) - count)
                if sim >= THRESHOLD:
                    for n in lemmas_of:
                        if sim > best.get(n, 0.0):
                            best[n] = sim
            for n, sim in best.items():
                scores[n] = scores.get(n, 0.0) + sim
        ranked = sorted(scores, key=lambda n: (-scores[n], self.keys[n]))
        return ranked[:limit]
