"""The Content-Security-Policy of a reader's page: only the site's own files, plus the exact
inline scripts of that page (Material writes a few) by their SHA-256, never 'unsafe-inline'.

`lexicon serve` sends it as a header; the build also writes it into every page as
`<meta http-equiv>`, so a static host without security headers enforces it too. A policy in
a `<meta>` element cannot carry `frame-ancestors` (browsers ignore it there and say so in
the console), so that directive is only in the header.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")"
                            rb"[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def page_policy(body: bytes, *, header: bool = True) -> str:
    """The policy for one HTML page; `header=False` for the `<meta>` form."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode()}'"
        for m in _INLINE_SCRIPT.finditer(body)
    )
    policy = (
        "default-src 'self'; "
        f"script-src 'self' {hashes}".rstrip() + "; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    )
    if header:
        policy += "frame-ancestors 'self'; "
    return policy + "base-uri 'self'; form-action 'self'; object-src 'none'"


def with_meta_policy(page: str) -> str:
    """`page` with its policy as the first element of `<head>` (before any script)."""
    head = page.find("<head>")
    if head < 0:
        return page
    policy = page_policy(page.encode("utf-8"), header=False)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    at = head + len("<head>")
    return page[:at] + meta + page[at:]
