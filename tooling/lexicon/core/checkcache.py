"""A cache of per-file check results, so that an unchanged file is never parsed twice.

file bytes ──sha256 (with path, kind, tool and settings)──▶ key ──▶ stored result:
front matter data and positions, headings, wikilinks, word count, diagnostics.

Checking a file means parsing its Markdown, which is by far the slowest step of
`lexicon check`; the rules across files (links, names, clusters) are fast and always run.

The cache lives outside the repository (in the user's cache folder, or `LEXICON_CACHE_DIR`),
never in the lexicon: files in a lexicon come from pull requests, and a cache that a pull
request could write would let it declare its own hostile file clean. It is JSON (never
pickle) and one file per lexicon folder, written atomically; entries that a run did not use
are dropped, so it never grows beyond the lexicon.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from dataclasses import astuple
from pathlib import Path
from typing import Any

from lexicon.core.atomic import write_text
from lexicon.core.diagnostics import Diagnostic, make
from lexicon.core.model import BodyInfo, FieldPath, Heading, LocalLink, Position, WikiLink
from lexicon.core.settings import Settings

FORMAT = 5


def cache_dir() -> Path:
    """Where caches live: LEXICON_CACHE_DIR, else $XDG_CACHE_HOME/lexicon, else ~/.cache."""
    configured = os.environ.get("LEXICON_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lexicon"


def _tool_fingerprint() -> str:
    """Changes whenever the checks could give other results: the tool's code and schemas."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*here.glob("*.py"), *here.glob("schemas/*.json")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _shard(key: str) -> str:
    """The cache of a lexicon is 256 files, by the first two hex digits of a file's key:
    after one edited file, a check rewrites one small file instead of all results (45 MB at
    5 000 lemma's, a second of writing)."""
    return key[:2]


class CheckCache:
    """Per-file results of one lexicon folder, keyed by content."""

    def __init__(self, root: Path, settings: Settings, folder: Path | None = None) -> None:
        folder = folder or cache_dir()
        name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
        self.path = folder / f"check-{name}"
        """A folder of shard files, `00.json` to `ff.json`."""
        self.legacy = folder / f"check-{name}.json"
        """The single file of earlier versions (removed on the first save)."""
        self.salt = json.dumps([FORMAT, _tool_fingerprint(), astuple(settings)])
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.hits = 0
        self.shards: set[str] = set()
        """The shards on disk."""
        with contextlib.suppress(OSError):
            for shard in self.path.glob("*.json"):
                self.shards.add(shard.stem)
                try:
                    stored = json.loads(shard.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                if isinstance(stored, dict) and stored.get("salt") == self.salt and \
                        isinstance(stored.get("files"), dict):
                    self.old.update(stored["files"])

    def key(self, kind: str, rel: str, data: bytes) -> str:
        digest = hashlib.sha256(f"{kind}\0{rel}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        record = self.old.get(key)
        if record is not None:
            self.new[key] = record
            self.hits += 1
        return record

    def put(self, key: str, record: dict[str, Any]) -> None:
        self.new[key] = record

    def add(self, key: str, name: str, value: Any) -> None:
        """Keep one more result with a file's record (a copy: the stored one stays as read,
        so that `save` sees the change)."""
        record = self.new.get(key)
        if record is not None:
            self.new[key] = {**record, name: value}

    def save(self) -> None:
        """Write the shards whose entries changed (each atomically), keeping only the entries
        this run used; a failure only costs speed."""
        old: dict[str, dict[str, Any]] = {}
        new: dict[str, dict[str, Any]] = {}
        for records, shards in ((self.old, old), (self.new, new)):
            for key, record in records.items():
                shards.setdefault(_shard(key), {})[key] = record
        with contextlib.suppress(OSError):
            for shard in sorted(set(new) | set(old) | self.shards):
                files = new.get(shard, {})
                if files == old.get(shard, {}) and (files or shard not in self.shards):
                    continue
                path = self.path / f"{shard}.json"
                if files:
                    write_text(path, json.dumps({"salt": self.salt, "files": files},
                                                ensure_ascii=False))
                else:
                    path.unlink(missing_ok=True)
            self.legacy.unlink(missing_ok=True)


# -- records -------------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    """JSON for front-matter values: dates tagged, mappings plain unless a key could be
    mistaken for a tag (then as a list of pairs)."""
    if isinstance(value, dict):
        if any(k.startswith("$") for k in value):
            return {"$map": [[k, _encode(v)] for k, v in value.items()]}
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    return value


def _tagged(obj: dict[str, Any]) -> Any:
    """json object_hook: turn the tags of `_encode` back into values."""
    if len(obj) == 1:
        if "$date" in obj:
            return dt.date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return dt.datetime.fromisoformat(obj["$datetime"])
        if "$map" in obj:
            return dict(obj["$map"])
    return obj


def _positions(positions: dict[FieldPath, Position]) -> list[Any]:
    return [[list(path), line, column] for path, (line, column) in positions.items()]


def _unpositions(rows: list[Any]) -> dict[FieldPath, Position]:
    return {tuple(path): (line, column) for path, line, column in rows}


def record(
    data: dict[str, Any] | None,
    positions: dict[FieldPath, Position],
    key_positions: dict[FieldPath, Position],
    body_line: int | None,
    info: BodyInfo,
    diagnostics: list[Diagnostic],
) -> dict[str, Any]:
    """A file's check result as JSON-compatible data."""
    return {
        # A string of its own: decoded (dates and all) only when the record is used, and
        # written back unchanged when it is kept.
        "data": None if data is None else json.dumps(_encode(data), ensure_ascii=False),
        "positions": _positions(positions),
        "keys": _positions(key_positions),
        "body_line": body_line,
        "links": [astuple(link) for link in info.links],
        "headings": [astuple(h) for h in info.headings],
        "words": info.word_count,
        "local_links": [astuple(link) for link in info.local_links],
        # A string of its own, like "data": decoded only if the search index needs it.
        "plain": info.plain_json if info.plain is None else
        json.dumps(info.plain, ensure_ascii=False),
        "diagnostics": diagnostic_rows(diagnostics),
    }


def diagnostic_rows(diagnostics: list[Diagnostic]) -> list[list[Any]]:
    return [[d.path, d.line, d.column, d.code, d.message, d.hint] for d in diagnostics]


def diagnostics_of(rows: list[list[Any]]) -> list[Diagnostic]:
    """The inverse of `diagnostic_rows`."""
    return [make(code, path, line, column, message, hint)
            for path, line, column, code, message, hint in rows]


def restore(stored: dict[str, Any]) -> tuple[
    dict[str, Any] | None, dict[FieldPath, Position], dict[FieldPath, Position], int | None,
    BodyInfo, list[Diagnostic],
]:
    """The inverse of `record`."""
    info = BodyInfo(
        tuple(WikiLink(*row) for row in stored["links"]),
        tuple(Heading(*row) for row in stored["headings"]),
        stored["words"],
        tuple(LocalLink(*row) for row in stored["local_links"]),
        plain_json=stored.get("plain"),
    )
    diagnostics = diagnostics_of(stored["diagnostics"])
    data = None if stored["data"] is None else json.loads(stored["data"], object_hook=_tagged)
    return (data, _unpositions(stored["positions"]), _unpositions(stored["keys"]),
            stored["body_line"], info, diagnostics)
