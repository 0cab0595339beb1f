"""Structured access logs: one JSON line per request, for any log collector.

    {"time": "2026-12-01T09:00:00.123Z", "level": "info", "method": "GET",
     "path": "/lemma/vertrouwen/", "status": 200, "bytes": 5321, "gzip": true,
     "duration_ms": 1.8}

Privacy by design, like the rest of the site: no client address, no user agent, no query
string (search terms are what students typed). The path is logged as requested, capped in
length. Lines go to stderr by default, written whole under a lock so threads never interleave.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
import time
from collections.abc import Callable, Iterable
from typing import IO, Any

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
MAX_PATH = 300


class AccessLog:
    """WSGI middleware that logs every request of `app` as one JSON line on `stream`."""

    def __init__(self, app: WSGIApp, stream: IO[str] | None = None) -> None:
        self.app = app
        self.stream = stream
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        started = time.perf_counter()
        seen: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        body = self.app(environ, capture)
        self.write(environ, seen, (time.perf_counter() - started) * 1000)
        return body

    def write(self, environ: dict[str, Any], seen: dict[str, Any], ms: float) -> None:
        status = int(str(seen.get("status", "500")).split()[0])
        headers = dict(seen.get("headers", []))
        raw = environ.get("PATH_INFO", "")
        try:
            path = raw.encode("latin-1").decode("utf-8")
        except (UnicodeDecodeError, UnicodeEncodeError):
            path = raw
        line = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
                    .replace("+00:00", "Z"),
            "level": "error" if status >= 500 else "warning" if status >= 400 else "info",
            "method": environ.get("REQUEST_METHOD", ""),
            "path": path[:MAX_PATH],
            "status": status,
            "bytes": int(headers.get("Content-Length", 0) or 0),
            "gzip": headers.get("Content-Encoding") == "gzip",
            "duration_ms": round(ms, 2),
        }
        text = json.dumps(line, ensure_ascii=False) + "\n"
        stream = self.stream or sys.stderr
        with self.lock:
            stream.write(text)
            stream.flush()
