"""Short Markdown from front matter and link contexts, rendered safely to HTML.

Front-matter strings (literature, based_on) and backlink sentences are untrusted and short:
they are rendered inline with raw HTML disabled, so `<script>` becomes text, and wikilinks
resolve through a callable the caller provides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from html import escape

from markdown_it import MarkdownIt

from lexicon.core.wikilinks import split_inner, wikilinks_plugin

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
    return _link_html(meta["target"], meta["anchor"], meta["label"], env.get("resolve"))


def _link_html(target: str, anchor: str | None, label: str | None,
               resolver: Resolver | None) -> str:
    found = resolver(target, anchor) if resolver else None
    if found is None:
        return escape(label or target)
    href, title = found
    text = escape(label or title)
    if not href:  # a link to the page being shown: emphasise instead of linking to itself
        return f"<strong>{text}</strong>"
    return f'<a href="{escape(href)}">{text}</a>'


_WIKILINK = re.compile(r"\[\[([^\[\]\n\r\x00]*)\]\]")
_MARKUP = re.compile(r"[\\`*_\[\]<>!&~\x00\r\n]| {2,}$|^[#>=+-]|^\d+[.)]", re.MULTILINE)


def render_inline(text: str, resolve: Resolver | None = None) -> str:
    """Inline Markdown to HTML; raw HTML is escaped, wikilinks become links."""
    if not _MARKUP.search(_WIKILINK.sub("", text)):
        # Plain sentences with wikilinks (most backlink contexts): the same HTML as the
        # Markdown parser gives, without parsing (57 000 sentences at 5 000 lemma's).
        return _plain_with_links(text, resolve)
    return _parser().renderInline(text, {"resolve": resolve})


def _plain_with_links(text: str, resolve: Resolver | None) -> str:
    parts: list[str] = []
    cursor = 0
    for match in _WIKILINK.finditer(text):
        parts.append(_escape_text(text[cursor:match.start()]))
        inner = split_inner(match.group(1))
        parts.append(_link_html(inner.target, inner.anchor, inner.label, resolve))
        cursor = match.end()
    parts.append(_escape_text(text[cursor:]))
    return "".join(parts)


def _escape_text(text: str) -> str:
    """markdown-it's escaping of text: &, <, > and " (not ')."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;")
