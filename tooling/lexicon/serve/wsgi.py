"""`lexicon.serve.wsgi:application`: the served mode for any WSGI server.

    LEXICON_ROOT=/pad/naar/lexicon waitress-serve --listen=0.0.0.0:8000 \
        --threads=8 lexicon.serve.wsgi:application
    LEXICON_ROOT=/pad/naar/lexicon gunicorn --workers 4 --bind 0.0.0.0:8000 \
        lexicon.serve.wsgi:application

The environment says what to serve (nothing else is configured):

LEXICON_ROOT        the lexicon folder whose `site` (from `lexicon build`) is served (default: .)
LEXICON_SITE        the built site folder itself, when it is not ROOT/site (the container)
LEXICON_ACCESS_LOG  0 turns the JSON access log on stderr off (default: on)

The index is the one built with the site (`search/` next to it), so every worker process
serves the same build; a rebuild swapped in with `lexicon build` reaches all of them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from lexicon.serve.accesslog import AccessLog, WSGIApp
from lexicon.serve.app import create_app

ENV_ROOT = "LEXICON_ROOT"
ENV_SITE = "LEXICON_SITE"
ENV_LOG = "LEXICON_ACCESS_LOG"


def application_from(environ: Mapping[str, str]) -> WSGIApp:
    """The WSGI application that `environ` (normally os.environ) describes."""
    root = Path(environ.get(ENV_ROOT) or ".").resolve()
    site = Path(environ[ENV_SITE]) if environ.get(ENV_SITE) else None
    app: WSGIApp = create_app(root, site=site)
    if environ.get(ENV_LOG, "1").strip().lower() in ("0", "nee", "false", "off"):
        return app
    return AccessLog(app)


application = application_from(os.environ)
"""What a WSGI server imports; reading the environment once, at import."""
