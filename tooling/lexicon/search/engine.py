"""Search that understands Dutch: the index, its analysis, and the queries made of user text.

lexicon ──documents──▶ index in a fresh folder (copy of the current one, only changed lemma's
re-indexed) ──swap `current` symlink──▶ searches, "lijkt op", spelling suggestions.

Analysis: Whoosh's Snowball Dutch stemmer with Dutch stop words, lowercased and with
diacritics folded. Queries are never handed to Whoosh's query language: user text is
tokenised here and turned into query objects, so quotes, `AND`, `*` or control characters
cannot fail or explode a search. Compound words that the index does not know as such
(`buurtbewoners`) are split at query time into parts the index does know (`buurt` +
`bewoners`), so the lexicon's own vocabulary drives decompounding and updates stay
incremental.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import math
import multiprocessing
import os
import re
import shutil
import tempfile
import threading
import time
import unicodedata
import warnings
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

with warnings.catch_warnings():
    # Whoosh 2.7.4 predates Python 3.11: keep its Deprecation/SyntaxWarnings from users.
    warnings.simplefilter("ignore")
    from whoosh import formats
    from whoosh import index as whoosh_index
    from whoosh import query as Q
    from whoosh.analysis import (
        CharsetFilter,
        CompositeAnalyzer,
        LowercaseFilter,
        RegexTokenizer,
        StemFilter,
        StopFilter,
        Token,
    )
    from whoosh.fields import ID, KEYWORD, NGRAMWORDS, STORED, TEXT, Schema
    from whoosh.highlight import HtmlFormatter, PinpointFragmenter
    from whoosh.sorting import FieldFacet
    from whoosh.support.charset import accent_map
    from whoosh.system import pack_uint

from lexicon.core import citations, urls
from lexicon.core.atomic import swap_symlink
from lexicon.core.body import plain_text
from lexicon.core.checkcache import cache_dir
from lexicon.core.model import Entry, Lexicon
from lexicon.core.slugs import fold
from lexicon.search import nearest, ranking, similarity
from lexicon.search.bulk import BulkWriter

SCHEMA_VERSION = 8
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 16
MAX_LIMIT = 100

_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]{1,200})"')
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")

Progress = Callable[[int, int], None]


def index_dir(root: Path) -> Path:
    """Where the search index of the lexicon in `root` is kept: in the user's cache folder,
    never in the repository. Whoosh reads its index files with pickle, so an index folder
    that arrived with a pull request must never be opened; outside the repository it can't."""
    name = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:20]
    return cache_dir() / f"search-{name}"


class FusedAnalyzer(CompositeAnalyzer):
    """Whoosh's chain tokenizer → lowercase → accent folding [→ stop words → stemmer] run as
    one loop: the same tokens, positions and offsets as the chain, without a generator per
    filter per token (those were a third of the time of `lexicon index --full`). Calls the
    loop does not cover (no tokenising, keeping the original text) go through the chain.

    Its class is pickled into the index's schema by Whoosh: keep the name and module."""

    def __call__(self, value: str, no_morph: bool = False, positions: bool = False,
                 chars: bool = False, keeporiginal: bool = False, removestops: bool = True,
                 start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: Any) -> Any:
        if not tokenize or keeporiginal:
            return super().__call__(value, no_morph=no_morph, positions=positions,
                                    chars=chars, keeporiginal=keeporiginal,
                                    removestops=removestops, start_pos=start_pos,
                                    start_char=start_char, tokenize=tokenize, mode=mode,
                                    **kwargs)
        return self._tokens(value, no_morph, positions, chars, removestops, start_pos,
                            start_char, mode, kwargs)

    WORDS = 200_000
    """Words kept in the word cache (bounded: query words are user input)."""

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_terms"}

    def _word(self, word: str, no_morph: bool) -> tuple[str, bool]:
        """What the chain makes of one word: its term, and whether it is a stop word."""
        _, _, charset, *rest = self.items
        text = word.lower().translate(charset.charmap)
        if not rest:
            return text, False
        stopper, stemmer = rest
        if len(text) < stopper.min or (stopper.max is not None and len(text) > stopper.max) \
                or text in stopper.stops:
            return text, True
        if not no_morph and text not in stemmer.ignore:
            text = stemmer._stem(text)
        return text, False

    def _cache(self) -> _TermCache:
        cache: _TermCache | None = self.__dict__.get("_terms")
        if cache is None or len(cache) > self.WORDS:
            cache = self.__dict__["_terms"] = _TermCache(self)
        return cache

    def terms(self, value: str) -> list[str]:
        """The terms of `value` in order, stop words left out: the texts of the tokens the
        chain yields, without making a token (or a match object) for each."""
        cache = self._cache()
        return [text for text, stopped in map(cache.__getitem__, cache.findall(value))
                if not stopped]

    def occurrences(self, value: str, chars: bool) -> dict[str, list[Any]]:
        """Term -> its positions in `value` (with `chars`: (position, start, end) each), in
        the order of first occurrence: what Whoosh's Positions and Characters formats collect
        from the chain's tokens (stop words removed, the positions renumbered without them
        when the stop filter does so)."""
        words = self._cache()
        renumber = len(self.items) > 3 and self.items[3].renumber
        found: dict[str, list[Any]] = {}
        pos: int | None = None
        for i, match in enumerate(self.items[0].expression.finditer(value)):
            text, stopped = words[match.group(0)]
            if stopped:
                continue
            pos = (i if pos is None else pos + 1) if renumber else i
            entry = (pos, match.start(), match.end()) if chars else pos
            at = found.get(text)
            if at is None:
                found[text] = [entry]
            else:
                at.append(entry)
        return found

    def _tokens(self, value: str, no_morph: bool, positions: bool, chars: bool,
                removestops: bool, start_pos: int, start_char: int, mode: str,
                options: dict[str, Any]) -> Any:
        words = self._cache()
        renumber = len(self.items) > 3 and self.items[3].renumber and positions
        t = Token(positions, chars, removestops=removestops, mode=mode, **options)
        pos: int | None = None
        for i, match in enumerate(self.items[0].expression.finditer(value)):
            word = match.group(0)
            text, stopped = self._word(word, True) if no_morph else words[word]
            t.boost = 1.0
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            t.text = text
            t.stopped = stopped
            if stopped:
                if not removestops:
                    yield t
                continue
            if renumber:
                if pos is None:
                    pos = t.pos
                else:
                    pos += 1
                    t.pos = pos
            yield t


class _TermCache(dict[str, tuple[str, bool]]):
    """Word -> what the chain makes of it (its term, and whether it is a stop word), worked
    out on first sight."""

    def __init__(self, analyzer: FusedAnalyzer) -> None:
        super().__init__()
        self.analyzer = analyzer
        expression = analyzer.items[0].expression
        self.findall: Callable[[str], list[str]]
        if expression.pattern == r"\w+(\.?\w+)*":  # Whoosh's default: without its group,
            # findall returns the words themselves, without a match object for each.
            self.findall = re.compile(r"\w+(?:\.?\w+)*", expression.flags).findall
        else:
            self.findall = lambda value: [m.group(0) for m in expression.finditer(value)]

    def __missing__(self, word: str) -> tuple[str, bool]:
        found = self[word] = self.analyzer._word(word, False)
        return found


def _direct(value: Any, analyzer: Any, options: Mapping[str, Any]) -> bool:
    """Whether a format may take its terms straight from `FusedAnalyzer`: a plain string
    indexed from its start, as the writer does."""
    return isinstance(value, str) and isinstance(analyzer, FusedAnalyzer) and \
        all(k == "mode" for k in options)


class FastFrequency(formats.Frequency):
    """Whoosh's Frequency format with its terms counted in one pass (see `_direct`); the
    same postings. Pickled into the index's schema: keep the name and module."""

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Any:
        if not _direct(value, analyzer, kwargs):
            return super().word_values(value, analyzer, **kwargs)
        fb = self.field_boost
        return ((w, n, n * fb, pack_uint(n))
                for w, n in Counter(analyzer.terms(value)).items())


class _FastOccurrences:
    """`word_values` of a Whoosh format that stores positions (`CHARS`: and offsets), with
    them collected in one pass (see `_direct`); the same postings as the format's own."""

    CHARS = False
    field_boost: float
    encode: Callable[[list[Any]], bytes]

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Any:
        if not _direct(value, analyzer, kwargs):
            return super().word_values(value, analyzer, **kwargs)  # type: ignore[misc]
        fb = self.field_boost
        encode = self.encode
        return ((w, len(found), len(found) * fb, encode(found))
                for w, found in analyzer.occurrences(value, self.CHARS).items())


class FastPositions(_FastOccurrences, formats.Positions):
    """Whoosh's Positions format, its positions collected in one pass. Pickled into the
    index's schema: keep the name and module."""


class FastCharacters(_FastOccurrences, formats.Characters):
    """Whoosh's Characters format, its positions and offsets collected in one pass. Pickled
    into the index's schema: keep the name and module."""

    CHARS = True


_FAST = {formats.Frequency: FastFrequency, formats.Positions: FastPositions,
         formats.Characters: FastCharacters}


def _text(analyzer: Any, **options: Any) -> Any:
    """A TEXT field whose format takes its terms straight from our analyzer."""
    found = TEXT(analyzer=analyzer, **options)
    found.format = _FAST[type(found.format)](field_boost=found.format.field_boost)
    return found


def _analyzer(stem: bool = True) -> Any:
    chain = [RegexTokenizer(), LowercaseFilter(), CharsetFilter(accent_map)]
    if stem:
        chain += [StopFilter(lang="nl", minsize=2), StemFilter(lang="nl", cachesize=-1)]
    return FusedAnalyzer(*chain)


DUTCH = _analyzer()
PLAIN = _analyzer(stem=False)

# Query-time weights per field: a title or alias match ranks first.
FIELDS = {"title": 8.0, "aliases": 6.0, "authors": 5.0, "kernvragen": 3.0, "tags": 3.0,
          "summary": 3.0, "people": 2.0, "headings": 2.0, "body": 1.0}
"""`authors`: who wrote the chapter a lemma is based on (its `based_on`), so that the lemma
built on a person's work comes first; `people`: every name in its literature and in-text
citations, for the lemma's that discuss a person's work."""

DERIVE_MIN = 6
DERIVE_SHARE = 0.6
DERIVE_WEIGHT = 0.5
"""Derived forms meet their noun by a shared stem prefix: 'responsieve' (responsiev) and
responsiviteit share 'responsi'. An index stem matches when its first
max(DERIVE_MIN, DERIVE_SHARE × length) letters are the query stem's, at half the weight of
the stem itself, so an exact stem always ranks above its relatives."""


def schema() -> Schema:
    return Schema(
        slug=ID(stored=True, unique=True),
        title=_text(DUTCH, stored=True),
        title_key=ID(),
        aliases=_text(DUTCH, stored=True),
        alias_keys=KEYWORD(commas=True),
        tags=_text(DUTCH),
        authors=_text(DUTCH),
        people=_text(DUTCH),
        # The questions a lemma answers, in students' words: weighted like the summary.
        kernvragen=_text(DUTCH),
        summary=_text(DUTCH, stored=True, chars=True),
        headings=_text(DUTCH),
        # Character positions let snippets come from the match itself (PinpointFragmenter)
        # instead of re-analysing the whole stored body for every hit.
        body=_text(DUTCH, stored=True, chars=True),
        cluster=ID(stored=True),
        grams=NGRAMWORDS(minsize=3, maxsize=5),
        # Every word as written, for typing ahead and "bedoelde je": no phrase is ever
        # searched in it, so it keeps counts without positions (half the postings' bytes).
        spell=_text(PLAIN, phrase=False, spelling=True),
        digest=STORED(),
    )


def key(text: str) -> str:
    """A whole title or alias, normalised for exact matching ('Sociale  Afstand' ->
    'sociale afstand')."""
    return " ".join(_WORD.findall(fold(text)))


def document(entry: Entry, lexicon: Lexicon, titles: Mapping[str, str] | None = None
             ) -> dict[str, Any]:
    """The fields Whoosh stores for one lemma (`titles`: slug -> title, computed once per
    lexicon by callers that index many lemma's)."""
    if titles is None:
        titles = {slug: e.title for slug, e in lexicon.entries.items()}
    body = plain_text(entry.body, titles, entry.info)
    headings = " ".join(h.text for h in entry.headings)
    return {
        "slug": entry.slug,
        "title": entry.title,
        "title_key": key(entry.title),
        "aliases": "; ".join(entry.aliases),
        "alias_keys": ",".join(key(a) for a in entry.aliases),
        "tags": " ".join(entry.tags),
        "authors": " ".join(_author_part(source) for source in entry.based_on),
        "people": " ".join([*(_author_part(item) for item in entry.literature),
                            *(c.name for c in citations.in_text(entry.body))]),
        "kernvragen": " ".join(entry.kernvragen),
        "summary": entry.summary,
        "headings": headings,
        "body": body,
        "cluster": entry.cluster,
        "grams": " ".join([entry.title, *entry.aliases]),
        "spell": " ".join([entry.title, *entry.aliases, *entry.kernvragen, entry.summary,
                           headings, body]),
        "digest": source_digest(entry, titles),
    }


_NAME_PARTICLES = frozenset({*citations.PARTICLES, "el", "al", "ben", "bin", "ibn", "op",
                             "red", "e", "a"})


def _author_part(reference: str) -> str:
    """The surnames of an APA reference (what stands before the year), without initials and
    particles: 'Wanrooy, P. van, & El Hadioui, I.' -> 'Wanrooy Hadioui'. A particle or an
    initial would make every lemma citing a 'Van' or an 'El' match those short words."""
    parsed = citations.Reference.parse(reference)
    if parsed is None:
        return ""
    return " ".join(w for w in _WORD.findall(parsed.authors)
                    if len(w) > 1 and w.lower() not in _NAME_PARTICLES)


def source_digest(entry: Entry, titles: Mapping[str, str]) -> str:
    """A fingerprint of everything a lemma's search document is made of: its own fields and
    the titles of the lemma's it links to without a label (they appear in its plain text).
    Comparing fingerprints tells which lemma's to re-index without analysing any text."""
    linked = sorted({link.target: titles.get(link.target) for link in entry.links}.items(),
                    key=lambda item: item[0])
    payload = [SCHEMA_VERSION, entry.slug, entry.title, entry.aliases, entry.tags,
               entry.kernvragen, entry.based_on, entry.literature, entry.summary,
               entry.cluster, entry.body, linked]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def term_profile(doc: Mapping[str, Any]) -> dict[str, int]:
    """The stemmed terms of a search document, for "lijkt op" (see `similarity`)."""
    return similarity.profile([*DUTCH.terms(doc["title"]), *DUTCH.terms(doc["summary"]),
                               *DUTCH.terms(doc["body"])])


# -- building ------------------------------------------------------------------------------

META = "lexicon-index.json"
"""In each committed index: schema version, and per lemma its digest and term profile."""
NAMES = "lexicon-names.json"
"""In each committed index: per lemma [slug, title, cluster, alias, …], for the closest
lemma's to a query that finds nothing (`Searcher.closest`): read in milliseconds, where the
stored fields of thousands of lemma's take most of a second."""


def read_names(folder: Path) -> list[list[str]]:
    """The NAMES file of an index folder: per lemma [slug, title, cluster, alias, …]."""
    rows: list[list[str]] = json.loads((folder / NAMES).read_text(encoding="utf-8"))
    return rows


@dataclass(frozen=True)
class UpdateStats:
    added: int
    updated: int
    removed: int
    unchanged: int
    full: bool
    seconds: float

    @property
    def changed(self) -> int:
        return self.added + self.updated + self.removed


def _read_meta(folder: Path) -> dict[str, Any] | None:
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("schema") != SCHEMA_VERSION or \
            not isinstance(meta.get("digests"), dict) or \
            not isinstance(meta.get("profiles"), dict):
        return None
    return meta


_VALID: dict[tuple[Path, int, int], bool] = {}
"""Whether an index folder's metadata is readable and of this schema, by folder and the
metadata file's modification time and size: the server asks for every search."""


def committed(base: Path) -> Path | None:
    """The folder of the committed index in `base` (what `base/current` points at), if any.

    The metadata (digests and term profiles of every lemma, megabytes at 5 000) is parsed
    once per committed folder, not on each call: a search would otherwise spend most of its
    time reading it."""
    link = base / "current"
    try:
        folder = link.resolve(strict=True)
        stat = (folder / META).stat()
    except (OSError, RuntimeError):
        return None
    key = (folder, stat.st_mtime_ns, stat.st_size)
    valid = _VALID.get(key)
    if valid is None:
        if len(_VALID) > 64:  # a server that has swapped in many builds
            _VALID.clear()
        valid = _VALID[key] = _read_meta(folder) is not None
    return folder if valid else None


def _link_copy(source: Path, target: Path) -> None:
    """Copy an index folder by hard links: Whoosh never rewrites a file it has written (new
    segments, deletions and tables of contents all go into new files), so the copy can be
    updated without touching the original. Falls back to copying where links are refused."""
    target.mkdir(exist_ok=True)
    for item in source.iterdir():
        if not item.is_file() or item.name.endswith("LOCK") or item.name in (META, NAMES):
            continue
        try:
            os.link(item, target / item.name)
        except OSError:
            shutil.copy2(item, target / item.name)


@dataclass(frozen=True)
class PreparedIndex:
    """An updated index in its own folder, complete but not yet the current one."""

    base: Path
    folder: Path
    stats: UpdateStats

    def commit(self) -> Path:
        """Make this the current index (one atomic symlink swap) and remove older ones."""
        swap_symlink(self.base / "current", self.folder)
        for old in self.base.iterdir():
            if old.is_dir() and not old.is_symlink() and old.name.startswith("index-") and \
                    old.resolve() != self.folder.resolve():
                shutil.rmtree(old, ignore_errors=True)
        return self.folder

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def update_index(lexicon: Lexicon, base: Path, *, full: bool = False,
                 progress: Progress | None = None) -> UpdateStats:
    """Bring the index in `base` up to date with `lexicon`, atomically (prepare + commit)."""
    prepared = prepare_index(lexicon, base, full=full, progress=progress)
    prepared.commit()
    return prepared.stats


def prepare_index(lexicon: Lexicon, base: Path, *, full: bool = False,
                  progress: Progress | None = None) -> PreparedIndex:
    """Write the updated index into a new folder in `base`, without making it current.

    The folder starts as a hard-linked copy of the current index (unless `full`); unchanged
    lemma's are recognised by their source digest and are not analysed again. Nothing that
    readers use changes until `commit()`; a crash or kill leaves only an unused folder, which
    the next commit removes.
    """
    started = time.perf_counter()
    base.mkdir(parents=True, exist_ok=True)
    previous = None if full else committed(base)
    meta = _read_meta(previous) if previous is not None else None
    known: dict[str, str] = dict(meta["digests"]) if meta else {}
    profiles: dict[str, dict[str, int]] = dict(meta["profiles"]) if meta else {}
    work = Path(tempfile.mkdtemp(prefix="index-", dir=base))
    try:
        titles = {slug: e.title for slug, e in lexicon.entries.items()}
        digests = {e.slug: source_digest(e, titles) for e in lexicon}
        changed = [slug for slug, digest in digests.items() if known.get(slug) != digest]
        removed = [slug for slug in known if slug not in digests]
        if previous is not None:
            _link_copy(previous, work)
            ix = whoosh_index.open_dir(str(work))
        else:
            ix = whoosh_index.create_in(str(work), schema())
        if previous is None and len(changed) >= PARALLEL_MIN and _can_fork():
            profiles.update(_write_in_two(ix, lexicon, titles, changed, progress))
        elif previous is None:
            writer = BulkWriter(ix)
            try:
                profiles.update(_add(writer.add_document, lexicon, titles, changed, progress))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
        elif changed or removed:
            writer = _remember_lengths(ix.writer(limitmb=128))
            try:
                for slug in removed:
                    writer.delete_by_term("slug", slug)
                    profiles.pop(slug, None)
                profiles.update(_add(writer.update_document, lexicon, titles, changed,
                                     progress))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
        ix.close()
        (work / META).write_text(json.dumps(
            {"schema": SCHEMA_VERSION, "documents": len(digests), "digests": digests,
             "profiles": {slug: profiles[slug] for slug in digests}},
            ensure_ascii=False), encoding="utf-8")
        (work / NAMES).write_text(json.dumps(
            [[e.slug, e.title, e.cluster, *e.aliases] for e in lexicon], ensure_ascii=False),
            encoding="utf-8")
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    added = sum(1 for slug in changed if slug not in known)
    stats = UpdateStats(added, len(changed) - added, len(removed),
                        len(digests) - len(changed), previous is None,
                        time.perf_counter() - started)
    return PreparedIndex(base, work, stats)


PARALLEL_MIN = 400
"""From this many lemma's a full index is written by two processes, one segment each."""


def _can_fork() -> bool:
    """Two cores, fork available, and no other thread in this process: a forked child has
    only the forking thread, and a lock another thread held (a build's cleaner, a server's
    workers) would stay locked in it. The `lexicon index` command qualifies."""
    return (os.cpu_count() or 1) > 1 and threading.active_count() == 1 and \
        "fork" in multiprocessing.get_all_start_methods()


class _Lengths:
    """A document's stored field length, read once: Whoosh's posting writer asks it for
    every posting (every term of every field of every document), and each answer is a
    lookup through column readers."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.known: dict[tuple[int, str], int] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        key = (docnum, fieldname)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self.reader.doc_field_length(docnum, fieldname, default)
        return found


def _remember_lengths(writer: Any) -> Any:
    """`writer`, its postings written with `_Lengths` (the same lengths, read once)."""
    fieldwriter = writer.fieldwriter
    add_postings = fieldwriter.add_postings

    def add(schema: Any, lengths: Any, items: Any) -> Any:
        return add_postings(schema, _Lengths(lengths) if lengths else lengths, items)

    fieldwriter.add_postings = add
    return writer


def _add(add: Callable[..., None], lexicon: Lexicon, titles: Mapping[str, str],
         slugs: list[str], progress: Progress | None, parent: int | None = None
         ) -> dict[str, dict[str, int]]:
    """Add (or replace) the documents of `slugs` with `add`; their term profiles. `parent`:
    the process that must still be there (a helper stops when the build it serves is gone)."""
    profiles = {}
    for n, slug in enumerate(slugs, 1):
        if parent is not None and os.getppid() != parent:
            raise SystemExit(1)
        doc = document(lexicon.entries[slug], lexicon, titles)
        profiles[slug] = term_profile(doc)
        add(**doc)
        if progress is not None:
            progress(n, len(slugs))
    return profiles


def _write_in_two(ix: Any, lexicon: Lexicon, titles: Mapping[str, str], slugs: list[str],
                  progress: Progress | None) -> dict[str, dict[str, int]]:
    """A new index analysed on two cores, written as the one segment a single writer makes.

    This process analyses the first half of the lemma's, a forked process the second half
    (its postings gathered in memory, its stored fields and lengths in segment files, see
    `bulk`); this process then appends the second half's documents and postings after its
    own and writes one segment. Document numbers, postings, stored fields and lengths are
    those of one writer adding all lemma's in order. One segment matters: Whoosh expands a
    prefix or fuzzy term per segment, and scores a single expansion differently from
    several."""
    half = (len(slugs) + 1) // 2
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    parent = os.getpid()

    def second_half() -> None:
        try:
            writer = BulkWriter(ix, _lk=False)
            found = _add(writer.add_document, lexicon, titles, slugs[half:], None, parent)
            lengths = dict(writer.perdocwriter._fieldlengths)
            segment = writer._partial_segment()
            send.send(("ok", (segment, dict(writer.postings), lengths), found))
        except BaseException as error:  # reported by the parent, which raises it
            send.send(("error", repr(error), None))

    helper = context.Process(target=second_half, daemon=True)
    writer = BulkWriter(ix)
    try:
        helper.start()
        send.close()
        # Both halves go at about the same pace; the progress shown is of the whole index.
        both = None if progress is None else \
            (lambda n, _: progress(min(len(slugs), n * len(slugs) // half), len(slugs)))
        profiles = _add(writer.add_document, lexicon, titles, slugs[:half], both)
        status, result, found = receive.recv()
        helper.join()
        if status != "ok":
            raise RuntimeError(f"het hulpproces dat de tweede helft van de zoekindex schrijft,"
                               f" is mislukt: {result}")
        segment, postings, theirs = result
        own = dict(writer.perdocwriter._fieldlengths)
        basedoc = writer.docnum
        stored = writer.codec.per_document_reader(writer.storage, segment)
        try:
            writer.write_per_doc(set(writer.schema.names()), stored)
        finally:
            stored.close()
        writer.append(postings, basedoc)
        # Copying adds up the helper's documents' lengths as stored, rounded to a byte each;
        # a score's average field length needs the exact totals one writer keeps.
        writer.perdocwriter._fieldlengths = defaultdict(int, {
            name: own.get(name, 0) + theirs.get(name, 0) for name in {*own, *theirs}})
        writer.commit()
    except BaseException:
        if helper.is_alive():
            helper.kill()
        writer.cancel()
        raise
    finally:
        receive.close()
    profiles.update(found)
    return profiles


def snapshot(index: Path, target: Path) -> None:
    """A hard-linked copy of the committed index folder `index` in `target` (a site build
    keeps the index it was built with next to it, so both are swapped in together)."""
    _link_copy(index, target)
    shutil.copy2(index / META, target / META)
    if (index / NAMES).is_file():
        shutil.copy2(index / NAMES, target / NAMES)


def similar_lemmas(index: Path, top: int = 3) -> dict[str, tuple[str, ...]]:
    """"Lijkt op" for every lemma in the committed index folder `index` (see `similarity`)."""
    meta = _read_meta(index)
    if meta is None:
        return {}
    return similarity.similar(meta["profiles"], top)


# -- searching -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    slug: str
    title: str
    cluster: str
    summary: str
    url: str
    snippet: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return {"slug": self.slug, "title": self.title, "cluster": self.cluster,
                "summary": self.summary, "url": self.url, "snippet": self.snippet,
                "score": round(self.score, 3)}


@dataclass(frozen=True)
class Nearby:
    """A lemma offered when a query found nothing (see `nearest`)."""

    slug: str
    title: str
    cluster: str
    url: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SearchResult:
    query: str
    corrected: str | None
    total: int
    results: tuple[Hit, ...]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    retried: str | None = None
    """None: the results are the query's own; "spelling": they are those of `corrected`;
    "loose": those of looser matching of `corrected` (or of the query)."""
    closest: tuple[Nearby, ...] = ()
    """When nothing was found, not even by the retries: the lemma's closest to the query."""

    def as_dict(self) -> dict[str, Any]:
        return {"query": self.query, "corrected": self.corrected, "total": self.total,
                "results": [h.as_dict() for h in self.results], "facets": self.facets,
                "retried": self.retried, "closest": [c.as_dict() for c in self.closest]}


def clean_query(text: str) -> str:
    """User input made safe: no control characters, bounded length, single spaces."""
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))[:MAX_QUERY_CHARS]
    return " ".join(text.split())


def _roots(stem: str) -> list[str]:
    """The stems whose relatives a query stem meets (see DERIVE_SHARE): the stem itself
    and, for a past participle, the stem without its 'ge-' ('gesegregeerd' -> 'segregeerd'),
    since a participle's prefix hides the noun it shares its root with."""
    if stem.startswith("ge") and len(stem) - 2 >= DERIVE_MIN + 2:
        return [stem, stem[2:]]
    return [stem]


def _stems(word: str) -> list[str]:
    return [t.text for t in DUTCH(word)]


@functools.cache
def stopwords() -> frozenset[str]:
    """The words the Dutch analyser drops (Whoosh's English list plus its Dutch one)."""
    stops: set[str] = set()
    for part in DUTCH.items:
        stops |= set(getattr(part, "stops", ()))
    return frozenset(stops)


def _fragmenter() -> PinpointFragmenter:
    return PinpointFragmenter(maxchars=180, surround=50, autotrim=True)


def _formatter() -> HtmlFormatter:
    return HtmlFormatter(tagname="mark", between=" … ")


def _combined(parts: list[Q.Query], exact: list[Q.Query]) -> Q.Query | None:
    """The parts of a query (see `Searcher.query_parts`) as one Whoosh query."""
    if not parts:
        return None
    # A plain sum over the words. Whoosh's coordination bonus (Or with `scale`) rescales
    # each document by how many of the query's terms its matchers still hold when it is
    # scored, which changes as the collector skips exhausted terms: the same document
    # could score differently in two searches. Without it a score depends only on the
    # document and the query, here and in the browser.
    core = parts[0] if len(parts) == 1 else Q.Or(parts)
    return Q.Or([core, *exact])


class _CachedFuzzyTerm(Q.FuzzyTerm):
    """A FuzzyTerm whose expansion (the index terms within the edit distance) comes from the
    searcher's in-memory vocabulary and is remembered per reader: Whoosh builds a Levenshtein
    automaton and walks the on-disk term table for every fuzzy term of every query, which was
    most of the time of a typical search. Same terms, same scores."""

    def __init__(self, vocabulary: ranking.Vocabulary, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vocabulary = vocabulary

    def _btexts(self, ixreader: Any) -> list[str]:
        return self.vocabulary.within(ixreader, self.fieldname, self.text, self.maxdist,
                                      self.prefixlength)


class Searcher:
    """Searches one committed index; cheap to create, holds a Whoosh searcher open."""

    def __init__(self, base: Path, folder: Path | None = None, cache_size: int = 1024) -> None:
        """Open the current index in `base`, or exactly the index folder `folder`.

        The last `cache_size` results are kept (an index never changes once committed, so
        they stay right); popular and typed-ahead queries repeat a lot."""
        current = folder or base / "current"
        if not current.exists():
            raise FileNotFoundError(str(current))
        self.path = current.resolve()
        self.ix = whoosh_index.open_dir(str(self.path))
        self.searcher = self.ix.searcher()
        self.reader = self.searcher.reader()
        self.cache_size = cache_size
        self.results: OrderedDict[tuple[Any, ...], SearchResult] = OrderedDict()
        self.vocabulary = ranking.Vocabulary()
        """Terms in memory for fuzzy terms and spelling suggestions (see `_CachedFuzzyTerm`)."""
        self.derivations: dict[tuple[str, str], list[str]] = {}
        """(field, stem) -> the stems that share its prefix (see `derived`)."""
        self.ranker: ranking.Ranker | None = None
        self.clusters: tuple[list[str], Any] = ([], None)
        """The clusters, and per document number the index of its cluster in them (see
        `Ranker.groups`): the facet counts."""
        self.names: nearest.Names | None = None
        """The titles and aliases by trigram, for `closest` (built on first use)."""
        self.names_of: list[tuple[str, str, str]] = []

    def close(self) -> None:
        if self.ranker is not None:
            self.ranker.close()
        self.searcher.close()
        self.ix.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- query construction ----------------------------------------------------------------

    def _known(self, fieldname: str, text: str) -> int:
        return self.reader.doc_frequency(fieldname, text)

    def derived(self, fieldname: str, stem: str) -> list[str]:
        """The other stems of `fieldname` that share the stem's prefix (see DERIVE_SHARE)."""
        need = max(DERIVE_MIN, math.ceil(DERIVE_SHARE * len(stem)))
        if len(stem) < need:
            return []
        cache_key = (fieldname, stem)
        found = self.derivations.get(cache_key)
        if found is None:
            found = [t.decode("utf-8") if isinstance(t, bytes) else t
                     for t in self.reader.expand_prefix(fieldname, stem[:need])]
            found = [t for t in found if t != stem]
            if len(self.derivations) > 50_000:  # bounded: queries are user input
                self.derivations.clear()
            self.derivations[cache_key] = found
        return found

    def decompound(self, word: str) -> list[str] | None:
        """Split an unknown compound into parts the index knows: 'buurtbewoners' ->
        ['buurt', 'bewoners']; Dutch linking letters (-s-, -e-, -en-) are allowed."""
        word = fold(word)
        if len(word) < 7:
            return None
        best: tuple[float, list[str]] | None = None
        for i in range(3, len(word) - 2):
            left, right = word[:i], word[i:]
            for head in (left, left[:-1] if left.endswith("s") else None,
                         left[:-2] if left.endswith("en") else None,
                         left[:-1] if left.endswith("e") else None):
                if not head or len(head) < 3:
                    continue
                if self._known("spell", head) and self._known("spell", right):
                    score = math.log1p(self._known("spell", head)) + \
                        math.log1p(self._known("spell", right)) + min(len(head), len(right)) / 4
                    if best is None or score > best[0]:
                        best = (score, [head, right])
        return best[1] if best else None

    def _word_query(self, word: str, prefix: bool) -> Q.Query | None:
        """Every way one query word may match (a plain sum of them), `prefix`: also as the
        start of longer words."""
        stems = _stems(word)
        if not stems:
            return None  # a stop word
        options: list[Q.Query] = []
        for stem in stems:
            options += [Q.Term(f, stem, boost=b) for f, b in FIELDS.items()]
            options += [Q.Term(f, other, boost=b * DERIVE_WEIGHT) for f, b in FIELDS.items()
                        for root in _roots(stem) for other in self.derived(f, root)]
        folded = fold(word)
        known = any(self._known(f, s) for s in stems for f in ("body", "title", "aliases"))
        if not known:
            parts = self.decompound(folded)
            if parts:
                options.append(Q.And([
                    Q.Or([Q.Term(f, s, boost=b * 0.8) for f, b in FIELDS.items()
                          for s in _stems(part) or [part]])
                    for part in parts
                ]))
        if len(folded) >= 5 and not known:
            # Typo tolerance only for words the index does not know: expanding every known
            # word to its neighbours costs most of the query time and adds noise.
            distance = 2 if len(folded) >= 9 else 1
            options += [_CachedFuzzyTerm(self.vocabulary, f, s, boost=b * 0.4,
                                         maxdist=distance, prefixlength=1)
                        for f, b in (("title", 8.0), ("aliases", 6.0), ("summary", 2.0))
                        for s in stems]
        if len(folded) >= 3:
            options.append(Q.Term("grams", folded[:5], boost=0.5))
        if prefix and len(folded) >= 2:
            options += [Q.Prefix("spell", folded, boost=0.5), Q.Prefix("title", folded, boost=4.0),
                        Q.Prefix("aliases", folded, boost=3.0)]
        return Q.Or(options)

    def query_parts(self, text: str, prefix: bool = False, loose: bool = False
                    ) -> tuple[list[Q.Query], list[Q.Query]]:
        """The query of each word (and quoted phrase) of `text`, and the exact-title and
        exact-alias queries of the text as a whole. `prefix`: the last word also matches as
        the start of longer words (typing ahead); `loose`: every word does (the retry of a
        query that found nothing)."""
        phrases = _PHRASE.findall(text)
        words = _WORD.findall(_PHRASE.sub(" ", text).lower())[:MAX_QUERY_WORDS]
        parts: list[Q.Query] = []
        for i, word in enumerate(words):
            word_query = self._word_query(word, loose or (prefix and i == len(words) - 1))
            if word_query is not None:
                parts.append(word_query)
        for phrase in phrases[:4]:
            tokens = [t for t in _stems(phrase)][:MAX_QUERY_WORDS]
            if len(tokens) > 1:
                parts.append(Q.Or([Q.Phrase("body", tokens, boost=2.0),
                                   Q.Phrase("title", tokens, boost=10.0),
                                   Q.Phrase("summary", tokens, boost=4.0)]))
            elif tokens:
                parts.append(Q.Or([Q.Term(f, tokens[0], boost=b) for f, b in FIELDS.items()]))
        whole = key(text)
        exact = [Q.Term("title_key", whole, boost=60.0), Q.Term("alias_keys", whole, boost=45.0)]
        return parts, exact

    def build_query(self, text: str, prefix: bool = False, loose: bool = False
                    ) -> Q.Query | None:
        """The whole query as one Whoosh query: the plain sum of its parts, without the
        coordination `coordinate` adds (Whoosh's reference for `ranking`, and the search of
        quoted phrases)."""
        parts, exact = self.query_parts(text, prefix, loose)
        return _combined(parts, exact)

    def correction(self, text: str) -> str | None:
        """'Bedoelde je …?': the query with unknown words replaced by close known words."""
        words = _WORD.findall(text.lower())[:MAX_QUERY_WORDS]
        changed = False
        fixed = []
        for word in words:
            folded = fold(word)
            stems = _stems(word)
            if len(folded) < 4 or not stems or self._known("spell", folded) or any(
                self._known(f, s) for s in stems for f in ("body", "title", "aliases")
            ):
                fixed.append(word)
                continue
            options = self.vocabulary.suggest(self.reader, "spell", folded, limit=1, maxdist=2)
            if options and options[0] != folded:
                fixed.append(options[0])
                changed = True
            else:
                fixed.append(word)
        return " ".join(fixed) if changed else None

    # -- running ---------------------------------------------------------------------------

    def search(self, text: str, *, cluster: str | None = None, limit: int = 10,
               prefix: bool = False, base_url: str = "") -> SearchResult:
        text = clean_query(text)
        limit = max(1, min(limit, MAX_LIMIT))
        key = (text, cluster, limit, prefix, base_url)
        cached = self.results.get(key)
        if cached is not None:
            self.results.move_to_end(key)
            return cached
        result = self._search(text, cluster, limit, prefix, base_url)
        if self.cache_size:
            self.results[key] = result
            if len(self.results) > self.cache_size:
                self.results.popitem(last=False)
        return result

    def _search(self, text: str, cluster: str | None, limit: int, prefix: bool,
                base_url: str) -> SearchResult:
        """The query as it is; if it finds nothing, retried with its spelling corrected, then
        with looser matching (`SearchResult.retried`); if they find nothing either, the
        closest lemma's (the same steps as lx-search.js)."""
        corrected = self.correction(text) if text else None
        result = self._run(text, cluster, limit, prefix, base_url)
        if result.total or any(result.facets.get("cluster", {}).values()) or not text:
            # Found something (perhaps only outside the chosen cluster: the facets say where).
            return SearchResult(text, corrected, result.total, result.results, result.facets)
        if corrected:
            retry = self._run(corrected, cluster, limit, prefix, base_url)
            if retry.total:
                return SearchResult(text, corrected, retry.total, retry.results, retry.facets,
                                    "spelling")
        loose = self._run(corrected or text, cluster, limit, prefix, base_url, loose=True)
        if loose.total:
            return SearchResult(text, corrected, loose.total, loose.results, loose.facets,
                                "loose")
        return SearchResult(text, corrected, 0, (), result.facets,
                            closest=self.closest(text, base_url=base_url))

    def closest(self, text: str, limit: int = nearest.LIMIT, base_url: str = ""
                ) -> tuple[Nearby, ...]:
        """The lemma's whose title or aliases look most like the query's words (`nearest`)."""
        if self.names is None:
            try:
                rows = read_names(self.path)
            except (OSError, ValueError):  # an index written before there were names
                rows = [[f["slug"], f["title"], f["cluster"], f["aliases"]]
                        for f in (self.searcher.stored_fields(d)
                                  for d in sorted(self.reader.all_doc_ids()))]
            self.names_of = [(row[0], row[1], row[2]) for row in rows]
            self.names = nearest.Names.build(((row[0], row[1], row[3:]) for row in rows),
                                             stopwords())
        found = self.names.closest(nearest.words(text, stopwords())[:MAX_QUERY_WORDS], limit)
        return tuple(Nearby(slug, title, cluster, base_url + urls.entry_url(slug))
                     for slug, title, cluster in (self.names_of[n] for n in found))

    def _run(self, text: str, cluster: str | None, limit: int, prefix: bool,
             base_url: str, loose: bool = False) -> SearchResult:
        parts = self.query_parts(text, prefix, loose) if text else ([], [])
        query = _combined(*parts)
        if query is None:
            return SearchResult(text, None, 0, ())
        try:
            return self._ranked(query, text, cluster, limit, base_url, parts)
        except ranking.Unsupported:  # a phrase: Whoosh's own search
            return self._whoosh(query, text, cluster, limit, base_url)

    def _ranker(self) -> ranking.Ranker:
        if self.ranker is None:
            self.ranker = ranking.Ranker(self.searcher, self.path)
            self.clusters = self.ranker.groups("cluster")
        return self.ranker

    def _ranked(self, query: Q.Query, text: str, cluster: str | None, limit: int,
                base_url: str,
                parts: tuple[list[Q.Query], list[Q.Query]] | None = None) -> SearchResult:
        """One scoring pass over the whole posting lists (see `ranking`): hits, total and
        facet counts alike; snippets only for the hits shown. With `parts` (see
        `query_parts`) the words are coordinated (`ranking.coordinate`); without, `query` is
        scored as Whoosh scores it."""
        ranker = self._ranker()
        try:
            if parts is None:
                found = ranker.score(query)
            else:
                words, exact = parts
                found = ranking.coordinate([ranker.score(w) for w in words],
                                           self.reader.doc_count())
                found.add(ranker.score(Q.Or(exact)))  # a new array: `score` makes one
            names, codes = self.clusters
            matched_codes = codes[found.matched]
            counts = np.bincount(matched_codes[matched_codes >= 0], minlength=len(names))
            facets = {"cluster": {name: int(n) for name, n in zip(names, counts, strict=True)
                                  if n}}
            if cluster:
                # The facet counts stay those of the whole result; only the list is narrowed.
                allowed = codes == (names.index(cluster) if cluster in names else -2)
                found = ranking.Matches(found.scores, found.matched & allowed)
            best = ranking.top(found, limit)
            docnums = [docnum for docnum, _ in best]
            stored = {docnum: self.searcher.stored_fields(docnum) for docnum in docnums}
            snippets = ranking.Snippets(ranker, ranking.leaf_terms(query, self.reader),
                                        _fragmenter(), _formatter())
            snippets.load("body", docnums)
            results = []
            for docnum, score in best:
                fields = stored[docnum]
                snippet = snippets.highlight("body", docnum, fields["body"], 2) or \
                    snippets.highlight("summary", docnum, fields["summary"], 3) or \
                    html.escape(fields["summary"])
                results.append(self._hit(fields, snippet, score, base_url))
        finally:
            ranker.done()
        return SearchResult(text, None, len(found), tuple(results), facets)

    @staticmethod
    def _hit(fields: Mapping[str, Any], snippet: str, score: float, base_url: str) -> Hit:
        return Hit(slug=fields["slug"], title=fields["title"], cluster=fields["cluster"],
                   summary=fields["summary"], url=base_url + urls.entry_url(fields["slug"]),
                   snippet=" ".join(snippet.split()), score=float(score or 0.0))

    def _whoosh(self, query: Q.Query, text: str, cluster: str | None, limit: int,
                base_url: str) -> SearchResult:
        """The same search through Whoosh's collectors and highlighter: for phrases, and the
        reference that `_ranked` is tested against."""
        facet = FieldFacet("cluster")
        hits = self.searcher.search(query, limit=limit, groupedby=facet, terms=True)
        facets = {"cluster": {name: len(docs)
                              for name, docs in sorted(hits.groups("cluster").items())}}
        if cluster:
            hits = self.searcher.search(query, limit=limit, filter=Q.Term("cluster", cluster),
                                        terms=True)
        hits.fragmenter = _fragmenter()
        hits.formatter = _formatter()
        results = []
        for hit in hits[:limit]:
            snippet = hit.highlights("body", top=2) or hit.highlights("summary") or \
                html.escape(hit["summary"])
            results.append(self._hit(hit.fields(), snippet, hit.score, base_url))
        return SearchResult(text, None, len(hits), tuple(results), facets)

    def similar(self, slugs: Iterable[str], top: int = 3) -> dict[str, tuple[str, ...]]:
        """"Lijkt op": for each slug the `top` lemma's with the most similar text."""
        everything = similar_lemmas(self.path, top)
        return {slug: everything[slug] for slug in slugs if slug in everything}
