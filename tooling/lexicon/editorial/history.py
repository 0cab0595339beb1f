"""What git knows about the lexicon: per-lemma history, edition tags, the files of an edition.

The only module that runs git. It reads with a few commands per build, whatever the number of
lemma's: one `git log` over lemmas/ for every history, one `git for-each-ref` for the tags,
one `git ls-tree` per edition for the contents, and a `git archive` per edition the first time
it is rendered (cached by commit, since a commit never changes). The results are the plain
data of `lexicon.core.revisions`.

When there is no usable history (no git, not a repository, a shallow clone), every lemma gets
an incomplete `History` with the reason, and the page says so instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tarfile
from pathlib import Path

from lexicon.core import revisions
from lexicon.core.revisions import Edition, History, Revision

LEMMAS = "lemmas"
CONTENT = ("lemmas", "clusters", "pages", "leeslijsten", "lexicon.yml")
"""What an edition's archive holds: the content, not the tooling (current templates render it)."""

NO_GIT = "deze bouw had geen git-geschiedenis"
SHALLOW = "deze bouw had alleen een ondiepe kopie van de geschiedenis (shallow clone)"

_START, _SEP = "\x02", "\x1f"


class GitError(Exception):
    """A git command failed (the message is Dutch and says which)."""


def _git(root: Path, *args: str, binary: bool = False) -> str | bytes:
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root,
                              capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"git is niet beschikbaar ({exc.strerror})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} mislukte: {message[-1] if message else done.returncode}")
    return done.stdout if binary else done.stdout.decode("utf-8", "replace")


def _text(root: Path, *args: str) -> str:
    out = _git(root, *args)
    assert isinstance(out, str)
    return out


def unavailable(root: Path) -> str:
    """Why the history of `root` cannot be read completely, or '' when it can."""
    try:
        top = _text(root, "rev-parse", "--show-toplevel").strip()
        if Path(top).resolve() != root.resolve():
            return NO_GIT  # a folder inside someone else's repository: not our history
        if _text(root, "rev-parse", "--is-shallow-repository").strip() == "true":
            return SHALLOW
        _text(root, "rev-parse", "--verify", "-q", "HEAD")
    except GitError:
        return NO_GIT
    return ""


def lemma_histories(root: Path, slugs: list[str],
                    aliases: dict[str, tuple[str, ...]] | None = None,
                    rev: str = "HEAD") -> dict[str, History]:
    """The history of every lemma in `slugs` up to `rev`, from one `git log`.

    `aliases`: former slugs per lemma (`redirect_from`), whose commits count as its own."""
    reason = unavailable(root)
    if reason:
        return {slug: revisions.incomplete(reason) for slug in slugs}
    fmt = _START + _SEP.join(
        ["%H", "%cs", "%s", f"%(trailers:key={revisions.TRAILER},valueonly,separator=%x1e)"])
    try:
        out = _text(root, "log", f"--format={fmt}", "--name-only", "--no-renames", rev, "--",
                    f"{LEMMAS}/")
    except GitError as exc:
        return {slug: revisions.incomplete(str(exc)) for slug in slugs}
    by_file: dict[str, list[Revision]] = {}
    for record in out.split(_START)[1:]:
        header, _, names = record.partition("\n")
        parts = header.split(_SEP)
        if len(parts) < 4:
            continue
        commit, date, subject, trailers = parts[0], parts[1], parts[2], parts[3]
        values = tuple(v for v in trailers.replace("\n", "\x1e").split("\x1e") if v.strip())
        revision = Revision(commit, dt.date.fromisoformat(date), subject,
                            revisions.is_substantive(values))
        for name in names.split("\n"):
            name = name.strip()
            if name.startswith(f"{LEMMAS}/") and name.endswith(".md"):
                by_file.setdefault(name[len(LEMMAS) + 1: -3], []).append(revision)
    result: dict[str, History] = {}
    for slug in slugs:
        found = list(by_file.get(slug, ()))
        for old in (aliases or {}).get(slug, ()):
            found += by_file.get(old, ())
        found.sort(key=lambda r: r.date, reverse=True)  # stable: git's order within a day
        result[slug] = History(tuple(found))
    return result


def editions(root: Path) -> list[Edition]:
    """The edition tags of the repository, oldest first ([] without git)."""
    if unavailable(root) == NO_GIT:
        return []
    try:
        out = _text(root, "for-each-ref", "--format=%(refname:short)\x1f%(*objectname)"
                    "\x1f%(objectname)", "refs/tags/editie-*")
    except GitError:
        return []
    found = []
    for line in out.splitlines():
        tag, peeled, plain = [*line.split("\x1f"), "", ""][:3]
        edition = revisions.parse_edition(tag, peeled or plain)
        if edition is not None:
            found.append(edition)
    return sorted(found)


def lemma_blobs(root: Path, edition: Edition) -> dict[str, str]:
    """{slug: blob id} of the lemma files in an edition."""
    out = _text(root, "ls-tree", edition.commit, f"{LEMMAS}/")
    blobs = {}
    for line in out.splitlines():
        meta, _, path = line.partition("\t")
        if path.startswith(f"{LEMMAS}/") and path.endswith(".md") and "/" not in path[7:]:
            blobs[path[len(LEMMAS) + 1: -3]] = meta.split()[2]
    return blobs


def checkout(root: Path, edition: Edition, cache: Path) -> Path:
    """The content of an edition as a folder under `cache` (extracted once per commit)."""
    target = cache / f"{edition.name}-{edition.commit[:12]}"
    if (target / ".complete").is_file():
        return target
    shutil.rmtree(target, ignore_errors=True)
    present = [p for p in CONTENT if _exists(root, edition, p)]
    data = _git(root, "archive", "--format=tar", edition.commit, *present, binary=True)
    assert isinstance(data, bytes)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4+: refuse links out of `target`
            archive.extractall(target, filter="data")
        else:  # git archive writes plain files and folders of our own repository
            archive.extractall(target)
    (target / ".complete").write_text(edition.commit + "\n", encoding="utf-8")
    return target


def _exists(root: Path, edition: Edition, path: str) -> bool:
    try:
        return bool(_text(root, "ls-tree", edition.commit, path).strip())
    except GitError:
        return False


def create_tag(root: Path, edition: Edition, message: str) -> str:
    """Tag HEAD as `edition` (an annotated tag); returns the commit."""
    _text(root, "tag", "-a", edition.name, "-m", message, "HEAD")
    return _text(root, "rev-parse", "HEAD").strip()


def head_is_clean(root: Path) -> bool:
    """No uncommitted change in the content an edition holds."""
    return not _text(root, "status", "--porcelain", "--", *CONTENT).strip()


def delete_tag(root: Path, edition: Edition) -> None:
    """Remove an edition tag again (after its build failed)."""
    _text(root, "tag", "-d", edition.name)
