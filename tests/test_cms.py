"""The browser editor's configuration comes from the schemas, so the form cannot drift."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from conftest import CLUSTERS, install_site_config, lemma, require
from lexicon.core.loader import load_lexicon
from lexicon.core.schema import load_schema
from lexicon.editorial import decap
from lexicon.site.build import build_site
from lexicon.site.preview import without_live_reload

CLUSTER_CHOICES = {"sociale-nabijheid": "Sociale nabijheid",
                   "geografische-nabijheid": "Geografische nabijheid"}


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


@pytest.mark.parametrize("kind, name", [("lemma", "lemmas"), ("cluster", "clusters")])
def test_every_schema_property_is_a_field_with_its_requiredness_and_hint(kind, name):
    schema = load_schema(kind)
    fields = {f["name"]: f for f in collection(decap.decap_config(CLUSTER_CHOICES), name)["fields"]}
    assert list(fields) == [*schema["properties"], "body"]
    for prop, spec in schema["properties"].items():
        assert fields[prop]["required"] is (prop in schema["required"]), prop
        assert fields[prop]["hint"] == spec["description"]
        assert fields[prop]["label"] == spec["title"]


def test_lemma_fields_use_the_widgets_the_schema_implies():
    fields = {f["name"]: f for f in
              collection(decap.decap_config(CLUSTER_CHOICES), "lemmas")["fields"]}
    assert fields["cluster"]["widget"] == "select"
    assert fields["cluster"]["options"] == [
        {"label": "Sociale nabijheid", "value": "sociale-nabijheid"},
        {"label": "Geografische nabijheid", "value": "geografische-nabijheid"}]
    assert fields["status"] == {**fields["status"], "widget": "select",
                                "options": ["gepubliceerd", "concept"],
                                "default": "gepubliceerd"}
    assert fields["updated"]["widget"] == "datetime"
    assert fields["updated"]["format"] == "YYYY-MM-DD"
    assert fields["updated"]["time_format"] is False
    assert fields["summary"]["widget"] == "text"
    assert fields["authors"]["widget"] == "list" and fields["authors"]["min"] == 1
    assert fields["literature"]["field"]["widget"] == "text"  # one reference per text area
    assert fields["literature"]["field"]["label"] == "Verwijzing"  # the schema's items.title
    assert fields["literature"]["label_singular"] == "verwijzing"
    assert fields["related"]["widget"] == "relation"
    assert fields["related"]["multiple"] is True
    assert fields["redirect_from"]["field"]["pattern"] == [
        load_schema("lemma")["properties"]["redirect_from"]["items"]["pattern"],
        "Kleine letters a–z, cijfers en koppeltekens."]
    body = fields["body"]
    assert body["widget"] == "markdown" and body["modes"] == ["raw"]
    assert body["default"] == "## Betekenis en herkomst\n\n## In de praktijk\n\n## Dilemma's\n"


def test_length_patterns_match_exactly_what_the_schema_allows():
    props = load_schema("lemma")["properties"]
    fields = {f["name"]: f for f in
              collection(decap.decap_config(CLUSTER_CHOICES), "lemmas")["fields"]}
    pattern = re.compile(fields["summary"]["pattern"][0])
    low, high = props["summary"]["minLength"], props["summary"]["maxLength"]
    assert pattern.match("x" * low) and pattern.match("x\n" * (high // 2))
    assert not pattern.match("x" * (low - 1)) and not pattern.match("x" * (high + 1))
    assert all(pattern.match(example) for example in props["summary"]["examples"])
    assert fields["summary"]["pattern"][1] == f"Tussen {low} en {high} tekens."


def test_local_only_without_a_repository():
    config = decap.decap_config(CLUSTER_CHOICES, decap.CmsSettings(
        local_backend_url="http://127.0.0.1:9999/api/v1"))
    assert config["backend"] == {"name": "proxy", "branch": "main",
                                 "proxy_url": "http://127.0.0.1:9999/api/v1"}
    assert config["local_backend"] == {"url": "http://127.0.0.1:9999/api/v1"}


def test_github_backend_with_editorial_workflow_for_production():
    config = decap.decap_config(CLUSTER_CHOICES, decap.CmsSettings(
        repo="hogeschool/lexicon", branch="main", base_url="https://oauth.example.org",
        open_authoring=True, site_url="https://lexicon.example.org/"))
    assert config["backend"]["name"] == "github"
    assert config["backend"]["repo"] == "hogeschool/lexicon"
    assert config["backend"]["base_url"] == "https://oauth.example.org"
    assert config["backend"]["open_authoring"] is True
    assert "auth_endpoint" not in config["backend"]
    assert config["publish_mode"] == "editorial_workflow"
    assert config["site_url"] == "https://lexicon.example.org/"
    lemmas = collection(config, "lemmas")
    assert (lemmas["folder"], lemmas["extension"], lemmas["format"]) == (
        "lemmas", "md", "frontmatter")
    assert lemmas["slug"] == "{{slug}}" and lemmas["create"] is True
    assert config["slug"]["encoding"] == "ascii" and config["slug"]["clean_accents"] is True


def test_config_yaml_round_trips_and_admin_page_loads_decap():
    config = decap.decap_config(CLUSTER_CHOICES)
    assert yaml.safe_load(decap.config_yaml(config)) == config
    page = decap.admin_page("Lexicon <nabijheid>")
    assert f'<script src="{decap.DECAP_SCRIPT}"></script>' in page
    assert "Lexicon &lt;nabijheid&gt;" in page and 'lang="nl"' in page


def test_without_live_reload_serves_the_editor_page_as_built(tmp_path):
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "index.html").write_text("<html><body>editor</body></html>")
    calls: list[str] = []

    def mkdocs_app(environ, start_response):
        calls.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"<script>livereload</script>"]

    app = without_live_reload(mkdocs_app, str(tmp_path), "/admin/")
    statuses: list[str] = []
    for path in ("/admin/", "/admin/index.html"):
        body = b"".join(app({"PATH_INFO": path}, lambda s, h: statuses.append(s)))
        assert body == b"<html><body>editor</body></html>"
    assert app({"PATH_INFO": "/admin/config.yml"}, lambda s, h: None) == [
        b"<script>livereload</script>"]
    assert calls == ["/admin/config.yml"] and statuses == ["200 OK", "200 OK"]


@pytest.fixture
def site_root(make_lexicon):
    root = make_lexicon({
        "lemmas/alfa.md": lemma("Alfa", "Zie [[beta]].\n"),
        "lemmas/beta.md": lemma("Beta", "Zie [[alfa]].\n"),
    })
    install_site_config(root)
    return root


def _enable_admin(root, repo: str = "") -> None:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("admin: !ENV [LEXICON_ADMIN, false]", "admin: true")
    if repo:
        text = text.replace('repo: !ENV [LEXICON_CMS_REPO, ""]', f"repo: {repo}")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")


def test_build_with_admin_publishes_editor_config_and_script(site_root):
    modules = decap.find_node_modules(site_root)
    require(modules is not None, "Decap CMS is niet geïnstalleerd: voer 'make admin' uit")
    assert modules is not None
    _enable_admin(site_root, repo="hogeschool/lexicon")
    site, _ = build_site(site_root)
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    clusters = {s: c.title for s, c in load_lexicon(site_root).lexicon.clusters.items()}
    assert config == decap.decap_config(clusters, decap.CmsSettings(
        repo="hogeschool/lexicon", site_url="http://127.0.0.1:8000/", local_backend_url=""))
    assert (site / "admin" / "index.html").read_text(encoding="utf-8") == decap.admin_page(
        "Lexicon nabijheid en sociaal werk")
    script = site / "admin" / decap.DECAP_SCRIPT
    assert script.read_bytes() == (modules / "decap-cms" / "dist" / "decap-cms.js").read_bytes()
    chunks = list(script.parent.glob("*.decap-cms.js"))
    assert len(chunks) == len(list((modules / "decap-cms" / "dist").glob("*.decap-cms.js")))


def test_a_publication_with_the_editor_has_no_loopback_address(site_root, monkeypatch):
    from lexicon.site.build import loopback_files

    require(decap.find_node_modules(site_root) is not None,
            "Decap CMS is niet geïnstalleerd: voer 'make admin' uit")
    _enable_admin(site_root, repo="hogeschool/lexicon")
    monkeypatch.setenv("LEXICON_SITE_URL", "https://hogeschool.github.io/lexicon/")
    site, _ = build_site(site_root, publish=True, static=True)
    assert (site / "admin" / "config.yml").is_file()
    assert loopback_files(site.resolve()) == []


def test_build_with_admin_but_without_decap_fails_in_dutch(site_root, monkeypatch):
    from lexicon.site.build import BuildError

    monkeypatch.setattr(decap, "find_node_modules", lambda *starts: None)
    _enable_admin(site_root, repo="hogeschool/lexicon")
    with pytest.raises(BuildError, match="voer 'make admin' uit"):
        build_site(site_root)


def test_build_without_admin_has_no_editor(site_root):
    site, _ = build_site(site_root)
    assert not (site / "admin").exists()
    assert "Lexicon nabijheid" in (site / "index.html").read_text(encoding="utf-8")


def test_clusters_come_from_the_lexicon(make_lexicon):
    root = make_lexicon({**CLUSTERS})
    clusters = {s: c.title for s, c in load_lexicon(root).lexicon.clusters.items()}
    options = collection(decap.decap_config(clusters), "lemmas")["fields"][1]["options"]
    assert [o["value"] for o in options] == ["sociale-nabijheid", "geografische-nabijheid"]


def test_decap_server_refuses_a_busy_port(tmp_path):
    import socket

    require(decap.find_node_modules(tmp_path) is not None and shutil.which("node") is not None,
            "Node.js en 'make admin' zijn nodig voor decap-server")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(decap.DecapMissing, match=f"poort {port} is al bezet"):
            decap.start_server(tmp_path, port)


def test_decap_server_writes_only_into_the_lexicon_on_loopback(tmp_path):
    require(decap.find_node_modules(tmp_path) is not None and shutil.which("node") is not None,
            "Node.js en 'make admin' zijn nodig voor decap-server")
    import json
    import urllib.request

    (tmp_path / "lemmas").mkdir()
    port = decap.free_port()
    process = decap.start_server(tmp_path, port)
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1", method="POST",
            data=json.dumps({"action": "info"}).encode(),
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=5) as response:
            info = json.load(response)
        assert info == {"repo": tmp_path.name, "publish_modes": ["simple"], "type": "local_fs"}
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_published_editor_has_no_local_backend_address():
    """Published with a repository, the editor talks to GitHub only: no loopback address in
    admin/config.yml (a publication build refuses one)."""
    config = decap.decap_config({"sociale-nabijheid": "Sociale nabijheid"}, decap.CmsSettings(
        repo="hogeschool/lexicon", local_backend_url=""))
    assert "local_backend" not in config
    assert "127.0.0.1" not in decap.config_yaml(config)
