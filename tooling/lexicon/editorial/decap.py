"""The browser editor (Decap CMS): its configuration, generated from the JSON Schemas.

schemas/lemma.schema.json + schemas/cluster.schema.json + the clusters of the lexicon
    ──fields()──▶ Decap fields (widget, required, hint, pattern, select options)
    ──decap_config()──▶ the whole `config.yml`: collections, local backend, GitHub backend
    ──admin_page()──▶ `admin/index.html`, which loads Decap and that config

Because the fields come from the schemas, the form cannot drift from what `lexicon check`
accepts: a new schema property is a new form field, a required property a required field,
its Dutch `description` the help text under the field. Three schema extensions say what the
JSON types alone cannot: `x-refers-to` ("cluster" or "lemma": a choice from existing files),
`x-widget` (a multi-line "text" or a "color" field instead of a one-line string).

Pure: no MkDocs, no network, no files. The MkDocs plugin writes the results into the site.

Decap CMS on this machine: where npm installed it, and running its local server.

`make admin` runs `npm ci`, which puts `decap-cms` (the editor, one prebuilt script plus lazily
loaded chunks) and `decap-server` (a small Node server that reads and writes the lexicon's files
for the editor) in `node_modules/`. This module finds them and starts `decap-server` on
loopback for `lexicon preview` and the end-to-end test; the configuration itself comes from
the pure `cms` module.
"""

from __future__ import annotations

import html
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from lexicon.core.schema import load_schema
from lexicon.core.settings import Settings
from lexicon.core.slugs import SLUG_PATTERN
from lexicon.editorial.scaffold import SECTIONS

DECAP_SCRIPT = "decap/decap-cms.js"
"""Where the admin page loads Decap from, relative to `admin/`."""
LOCAL_BACKEND_URL = "http://127.0.0.1:8081/api/v1"
"""decap-server's own default port, on loopback."""

_SHORT_TEXT = 150
"""Strings longer than this get a text area even without `x-widget`."""


@dataclass(frozen=True)
class CmsSettings:
    """How an organisation connects the editor to its repository (see CONTRIBUTING.md)."""

    repo: str = ""
    """`organisatie/repository` on GitHub; empty means the editor only works locally."""
    branch: str = "main"
    """The branch published content lives on; every pull request targets it."""
    base_url: str = ""
    """The OAuth server that signs editors in to GitHub (empty: Netlify's)."""
    auth_endpoint: str = ""
    """Path on `base_url` that starts the sign-in (empty: Decap's default, `auth`)."""
    open_authoring: bool = False
    """Let people without write access propose lemma's from a fork of their own."""
    local_backend_url: str = LOCAL_BACKEND_URL
    """Where `decap-server` listens during `lexicon preview`."""
    site_url: str = ""
    """The public address of the site, for "bekijk op de site" links."""


def _length_pattern(spec: Mapping[str, Any]) -> list[str] | None:
    """A Decap `pattern` [regex, Dutch message] for minLength/maxLength, if there are any."""
    low, high = spec.get("minLength"), spec.get("maxLength")
    if high is None and (low is None or low <= 1):
        return None
    low = low or 0
    bounds = f"{low},{high}" if high is not None else f"{low},"
    if high is None:
        message = f"Minstens {low} tekens."
    elif low <= 1:
        message = f"Hoogstens {high} tekens."
    else:
        message = f"Tussen {low} en {high} tekens."
    # [\s\S] rather than `.`: a summary may span lines in the text area.
    return [rf"^[\s\S]{{{bounds}}}$", message]


def _scalar_widget(spec: Mapping[str, Any], choices: Mapping[str, list[dict[str, str]]]
                   ) -> dict[str, Any]:
    """Widget options for one non-list value."""
    refers = spec.get("x-refers-to")
    if refers == "cluster":
        return {"widget": "select", "options": choices.get("cluster", [])}
    if refers == "lemma":
        return {"widget": "relation", "collection": "lemmas", "value_field": "{{slug}}",
                "search_fields": ["title", "aliases.*"], "display_fields": ["title"]}
    if "enum" in spec:
        return {"widget": "select", "options": list(spec["enum"])}
    if spec.get("type") == "integer":
        return {"widget": "number", "value_type": "int",
                **({"min": spec["minimum"]} if "minimum" in spec else {})}
    if spec.get("format") == "date":
        # Stored as JJJJ-MM-DD (what the schema accepts), shown the Dutch way.
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD-MM-YYYY",
                "time_format": False, "picker_utc": True}
    widget = spec.get("x-widget") or (
        "text" if (spec.get("maxLength") or 0) > _SHORT_TEXT else "string")
    options: dict[str, Any] = {"widget": widget}
    if "pattern" in spec and widget != "color":
        message = ("Kleine letters a–z, cijfers en koppeltekens." if spec["pattern"] ==
                   SLUG_PATTERN else "Deze waarde heeft niet het juiste formaat.")
        options["pattern"] = [spec["pattern"], message]
    elif (length := _length_pattern(spec)) is not None:
        options["pattern"] = length
    return options


def _field(name: str, spec: Mapping[str, Any], required: bool,
           choices: Mapping[str, list[dict[str, str]]]) -> dict[str, Any]:
    types = spec.get("type")
    types = types if isinstance(types, list) else [types]
    field: dict[str, Any] = {"label": spec.get("title", name), "name": name,
                             "required": required, "hint": spec.get("description", "")}
    if "array" in types:
        items = {**spec.get("items", {})}
        if "x-widget" in spec:
            items["x-widget"] = spec["x-widget"]
        if items.get("x-refers-to") == "lemma" or spec.get("x-refers-to") == "lemma":
            field.update(_scalar_widget({"x-refers-to": "lemma"}, choices), multiple=True)
        else:
            # One input per item: references and names contain commas, so Decap's
            # comma-separated list input would split them.
            # The schema's `items.title` names one item: "Auteur", "Verwijzing".
            label = items.get("title", "Item")
            item = {"label": label, "name": label.lower().replace(" ", "_"),
                    **_scalar_widget(items, choices)}
            field.update(widget="list", field=item, label_singular=label.lower())
        if spec.get("minItems"):
            field["min"] = spec["minItems"]
        if spec.get("maxItems"):
            field["max"] = spec["maxItems"]
    else:
        field.update(_scalar_widget(spec, choices))
        if "default" in spec:
            field["default"] = spec["default"]
    return field


def fields(kind: str, choices: Mapping[str, list[dict[str, str]]]) -> list[dict[str, Any]]:
    """Decap fields for every property of the `kind` schema, in schema order.

    `choices` holds the select options for `x-refers-to` values that are not collections,
    e.g. `{"cluster": [{"label": "Sociale nabijheid", "value": "sociale-nabijheid"}]}`.
    """
    schema = load_schema(kind)
    required = set(schema.get("required", []))
    return [_field(name, spec, name in required, choices)
            for name, spec in schema["properties"].items()]


def body_field(settings: Settings | None = None) -> dict[str, Any]:
    """The Markdown body of a lemma, pre-filled with the sections of the style guide."""
    settings = settings or Settings()
    template = "\n\n".join(f"## {heading}" for heading, _ in SECTIONS) + "\n"
    questions = " ".join(f"{heading}: {question}" for heading, question in SECTIONS)
    return {
        "label": "Tekst",
        "name": "body",
        "widget": "markdown",
        # Only the plain Markdown mode: the rich-text mode escapes [[wikilinks]] as \[\[…]].
        "modes": ["raw"],
        "default": template,
        "hint": (f"In eigen woorden, {settings.min_words}–{settings.max_words} woorden, in"
                 " Markdown. Verwijs naar andere lemma's met [[slug]] of [[slug|tekst]]"
                 f" (minstens drie). {questions}"),
    }


def decap_config(
    clusters: Mapping[str, str],
    cms: CmsSettings | None = None,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """The whole Decap configuration, as data.

    Arguments:
        clusters: cluster slug -> title, in the lexicon's order: the choices for `cluster`.
        cms: how the organisation's repository is reached; defaults work only locally.
        settings: the lexicon's folders and word bounds.

    Returns:
        A dict that `config_yaml` writes as `admin/config.yml`.
    """
    cms = cms or CmsSettings()
    settings = settings or Settings()
    choices = {"cluster": [{"label": title, "value": slug} for slug, title in clusters.items()]}
    if cms.repo:
        backend: dict[str, Any] = {
            "name": "github",
            "repo": cms.repo,
            "branch": cms.branch,
            "commit_messages": {
                "create": "Nieuw lemma: {{slug}}",
                "update": "Lemma bijgewerkt: {{slug}}",
                "delete": "Lemma verwijderd: {{slug}}",
                "uploadMedia": "Afbeelding toegevoegd: {{path}}",
                "deleteMedia": "Afbeelding verwijderd: {{path}}",
            },
        }
        if cms.base_url:
            backend["base_url"] = cms.base_url
        if cms.auth_endpoint:
            backend["auth_endpoint"] = cms.auth_endpoint
        if cms.open_authoring:
            backend["open_authoring"] = True
    else:
        # No repository configured: the editor talks only to decap-server on this machine.
        backend = {"name": "proxy", "proxy_url": cms.local_backend_url, "branch": cms.branch}
    config: dict[str, Any] = {
        "backend": backend,
        # Each new or changed lemma becomes a branch and a pull request (GitHub backend).
        "publish_mode": "editorial_workflow",
        "locale": "nl",
        "media_folder": f"{settings.page_dir}/assets/afbeeldingen",
        "public_folder": "/assets/afbeeldingen",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [_lemma_collection(choices, settings),
                        _cluster_collection(choices, settings)],
    }
    if cms.local_backend_url:
        # Outside localhost Decap ignores this; on localhost it uses decap-server when it runs.
        # Empty for a published site with a repository: no loopback address in its files.
        config["local_backend"] = {"url": cms.local_backend_url}
    if cms.site_url:
        config["site_url"] = cms.site_url
        config["display_url"] = cms.site_url
    return config


def _lemma_collection(choices: Mapping[str, list[dict[str, str]]],
                      settings: Settings) -> dict[str, Any]:
    return {
        "name": "lemmas",
        "label": "Lemma's",
        "label_singular": "lemma",
        "description": ("Elk lemma is een bestand in lemmas/. Een nieuw lemma of een wijziging"
                        " wordt een voorstel (pull request) dat de redactie beoordeelt."),
        "folder": settings.lemma_dir,
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        # Removing a lemma breaks links and addresses: that goes through the redaction.
        "delete": False,
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": ["title", "cluster", "updated"],
        "view_groups": [{"label": "Cluster", "field": "cluster"}],
        "preview_path": "lemma/{{slug}}/",
        "fields": [*fields("lemma", choices), body_field(settings)],
    }


def _cluster_collection(choices: Mapping[str, list[dict[str, str]]],
                        settings: Settings) -> dict[str, Any]:
    return {
        "name": "clusters",
        "label": "Clusters",
        "label_singular": "cluster",
        "description": "De inleidingen op de vier clusters.",
        "folder": settings.cluster_dir,
        "extension": "md",
        "format": "frontmatter",
        "create": False,
        "delete": False,
        "identifier_field": "title",
        "preview_path": "cluster/{{slug}}/",
        "fields": [*fields("cluster", choices),
                   {"label": "Inleiding", "name": "body", "widget": "markdown",
                    "modes": ["raw"], "hint": "De inleiding op het cluster, in Markdown."}],
    }


def config_yaml(config: Mapping[str, Any]) -> str:
    """`config` as the YAML file Decap reads, with a header saying where it comes from."""
    header = ("# Gegenereerd door het lexicon (lexicon.cms) uit de JSON-schema's en clusters/.\n"
              "# Niet met de hand bewerken: pas het schema of de instellingen in mkdocs.yml aan.\n")
    return header + yaml.safe_dump(dict(config), allow_unicode=True, sort_keys=False,
                                   width=100)


def admin_page(title: str) -> str:
    """`admin/index.html`: loads Decap, which reads `config.yml` next to it."""
    return f"""<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Redactie — {html.escape(title)}</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
  <link rel="icon" href="data:,">
</head>
<body>
  <noscript>De redactie-omgeving werkt alleen met JavaScript.</noscript>
  <script src="{DECAP_SCRIPT}"></script>
</body>
</html>
"""


PACKAGE_ROOT = Path(__file__).resolve().parents[3]
"""The repository this package was installed from (editable installs, tests)."""


class DecapMissing(Exception):
    """Node.js or the npm packages are not installed (the message is Dutch and says how)."""


def find_node_modules(*starts: Path) -> Path | None:
    """The first `node_modules` with Decap in `starts`, their parents or this repository."""
    override = os.environ.get("LEXICON_NODE_MODULES")
    candidates: list[Path] = [Path(override)] if override else []
    for start in (*starts, PACKAGE_ROOT):
        start = start.resolve()
        candidates += [folder / "node_modules" for folder in (start, *start.parents)]
    for candidate in candidates:
        if (candidate / "decap-cms" / "dist" / "decap-cms.js").is_file():
            return candidate
    return None


def decap_files(node_modules: Path) -> dict[str, Path]:
    """Site path (under `admin/`) -> file, for Decap's script, its chunks and its licence."""
    dist = node_modules / "decap-cms" / "dist"
    folder = "admin/" + DECAP_SCRIPT.rsplit("/", 1)[0]
    files = {f"{folder}/{p.name}": p for p in sorted(dist.glob("*decap-cms.js"))}
    licence = node_modules / "decap-cms" / "LICENSE"
    if licence.is_file():
        files[f"{folder}/LICENSE.txt"] = licence
    return files


def server_script(node_modules: Path) -> Path:
    return node_modules / "decap-server" / "dist" / "index.js"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def start_server(
    repository: Path,
    port: int,
    starts: Iterable[Path] = (),
    *,
    log: Path | None = None,
    timeout: float = 20.0,
) -> subprocess.Popen[bytes]:
    """Start `decap-server` for `repository` on 127.0.0.1:`port`; wait until it listens.

    It runs in its file-system mode: saving in the editor writes `lemmas/<slug>.md` straight
    into `repository`, where `lexicon preview` picks it up. The caller stops the process.
    """
    node = shutil.which("node")
    if node is None:
        raise DecapMissing("Node.js ontbreekt: installeer het (bijvoorbeeld het Debian-pakket"
                           " 'nodejs') en voer 'make admin' uit")
    modules = find_node_modules(repository, *starts)
    if modules is None or not server_script(modules).is_file():
        raise DecapMissing("decap-server is niet geïnstalleerd: voer 'make admin' uit"
                           " (npm ci)")
    with socket.socket() as probe:
        # As Node does: a port that only lingers in TIME_WAIT counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise DecapMissing(f"poort {port} is al bezet: kies een andere met --editor-port"
                               ) from None
    env = {
        **os.environ,
        "PORT": str(port),
        # Without BIND_HOST decap-server listens on every interface: anyone on the network
        # could write into the repository.
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(repository.resolve()),
        "LOG_LEVEL": "warn",
    }
    output = open(log, "ab") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [node, str(server_script(modules))], cwd=repository, env=env,
        stdout=output, stderr=subprocess.STDOUT)
    if log is not None:
        output.close()  # type: ignore[union-attr]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise DecapMissing(f"decap-server stopte meteen (exitcode {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise DecapMissing(f"decap-server luistert na {timeout:.0f} s nog niet op poort {port}")
