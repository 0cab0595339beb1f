"""The lexicon as a whole: `lexicon.yml` (title, editors, publisher, public address).

Citations, the site and the exports all describe the same work; this is where it is described
once. The public address can be overridden by the adapter (e.g. from LEXICON_SITE_URL), so the
same sources build a local preview and the published site.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from lexicon.core import frontmatter, schema
from lexicon.core.diagnostics import Diagnostic

FILENAME = "lexicon.yml"


@dataclass(frozen=True)
class Project:
    title: str = "Lexicon"
    edition: str = ""
    description: str = ""
    editors: tuple[str, ...] = ()
    publisher: str = ""
    year: int | None = None
    url: str = "http://127.0.0.1:8000/"
    licence: str = ""
    licence_url: str = ""

    def absolute(self, path: str) -> str:
        """The public URL of a site path such as 'lemma/segregatie/'."""
        return self.url + path.lstrip("/")

    def with_url(self, url: str | None) -> Project:
        if not url:
            return self
        return replace(self, url=url if url.endswith("/") else url + "/")


def load_project(root: Path, url: str | None = None) -> tuple[Project, list[Diagnostic]]:
    """Read `lexicon.yml` in `root`; missing file means defaults (and no diagnostics)."""
    path = root / FILENAME
    if not path.is_file():
        return Project().with_url(url), []
    text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    split = frontmatter.Split(text, 1, "", 1)
    fm, problems = frontmatter.parse(split, FILENAME)
    if fm is None:
        return Project().with_url(url), problems
    problems += schema.validate("project", fm, FILENAME)
    data = fm.data
    known = {k: v for k, v in data.items() if k in Project.__dataclass_fields__}
    if isinstance(known.get("editors"), list):
        known["editors"] = tuple(str(e) for e in known["editors"])
    try:
        project = Project(**known)
    except TypeError:
        project = Project()
    return project.with_url(url), problems
