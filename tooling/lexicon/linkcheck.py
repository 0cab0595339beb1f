"""Fetching external links: the one module of the lexicon that goes onto the network.

Each distinct URL is asked once (HEAD, then GET where a server refuses HEAD), a few at a time,
with a timeout. Only `lexicon links --check` uses this, in the scheduled workflow; the tests
run it against a server on loopback.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPException

from .links import LinkStatus

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
