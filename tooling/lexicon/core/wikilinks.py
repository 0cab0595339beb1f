"""`[[slug]]` wikilinks for markdown-it-py, with exact source positions.

The inline rule runs before markdown-it's own `link` rule; `escape` and `backticks` run
earlier still, so `` `[[x]]` `` and `\\[[x]]` are never wikilinks, and fenced or indented code is
never inline-parsed at all. A core rule after `inline` turns each token's offset into a file
line and column, and records the sentence around it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

    from lexicon.core.model import WikiLink

__all__ = ["WikiLinkParts", "link_text", "rewrite", "split_inner", "wikilinks_plugin"]

_NEWLINE = re.compile("\n")
_INNER_END = re.compile(r"[\[\]\n]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z0-9À-Ý\"'“‘(\[])")


@dataclass(frozen=True)
class WikiLinkParts:
    target: str
    anchor: str | None
    label: str | None


def split_inner(inner: str) -> WikiLinkParts:
    """Split the text between `[[` and `]]` into target, anchor and label.

    >>> split_inner("sociale-afstand#bogardus|de schaal")
    WikiLinkParts(target='sociale-afstand', anchor='bogardus', label='de schaal')
    """
    ref, sep, label = inner.partition("|")
    target, hsep, anchor = ref.partition("#")
    return WikiLinkParts(
        target.strip(),
        anchor.strip() if hsep else None,
        label.strip() if sep else None,
    )


def wikilinks_plugin(md: MarkdownIt) -> None:
    """Parse `[[target#anchor|label]]` into `wikilink` tokens.

    Each token's `meta` holds `target`, `anchor`, `label`, `raw`, and after parsing `line`
    and `column` (1-based, relative to the parsed text) and `context` (the sentence).
    All tokens are also collected in `env["wikilinks"]`.

    >>> from markdown_it import MarkdownIt
    >>> md = MarkdownIt().use(wikilinks_plugin)
    >>> env = {}
    >>> _ = md.parse("Zie\\nook [[segregatie|segregatie]].", env)
    >>> [(t.meta["target"], t.meta["line"], t.meta["column"]) for t in env["wikilinks"]]
    [('segregatie', 2, 5)]
    """
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.core.ruler.after("inline", "wikilink_positions", _attach_positions)
    md.add_render_rule("wikilink", _render_wikilink)


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    src = state.src
    if not src.startswith("[[", pos):
        return False
    # The inner text holds no bracket and no newline, so the scan stops at the first one: a
    # search for `]]` in the rest of the text at every `[[` would be quadratic (200 000
    # unclosed `[[` took minutes), this touches each character between two brackets once.
    stop = _INNER_END.search(src, pos + 2)
    end = stop.start() if stop else -1
    if end < 0 or not src.startswith("]]", end):
        return False
    inner = src[pos + 2 : end]
    if not silent:
        parts = split_inner(inner)
        token = state.push("wikilink", "", 0)
        token.content = parts.label or parts.target
        token.meta = {
            "target": parts.target,
            "anchor": parts.anchor,
            "label": parts.label,
            "raw": src[pos : end + 2],
            "offset": pos,
        }
    state.pos = end + 2
    return True


def _attach_positions(state: StateCore) -> None:
    # Linear in the number of links: one file may hold thousands (a hostile pull request
    # may hold 10 000 on one line), so nothing here rescans the text once per link.
    lines = state.src.split("\n")
    found: list[Token] = state.env.setdefault("wikilinks", [])
    for block in state.tokens:
        if block.type != "inline" or not block.children or block.map is None:
            continue
        links = [c for c in block.children if c.type == "wikilink"]
        if not links:
            continue
        plain, spans = _plain_text(block.children)
        sentences = _Sentences(plain)
        last_on_row: dict[int, int] = {}
        newlines, counted_to = 0, 0
        for token, span in zip(links, spans, strict=True):
            offset = token.meta["offset"]
            newlines += block.content.count("\n", counted_to, offset)
            counted_to = offset
            row = block.map[0] + newlines
            raw = token.meta["raw"]
            # Paragraph content is stripped of indentation and '>' markers, so the offset is
            # not a column: take the next occurrence of the raw text on its source line, after
            # the link before it on that line (links come in order; searching from the start
            # of the line for each link was quadratic on a line of thousands of links).
            line = lines[row] if row < len(lines) else ""
            column = line.find(raw, last_on_row.get(row, -1) + 1)
            if column >= 0:
                last_on_row[row] = column
            token.meta["line"] = row + 1
            token.meta["column"] = max(column, 0) + 1
            token.meta["context"] = sentences.around(span)
            token.meta["sentence_start"] = _opens_sentence(plain, span[0])
            found.append(token)


def _opens_sentence(plain: str, start: int) -> bool:
    """Whether the text before `start` ends a sentence (or is empty): trailing spaces, then
    closing quotes and emphasis, are skipped. Looks back from `start` without copying the
    paragraph (a paragraph may hold thousands of links)."""
    i = start - 1
    while i >= 0 and plain[i].isspace():
        i -= 1
    while i >= 0 and plain[i] in "\"'”’)*_":
        i -= 1
    return i < 0 or plain[i] in ".!?"


def link_text(title: str, sentence_start: bool) -> str:
    """What a `[[slug]]` without label shows: the target's title, as a word in the sentence.

    Titles are capitalised ('Sociale afstand'); inside a sentence the link reads as an
    ordinary word, so its first letter is lowered, unless the title starts with an acronym.

    >>> link_text("Sociale afstand", sentence_start=False)
    'sociale afstand'
    >>> link_text("ABCD-methode", sentence_start=False), link_text("Presentie", True)
    ('ABCD-methode', 'Presentie')
    """
    if sentence_start or not title or title[:2].isupper():
        return title
    return title[0].lower() + title[1:]


def _plain_text(children: list[Token]) -> tuple[str, list[tuple[int, int]]]:
    """Plain text of an inline token; wikilinks stay as their raw `[[...]]` text."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    size = 0
    for child in children:
        if child.type == "wikilink":
            text = child.meta["raw"]
            spans.append((size, size + len(text)))
        elif child.type in ("text", "code_inline"):
            text = child.content
        elif child.type in ("softbreak", "hardbreak"):
            text = " "
        else:
            continue
        parts.append(text)
        size += len(text)
    return "".join(parts), spans


class _Sentences:
    """Sentence boundaries of one paragraph, found once and looked up per link."""

    def __init__(self, plain: str) -> None:
        self.plain = plain
        self.bounds = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(plain)]
        self.starts = [start for start, _ in self.bounds]
        self.ends = [end for _, end in self.bounds]

    def around(self, span: tuple[int, int], limit: int = 320) -> str:
        """The sentence that contains `span` (shortened around it when very long)."""
        # The sentence starts after the last boundary that ends at or before the link, and
        # stops at the first boundary that starts at or after the link's end.
        i = bisect_right(self.ends, span[0])
        start = self.bounds[i - 1][1] if i else 0
        j = max(i, bisect_left(self.starts, span[1]))
        end = self.starts[j] if j < len(self.starts) else len(self.plain)
        sentence = self.plain[start:end].strip()
        if len(sentence) > limit:  # keep the link itself in view
            left = max(0, span[0] - start - limit // 2)
            sentence = "…" + sentence[left : left + limit].strip() + "…"
        return sentence


def _render_wikilink(self, tokens, idx, options, env) -> str:  # type: ignore[no-untyped-def]
    """Default rendering (used outside the site): a link to `../<slug>/`."""
    meta = tokens[idx].meta
    href = f"../{meta['target']}/" + (f"#{meta['anchor']}" if meta["anchor"] else "")
    return f'<a class="wikilink" href="{escape(href)}">{escape(tokens[idx].content)}</a>'


def rewrite(
    text: str, links: Sequence[WikiLink], first_line: int, replace: Callable[[WikiLink], str]
) -> str:
    """Replace each wikilink in `text` (which starts at file line `first_line`) by
    `replace(link)`, using the positions the parser recorded, so code and escapes that merely
    look like wikilinks are left alone."""
    starts = [0]
    starts.extend(m.end() for m in _NEWLINE.finditer(text))
    pieces: list[str] = []
    cursor = 0
    for link in sorted(links, key=lambda link: (link.line, link.column)):
        offset = starts[link.line - first_line] + link.column - 1
        if offset < cursor or not text.startswith(link.raw, offset):
            continue  # positions that do not match this text: leave it unchanged
        pieces.append(text[cursor:offset])
        pieces.append(replace(link))
        cursor = offset + len(link.raw)
    pieces.append(text[cursor:])
    return "".join(pieces)
