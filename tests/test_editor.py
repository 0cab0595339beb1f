"""End to end: an editor writes a new lemma in the browser editor and it lands in lemmas/.

`lexicon preview` runs as editors run it (MkDocs' live-reload server with /admin/, and
decap-server on loopback, both on free ports); Debian's Chromium fills in the form, saves,
and the new file must pass `lexicon check`. Needs Node.js with `make admin` and Chromium:
skipped with a message where they are missing, a failure in CI (LEXICON_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    CLUSTERS,
    REPO,
    install_site_config,
    lemma,
    require,
    require_browser,
    serve_wsgi,
    write_files,
)
from lexicon.core.loader import load_lexicon
from lexicon.editorial import decap
from lexicon.serve.app import create_app
from lexicon.site.build import build_site

SECTIONS = {
    "Betekenis en herkomst":
        "Nabuurschap is hoe buren met elkaar omgaan; het bouwt op [[vertrouwen]] en op"
        " [[wederkerigheid|geven en nemen]]. Buren wonen dichtbij, maar zijn elkaar daarom nog"
        " niet nabij; losse contacten tellen ook (Granovetter, 1973).",
    "In de praktijk":
        "Een buurtwerker merkt dat achter een gesloten deur [[eenzaamheid]] schuilgaat.",
    "Dilemma's":
        "Te veel nabijheid kan ook benauwen: niet elke buur wil gezien worden.",
}
FILLER = " ".join(["buurt"] * 160)


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"lexicon preview stopte:\n{log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    pytest.fail(f"{url} antwoordt niet:\n{log.read_text(encoding='utf-8')}")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A small lexicon served by `lexicon preview` with the editor; yields (root, url)."""
    require_browser()
    require(shutil.which("node") is not None, "Node.js ontbreekt (nodig voor decap-server)")
    require(decap.find_node_modules(tmp_path) is not None,
            "Decap CMS is niet geïnstalleerd: voer 'make admin' uit (npm ci)")
    root = write_files(tmp_path / "lexicon", {
        **CLUSTERS,
        "lemmas/vertrouwen.md": lemma("Vertrouwen", "Zie [[wederkerigheid]] en [[eenzaamheid]]."),
        "lemmas/wederkerigheid.md": lemma("Wederkerigheid", "Zie [[vertrouwen]]."),
        "lemmas/eenzaamheid.md": lemma("Eenzaamheid", "Zie [[vertrouwen]]."),
    })
    install_site_config(root)
    port, editor_port = decap.free_port(), decap.free_port()
    log = tmp_path / "preview.log"
    command = [str(Path(sys.executable).with_name("lexicon")), "preview", str(root),
               "--port", str(port), "--editor-port", str(editor_port)]
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/admin/"
        _wait_for(url, process, log, seconds=90)
        yield root, url
    finally:
        process.send_signal(signal.SIGTERM)  # preview stops decap-server on its way out
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_new_lemma_through_the_form_lands_in_lemmas_and_passes_check(preview):
    from playwright.sync_api import sync_playwright

    root, url = preview
    target = root / "lemmas" / "nabuurschap.md"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        errors: list[str] = []
        requests: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(url, wait_until="networkidle")
        page.evaluate("() => { window.lexiconMarker = 'niet herladen'; }")
        page.get_by_role("button", name="Inloggen").click()  # local backend: no password
        page.get_by_role("link", name="Wederkerigheid").wait_for()  # the existing lemma's
        page.locator('a[href$="/collections/lemmas/new"]').click()  # "＋ lemma"

        page.get_by_label("Titel").fill("Nabuurschap")
        page.get_by_label("Cluster").click()
        page.get_by_text("Geografische nabijheid", exact=True).click()
        page.get_by_label("Samenvatting").fill(
            "Nabuurschap is de manier waarop buren met elkaar omgaan en voor elkaar klaarstaan.")
        page.get_by_role("button", name="Voeg auteur toe").click()
        page.get_by_label("Auteur", exact=True).fill("Redactie digitale editie")
        page.get_by_role("button", name="Voeg verwijzing toe").click()
        page.get_by_label("Verwijzing", exact=True).fill(
            "Granovetter, M. S. (1973). The strength of weak ties. *American Journal of"
            " Sociology, 78*(6), 1360–1380.")
        page.get_by_role("button", name="Voeg bron toe").click()
        page.get_by_label("Bron", exact=True).fill(
            "Redactie. (2026). Nabuurschap. In *Lexicon nabijheid en sociaal werk*.")
        body = page.locator("[contenteditable=true]").first
        for heading, text in SECTIONS.items():
            # Write under each heading of the template, as an editor would.
            line = body.get_by_text(f"## {heading}", exact=True)
            box = line.bounding_box()
            assert box is not None
            line.click(position={"x": box["width"] - 2, "y": box["height"] / 2})  # line end
            page.wait_for_timeout(150)
            page.keyboard.press("Enter")
            page.keyboard.press("Enter")
            page.keyboard.insert_text(f"{text} {FILLER}")
            page.wait_for_timeout(150)

        shots = REPO / "test-artifacts" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "editor-nieuw-lemma.png"), full_page=True)
        page.get_by_role("button", name="Publiceer").click()
        page.get_by_text("Publiceer nu").click()
        deadline = time.monotonic() + 30
        while not target.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert target.exists(), "het editorformulier schreef geen lemmas/nabuurschap.md"
        page.wait_for_timeout(3000)  # long enough for the preview to rebuild
        # Saving wrote lemmas/, which rebuilds the preview; the editor must not reload.
        assert page.evaluate("() => window.lexiconMarker") == "niet herladen"
        browser.close()

    assert errors == []
    assert [u for u in requests if not u.startswith("http://127.0.0.1:")] == []
    result = load_lexicon(root)
    problems = [d for d in result.diagnostics if d.path == "lemmas/nabuurschap.md"]
    assert [d for d in problems if d.is_error] == [], problems
    entry = result.lexicon.entries["nabuurschap"]
    assert entry.title == "Nabuurschap"
    assert entry.cluster == "geografische-nabijheid"
    assert entry.authors == ("Redactie digitale editie",)
    assert entry.literature[0].startswith("Granovetter, M. S. (1973).")
    assert [h.text for h in entry.headings] == list(SECTIONS), target.read_text("utf-8")
    assert [link.target for link in entry.links] == ["vertrouwen", "wederkerigheid",
                                                     "eenzaamheid"]
    assert {d.code for d in problems} <= {"LEX501"}  # nothing links to it yet


def test_published_editor_loads_under_the_servers_security_policy(make_lexicon):
    """With `admin: true` and a repository, the built /admin/ works under `lexicon serve`."""
    require_browser()
    require(decap.find_node_modules(REPO) is not None,
            "Decap CMS is niet geïnstalleerd: voer 'make admin' uit (npm ci)")
    from playwright.sync_api import sync_playwright

    root = make_lexicon({"lemmas/alfa.md": lemma("Alfa", "Zie [[beta]]."),
                         "lemmas/beta.md": lemma("Beta", "Zie [[alfa]].")})
    install_site_config(root)
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("admin: !ENV [LEXICON_ADMIN, false]", "admin: true").replace(
        'repo: !ENV [LEXICON_CMS_REPO, ""]', "repo: hogeschool/lexicon")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    build_site(root)
    errors: list[str] = []
    server = serve_wsgi(create_app(root))
    base = next(server)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            response = page.goto(base + "admin/", wait_until="networkidle")
            assert response is not None
            assert "connect-src 'self' https:" in response.headers["content-security-policy"]
            page.get_by_role("button", name="Inloggen met GitHub").wait_for()
            browser.close()
    finally:
        server.close()
    # No decap-server runs here: Decap's probe of the local backend fails, which it logs
    # as a failed request; nothing else may go wrong (no CSP violation, no script error).
    assert [e for e in errors if "ERR_CONNECTION_REFUSED" not in e] == []
