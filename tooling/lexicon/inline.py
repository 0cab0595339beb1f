"""Short Markdown from front matter and link contexts, rendered safely to HTML.

Front-matter strings (literature, based_on) and backlink sentences are untrusted and short:
they are rendered inline with raw HTML disabled, so `<script>` becomes text, and wikilinks
resolve through a callable the caller provides.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from html import escape

from markdown_it import MarkdownIt

from .wikilinks import wikilinks_plugin

Resolver = Callable[[str, str | None], tuple[str, str] | None]
"""(target, anchor) -> (href, title), or None when the target is not on the site; an empty
href means "the page itself"."""


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.use(wikilinks_plugin)
    md.add_render_rule("wikilink", _render_wikilink)
    return md


def _render_wikilink(self, tokens, idx, options, env) -> str:  # type: ignore[no-untyped-def]
    meta = tokens[idx].meta
    resolver: Resolver | None = env.get("resolve")
    found = resolver(meta["target"], meta["anchor"]) if resolver else None
    if found is None:
        return escape(meta["label"] or meta["target"])
    href, title = found
    label = escape(meta["label"] or title)
    if not href:  # a link to the page being shown: emphasise instead of linking to itself
        return f"<strong>{label}</strong>"
    return f'<a href="{escape(href)}">{label}</a>'


def render_inline(text: str, resolve: Resolver | None = None) -> str:
    """Inline Markdown to HTML; raw HTML is escaped, wikilinks become links."""
    return _parser().renderInline(text, {"resolve": resolve})


def strip_markdown(text: str) -> str:
    """Plain text of a short Markdown string (for meta tags and exports)."""
    tokens = _parser().parseInline(text, {})
    parts: list[str] = []
    for token in tokens[0].children or [] if tokens else []:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "wikilink":
            parts.append(token.meta["label"] or token.meta["target"])
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)
