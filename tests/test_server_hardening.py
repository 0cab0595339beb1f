"""Server hardening, each rule proven: limits, cache headers, no listings, no way out of the
site, security headers on every answer, and a Content-Security-Policy the site passes.

Most tests call the app in-process; the request-size limits are waitress's, so those run
against the real server on a loopback port, with the settings `lexicon serve` uses.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexicon.search.engine import MAX_LIMIT
from lexicon.serve.app import MAX_QUERY_PARAM, MAX_QUERY_STRING, SERVER_LIMITS, create_app
from test_server import Client

SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@pytest.fixture(scope="module")
def client(built_site) -> Client:
    return Client(create_app(built_site))


# -- security headers on every kind of answer ----------------------------------------------

ANSWERS = [
    ("/", "", "GET", 200), ("/lemma/vertrouwen/", "", "GET", 200),
    ("/api/search", "q=vertrouwen", "GET", 200), ("/api/lemmas/vertrouwen", "", "GET", 200),
    ("/api/search", "limit=0", "GET", 400), ("/bestaat-niet/", "", "GET", 404),
    ("/api/niets", "", "GET", 404), ("/", "", "POST", 405), ("/", "", "DELETE", 405),
    ("/api/search", "q=" + "x" * (MAX_QUERY_STRING + 1), "GET", 414),
    ("/lemma/vertrouwen", "", "GET", 301), ("/", "", "HEAD", 200),
]


@pytest.mark.parametrize("path, query, method, status", ANSWERS)
def test_every_answer_has_the_security_headers(client, path, query, method, status):
    got, headers, _ = client.get(path, query, method=method)
    assert got == status
    for name, value in SECURITY.items():
        assert headers[name] == value, name
    assert "Content-Security-Policy" in headers
    assert "X-Frame-Options" in headers
    assert "Server" not in headers and "X-Powered-By" not in headers


def test_html_policy_allows_only_the_site_itself(client):
    _, headers, body = client.get("/lemma/vertrouwen/")
    policy = dict(part.strip().split(" ", 1) for part in
                  headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"
    scripts = policy["script-src"].split()
    assert scripts[0] == "'self'"
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert all(s.startswith("'sha256-") for s in scripts[1:])
    assert b"<script>" in body  # Material's inline scripts: allowed by hash, not wholesale


def test_json_and_error_answers_allow_nothing(client):
    for path, query in (("/api/search", "q=x"), ("/api/niets", "")):
        _, headers, _ = client.get(path, query)
        assert headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
        assert headers["Cache-Control"] == "no-store"


# -- request limits --------------------------------------------------------------------------


@pytest.mark.parametrize("limit, status, count", [
    ("1", 200, 1), (str(MAX_LIMIT), 200, None), (str(MAX_LIMIT + 1), 400, None),
    ("0", 400, None), ("-1", 400, None), ("1e3", 400, None), ("3.5", 400, None),
    ("9" * 50, 400, None), ("%00", 400, None),
])
def test_limit_parameter_is_bounded(client, limit, status, count):
    got, _, body = client.get("/api/search", f"q=vertrouwen&limit={limit}")
    assert got == status
    data = json.loads(body)
    if status == 200:
        assert len(data["results"]) <= MAX_LIMIT
        if count is not None:
            assert len(data["results"]) == count
    else:
        assert data["error"] == f"limit moet een geheel getal van 1 tot en met {MAX_LIMIT} zijn"


def test_query_length_is_bounded(client):
    assert client.get("/api/search", "q=" + "a" * MAX_QUERY_PARAM)[0] == 200
    status, _, body = client.get("/api/search", "q=" + "a" * (MAX_QUERY_PARAM + 1))
    assert status == 400
    assert json.loads(body)["error"] == \
        f"q is te lang ({MAX_QUERY_PARAM + 1} tekens; hoogstens {MAX_QUERY_PARAM})"
    status, _, _ = client.get("/api/search", "q=a&x=" + "b" * MAX_QUERY_STRING)
    assert status == 414


# -- cache headers -----------------------------------------------------------------------------


def _first(folder: Path, pattern: str) -> str:
    return next(p.name for p in sorted(folder.glob(pattern)))


def test_cache_headers_by_kind_of_file(client):
    site = client.app.site.resolve()
    hashed = _first(site / "assets" / "javascripts", "bundle.*.min.js")
    cases = {
        # Pages and unfingerprinted files: short, then revalidated by ETag.
        "/": "public, max-age=300",
        "/lemma/vertrouwen/": "public, max-age=300",
        "/data/lemmas.json": "public, max-age=300",
        "/sitemap.xml": "public, max-age=300",
        f"/assets/javascripts/{hashed}": "public, max-age=31536000, immutable",
        "/assets/lexicon/lexicon.css": "public, max-age=300",
        "/bestaat-niet/": "no-cache",
        "/api/search": "no-store",
    }
    for path, expected in cases.items():
        _, headers, _ = client.get(path, "q=x" if path.startswith("/api/") else "")
        assert headers["Cache-Control"] == expected, path


def test_unchanged_files_answer_304(client):
    for path in ("/", "/assets/lexicon/lexicon.css"):
        _, headers, _ = client.get(path)
        status, again, body = client.get(path, headers={"HTTP_IF_NONE_MATCH": headers["ETag"]})
        assert status == 304 and body == b"" and again["ETag"] == headers["ETag"]


# -- no listings, no way out -------------------------------------------------------------------


def test_no_directory_is_ever_listed(client):
    site = client.app.site.resolve()
    moved = json.loads((site / "data" / "redirects.json").read_text(encoding="utf-8"))
    for folder in [site, *(p for p in site.rglob("*") if p.is_dir())]:
        path = "/" + folder.relative_to(site).as_posix() + "/"
        path = "/" if path == "/./" else path
        status, headers, body = client.get(path)
        if path.lstrip("/") in moved:  # a renamed lemma's old address
            assert status == 301 and headers["Location"] == "/" + moved[path.lstrip("/")]
        elif (folder / "index.html").is_file():
            assert status == 200 and body == (folder / "index.html").read_bytes(), path
        else:
            assert status == 404, path
            assert b"Index of" not in body and b"<li><a" not in body[:2000]


def test_a_symlink_inside_the_site_cannot_lead_outside(client, built_site, tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("geheim", encoding="utf-8")
    link = client.app.site.resolve() / "assets" / "geheim.txt"
    link.symlink_to(secret)
    try:
        status, _, body = client.get("/assets/geheim.txt")
    finally:
        link.unlink()
    assert status == 404 and b"geheim" not in body


SEGMENTS = st.sampled_from(["..", ".", "%2e%2e", "%2E%2e", "..%2f", "%2f", "%5c", "\\", "//",
                            "%00", "etc", "passwd", "lemma", "vertrouwen", ".lexicon-builds",
                            ".git", "~", "%252e%252e", "..;", "index.html", "site", "search",
                            "%c0%ae%c0%ae", "\u2025", "assets", ""])


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(parts=st.lists(SEGMENTS, max_size=8))
def test_no_path_reaches_outside_the_site(client, parts):
    path = "/" + "/".join(parts)
    status, headers, body = client.get(path)
    assert status in (200, 301, 404), path
    if status == 200 and not path.startswith("/api/"):
        site = client.app.site.resolve()
        files = {p.read_bytes() for p in site.rglob("*.html")} if \
            headers["Content-Type"].startswith("text/html") else None
        assert files is None or body in files, path


# -- the real server's request limits (loopback) -----------------------------------------------


@pytest.fixture(scope="module")
def server(built_site) -> Iterator[tuple[str, int]]:
    from waitress.server import create_server

    limits = {k: v for k, v in SERVER_LIMITS.items() if k != "threads"}
    instance = create_server(create_app(built_site), host="127.0.0.1", port=0, threads=2,
                             **limits)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", instance.effective_port
    finally:
        instance.close()


def _raw(server: tuple[str, int], request: bytes) -> bytes:
    with socket.create_connection(server, timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def test_oversized_headers_are_refused(server):
    big = b"X-Opvulling: " + b"a" * SERVER_LIMITS["max_request_header_size"] + b"\r\n"
    answer = _raw(server, b"GET / HTTP/1.1\r\nHost: x\r\n" + big + b"\r\n")
    assert answer.split(b" ")[1] == b"431"


def test_oversized_url_is_refused(server):
    path = "/api/search?q=" + quote("x" * SERVER_LIMITS["max_request_header_size"])
    answer = _raw(server, f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    assert answer.split(b" ")[1] == b"431"


def test_request_bodies_are_refused(server):
    size = SERVER_LIMITS["max_request_body_size"] + 1
    answer = _raw(server, b"POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: "
                  + str(size).encode() + b"\r\n\r\n" + b"a" * size)
    assert answer.split(b" ")[1] == b"413"


def test_garbage_gets_400_and_the_server_keeps_serving(server):
    for junk in (b"\x00\x01\x02\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/1.1\r\n:\r\n\r\n",
                 b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                 b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"):
        answer = _raw(server, junk)
        status = answer.split(b" ")[1] if answer else b""
        assert answer == b"" or status.startswith(b"4"), (junk, answer[:80])
    answer = _raw(server, b"GET /api/search?q=vertrouwen HTTP/1.1\r\nHost: x\r\n"
                  b"Connection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200 ")


def test_lexicon_serve_runs_waitress_with_these_limits(monkeypatch, built_site):
    import waitress

    from lexicon.serve.app import serve

    captured: dict[str, object] = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: captured.update(kw))
    serve(create_app(built_site), "127.0.0.1", 8123)
    assert captured == {"host": "127.0.0.1", "port": 8123, "_quiet": True, **SERVER_LIMITS}


# -- the site passes its own Content-Security-Policy (in Chromium) -----------------------------

from test_browser import base_url  # noqa: E402,F401  (shared fixture; `browser` is in conftest)


@pytest.mark.parametrize("path", ["", "lemma/wederkerigheid/", "zoeken/?zoekterm=vertrouwen",
                                  "kaart/", "register/", "embed/vertrouwen/"])
def test_pages_cause_no_policy_violations(browser, base_url, path):  # noqa: F811
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script("window.__violations = [];"
                             "document.addEventListener('securitypolicyviolation', e =>"
                             " window.__violations.push(e.violatedDirective + ' ' +"
                             " e.blockedURI));")
        response = page.goto(base_url + path, wait_until="networkidle")
        assert response is not None and "content-security-policy" in response.headers
        page.wait_for_timeout(300)
        assert page.evaluate("window.__violations") == []
    finally:
        context.close()
