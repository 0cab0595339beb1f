"""The served mode as a deployable service: WSGI entry point, gzip, caching, health check and
access logs (issue 15)."""

from __future__ import annotations

import gzip
import http.client
import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lexicon.serve.accesslog import AccessLog
from lexicon.serve.app import LexiconApp, accepts_gzip, create_app
from lexicon.serve.wsgi import application_from


def call(app, path: str, headers: dict[str, str] | None = None, method: str = "GET",
         query: str = ""):
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
               "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000",
               "wsgi.input": io.BytesIO(b""), "wsgi.url_scheme": "http", **(headers or {})}
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen["status"] = int(status.split()[0])
        seen["headers"] = dict(response_headers)

    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body


GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture(scope="module")
def app(built_site):
    return create_app(built_site)


@pytest.mark.parametrize(("header", "expected"), [
    ("gzip", True), ("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.8", True), ("*", True),
    ("x-gzip", True), ("", False), ("identity", False), ("gzip;q=0", False),
    ("*;q=0", False), ("br, *;q=0.1", True), ("gzip;q=abc", False),
])
def test_accept_encoding(header, expected):
    assert accepts_gzip(header) is expected


def test_pages_are_gzipped_for_clients_that_accept_it(app):
    status, plain_headers, plain = call(app, "/lemma/wederkerigheid/")
    assert status == 200 and "Content-Encoding" not in plain_headers
    assert plain_headers["Vary"] == "Accept-Encoding"
    status, headers, packed = call(app, "/lemma/wederkerigheid/", GZIP)
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain) / 3
    assert int(headers["Content-Length"]) == len(packed)
    assert headers["ETag"] != plain_headers["ETag"]  # another variant, another ETag
    again, cached, _ = call(app, "/lemma/wederkerigheid/",
                            {**GZIP, "HTTP_IF_NONE_MATCH": headers["ETag"]})
    assert again == 304 and cached["ETag"] == headers["ETag"]


def test_assets_and_api_answers_are_gzipped_images_are_not(app, built_site):
    site = (built_site / "site").resolve()
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    _, headers, body = call(app, f"/assets/javascripts/{bundle}", GZIP)
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert gzip.decompress(body) == (site / "assets" / "javascripts" / bundle).read_bytes()
    _, headers, body = call(app, "/api/lemmas", GZIP)
    assert headers["Content-Encoding"] == "gzip" and json.loads(gzip.decompress(body))["ok"]
    image = next(p for p in site.rglob("*.png"))
    _, headers, _ = call(app, "/" + image.relative_to(site).as_posix(), GZIP)
    assert "Content-Encoding" not in headers and "Vary" not in headers


def test_head_gives_the_length_of_the_compressed_body(app):
    _, _, body = call(app, "/", GZIP)
    _, head_headers, empty = call(app, "/", GZIP, method="HEAD")
    assert empty == b"" and head_headers["Content-Length"] == str(len(body))


def test_health_endpoint(app):
    status, headers, body = call(app, "/healthz")
    data = json.loads(body)
    assert status == 200 and headers["Cache-Control"] == "no-store"
    assert data["ok"] is True and data["site"] is True and data["zoekindex"] is True
    assert data["lemmas"] == 4 and data["build"].startswith("build-")


def test_health_endpoint_says_what_is_missing(tmp_path):
    status, _, body = call(create_app(tmp_path), "/healthz")
    data = json.loads(body)
    assert status == 503 and data["ok"] is False and data["status"] == 503
    assert data["errors"] == ["de site is niet gebouwd", "de zoekindex ontbreekt of opent niet"]


def test_access_log_is_one_json_line_per_request_without_personal_data(app):
    stream = io.StringIO()
    logged = AccessLog(app, stream)
    call(logged, "/api/search", {**GZIP, "REMOTE_ADDR": "203.0.113.9",
                                 "HTTP_USER_AGENT": "Student"}, query="q=mijn+buurman")
    call(logged, "/bestaat-niet/")
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["method"] == "GET" and first["path"] == "/api/search"
    assert first["status"] == 200 and first["level"] == "info" and first["bytes"] > 0
    assert first["duration_ms"] >= 0 and first["time"].endswith("Z")
    assert set(first) == {"time", "level", "method", "path", "status", "bytes", "gzip",
                          "duration_ms"}
    assert "buurman" not in stream.getvalue() and "203.0.113.9" not in stream.getvalue()
    assert second["status"] == 404 and second["level"] == "warning"


def test_wsgi_entry_point_reads_the_environment(built_site):
    app = application_from({"LEXICON_ROOT": str(built_site), "LEXICON_ACCESS_LOG": "0"})
    assert isinstance(app, LexiconApp)
    assert call(app, "/healthz")[0] == 200
    site_only = application_from({"LEXICON_SITE": str(built_site / "site"),
                                  "LEXICON_ROOT": str(built_site.parent)})
    assert isinstance(site_only, AccessLog)
    assert json.loads(call(site_only, "/healthz")[2])["lemmas"] == 4


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_standard_wsgi_server_hosts_the_entry_point(built_site):
    """waitress-serve (the WSGI server's own command) imports lexicon.serve.wsgi:application."""
    port = _free_port()
    command = [str(Path(sys.executable).with_name("waitress-serve")),
               f"--listen=127.0.0.1:{port}", "lexicon.serve.wsgi:application"]
    env = {**os.environ, "LEXICON_ROOT": str(built_site)}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/healthz")
                response = connection.getresponse()
                body = response.read()
                connection.close()
                break
            except OSError:
                connection.close()
                assert time.monotonic() < deadline, "waitress-serve kwam niet op"
                time.sleep(0.1)
        assert response.status == 200 and json.loads(body)["ok"] is True
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=10)
    logged = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    assert {"path": "/healthz", "status": 200} in [
        {"path": line["path"], "status": line["status"]} for line in logged]


def test_containerfile_runs_a_read_only_non_root_service_with_a_health_check():
    """The Containerfile as written (building it needs a runtime and a base image; see the
    README, 'Publiceren', for what was verified with podman)."""
    text = (Path(__file__).resolve().parent.parent / "Containerfile").read_text("utf-8")
    final = text[text.rindex("\nFROM "):]
    assert "lexicon build --publiceer" in text  # a publication build: no loopback address
    assert "USER 10001:10001" in final and "useradd --system --uid 10001" in final
    assert "HEALTHCHECK" in final and "http://127.0.0.1:8000/healthz" in final
    assert "COPY --from=bouwen /srv-lexicon /srv/lexicon" in final  # site and index together
    assert "PYTHONDONTWRITEBYTECODE=1" in final  # nothing to write: runs with --read-only
    assert '"serve", "/srv/lexicon", "--host", "0.0.0.0"' in final
