"""Files to a `Lexicon`: the one loader every command and adapter uses.

root/lemmas/*.md, root/clusters/*.md, root/pages/*.md
    ──read bytes──▶ file checks (symlink, size, encoding, BOM, line endings, control characters)
    ──split──▶ front matter ──parse──▶ data + positions ──schema──▶ diagnostics
    ──body──▶ wikilinks, headings, words, unsafe content
    ──▶ Entry / Cluster / Page ──validate──▶ cross-reference diagnostics

Content problems come back as diagnostics and never raise; `LexiconError` is raised only when
the root itself is unusable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lexicon.core import checkcache, citations, frontmatter, schema
from lexicon.core import diagnostics as dg
from lexicon.core.body import analyse
from lexicon.core.checkcache import CheckCache
from lexicon.core.diagnostics import Diagnostic
from lexicon.core.model import BodyInfo, Cluster, Entry, Lexicon, Page
from lexicon.core.project import Project, load_project
from lexicon.core.readinglists import load_reading_lists
from lexicon.core.settings import Settings
from lexicon.core.slugs import is_slug, slugify
from lexicon.core.validate import validate

_BOM = b"\xef\xbb\xbf"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_MAX_CONTROL_REPORTS = 5

Progress = Callable[[int, int], None]
"""Called as progress(done, total) while files are read."""


class LexiconError(Exception):
    """The lexicon root cannot be used at all (not a folder, no lemmas/ folder)."""


@dataclass
class LoadResult:
    lexicon: Lexicon
    diagnostics: list[Diagnostic] = field(default_factory=list)
    project: Project = field(default_factory=Project)
    """The lexicon as a whole (lexicon.yml)."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Read:
    """A file's front matter and body, as far as they could be read."""

    path: str
    slug: str
    data: dict[str, Any] | None = None
    fm: frontmatter.FrontMatter | None = None
    body: str = ""
    body_line: int = 1
    split: bool = False
    """Whether front matter and body could be separated."""
    info: BodyInfo = field(default_factory=BodyInfo)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    key: str | None = None
    """The file's key in the check cache, when a cache is used."""
    record: dict[str, Any] | None = None
    """Its cached result (as read, or as just made)."""


def load_lexicon(
    root: str | Path,
    settings: Settings | None = None,
    progress: Progress | None = None,
    url: str | None = None,
    cache: bool = False,
) -> LoadResult:
    """Read and validate a whole lexicon; `url` overrides the public address in lexicon.yml.

    With `cache`, per-file results are kept in the user's cache folder (see `checkcache`)
    and files whose bytes did not change are not parsed again."""
    settings = settings or Settings()
    root = Path(root)
    if not root.is_dir():
        raise LexiconError(f"map '{root}' bestaat niet")
    if not (root / settings.lemma_dir).is_dir():
        raise LexiconError(
            f"map '{root}' bevat geen map '{settings.lemma_dir}/': is dit een lexicon?"
        )
    lemma_files = _md_files(root / settings.lemma_dir)
    cluster_files = _md_files(root / settings.cluster_dir)
    page_files = _md_files(root / settings.page_dir)
    total = len(lemma_files) + len(cluster_files) + len(page_files)
    store = CheckCache(root, settings) if cache else None
    done = 0
    diagnostics: list[Diagnostic] = []

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    clusters: dict[str, Cluster] = {}
    for path in cluster_files:
        read = read_file(root, path, "cluster", settings, store)
        diagnostics += read.diagnostics
        if read.data is not None:
            clusters[read.slug] = _cluster(read)
        tick()

    entries: dict[str, Entry] = {}
    unreadable: set[str] = set()
    for path in lemma_files:
        read = read_file(root, path, "lemma", settings, store)
        diagnostics += read.diagnostics
        if read.data is not None:
            entry = entries[read.slug] = _entry(read)
            diagnostics += _citations(entry, read, store)
        else:
            unreadable.add(read.slug)
        tick()

    pages: dict[str, Page] = {}
    for path in page_files:
        read = read_file(root, path, "page", settings, store)
        diagnostics += read.diagnostics
        if read.data is not None:
            pages[read.slug] = _page(read)
        tick()

    lexicon = Lexicon(
        entries=MappingProxyType(dict(sorted(entries.items()))),
        clusters=MappingProxyType(
            dict(sorted(clusters.items(), key=lambda kv: (kv[1].order, kv[0])))
        ),
        pages=MappingProxyType(dict(sorted(pages.items()))),
        unreadable=frozenset(unreadable),
        page_files=_page_files(root / settings.page_dir),
    )
    reading_lists, found = load_reading_lists(root, settings.reading_list_dir, lexicon)
    diagnostics += found
    lexicon = replace(lexicon, reading_lists=tuple(reading_lists))
    diagnostics += validate(lexicon, settings)
    project, found = load_project(root, url=url)
    diagnostics += found
    if store is not None:
        store.save()
    return LoadResult(lexicon, sorted(set(diagnostics)), project)


def _page_files(folder: Path) -> frozenset[str]:
    """Every regular file under pages/ (POSIX paths relative to it): what MkDocs publishes."""
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                     if p.is_file() and not p.is_symlink())


def _md_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    # A symbolic link is always listed, whatever it points at (a folder, nothing, a file
    # outside the repository): read_file reports it instead of following it.
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() == ".md" and (p.is_symlink() or not p.is_dir()))


def read_file(root: Path, path: Path, kind: str, settings: Settings | None = None,
              cache: CheckCache | None = None) -> _Read:
    """Read one lemma, cluster or page file into data, body and diagnostics."""
    settings = settings or Settings()
    rel = path.relative_to(root).as_posix()
    slug = path.name[: -len(path.suffix)]
    read = _Read(rel, slug)
    problems = read.diagnostics
    if not is_slug(slug) or path.suffix != ".md":
        suggestion = slugify(slug)
        problems.append(dg.make(
            "LEX004", rel, 1, 1, f"'{path.name}' is geen geldige bestandsnaam",
            f"hernoem het bestand naar '{suggestion}.md'" if suggestion else
            "gebruik kleine letters a–z, cijfers en koppeltekens"))
    if path.is_symlink():
        problems.append(dg.make("LEX008", rel, 1, 1, f"'{path.name}' is een symbolische koppeling",
                                "vervang de koppeling door een gewoon bestand"))
        return read
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            problems.append(dg.make(
                "LEX009", rel, 1, 1,
                f"het bestand is {size:,} bytes (hoogstens {settings.max_file_bytes:,})".replace(
                    ",", "."),
                "een lemma is een beknopte tekst: kort het in"))
            return read
        data = path.read_bytes()
    except OSError as exc:
        problems.append(dg.make("LEX001", rel, 1, 1, f"het bestand kan niet worden gelezen"
                                f" ({exc.strerror or exc})"))
        return read
    if cache is None:
        _read_content(read, data, kind)
        return read
    key = read.key = cache.key(kind, rel, data)
    stored = read.record = cache.get(key)
    if stored is not None:
        _restore(read, data, stored)
        return read
    before = len(problems)
    _read_content(read, data, kind)
    fm = read.fm
    read.record = checkcache.record(
        read.data, fm.positions if fm else {}, fm.key_positions if fm else {},
        read.body_line if read.split else None, read.info,
        problems[before:])
    cache.put(key, read.record)
    return read


def _citations(entry: Entry, read: _Read, cache: CheckCache | None) -> list[Diagnostic]:
    """LEX507–LEX509 of one lemma (in-text citations against its literature, APA form).
    They depend on the lemma's own file only, so they are kept with its cached result: on
    5 000 lemma's they were 40 % of a `check` whose files were all in the cache."""
    if read.record is not None and "citations" in read.record:
        return checkcache.diagnostics_of(read.record["citations"])
    found = citations.check(entry)
    if cache is not None and read.key is not None:
        cache.add(read.key, "citations", checkcache.diagnostic_rows(found))
    return found


def _restore(read: _Read, data: bytes, stored: dict[str, Any]) -> None:
    """Fill `read` from a cached result of the same bytes (only the body is re-split)."""
    values, positions, key_positions, body_line, info, found = checkcache.restore(stored)
    read.diagnostics += found
    read.info = info
    if values is not None:
        read.fm = frontmatter.FrontMatter(values, positions, key_positions)
        read.data = values
    if body_line is not None:
        text = data.removeprefix(_BOM).decode("utf-8", errors="replace")
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        read.body, read.body_line = "\n".join(lines[body_line - 1 :]), body_line
        read.split = True


def _read_content(read: _Read, data: bytes, kind: str) -> None:
    """Decode, split, parse and validate the bytes of one file (the uncached path)."""
    rel, problems = read.path, read.diagnostics
    text = _decode(data, rel, problems)
    if text is None:
        return
    if not text.strip():
        problems.append(dg.make("LEX003", rel, 1, 1, "het bestand is leeg",
                                "vul het met front matter en tekst, of verwijder het"))
        return
    _control_characters(text, rel, problems)
    split, found = frontmatter.split(text, rel)
    problems += found
    if split is None:
        return
    read.body, read.body_line, read.split = split.body, split.body_line, True
    read.info, found = analyse(split.body, split.body_line, rel)
    problems += found
    fm, found = frontmatter.parse(split, rel)
    problems += found
    if fm is not None:
        read.fm, read.data = fm, fm.data
        problems += schema.validate(kind, fm, rel)


_WIDE_BOMS = [  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
]


def _wide_encoding(data: bytes) -> str | None:
    """The name of UTF-16 or UTF-32 when `data` starts with its byte-order mark, or looks like
    it without one: text in those has a zero byte beside (nearly) every ASCII letter."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return name
    head = data[:400]
    if len(head) >= 8 and head.count(0) * 3 >= len(head):
        for width, name in ((4, "UTF-32"), (2, "UTF-16")):
            for index, order in ((0, "little-endian"), (width - 1, "big-endian")):
                units = [head[i:i + width] for i in range(0, len(head) - width + 1, width)]
                ascii_at = sum(1 for u in units if u[index] and u.count(0) == width - 1)
                if units and ascii_at * 10 >= len(units) * 8:
                    return f"{name} ({order})"
    return None


def _decode(data: bytes, rel: str, problems: list[Diagnostic]) -> str | None:
    wide = _wide_encoding(data)
    if wide is not None:
        problems.append(dg.make(
            "LEX001", rel, 1, 1, f"het bestand is opgeslagen als {wide}, niet als UTF-8",
            "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als' → codering"
            " UTF-8)"))
        return None
    if data.startswith(_BOM):
        problems.append(dg.make("LEX002", rel, 1, 1, "het bestand begint met een BOM",
                                "sla het bestand op als 'UTF-8 zonder BOM'"))
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        guess = bytes([byte]).decode("cp1252", errors="replace")
        problems.append(dg.make(
            "LEX001", rel, line, column, f"byte 0x{byte:02X} is geen geldige UTF-8",
            f"sla het bestand op als UTF-8 (dit teken is waarschijnlijk '{guess}' in"
            " Latin-1/Windows-1252)"))
        return None
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    if sum(1 for n in (crlf, lone_cr, lf) if n) > 1:
        first_kind = "\r\n" if text.find("\r\n") == text.find("\r") else "\r"
        index = _first_other_ending(text, first_kind)
        problems.append(dg.make(
            "LEX010", rel, _line_of(text, index), 1, "gemengde regeleinden (LF en CRLF/CR)",
            "sla het bestand op met LF-regeleinden (in VS Code: rechtsonder 'CRLF' → 'LF')"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_other_ending(text: str, first: str) -> int:
    """Index of the first line ending that differs from the first one."""
    for match in re.finditer(r"\r\n|\r|\n", text):
        if match.group() != first:
            return match.start()
    return 0


def _line_of(text: str, index: int) -> int:
    return len(re.findall(r"\r\n|\r|\n", text[:index])) + 1


def _control_characters(text: str, rel: str, problems: list[Diagnostic]) -> None:
    for n, match in enumerate(_CONTROL.finditer(text)):
        if n == _MAX_CONTROL_REPORTS:
            break
        index = match.start()
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        problems.append(dg.make(
            "LEX007", rel, line, column, f"onzichtbaar stuurteken U+{ord(match.group()):04X}",
            "verwijder het teken (vaak meegekomen bij kopiëren uit PDF of Word)"))


def _text(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _entry(read: _Read) -> Entry:
    data = read.data or {}
    updated = data.get("updated")
    return Entry(
        slug=read.slug,
        path=read.path,
        title=_text(data.get("title"), read.slug),
        cluster=_text(data.get("cluster")),
        summary=_text(data.get("summary")),
        authors=_strings(data.get("authors")),
        body=read.body,
        body_line=read.body_line,
        aliases=_strings(data.get("aliases")),
        kernvragen=_strings(data.get("kernvragen")),
        related=_strings(data.get("related")),
        tags=_strings(data.get("tags")),
        based_on=_strings(data.get("based_on")),
        literature=_strings(data.get("literature")),
        redirect_from=_strings(data.get("redirect_from")),
        status=_text(data.get("status"), "gepubliceerd"),
        updated=updated if hasattr(updated, "isoformat") else None,
        info=read.info,
        positions=MappingProxyType(read.fm.positions if read.fm else {}),
    )


def _cluster(read: _Read) -> Cluster:
    data = read.data or {}
    order = data.get("order")
    return Cluster(
        slug=read.slug,
        path=read.path,
        title=_text(data.get("title"), read.slug),
        order=order if isinstance(order, int) and not isinstance(order, bool) else 999,
        colour=_text(data.get("colour"), "#555555"),
        summary=_text(data.get("summary")),
        body=read.body,
        body_line=read.body_line,
        lemmas=_strings(data.get("lemmas")),
        info=read.info,
        positions=MappingProxyType(read.fm.positions if read.fm else {}),
    )


def _page(read: _Read) -> Page:
    data = read.data or {}
    order = data.get("order")
    return Page(
        slug=read.slug,
        path=read.path,
        title=_text(data.get("title"), read.slug),
        body=read.body,
        body_line=read.body_line,
        summary=_text(data.get("summary")),
        order=order if isinstance(order, int) and not isinstance(order, bool) else 100,
        info=read.info,
    )
