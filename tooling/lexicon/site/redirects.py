"""Pages that keep old addresses working after a lemma is renamed (`redirect_from`)."""

from __future__ import annotations

from html import escape


def redirect_html(relative: str, canonical: str, title: str,
                  text: str = "Dit lemma heeft een nieuw adres") -> str:
    """A tiny page that forwards to `relative`: with and without JavaScript, never indexed.

    The empty icon keeps a browser from asking for /favicon.ico at the host's root, which a
    site under a sub-path (GitHub Pages) does not have."""
    rel, can, name, say = escape(relative), escape(canonical), escape(title), escape(text)
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Doorverwijzing naar {name}</title>
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<link rel="canonical" href="{can}">
<meta http-equiv="refresh" content="0; url={rel}">
</head>
<body>
<p>{say}: <a href="{rel}">{name}</a>.</p>
</body>
</html>
"""
