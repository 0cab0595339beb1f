"""External links in lemma's: where every `http(s)://` address stands, and what a check found.

Lexicon ──external_links()──▶ [ExternalLink(url, path, line, column)]
           (Markdown links, autolinks and bare addresses in bodies; addresses in `literature`
           and `based_on`) ──▶ the adapter fetches each distinct URL once (linkcheck.py)
           ──diagnostics()──▶ LEX601/LEX602 at every place the URL stands

Pure: finding and reporting links needs no network, so both are tested offline; only the
scheduled workflow (`lexicon links --check`) actually fetches.

Fetching external links: the one module of the lexicon that goes onto the network.

Each distinct URL is asked once (HEAD, then GET where a server refuses HEAD), a few at a time,
with a timeout. Only `lexicon links --check` uses this, in the scheduled workflow; the tests
run it against a server on loopback.
"""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPException

from markdown_it.token import Token

from lexicon.core import diagnostics as dg
from lexicon.core.body import parser
from lexicon.core.diagnostics import Diagnostic
from lexicon.core.model import Entry, Lexicon

_URL = re.compile(r"https?://[^\s<>\[\]\"'`|]+", re.IGNORECASE)
_TRAILING = ".,;:!?*_"


@dataclass(frozen=True, order=True)
class ExternalLink:
    path: str
    line: int
    column: int
    url: str


@dataclass(frozen=True)
class LinkStatus:
    """What fetching one URL gave."""

    url: str
    broken: bool
    """Certainly gone (404, 410, a domain that does not exist): an error."""
    doubtful: bool
    """Could not be confirmed (timeout, 403, 429, 5xx): a warning, often temporary."""
    reason: str
    """Dutch: "bestaat niet meer (HTTP 404)"."""

    @property
    def ok(self) -> bool:
        return not (self.broken or self.doubtful)


def clean_url(raw: str) -> str:
    """Strip the punctuation that ends a sentence, and a `)` that closes the text around it."""
    url = raw
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def urls_in(text: str) -> list[str]:
    return [u for u in (clean_url(m.group()) for m in _URL.finditer(text)) if "." in u]


def _inline_urls(children: Iterable[Token]) -> list[str]:
    found: list[str] = []
    for child in children:
        if child.type == "link_open":
            href = str(child.attrs.get("href") or "")
            if href.lower().startswith(("http://", "https://")):
                found.append(href)
        elif child.type == "text":
            found.extend(urls_in(child.content))
        if child.children:
            found.extend(_inline_urls(child.children))
    return list(dict.fromkeys(found))


def _body_links(entry: Entry) -> list[ExternalLink]:
    lines = entry.body.split("\n")
    result = []
    for token in parser().parse(entry.body, {}):
        if token.type != "inline" or not token.children or token.map is None:
            continue
        start, end = token.map
        for url in _inline_urls(token.children):
            for row in range(start, min(end, len(lines))):
                column = lines[row].find(url)
                if column >= 0:
                    result.append(ExternalLink(entry.path, entry.body_line + row, column + 1,
                                               url))
                    break
    return result


def _front_matter_links(entry: Entry) -> list[ExternalLink]:
    result: list[ExternalLink] = []
    for field in ("based_on", "literature"):
        for i, value in enumerate(getattr(entry, field)):
            line, column = entry.position(field, i)
            result.extend(ExternalLink(entry.path, line, column, url) for url in urls_in(value))
    return result


def external_links(lexicon: Lexicon) -> list[ExternalLink]:
    """Every external link of every lemma, sorted by file and position."""
    found: list[ExternalLink] = []
    for entry in lexicon:
        found += _front_matter_links(entry) + _body_links(entry)
    return sorted(found)


def diagnostics(links: Iterable[ExternalLink], results: Mapping[str, LinkStatus]
                ) -> list[Diagnostic]:
    """A LEX601 (broken) or LEX602 (doubtful) at each place whose URL did not check out."""
    result = []
    for link in links:
        status = results.get(link.url)
        if status is None or status.ok:
            continue
        code = "LEX601" if status.broken else "LEX602"
        hint = ("zoek het nieuwe adres (of een archiefversie) en vervang de link, of verwijder"
                " hem" if status.broken else
                "open de link zelf; werkt hij, dan was de server tijdelijk onbereikbaar of"
                " weert hij automatische controles")
        result.append(dg.make(code, link.path, link.line, link.column,
                              f"{link.url}: {status.reason}", hint))
    return result


USER_AGENT = "nabijheid-lexicon-linkcontrole/1.0 (+lexicon links --check)"
Opener = Callable[..., object]


def _status(url: str, code: int) -> LinkStatus:
    if 200 <= code < 400:
        return LinkStatus(url, False, False, f"in orde (HTTP {code})")
    if code in (404, 410):
        return LinkStatus(url, True, False, f"bestaat niet meer (HTTP {code})")
    if code >= 500:
        return LinkStatus(url, False, True, f"serverfout (HTTP {code})")
    return LinkStatus(url, False, True, f"de server weigert de controle (HTTP {code})")


def _request(url: str, method: str, timeout: float, opener: Opener) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with opener(request, timeout=timeout) as response:  # type: ignore[attr-defined]
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def check_url(url: str, timeout: float = 15.0,
              opener: Opener = urllib.request.urlopen) -> LinkStatus:
    """Fetch `url` (following redirects) and say whether it still works."""
    try:
        code = _request(url, "HEAD", timeout, opener)
        if code in (400, 403, 405, 501):  # many servers refuse or mishandle HEAD
            code = _request(url, "GET", timeout, opener)
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, socket.gaierror):
            return LinkStatus(url, True, False, "het domein bestaat niet (meer)")
        if isinstance(exc.reason, TimeoutError):
            return LinkStatus(url, False, True, f"geen antwoord binnen {timeout:.0f} s")
        return LinkStatus(url, False, True, f"niet bereikbaar ({exc.reason})")
    except TimeoutError:
        return LinkStatus(url, False, True, f"geen antwoord binnen {timeout:.0f} s")
    except (OSError, HTTPException, ValueError) as exc:
        return LinkStatus(url, False, True, f"niet bereikbaar ({exc})")
    return _status(url, code)


def check_all(urls: Iterable[str], *, workers: int = 8, timeout: float = 15.0,
              check: Callable[[str, float], LinkStatus] = check_url) -> dict[str, LinkStatus]:
    """Check each distinct URL once, `workers` at a time; results by URL."""
    distinct = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(zip(distinct, pool.map(lambda u: check(u, timeout), distinct), strict=True))
