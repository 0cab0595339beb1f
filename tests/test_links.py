"""External links: found offline with exact positions; checked against a loopback server."""

from __future__ import annotations

import json
import socket
import threading
import urllib.error
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from conftest import lemma
from lexicon.cli import cli
from lexicon.core.loader import load_lexicon
from lexicon.editorial.linkcheck import (
    ExternalLink,
    LinkStatus,
    check_all,
    check_url,
    clean_url,
    diagnostics,
    external_links,
)

BODY = """\
Zie [de site](https://voorbeeld.nl/pagina) en <https://auto.example.org/x>.
Kale link: https://kaal.example.org/pad, met komma. En (https://haakjes.example.org/a).

`https://code.example.org/niet` en

    https://codeblok.example.org/niet
"""


def test_links_in_body_and_front_matter_with_positions(make_lexicon):
    root = make_lexicon({"lemmas/alfa.md": lemma(
        "Alfa", BODY,
        extra='literature:\n  - "Boek, B. (2020). *Titel*. https://doi.org/10.1000/xyz."\n'
    ).replace('literature:\n  - "Auteur, A. (2020). *Een boek*. Uitgever."\n', "")})
    found = external_links(load_lexicon(root).lexicon)
    assert found == [
        ExternalLink("lemmas/alfa.md", 10, 5, "https://doi.org/10.1000/xyz"),  # the item
        ExternalLink("lemmas/alfa.md", 13, 15, "https://voorbeeld.nl/pagina"),
        ExternalLink("lemmas/alfa.md", 13, 48, "https://auto.example.org/x"),
        ExternalLink("lemmas/alfa.md", 14, 12, "https://kaal.example.org/pad"),
        ExternalLink("lemmas/alfa.md", 14, 57, "https://haakjes.example.org/a"),
    ]
    lines = (root / "lemmas" / "alfa.md").read_text(encoding="utf-8").split("\n")
    for link in found[1:]:
        assert lines[link.line - 1][link.column - 1:].startswith(link.url)


def test_clean_url_keeps_balanced_parentheses():
    assert clean_url("https://x.org/a_(b).") == "https://x.org/a_(b)"
    assert clean_url("https://x.org/a)") == "https://x.org/a"
    assert clean_url("https://x.org/a?b=1;") == "https://x.org/a?b=1"


def test_diagnostics_at_every_place_of_a_bad_url():
    links = [ExternalLink("lemmas/a.md", 3, 4, "https://weg.nl/"),
             ExternalLink("lemmas/b.md", 7, 1, "https://weg.nl/"),
             ExternalLink("lemmas/b.md", 8, 1, "https://traag.nl/"),
             ExternalLink("lemmas/b.md", 9, 1, "https://goed.nl/")]
    results = {"https://weg.nl/": LinkStatus("https://weg.nl/", True, False, "weg"),
               "https://traag.nl/": LinkStatus("https://traag.nl/", False, True, "traag"),
               "https://goed.nl/": LinkStatus("https://goed.nl/", False, False, "in orde")}
    found = diagnostics(links, results)
    assert [(d.path, d.line, d.code, d.message) for d in found] == [
        ("lemmas/a.md", 3, "LEX601", "https://weg.nl/: weg"),
        ("lemmas/b.md", 7, "LEX601", "https://weg.nl/: weg"),
        ("lemmas/b.md", 8, "LEX602", "https://traag.nl/: traag"),
    ]
    assert found[0].is_error and not found[2].is_error


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, with_body: bool) -> None:
        if self.path == "/verhuisd":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        code = {"/ok": 200, "/weg": 404, "/kapot": 503, "/geen-head": 200}.get(self.path, 404)
        if self.path == "/geen-head" and self.command == "HEAD":
            code = 405
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._answer(False)

    def do_GET(self) -> None:
        self._answer(True)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_check_url_against_a_loopback_server(server):
    assert check_url(f"{server}/ok").ok
    assert check_url(f"{server}/verhuisd").ok  # redirects are followed
    assert check_url(f"{server}/geen-head").ok  # HEAD refused, GET works
    gone = check_url(f"{server}/weg")
    assert gone.broken and gone.reason == "bestaat niet meer (HTTP 404)"
    busy = check_url(f"{server}/kapot")
    assert busy.doubtful and not busy.broken and busy.reason == "serverfout (HTTP 503)"


def test_unknown_domain_is_broken_and_timeout_is_doubtful():
    def no_such_domain(request, timeout):  # what urlopen raises when DNS says no
        raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    def too_slow(request, timeout):
        raise urllib.error.URLError(TimeoutError("timed out"))

    assert check_url("https://bestaat-niet.example/", opener=no_such_domain).broken
    slow = check_url("https://traag.example/", timeout=3, opener=too_slow)
    assert slow.doubtful and slow.reason == "geen antwoord binnen 3 s"


def test_check_all_asks_each_url_once():
    asked: list[str] = []

    def fake(url: str, timeout: float) -> LinkStatus:
        asked.append(url)
        return LinkStatus(url, False, False, "in orde")

    results = check_all(["https://b.nl/", "https://a.nl/", "https://b.nl/"], check=fake)
    assert sorted(asked) == ["https://a.nl/", "https://b.nl/"]
    assert list(results) == ["https://a.nl/", "https://b.nl/"]


def test_cli_lists_and_checks_links(make_lexicon, server, monkeypatch):
    root = make_lexicon({
        "lemmas/alfa.md": lemma("Alfa", f"Zie [[beta]], {server}/ok en {server}/weg.\n"),
        "lemmas/beta.md": lemma("Beta", f"Zie [[alfa]] en [dit]({server}/kapot).\n"),
    })
    monkeypatch.chdir(root)
    listed = CliRunner().invoke(cli, ["links", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert [link["url"] for link in json.loads(listed.stdout)] == [
        f"{server}/ok", f"{server}/weg", f"{server}/kapot"]
    checked = CliRunner().invoke(cli, ["links", "--check", "--format", "github"])
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        f"::error file=lemmas/alfa.md,line=13,col={15 + len(server) + 7},title=LEX601 externe link"
        f" werkt niet::{server}/weg: bestaat niet meer (HTTP 404)%0Azoek het nieuwe adres (of"
        " een archiefversie) en vervang de link, of verwijder hem",
        f"::warning file=lemmas/beta.md,line=13,col={len('Zie [[alfa]] en [dit](') + 1},"
        "title=LEX602 externe link onzeker::"
        f"{server}/kapot: serverfout (HTTP 503)%0Aopen de link zelf; werkt hij, dan was de"
        " server tijdelijk onbereikbaar of weert hij automatische controles",
    ]
    assert "3 links gecontroleerd: 1 werken niet, 1 onzeker." in checked.stderr
