"""The WSGI app in-process (no sockets): static files, API, errors, headers, hostile input."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexicon.serve.app import create_app


class Client:
    def __init__(self, app) -> None:
        self.app = app

    def get(self, path: str, query: str = "", method: str = "GET", headers=None):
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path.encode("utf-8").decode("latin-1"),
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.url_scheme": "http",
            **(headers or {}),
        }
        captured = {}

        def start_response(status, response_headers, exc_info=None):
            captured["status"] = int(status.split()[0])
            captured["headers"] = dict(response_headers)

        body = b"".join(self.app(environ, start_response))
        return captured["status"], captured["headers"], body


@pytest.fixture(scope="module")
def client(built_site):
    return Client(create_app(built_site))


def test_home_and_lemma_pages(client):
    status, headers, body = client.get("/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    status, _, body = client.get("/lemma/wederkerigheid/")
    assert status == 200 and b"<h1>Wederkerigheid</h1>" in body


def test_directory_without_slash_redirects(client):
    status, headers, _ = client.get("/lemma/wederkerigheid")
    assert status == 301 and headers["Location"] == "/lemma/wederkerigheid/"


def test_missing_page_is_404_with_the_site_404_page(client):
    status, _headers, body = client.get("/bestaat-niet/")
    assert status == 404 and b"<html" in body


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                  "/lemma/../../../etc/passwd", "/..%2f..%2fetc/passwd",
                                  "/.lexicon-builds/", "/%00", "/lemma\\..\\..\\x"])
def test_path_traversal_is_impossible(client, path):
    status, _, body = client.get(path)
    assert status == 404
    assert b"root:" not in body


def test_no_directory_listing(client):
    status, _, body = client.get("/assets/")
    assert status == 404
    assert b"Index of" not in body


def test_security_and_cache_headers(client):
    _, headers, _ = client.get("/lemma/wederkerigheid/")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp.split("style-src")[0]
    assert headers["Cache-Control"] == "public, max-age=300"
    css = next(p for p in (client.app.site / "assets" / "stylesheets").iterdir()
           if p.name.startswith("main.") and p.name.endswith(".min.css"))
    _, headers, _ = client.get(f"/assets/stylesheets/{css.name}")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_etag_gives_304(client):
    _, headers, _ = client.get("/")
    status, _, body = client.get("/", headers={"HTTP_IF_NONE_MATCH": headers["ETag"]})
    assert status == 304 and body == b""


def test_only_get_and_head(client):
    status, _, body = client.get("/", method="POST")
    assert status == 405
    assert json.loads(body)["ok"] is False
    status, headers, body = client.get("/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0


def test_api_search(client):
    status, _, body = client.get("/api/search", "q=vertrouwen&limit=2")
    data = json.loads(body)
    assert status == 200 and data["ok"] is True
    assert data["results"][0]["slug"] == "vertrouwen"
    assert data["results"][0]["url"] == "/lemma/vertrouwen/"
    assert len(data["results"]) == 2


def test_api_lemmas(client):
    status, _, body = client.get("/api/lemmas")
    assert status == 200
    assert [x["slug"] for x in json.loads(body)["lemmas"]][:2] == ["eenzaamheid",
                                                                   "sociale-teams"]
    status, _, body = client.get("/api/lemmas/eenzaamheid")
    assert status == 200 and json.loads(body)["lemma"]["aliases"] == ["loneliness"]


@pytest.mark.parametrize("query, status, error", [
    ("q=x&limit=0", 400, "limit moet een geheel getal van 1 tot en met 100 zijn"),
    ("q=x&limit=abc", 400, "limit moet een geheel getal van 1 tot en met 100 zijn"),
    ("q=x&cluster=Niet%20Goed", 400,
     "cluster moet een slug zijn, bijvoorbeeld sociale-nabijheid"),
    ("q=" + "x" * 1001, 400, "q is te lang (1001 tekens; hoogstens 1000)"),
    ("q=" + "x" * 5000, 414, "de zoekvraag is te lang"),
])
def test_api_bad_parameters_give_json_errors(client, query, status, error):
    got, headers, body = client.get("/api/search", query)
    data = json.loads(body)
    assert got == status
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert data == {"ok": False, "error": error, "errors": data["errors"], "status": status}
    assert error in data["errors"]


def test_api_unknown_lemma_and_route(client):
    status, _, body = client.get("/api/lemmas/bestaat-niet")
    assert status == 404 and json.loads(body)["error"] == "lemma 'bestaat-niet' bestaat niet"
    status, _, body = client.get("/api/onbekend")
    assert status == 404 and json.loads(body)["ok"] is False


@pytest.mark.parametrize("raw", ["q=", "q=%22onaf", "q=AND%20OR%20NOT", "q=*", "q=%00%01%1f",
                                 "q=%ff%fe%fd", "q=" + "ab%20" * 200, "q=%E2%80%AE", "",
                                 "q=a&q=b", "limit=&q=x", "cluster=&q=x"])
def test_any_q_gives_json_not_500(client, raw):
    status, _headers, body = client.get("/api/search", raw)
    assert status in (200, 400)
    json.loads(body)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(q=st.text(max_size=1200), limit=st.one_of(st.none(), st.text(max_size=5)))
def test_hypothesis_api_never_fails(client, q, limit):
    query = "q=" + quote(q.encode("utf-8", "surrogatepass"), safe="")
    if limit is not None:
        query += "&limit=" + quote(limit.encode("utf-8", "surrogatepass"), safe="")
    status, _, body = client.get("/api/search", query)
    assert status in (200, 400, 414)
    assert isinstance(json.loads(body)["ok"], bool)


def test_missing_index_is_503_json(built_site, tmp_path):
    app = create_app(built_site, index=tmp_path / "geen-index")
    status, _, body = Client(app).get("/api/search", "q=x")
    assert status == 503
    assert "zoekindex ontbreekt" in json.loads(body)["error"]


@pytest.mark.parametrize("old, new", [
    ("/lemma/wederkerig/", "/lemma/wederkerigheid/"),
    ("/embed/wederkerig/", "/embed/wederkerigheid/"),
    ("/data/lemma/wederkerig.json", "/data/lemma/wederkerigheid.json"),
])
def test_old_addresses_redirect_permanently(client, old, new):
    status, headers, _ = client.get(old)
    assert status == 301 and headers["Location"] == new


def test_embeds_may_be_framed_by_other_sites_pages_may_not(client):
    _, headers, _ = client.get("/embed/vertrouwen/")
    assert "frame-ancestors *" in headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in headers
    _, headers, _ = client.get("/lemma/vertrouwen/")
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]


def test_renaming_a_lemma_keeps_its_old_url_working(make_lexicon, pair):
    from conftest import install_site_config, lemma
    from lexicon.site.build import build_site

    root = make_lexicon(pair)
    install_site_config(root)
    build_site(root)
    app = Client(create_app(root))
    assert app.get("/lemma/beta/")[0] == 200
    (root / "lemmas" / "beta.md").unlink()
    (root / "lemmas" / "bèta-nieuw.md".replace("è", "e")).write_text(
        lemma("Beta nieuw", "Zie [[alfa]].\n", extra="redirect_from: [beta]\n"),
        encoding="utf-8")
    (root / "lemmas" / "alfa.md").write_text(lemma("Alfa", "Zie [[beta-nieuw]].\n"),
                                             encoding="utf-8")
    build_site(root)
    status, headers, _ = app.get("/lemma/beta/")
    assert status == 301 and headers["Location"] == "/lemma/beta-nieuw/"
    status, _, body = app.get(headers["Location"])
    assert status == 200 and b"<h1>Beta nieuw</h1>" in body
    # On a static host, the old page itself forwards the reader.
    static = (root / "site" / "lemma" / "beta" / "index.html").read_text("utf-8")
    assert 'content="0; url=../beta-nieuw/"' in static


def test_search_page_without_javascript_has_its_results(client):
    """A reader without JavaScript gets /zoeken/?zoekterm=… with the results in the page."""
    status, headers, body = client.get("/zoeken/", "zoekterm=vertrouwen")
    page = body.decode("utf-8")
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    assert '<a class="lx-result__title" href="/lemma/vertrouwen/">Vertrouwen</a>' in page
    assert "gevonden voor “vertrouwen”" in page
    assert 'value="vertrouwen"' in page
    _, _, typo = client.get("/zoeken/", "zoekterm=eenzaamhied")
    assert b"Bedoelde je" in typo
    _, _, hostile = client.get("/zoeken/", "zoekterm=%3Cscript%3Ealert(1)%3C/script%3E")
    assert b"<script>alert(1)" not in hostile and b"&lt;script&gt;" in hostile


def test_search_page_renders_its_facets_as_search_js_does(client):
    """The facets come with the results (search.js redraws them unchanged: no layout
    shift); each submits the form, so the filter works without JavaScript too."""
    _, _, body = client.get("/zoeken/", "zoekterm=vertrouwen")
    page = body.decode("utf-8")
    assert '<div class="lx-facets" id="lx-search-facets">' in page
    buttons = re.findall(r'<button type="submit" form="lx-search-form" name="cluster"'
                         r' value="([^"]*)"[^>]*aria-pressed="(true|false)"'
                         r' data-lx-label="[^"]*"( hidden)?>[^<]*\((\d+)\)</button>', page)
    counts = {slug: int(n) for slug, _, _, n in buttons}
    assert buttons[0][:2] == ("", "true") and counts[""] == sum(
        n for slug, n in counts.items() if slug)
    assert all((n == 0) == bool(hidden) for slug, _, hidden, n in buttons if slug)
    shown = [slug for slug, _, hidden, n in buttons if slug and n]
    _, _, filtered = client.get("/zoeken/", f"zoekterm=vertrouwen&cluster={shown[0]}")
    text = filtered.decode("utf-8")
    assert f'value="{shown[0]}" class="lx-facet lx-cluster--{shown[0]}"' in text
    assert f"{counts[shown[0]]} lemma" in text
    _, _, nothing = client.get("/zoeken/", "zoekterm=qqqxyzzy")
    assert b'id="lx-search-facets" hidden' in nothing


def test_no_dead_end_in_the_api_and_the_page_without_javascript(client):
    """A query that finds nothing is retried; what is found then says how; when nothing is,
    the page offers the closest lemma's and the register."""
    data = json.loads(client.get("/api/search", "q=blaans")[2])
    assert (data["retried"], data["corrected"], data["closest"]) == ("spelling", "balans", [])
    page = client.get("/zoeken/", "zoekterm=blaans")[2].decode("utf-8")
    assert "Geen lemma's gevonden voor “blaans”; 1 lemma gevonden voor “balans”." in page
    assert '<a class="lx-result__title" href="/lemma/wederkerigheid/">' in page

    page = client.get("/zoeken/", "zoekterm=ontv")[2].decode("utf-8")
    assert "ruimer gezocht, op woorden die beginnen met “ontv”: 1 lemma." in page

    data = json.loads(client.get("/api/search", "q=eenzmhaeid")[2])
    assert data["total"] == 0 and data["retried"] is None
    assert data["closest"] == [{"slug": "eenzaamheid", "title": "Eenzaamheid",
                                "cluster": "sociale-nabijheid", "url": "/lemma/eenzaamheid/"}]
    page = client.get("/zoeken/", "zoekterm=eenzmhaeid")[2].decode("utf-8")
    assert ("Geen lemma's gevonden voor “eenzmhaeid”. Bedoelde je een van deze lemma's:"
            ' <a href="/lemma/eenzaamheid/">Eenzaamheid</a>? Of zoek in het'
            ' <a href="/register/">register A–Z</a>.') in page
    page = client.get("/zoeken/", "zoekterm=zzqqxxyy")[2].decode("utf-8")
    assert "Geen lemma's gevonden voor “zzqqxxyy”. Of zoek in het" in page


def test_the_status_line_escapes_query_and_lemma_data():
    from lexicon.search.engine import Nearby, SearchResult
    from lexicon.serve.app import search_status

    bad = '"><img src=x onerror=alert(1)>'
    line = search_status(SearchResult(bad, None, 0, (), closest=(
        Nearby("a", "Titel " + bad, "c", '/lemma/a/"' + bad),)), "/register/")
    assert "<img" not in line and line.count("<a ") == 2
    for retried, corrected in (("spelling", bad), ("loose", None), (None, bad)):
        line = search_status(SearchResult(bad, corrected, 1, (), retried=retried), "/r/")
        assert "<img" not in line and "&lt;img" in line
