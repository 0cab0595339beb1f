"""One markdown-it-py pass over a Markdown body: wikilinks, headings, words, unsafe content.

Bodies come from pull requests, so they are untrusted: raw HTML, scripts, event handlers and
`javascript:` links are reported here, with the line and column where they stand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import unquote

from lexicon.core import diagnostics as dg
from lexicon.core.bounds import bounds_plugin, hits, prescan
from lexicon.core.diagnostics import Diagnostic
from lexicon.core.model import BodyInfo, Heading, LocalLink, WikiLink
from lexicon.core.slugs import unique_anchors
from lexicon.core.wikilinks import wikilinks_plugin

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_UNSAFE_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript):", re.IGNORECASE)
_SCRIPT = re.compile(r"<\s*/?\s*script\b", re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_JS_URL = re.compile(r"(javascript|vbscript)\s*:", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_DEFINITION = re.compile(r"^[ >]*\[[^\]]+\]:[ \t]*<?([^\s>]+)")
_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_NESTING = 16
"""Deepest token level a body may have (seven lists in each other are fine: each list counts
two levels, list and item, and its text two more). Below markdown-it's own limit (20), past
which it stops reading the document."""


@cache
def parser() -> MarkdownIt:
    """The shared parser: CommonMark with tables, raw HTML recognised, wikilinks."""
    from markdown_it import MarkdownIt  # not needed when every result comes from the cache

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(wikilinks_plugin)
    md.use(bounds_plugin)  # linear time on every body, see core/bounds.py
    # Accept every URL so that dangerous ones become link tokens we can report, instead of
    # being left as text by markdown-it but rendered as links by Python-Markdown.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def analyse(body: str, body_line: int, path: str) -> tuple[BodyInfo, list[Diagnostic]]:
    """Parse `body` (which starts at file line `body_line`) once and extract what we need."""
    too_much = prescan(body, body_line, path)
    if too_much:
        return BodyInfo(), too_much  # not parsed: it would take seconds to minutes
    env: dict[str, object] = {}
    tokens = parser().parse(body, env)
    offset = body_line - 1
    lines = body.split("\n")
    diagnostics: list[Diagnostic] = hits(tokens, env, lines, path, offset)
    heading_data: list[tuple[int, str, int]] = []
    local: list[LocalLink] = []
    shared: dict[str, dict[str, tuple[int, int]]] = {}  # reference definitions, indexed once
    words = 0
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[i + 1]
            text = _inline_text(inline.children or [])
            heading_data.append((int(token.tag[1]), text, offset + (token.map or [0])[0] + 1))
        elif token.type == "html_block":
            diagnostics.extend(_html(token.content, path, offset + (token.map or [0])[0] + 1, 1))
        elif token.type in ("code_block", "fence"):
            words += len(_WORD.findall(token.content))
        elif token.type == "inline" and token.children:
            words += _count_words(token.children)
            diagnostics.extend(_inline_safety(token, lines, path, offset, local, shared))
    deep = _too_deep(tokens)
    if deep is not None:
        line, in_text = deep
        diagnostics.append(dg.make(
            "LEX405", path, offset + line, 1,
            "nadruk (* of _) staat hier te diep in elkaar" if in_text else
            "lijsten of citaten staan hier te diep in elkaar",
            "maak de structuur vlakker; wat hierna komt kan niet worden gecontroleerd"))
    anchors = unique_anchors(text for _, text, _ in heading_data)
    headings = tuple(
        Heading(level, text, anchor, line)
        for (level, text, line), anchor in zip(heading_data, anchors, strict=True)
    )
    links = tuple(
        WikiLink(
            target=t.meta["target"],
            anchor=t.meta["anchor"],
            label=t.meta["label"],
            raw=t.meta["raw"],
            line=t.meta["line"] + offset,
            column=t.meta["column"],
            context=t.meta["context"],
            sentence_start=t.meta["sentence_start"],
        )
        for t in env.get("wikilinks", [])  # type: ignore[attr-defined]
    )
    return BodyInfo(links, headings, words, tuple(local), plain_blocks(tokens)), diagnostics


def _too_deep(tokens: list[Token]) -> tuple[int, bool] | None:
    """The body line (1-based) of the first block nested deeper than `MAX_NESTING`, if any,
    and whether the nesting is inline (emphasis) rather than lists or quotes.

    markdown-it stops parsing at its own nesting limit and silently skips the rest of the
    document, so without this check anything after a deep enough list or quote (a script, a
    broken link) would escape every other check."""
    for token in tokens:
        if token.level > MAX_NESTING and token.map is not None:
            return token.map[0] + 1, False
        # Emphasis in emphasis (`_` or `*` runs thousands long) nests inline; the site's
        # Markdown renders each level with a recursive call and runs out of stack.
        if token.type == "inline" and token.map is not None and any(
                child.level > MAX_NESTING for child in token.children or ()):
            return token.map[0] + 1, True
    return None


def _inline_text(children: list[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline", "wikilink"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.children:
            parts.append(_inline_text(child.children))
    return "".join(parts).strip()


def _count_words(children: list[Token]) -> int:
    total = 0
    for child in children:
        if child.type in ("text", "code_inline"):
            total += len(_WORD.findall(child.content))
        elif child.type == "wikilink":
            text = child.meta["label"] or child.meta["target"].replace("-", " ")
            total += len(_WORD.findall(text))
        elif child.children:
            total += _count_words(child.children)
    return total


def _html(fragment: str, path: str, line: int, column: int) -> list[Diagnostic]:
    """One diagnostic for a piece of raw HTML: the most specific problem it has."""
    if _COMMENT.match(fragment):
        return []  # an editor's comment: harmless, and never shown
    shown = _CONTROL.sub(" ", fragment.strip())
    shown = shown if len(shown) <= 60 else shown[:57] + "…"
    if _SCRIPT.search(fragment):
        return [dg.make("LEX402", path, line, column, f"<script> in de tekst: {shown}",
                        "verwijder het script; lemma's bevatten alleen tekst")]
    if _EVENT_HANDLER.search(fragment):
        return [dg.make("LEX403", path, line, column, f"HTML met event-handler: {shown}",
                        "verwijder de HTML en gebruik Markdown")]
    if _JS_URL.search(fragment):
        return [dg.make("LEX404", path, line, column, f"HTML met javascript:-adres: {shown}",
                        "verwijder de HTML en gebruik een gewone link")]
    return [dg.make("LEX401", path, line, column, f"HTML in de tekst: {shown}",
                    "gebruik Markdown in plaats van HTML (bijvoorbeeld *nadruk* of ## kop)")]


def _inline_safety(block: Token, lines: list[str], path: str, offset: int,
                   local: list[LocalLink],
                   shared: dict[str, dict[str, tuple[int, int]]]) -> list[Diagnostic]:
    """Raw inline HTML and links with dangerous schemes inside one inline token; links to
    relative paths are added to `local` (validation checks that the site has them)."""
    result: list[Diagnostic] = []
    cursor = 0
    assert block.map is not None
    where = _Where(block, lines, shared)
    for child in _flatten(block.children or []):
        if child.type == "html_inline":
            found = block.content.find(child.content, cursor)
            cursor = max(cursor, found + 1)
            line, col = where.locate(max(found, 0), child.content)
            result.extend(_html(child.content, path, line + offset, col))
        elif child.type in ("link_open", "image"):
            href = str(child.attrs.get("href") or child.attrs.get("src") or "")
            squeezed = re.sub(r"[\x00-\x20]+", "", unquote(href))
            # The scheme test on the squeezed address: `JaVa&#x09;Script:` is a URL too.
            written = None if _SCHEME.match(squeezed) else _local_target(href)
            if written is not None:
                found = block.content.find(written, cursor)
                line, col = (where.locate(found, written) if found >= 0 else
                             where.definition(written))
                local.append(LocalLink(unquote(written), line + offset, col))
            if _UNSAFE_SCHEME.match(squeezed) and not (
                child.type == "image" and squeezed.lower().startswith("data:image/")
            ):
                scheme = squeezed.split(":", 1)[0].lower()
                # Search for the scheme's first letters: entities may hide the rest.
                found = where.lowered_content().find(scheme[:4], cursor)
                line, col = where.locate(max(found, 0), scheme[:4])
                result.append(dg.make("LEX404", path, line + offset, col,
                                      f"link met onveilig adres '{scheme}:'",
                                      "gebruik een https://-link of een [[wikilink]]"))
    return result


def _local_target(href: str) -> str | None:
    """The path of a link to a relative path (`../x.md`, `pad/naar`), or None for URLs,
    anchors on the page itself (`#kop`), site-absolute paths (`/x/`) and the empty link."""
    path = href.split("#", 1)[0].split("?", 1)[0]
    if not path or path.startswith("/") or _SCHEME.match(path):
        return None
    return path


def _flatten(children: list[Token]) -> list[Token]:
    out: list[Token] = []
    for child in children:
        out.append(child)
        if child.children:
            out.extend(_flatten(child.children))
    return out


class _Where:
    """Line and column of places in one inline token, for any number of places in linear
    time: newlines are counted on from the previous place, and each source line is lowered
    once (10 000 HTML tags on one line were quadratic)."""

    def __init__(self, block: Token, lines: list[str],
                 shared: dict[str, dict[str, tuple[int, int]]]) -> None:
        assert block.map is not None
        self.block, self.lines, self.shared = block, lines, shared
        self.row, self.counted = block.map[0], 0
        self.lowered: dict[int, str] = {}
        self._content: str | None = None

    def definition(self, target: str) -> tuple[int, int]:
        """Where a reference definition (`[x]: ../pad`) gives `target`: such a link's address
        is not in the paragraph. All definitions are indexed in one pass over the lines."""
        if self.shared.get("definitions") is None:
            index: dict[str, tuple[int, int]] = {}
            for row, text in enumerate(self.lines):
                match = _DEFINITION.match(text)
                if match:
                    index.setdefault(match.group(1), (row + 1, match.start(1) + 1))
            self.shared["definitions"] = index
        found = self.shared["definitions"].get(target)
        return found or (self.block.map[0] + 1 if self.block.map else 1, 1)

    def lowered_content(self) -> str:
        if self._content is None:
            self._content = self.block.content.lower()
        return self._content

    def locate(self, offset: int, needle: str) -> tuple[int, int]:
        content = self.block.content
        if offset >= self.counted:
            self.row += content.count("\n", self.counted, offset)
        else:
            self.row -= content.count("\n", offset, self.counted)
        self.counted = offset
        row = self.row
        if row not in self.lowered:
            self.lowered[row] = self.lines[row].lower() if row < len(self.lines) else ""
        column = self.lowered[row].find(needle.lower()[:20])
        return row + 1, column + 1 if column >= 0 else 1


def plain_text(body: str, titles: Mapping[str, str] | None = None,
               info: BodyInfo | None = None) -> str:
    """The body as plain text: blocks on their own lines, wikilinks as their label (or the
    target's title), no markup and no raw HTML. For search and word-level tools. `info`: the
    body's BodyInfo from `analyse`, whose blocks spare a second parse."""
    blocks = info.blocks() if info is not None else None
    if blocks is None:
        blocks = plain_blocks(parser().parse(body, {}))
    titles = titles or {}
    lines = []
    for parts in blocks:
        line = "".join(part if i % 2 == 0 else titles.get(part, part)
                       for i, part in enumerate(parts))
        if line:
            lines.append(line)
    return "\n".join(lines)


def plain_blocks(tokens: list[Token]) -> tuple[tuple[str, ...], ...]:
    """The blocks of `plain_text` before wikilink titles are filled in (see BodyInfo.plain)."""
    blocks: list[tuple[str, ...]] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            parts: list[str] = []
            piece: list[str] = []
            _plain_parts(token.children, parts, piece)
            parts.append("".join(piece))
            blocks.append(tuple(parts))
        elif token.type in ("code_block", "fence"):
            blocks.append((token.content.strip(),))
    return tuple(blocks)


def _plain_parts(children: list[Token], parts: list[str], piece: list[str]) -> None:
    for child in children:
        if child.type in ("text", "code_inline"):
            piece.append(child.content)
        elif child.type == "wikilink":
            meta = child.meta
            if meta["label"]:
                piece.append(meta["label"])
            else:
                parts += ["".join(piece), meta["target"]]
                piece.clear()
        elif child.type in ("softbreak", "hardbreak"):
            piece.append(" ")
        elif child.children:
            _plain_parts(child.children, parts, piece)


def _plain_inline(children: list[Token], titles: Mapping[str, str]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "wikilink":
            meta = child.meta
            parts.append(meta["label"] or titles.get(meta["target"], meta["target"]))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.children:
            parts.append(_plain_inline(child.children, titles))
    return "".join(parts)


def sections(body: str, titles: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(H2 heading, its first paragraph as plain text) for each section: a lemma's outline."""
    titles = titles or {}
    tokens = parser().parse(body, {})
    result: list[tuple[str, str]] = []
    heading: str | None = None
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            heading = _plain_inline(tokens[i + 1].children or [], titles)
        elif heading is not None and token.type == "paragraph_open":
            result.append((heading, _plain_inline(tokens[i + 1].children or [], titles)))
            heading = None
    return result
