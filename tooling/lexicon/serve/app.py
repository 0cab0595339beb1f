"""`lexicon serve`: the built site plus the search API, as one WSGI application.

GET /api/search?q=&cluster=&limit=&prefix=   search (JSON, same shape as `lexicon search`)
GET /api/lemmas                              all lemma's (from the built site's data export)
GET /api/lemmas/<slug>                       one lemma
GET /healthz                                 health check (JSON; 503 while unusable)
GET /<anything else>                         a file of the built site

Every answer is complete or a JSON error of one shape: {"ok": false, "error", "errors",
"status"}. The site folder is resolved on every request, so an atomic rebuild (a swapped
symlink) is picked up without restarting, and a request never sees half a build. The app
keeps no state of its own beyond caches of what is on disk: any number of copies can serve
the same build behind a load balancer.

Text answers (HTML, CSS, JS, JSON, XML, SVG) are sent gzip-compressed to clients that accept
it (`Vary: Accept-Encoding`); a compressed file is kept in memory by its ETag, so it is
compressed once per build. Fingerprinted assets (Material's `*.<hash>.min.js/css`) are cached
for a year as immutable; pages and other files for five minutes, then revalidated by ETag.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import mimetypes
import posixpath
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote

from lexicon.core import csp, urls
from lexicon.core.slugs import is_slug
from lexicon.search.engine import (
    MAX_LIMIT,
    META,
    Searcher,
    SearchResult,
    clean_query,
    committed,
    index_dir,
)
from lexicon.serve.accesslog import AccessLog

StartResponse = Callable[..., Any]
MAX_QUERY_PARAM = 1000
MAX_QUERY_STRING = 4096
_HASHED_ASSET = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")
SHORT_CACHE = "public, max-age=300"
"""Pages and unfingerprinted files: after a rebuild, readers have the new one within minutes."""
IMMUTABLE = "public, max-age=31536000, immutable"
GZIP_MIN_BYTES = 512
GZIP_CACHE_BYTES = 64 * 1024 * 1024
_COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml",
                 "image/svg+xml", "application/ld+json", "application/manifest+json")
SECURITY_HEADERS = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "SAMEORIGIN"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


class HTTPError(Exception):
    def __init__(self, status: int, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors or []


_REASONS = {200: "OK", 304: "Not Modified", 400: "Bad Request", 404: "Not Found",
            405: "Method Not Allowed", 414: "URI Too Long", 500: "Internal Server Error",
            503: "Service Unavailable"}


def _status(code: int) -> str:
    return f"{code} {_REASONS.get(code, 'Error')}"


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @classmethod
    def json(cls, data: Any, status: int = 200) -> Response:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return cls(status, [("Content-Type", "application/json; charset=utf-8"),
                            ("Cache-Control", "no-store")], body)

    @classmethod
    def error(cls, status: int, message: str, errors: list[str] | None = None) -> Response:
        return cls.json({"ok": False, "error": message, "errors": errors or [message],
                         "status": status}, status)


# The browser editor (Decap CMS, only with `admin: true`) talks to GitHub's API and the
# organisation's OAuth server, which only the deployment knows, shows GitHub avatars, and on
# this machine talks to decap-server on loopback. It validates its configuration with Ajv,
# which compiles validators with `new Function`: hence 'unsafe-eval', for /admin/ only.
# Readers' pages keep the strict policy below.
_EDITOR_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; "
    "connect-src 'self' https: http://127.0.0.1:* http://localhost:*; "
    "frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"
)


class _Csp:
    """Content-Security-Policy per HTML file: only our own files, plus the exact inline
    scripts of that page (Material writes a few) by their SHA-256, never 'unsafe-inline'."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, float], str] = {}
        self.lock = threading.Lock()

    def header(self, path: Path, body: bytes) -> str:
        stamp = (str(path), path.stat().st_mtime)
        with self.lock:
            if stamp in self.cache:
                return self.cache[stamp]
        policy = csp.page_policy(body)
        with self.lock:
            self.cache[stamp] = policy
        return policy


class _SearcherPool:
    """One Whoosh searcher per thread, reopened when the index has been swapped.

    With `site` given, the index is the one built with the site being served (kept next to
    it by `lexicon build`), so pages and search results always come from the same build;
    without it (or for a site built otherwise) it is the current index in `index`."""

    def __init__(self, index: Path, site: Path | None = None) -> None:
        self.index = index
        self.site = site
        self.local = threading.local()

    def folder(self) -> Path:
        if self.site is not None:
            own = self.site.resolve().parent / "search"
            if (own / META).is_file():
                return own
        found = committed(self.index)
        if found is None:
            raise FileNotFoundError(str(self.index / "current"))
        return found

    def get(self) -> Searcher:
        folder = self.folder()
        searcher: Searcher | None = getattr(self.local, "searcher", None)
        if searcher is None or searcher.path != folder:
            if searcher is not None:
                searcher.close()
            searcher = Searcher(self.index, folder)
            self.local.searcher = searcher
        return searcher


class LexiconApp:
    """The WSGI application (`create_app` builds it; tests call it in-process)."""

    def __init__(self, site: Path, index: Path, base_url: str = "/",
                 index_from_site: bool = True) -> None:
        self.site = site
        self.index = index
        self.base_url = base_url
        self.searchers = _SearcherPool(index, site if index_from_site else None)
        self.csp = _Csp()
        self.gzipped = _GzipCache(GZIP_CACHE_BYTES)
        self._lemmas: tuple[Path, float, list[dict[str, Any]]] | None = None
        self._redirects: tuple[Path, float, dict[str, str]] | None = None

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            response = self.handle(environ)
        except HTTPError as exc:
            response = Response.error(exc.status, exc.message, exc.errors)
        except Exception:  # never a traceback or an HTML 500 page for a reader
            response = Response.error(500, "interne fout in de server")
        framable = environ.get("PATH_INFO", "").startswith("/embed/")
        headers = response.headers + [
            h for h in SECURITY_HEADERS if not (framable and h[0] == "X-Frame-Options")
        ]
        if not any(name == "Content-Security-Policy" for name, _ in headers):
            headers.append(("Content-Security-Policy",
                            "default-src 'none'; frame-ancestors 'none'"))
        body = self._encode(environ, response, headers)
        headers.append(("Content-Length", str(len(body))))
        start_response(_status(response.status), headers)
        if environ.get("REQUEST_METHOD") == "HEAD":
            return [b""]
        return [body]

    def _encode(self, environ: dict[str, Any], response: Response,
                headers: list[tuple[str, str]]) -> bytes:
        """The body to send: gzip-compressed for text when the client accepts it. The headers
        get `Vary`, `Content-Encoding` and the ETag of the compressed variant."""
        kind = next((v for k, v in headers if k == "Content-Type"), "")
        if not kind.startswith(_COMPRESSIBLE):
            return response.body
        headers.append(("Vary", "Accept-Encoding"))
        if not accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", "")):
            return response.body
        etag = next((v for k, v in headers if k == "ETag"), None)
        if response.status == 304:
            if etag is not None:
                headers[:] = [(k, gzip_etag(v) if k == "ETag" else v) for k, v in headers]
            return response.body
        if len(response.body) < GZIP_MIN_BYTES:
            return response.body
        body = self.gzipped.compress(response.body, etag)
        headers.append(("Content-Encoding", "gzip"))
        if etag is not None:
            headers[:] = [(k, gzip_etag(v) if k == "ETag" else v) for k, v in headers]
        return body

    # -- routing ---------------------------------------------------------------------------

    def handle(self, environ: dict[str, Any]) -> Response:
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            return Response.error(405, f"methode {method} is niet toegestaan; gebruik GET")
        raw_query = environ.get("QUERY_STRING", "")
        if len(raw_query) > MAX_QUERY_STRING:
            return Response.error(414, "de zoekvraag is te lang")
        path = _decode_path(environ.get("PATH_INFO", "/"))
        if path == "/healthz":
            return self.health()
        moved = self.redirects().get(path.lstrip("/"))
        if moved is not None:
            return Response(301, [("Location", "/" + moved), ("Cache-Control", "no-cache")], b"")
        if path == "/api/search":
            return self.api_search(_params(raw_query))
        if path == "/api/lemmas":
            return Response.json({"ok": True, "lemmas": self.lemmas()})
        if path.startswith("/api/lemmas/"):
            return self.api_lemma(path[len("/api/lemmas/") :].strip("/"))
        if path.startswith("/api/"):
            return Response.error(404, f"onbekend API-adres '{path}'")
        return self.static(path, environ, _params(raw_query))

    # -- API -------------------------------------------------------------------------------

    def api_search(self, params: dict[str, str]) -> Response:
        errors = []
        q = params.get("q", "")
        if len(q) > MAX_QUERY_PARAM:
            errors.append(f"q is te lang ({len(q)} tekens; hoogstens {MAX_QUERY_PARAM})")
        limit = 10
        if "limit" in params:
            try:
                limit = int(params["limit"])
                if not 1 <= limit <= MAX_LIMIT:
                    raise ValueError
            except ValueError:
                errors.append(f"limit moet een geheel getal van 1 tot en met {MAX_LIMIT} zijn")
        cluster = params.get("cluster") or None
        if cluster is not None and not is_slug(cluster):
            errors.append("cluster moet een slug zijn, bijvoorbeeld sociale-nabijheid")
        prefix = params.get("prefix", "") in ("1", "true", "ja")
        if errors:
            return Response.error(400, errors[0], errors)
        try:
            searcher = self.searchers.get()
        except (FileNotFoundError, OSError):
            return Response.error(503, "de zoekindex ontbreekt: voer eerst 'lexicon build' uit")
        result = searcher.search(q, cluster=cluster, limit=limit, prefix=prefix,
                                 base_url=self.base_url)
        return Response.json({"ok": True, **result.as_dict()})

    def health(self) -> Response:
        """Whether this copy can serve readers: a built site and a search index that opens.
        200 with the build's name when it can, 503 (same shape) when it cannot."""
        root = self.site.resolve()
        site_ok = (root / "index.html").is_file()
        try:
            self.searchers.get()
            index_ok = True
        except Exception:  # a missing or unreadable index: reported, not raised
            index_ok = False
        try:
            lemmas = len(self.lemmas()) if site_ok else 0
        except (HTTPError, OSError, ValueError, KeyError):
            lemmas = 0
        ok = site_ok and index_ok
        problems = ([] if site_ok else ["de site is niet gebouwd"]) + (
            [] if index_ok else ["de zoekindex ontbreekt of opent niet"])
        data: dict[str, Any] = {"ok": ok, "status": 200 if ok else 503, "site": site_ok,
                                "zoekindex": index_ok, "lemmas": lemmas,
                                "build": root.parent.name}
        if problems:  # the error shape of every other answer, plus the details
            data |= {"error": problems[0], "errors": problems}
        return Response.json(data, 200 if ok else 503)

    def redirects(self) -> dict[str, str]:
        """Old path -> new path (renamed lemma's), from the built site; {} if there is none."""
        path = self.site / "data" / "redirects.json"
        try:
            resolved = path.resolve()
            stamp = resolved.stat().st_mtime
        except OSError:
            return {}
        if self._redirects is None or self._redirects[:2] != (resolved, stamp):
            try:
                data = json.loads(resolved.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            self._redirects = (resolved, stamp, data if isinstance(data, dict) else {})
        return self._redirects[2]

    def lemmas(self) -> list[dict[str, Any]]:
        path = (self.site / "data" / "lemmas.json").resolve()
        try:
            stamp = path.stat().st_mtime
        except OSError:
            raise HTTPError(503, "de site is nog niet gebouwd: voer 'lexicon build' uit") from None
        if self._lemmas is None or self._lemmas[:2] != (path, stamp):
            data = json.loads(path.read_text(encoding="utf-8"))
            self._lemmas = (path, stamp, data["lemmas"])
        return self._lemmas[2]

    def api_lemma(self, slug: str) -> Response:
        if not is_slug(slug):
            return Response.error(400, "een lemma wordt aangeduid met zijn slug")
        for lemma in self.lemmas():
            if lemma["slug"] == slug:
                return Response.json({"ok": True, "lemma": lemma})
        return Response.error(404, f"lemma '{slug}' bestaat niet")

    # -- static files ----------------------------------------------------------------------

    def static(self, path: str, environ: dict[str, Any],
               params: dict[str, str] | None = None) -> Response:
        root = self.site.resolve()
        if not root.is_dir():
            return Response.error(503, "de site is nog niet gebouwd: voer 'lexicon build' uit")
        target = _safe_join(root, path)
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                return Response(301, [("Location", quote(path) + "/")], b"")
            target = target / "index.html"
        if target is None or not target.is_file():
            return self._not_found(root)
        body = target.read_bytes()
        rendered = path == "/" + urls.src_to_url(urls.SEARCH) and bool(
            (params or {}).get(urls.SEARCH_PARAM))
        if rendered:
            body = self._search_page(body, params or {})
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        headers = [("Content-Type", _content_type(target)), ("ETag", etag),
                   ("Cache-Control", "no-cache" if rendered else _cache_control(target))]
        if path.startswith("/admin/"):
            headers.append(("Content-Security-Policy", _EDITOR_CSP))
        elif path.startswith("/embed/"):
            # Lemma cards are made to be framed by learning platforms on other sites.
            # Their empty icon (data:) keeps browsers from asking for /favicon.ico.
            headers.append(("Content-Security-Policy", "default-src 'none'; style-src"
                            " 'unsafe-inline'; img-src data:; frame-ancestors *;"
                            " base-uri 'none'"))
        elif target.suffix == ".html":
            headers.append(("Content-Security-Policy", self.csp.header(target, body)))
        else:
            # A worker script gets its policy from its own response (Material's search
            # worker imports its lunr language files from here).
            headers.append(("Content-Security-Policy", "default-src 'self'; object-src 'none'"))
        if environ.get("HTTP_IF_NONE_MATCH") in (etag, gzip_etag(etag)):
            return Response(304, headers, b"")
        return Response(200, headers, body)

    def _search_page(self, body: bytes, params: dict[str, str]) -> bytes:
        """/zoeken/?zoekterm=… with its results in the page, for a reader without
        JavaScript (with JavaScript, search.js asks the API and redraws the same list)."""
        query = clean_query(params.get(urls.SEARCH_PARAM, ""))[:MAX_QUERY_PARAM]
        cluster = params.get("cluster") or None
        if cluster is not None and not is_slug(cluster):
            cluster = None
        try:
            searcher = self.searchers.get()
        except (FileNotFoundError, OSError):
            return body
        result = searcher.search(query, cluster=cluster, limit=20, base_url=self.base_url)
        status = search_status(result, self.base_url + urls.src_to_url(urls.REGISTER))
        items = "".join(
            f'<li class="lx-result lx-cluster--{html.escape(hit.cluster)}">'
            f'<a class="lx-result__title" href="{html.escape(hit.url)}">{html.escape(hit.title)}'
            f'</a><p class="lx-result__summary">{html.escape(hit.summary)}</p>'
            + (f'<p class="lx-result__snippet">{hit.snippet}</p>' if hit.snippet else "")
            + "</li>"
            for hit in result.results)
        page = body.decode("utf-8")
        page = page.replace('<ol class="lx-results" id="lx-search-results"></ol>',
                            f'<ol class="lx-results" id="lx-search-results">{items}</ol>', 1)
        page = page.replace('aria-live="polite"></p>', f'aria-live="polite">{status}</p>', 1)
        page = page.replace('name="zoekterm" type="search"',
                            f'name="zoekterm" value="{html.escape(query)}" type="search"', 1)
        if result.total:
            page = _with_facets(page, result.facets.get("cluster", {}), cluster or "")
        return page.encode("utf-8")

    def _not_found(self, root: Path) -> Response:
        page = root / "404.html"
        if page.is_file():
            body = page.read_bytes()
            return Response(404, [("Content-Type", "text/html; charset=utf-8"),
                                  ("Cache-Control", "no-cache"),
                                  ("Content-Security-Policy", self.csp.header(page, body))], body)
        return Response.error(404, "pagina niet gevonden")


_FACET = re.compile(r'<button ([^>]*?)data-lx-cluster="([^"]*)" aria-pressed="(?:true|false)">'
                    r"([^<]*)</button>")


def _with_facets(page: str, counts: dict[str, int], cluster: str) -> str:
    """The search page's facets shown with their counts exactly as search.js shows them,
    so that its redraw moves nothing (no layout shift); the buttons submit the form, so
    they also work without JavaScript. Labels come escaped from the template."""
    total = sum(counts.values())

    def button(match: re.Match[str]) -> str:
        attributes, slug, label = match.groups()
        n = counts.get(slug, 0) if slug else total
        hidden = " hidden" if slug and n == 0 and slug != cluster else ""
        pressed = "true" if slug == cluster else "false"
        return (f'<button {attributes}data-lx-cluster="{slug}" aria-pressed="{pressed}"'
                f' data-lx-label="{label}"{hidden}>{label} ({n})</button>')

    page = page.replace('<div class="lx-facets" id="lx-search-facets" hidden>',
                        '<div class="lx-facets" id="lx-search-facets">', 1)
    return _FACET.sub(button, page)


def _lemmas(total: int) -> str:
    return f"{total} {'lemma' if total == 1 else 'lemma' + chr(39) + 's'}"


def search_status(result: SearchResult, register: str) -> str:
    """The status line of /zoeken/ as HTML (every part of the query and of lemma's escaped):
    what was found, or which retry found it, or the closest lemma's and the register. The
    same sentences as search.js writes with JavaScript."""
    text = html.escape(result.query)
    if result.retried == "spelling" and result.corrected:
        return (f"Geen lemma's gevonden voor “{text}”; {_lemmas(result.total)} gevonden voor"
                f" “{html.escape(result.corrected)}”.")
    if result.retried == "loose":
        return (f"Geen lemma's gevonden voor “{text}”; ruimer gezocht, op woorden die beginnen"
                f" met “{html.escape(result.corrected or result.query)}”:"
                f" {_lemmas(result.total)}.")
    if result.total:
        status = f"{_lemmas(result.total)} gevonden voor “{text}”."
        if result.corrected:
            status += (f' Bedoelde je <a href="?{urls.SEARCH_PARAM}='
                       f'{html.escape(quote(result.corrected))}">'
                       f"{html.escape(result.corrected)}</a>?")
        return status
    status = f"Geen lemma's gevonden voor “{text}”."
    if result.closest:
        links = ", ".join(f'<a href="{html.escape(c.url)}">{html.escape(c.title)}</a>'
                          for c in result.closest)
        status += f" Bedoelde je een van deze lemma's: {links}?"
    return status + f' Of zoek in het <a href="{html.escape(register)}">register A–Z</a>.'


def _decode_path(raw: str) -> str:
    # PATH_INFO arrives as latin-1-decoded bytes (PEP 3333); recover the UTF-8 path.
    try:
        return raw.encode("latin-1").decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return raw


def _params(query_string: str) -> dict[str, str]:
    parsed = parse_qs(query_string, keep_blank_values=True, encoding="utf-8", errors="replace")
    return {name: values[0] for name, values in parsed.items() if values}


def _safe_join(root: Path, path: str) -> Path | None:
    """The file for a URL path inside `root`, or None for anything that would leave it."""
    path = unquote(path)
    if "\x00" in path or "\\" in path:
        return None
    normal = posixpath.normpath("/" + path.lstrip("/"))
    parts = [p for p in normal.split("/") if p]
    if any(p.startswith(".") for p in parts):  # hidden files and any '..' that survived
        return None
    target = root.joinpath(*parts) if parts else root
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):
        return None
    if resolved != root and root not in resolved.parents:
        return None
    return resolved


def _content_type(path: Path) -> str:
    # Python's table has no YAML; the editor's config.yml is read as text by Decap.
    yaml_type = "text/yaml" if path.suffix in (".yml", ".yaml") else None
    kind = yaml_type or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "application/json",
                                            "image/svg+xml", "application/xml"):
        kind += "; charset=utf-8"
    return kind


def _cache_control(path: Path) -> str:
    if _HASHED_ASSET.search(path.name):
        return IMMUTABLE
    return SHORT_CACHE


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (`gzip`, `x-gzip` or `*`, q above 0)."""
    allowed: dict[str, float] = {}
    for item in header.lower().split(","):
        name, _, params = item.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if name:
            allowed[name.strip()] = q
    for name in ("gzip", "x-gzip"):
        if name in allowed:
            return allowed[name] > 0
    return allowed.get("*", 0) > 0


def gzip_etag(etag: str) -> str:
    """The ETag of the gzip variant: different bytes, so a different (strong) ETag."""
    return etag[:-1] + '-gz"' if etag.endswith('"') else etag


class _GzipCache:
    """Compressed bodies by ETag, up to `limit` bytes (oldest dropped first); answers without
    an ETag (API) are compressed every time."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.items: dict[str, bytes] = {}
        self.lock = threading.Lock()

    def compress(self, body: bytes, etag: str | None) -> bytes:
        if etag is not None:
            with self.lock:
                cached = self.items.get(etag)
            if cached is not None:
                return cached
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        if etag is not None and len(packed) <= self.limit:
            with self.lock:
                if etag not in self.items:
                    self.items[etag] = packed
                    self.size += len(packed)
                    while self.size > self.limit:
                        oldest = next(iter(self.items))
                        self.size -= len(self.items.pop(oldest))
        return packed


def create_app(root: Path, *, site: Path | None = None, index: Path | None = None,
               base_url: str = "/") -> LexiconApp:
    """The app for a lexicon root; an explicit `index` folder is used as it is, otherwise the
    index built with the served site (falling back to the current one)."""
    return LexiconApp(site or root / "site", index or index_dir(root), base_url,
                      index_from_site=index is None)


SERVER_LIMITS: dict[str, Any] = {
    "threads": 8,
    "connection_limit": 256,  # open connections at most; more wait in the listen backlog
    "backlog": 1024,
    "channel_timeout": 30,  # seconds before an idle or trickling (slowloris) client is closed
    "max_request_header_size": 16 * 1024,  # request line plus headers; longer ones get 431
    "max_request_body_size": 4 * 1024,  # only GET and HEAD are served; larger bodies get 413
    "asyncore_use_poll": True,  # poll() instead of select(), which fails past 1024 sockets
    "expose_tracebacks": False,
    "clear_untrusted_proxy_headers": True,
    "ident": "lexicon",
}
"""waitress settings: bounded memory and connections per client, whatever clients send."""


def serve(app: LexiconApp, host: str, port: int, threads: int | None = None,
          log: bool = True) -> None:
    """Run the app on waitress, a production WSGI server, with `SERVER_LIMITS`; with `log`,
    one JSON line per request on stderr (`accesslog`)."""
    from waitress import serve as waitress_serve

    limits = {**SERVER_LIMITS, **({"threads": threads} if threads else {})}
    waitress_serve(AccessLog(app) if log else app, host=host, port=port, _quiet=True, **limits)
