"""The lexicon as a whole: `lexicon.yml` (title, editors, publisher, public address).

Citations, the site and the exports all describe the same work; this is where it is described
once. The public address is the one setting every output uses (canonical links, citations,
sitemap, embeds, SKOS URIs): `url` in lexicon.yml, overridden by the environment variable
LEXICON_SITE_URL (`url_override`), so the same sources build a local preview and the published
site. A publication must not carry a loopback address (`publication_problem`).
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from lexicon.core import frontmatter, schema
from lexicon.core.diagnostics import Diagnostic

FILENAME = "lexicon.yml"
ENV_URL = "LEXICON_SITE_URL"
"""The environment variable that overrides `url` in lexicon.yml (set by the Pages workflow)."""

LOOPBACK_URL = re.compile(
    rb"(?:https?:)?//(?:localhost|[a-z0-9.-]+\.localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0"
    rb"|\[::1?\])(?=[:/\"'<\s)]|$)", re.IGNORECASE)
"""An address on the machine itself, as it would stand in an output file (bytes)."""


def url_override(environ: Mapping[str, str] | None = None) -> str | None:
    """The public address from LEXICON_SITE_URL, or None when it is unset or empty."""
    value = (os.environ if environ is None else environ).get(ENV_URL, "").strip()
    return value or None


def is_loopback(url: str) -> bool:
    """Whether `url` points at the machine it is opened on (localhost, 127.x, ::1, 0.0.0.0)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def publication_problem(url: str) -> str | None:
    """Why `url` cannot be the address of a published lexicon (Dutch), or None if it can."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return (f"het publieke adres '{url}' is geen volledig webadres; zet het echte adres,"
                f" bijvoorbeeld https://organisatie.github.io/lexicon-nabijheid/, in lexicon.yml"
                f" (url) of in {ENV_URL}")
    if is_loopback(url):
        return (f"het publieke adres is {url}, een adres op deze computer: lezers kunnen het"
                f" niet openen, en citaties, sitemap, embedcode en SKOS-URI's zouden ernaar"
                f" verwijzen. Zet het echte adres in lexicon.yml (url) of in {ENV_URL},"
                f" bijvoorbeeld {ENV_URL}=https://organisatie.github.io/lexicon-nabijheid/")
    return None


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
