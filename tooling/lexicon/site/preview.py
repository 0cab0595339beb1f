"""`lexicon preview`: MkDocs' live-reload server, and the browser editor's page without it.

MkDocs' development server adds a script to every HTML page that reloads it after each
rebuild. Saving a lemma in the editor writes `lemmas/<slug>.md`, which triggers a rebuild: the
editor would reload under the editor's hands. This WSGI wrapper serves `admin/` and
`admin/index.html` exactly as built; everything else goes to MkDocs' own server.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

WSGIApp = Callable[[dict[str, Any], Any], Iterable[bytes]]


def without_live_reload(app: WSGIApp, site_dir: str, prefix: str) -> WSGIApp:
    """`app`, except that `prefix` and `prefix + "index.html"` come straight from disk."""
    page = os.path.join(site_dir, "admin", "index.html")

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") in (prefix, prefix + "index.html") and os.path.isfile(page):
            with open(page, "rb") as file:
                body = file.read()
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(len(body))),
                                      ("Cache-Control", "no-store")])
            return [body]
        return app(environ, start_response)

    return serve


def live_preview(root: Path, host: str, port: int) -> None:
    """Run MkDocs' development server on `root` with live reload until interrupted.

    Raises `OSError` when the address cannot be used."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    # MkDocs 1.6.1 with click >= 8.2 leaves live reload off by default: turn it on.
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), livereload=True, dev_addr=f"{host}:{port}")
