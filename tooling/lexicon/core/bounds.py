"""Bounds on what one body may cost the Markdown parser, so every check takes linear time.

A body comes from a pull request and may be up to the size limit (1 MB). markdown-it-py is
linear on ordinary text but has two kinds of input where it is not, both inside the library:

- the link-label scan: at every `[` it reads on to the matching `]`, so thousands of unclosed
  or deeply nested brackets (`[[[[…`, `[a][` repeated) cost the square of their number;
- the lazy HTML patterns (`<?…?>`, `<!--…-->`, `<![CDATA[…]]>`, `<!X…>`): at every opener the
  regular expression reads on to the first closer, so many openers before one far closer are
  quadratic too.

And pure Python costs a few microseconds per markup character, so a megabyte of `*a*a*a…`
takes seconds even where it is linear. We cannot change the library; instead

body ──prescan──▶ too many markup characters or lines? ──▶ LEX406, the body is not parsed
     ──parse with bounds_plugin──▶ label scans counted against a budget, far HTML closers
                                   refused ──▶ LEX406 at the place where the budget ran out

Every bound is far above what a lemma or page needs (a long lemma has a few hundred markup
characters and scans a few thousand label characters), and a body that reaches one is an error,
so the build never publishes what the check could only partly read.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import TYPE_CHECKING

from lexicon.core import diagnostics as dg
from lexicon.core.diagnostics import Diagnostic

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

__all__ = ["bounds_plugin", "hits", "prescan"]

MAX_MARKUP = 20_000
"""Markup characters (those at which markdown-it stops reading plain text, and `|`) a body may
hold: well under a second for the most expensive kind (autolinks, entities, table cells). The
longest lemma has about 230."""
MAX_LINES = 5_000
"""Lines a body may have: well under a second for the most expensive kind (table rows). The
longest lemma has about 130."""
MAX_LABEL_STEPS = 100_000
"""Characters all link-label scans of one body may read together (a lemma: a few thousand)."""
MAX_LINK_SPAN = 2_000
"""How far after `](` the address of a link must close (the longest real one: ~300)."""
MAX_HTML_SPAN = 2_000
"""How far a lazy HTML pattern may look for its closer (raw HTML is an error anyway)."""

_MARKUP = re.compile(r"\[\[[^\[\]\n]{0,200}\]\]|[!#$%&*+\-:<=>@\[\\\]^_`{|}~]")
"""A markup character, or a whole `[[wikilink]]`, which counts as one: our wikilink rule is
cheap, and a body with 10 000 of them is allowed."""
_DESTINATION = re.compile(r"\]\(")
_SIMPLE_DESTINATION = re.compile(r"[^()'\"]{0," + str(MAX_LINK_SPAN) + r"}\)")
_KEY = "lexicon_bounds"
_STEPS = "lexicon_label_steps"
_UNCLOSED = "lexicon_first_unclosed"
_HINT = "schrijf gewone tekst met een enkele link of nadruk; zo veel opmaak heeft geen lemma nodig"


def prescan(body: str, body_line: int, path: str) -> list[Diagnostic]:
    """LEX406 when the body has more markup characters or lines than any text needs.

    Linear and cheap (two regular-expression scans), so it runs before the parser."""
    nlines = body.count("\n") + 1
    if nlines > MAX_LINES:
        return [dg.make("LEX406", path, body_line + MAX_LINES, 1,
                        f"de tekst heeft {nlines:,} regels (hoogstens {MAX_LINES:,})".replace(
                            ",", "."),
                        "een lemma is een beknopte tekst: kort het in of splits het op")]
    for count, match in enumerate(_MARKUP.finditer(body), start=1):
        if count > MAX_MARKUP:
            index = match.start()
            line = body.count("\n", 0, index)
            column = index - (body.rfind("\n", 0, index) + 1) + 1
            return [dg.make("LEX406", path, body_line + line, column,
                            f"de tekst bevat meer dan {MAX_MARKUP:,} opmaaktekens zoals"
                            " [ ] * _ < ` (hier het eerste teveel)".replace(",", "."), _HINT)]
    found = _unclosed_destination(body)
    if found is not None:
        index, message = found
        line = body.count("\n", 0, index)
        column = index - (body.rfind("\n", 0, index) + 1) + 1
        return [dg.make("LEX406", path, body_line + line, column, message,
                        "sluit het adres van de link met ')', of schrijf '\\(' als het geen"
                        " link is")]
    return []


def _unclosed_destination(body: str) -> tuple[int, str] | None:
    """Where a `](` opens a link address that does not close within `MAX_LINK_SPAN`, or where
    checking that would cost too much (`MAX_LABEL_STEPS` characters for all of them).

    The site's Markdown (Python-Markdown, `LinkInlineProcessor.getLink`) reads from every `](`
    character by character to the `)` that closes it, to the end of the paragraph if none
    does: quadratic for thousands of `[a](`. Most addresses have no parenthesis or quote and
    are checked with one regular expression; the others by the same counting, bounded."""
    budget = MAX_LABEL_STEPS
    for match in _DESTINATION.finditer(body):
        start = match.end()
        if _SIMPLE_DESTINATION.match(body, start):
            continue
        limit = start + MAX_LINK_SPAN
        paragraph_end = body.find("\n\n", start, limit)
        if paragraph_end >= 0 or limit >= len(body):
            continue  # the scan stops at the end of the paragraph, which is near
        read = _closes(body, start, limit)
        budget -= read if read > 0 else MAX_LINK_SPAN
        if read < 0:
            return start - 1, (f"de '(' van een link sluit niet binnen {MAX_LINK_SPAN:,} tekens"
                               .replace(",", "."))
        if budget < 0:
            return start - 1, "te veel links met haakjes of aanhalingstekens in het adres"
    return None


def _closes(data: str, index: int, end: int) -> int:
    """How many characters getLink's scan from `index` (just after `(`) reads before it stops,
    or -1 when it does not stop before `end`: the same counting of nested parentheses and of
    titles in quotes, without building the link."""
    bracket_count = backtrack_count = 1
    quote: str | None = None
    alt_quote: str | None = None
    exit_quote = exit_alt_quote = -1
    ignore_matches = False
    last = ""
    for pos in range(index, end):
        c = data[pos]
        if c == "(":
            if not ignore_matches:
                bracket_count += 1
            elif backtrack_count > 0:
                backtrack_count -= 1
        elif c == ")":
            if (exit_quote != -1 and quote == last) or (exit_alt_quote != -1 and
                                                         alt_quote == last):
                bracket_count = 0
            elif not ignore_matches:
                bracket_count -= 1
            elif backtrack_count > 0:
                backtrack_count -= 1
        elif c in ("'", '"'):
            if not quote:
                ignore_matches = True
                backtrack_count, bracket_count = bracket_count, 1
                quote = c
            elif c != quote and not alt_quote:
                alt_quote = c
            elif c == quote:
                exit_quote = pos
            elif alt_quote and c == alt_quote:
                exit_alt_quote = pos
        if bracket_count == 0:
            return pos - index + 1
        if c != " ":
            last = c
    return -1


def bounds_plugin(md: MarkdownIt) -> None:
    """Count link-label scans against a budget and refuse far HTML closers.

    Where a bound is reached, the parser goes on cheaply (no further links, or the `<` as
    text) and the place is recorded in `env`; `hits` turns it into diagnostics."""
    from markdown_it import helpers  # with the parser: not needed for cached results

    md.helpers = SimpleNamespace(  # type: ignore[assignment]
        parseLinkLabel=_bounded_link_label,
        parseLinkDestination=helpers.parseLinkDestination,
        parseLinkTitle=helpers.parseLinkTitle,
    )
    md.inline.ruler.before("html_inline", "html_far_closer", _far_closer)


def _record(state: StateInline, offset: int, message: str) -> None:
    """Remember one place per body: the earliest, where the trouble starts (a scan that runs
    out records its own `[`, then each scan around it records its earlier one)."""
    found: list[tuple[str, int, str]] = state.env.setdefault(_KEY, [])
    if not found:
        found.append((state.src, offset, message))
    elif found[0][0] is state.src and offset < found[0][1]:
        found[0] = (state.src, offset, message)


def _bounded_link_label(state: StateInline, start: int, disableNested: bool = False) -> int:
    """markdown-it's `parseLinkLabel`, with every character it reads counted.

    The same loop as the library's (helpers/parse_link_label.py); when the budget of the body
    is spent, this and every later scan give up (no link), which keeps the rest linear."""
    # One counter for the body, shared with the scans this one starts through skipToken.
    steps: list[int] = state.env.setdefault(_STEPS, [0])
    if steps[0] > MAX_LABEL_STEPS:
        return -1
    old_pos = state.pos
    found = False
    state.pos = start + 1
    level = 1
    while state.pos < state.posMax:
        steps[0] += 1
        if steps[0] > MAX_LABEL_STEPS:
            # Name the first `[` of this text that gave no link, where the trouble starts.
            first = state.env.get(_UNCLOSED, {}).get(id(state.src), start)
            _record(state, min(first, start), "haken [ ] die niet of pas veel later sluiten:"
                    " de controle zou er te lang over doen")
            state.pos = old_pos
            return -1
        marker = state.src[state.pos]
        if marker == "]":
            level -= 1
            if level == 0:
                found = True
                break
        prev_pos = state.pos
        state.md.inline.skipToken(state)
        if marker == "[":
            if prev_pos == state.pos - 1:
                level += 1  # a `[` that is plain text, not the start of another token
            elif disableNested:
                found = False
                break
    label_end = state.pos if found else -1
    if not found:  # the inline texts live as long as the parse, so their ids are unique
        state.env.setdefault(_UNCLOSED, {}).setdefault(id(state.src), start)
    state.pos = old_pos
    return label_end


_LAZY_HTML = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"), ("<!", ">"))


def _far_closer(state: StateInline, silent: bool) -> bool:
    """Before `html_inline`: a lazy HTML opener whose closer is far away stays text."""
    pos, src = state.pos, state.src
    if not src.startswith(("<!", "<?"), pos):
        return False
    for opener, closer in _LAZY_HTML:
        if src.startswith(opener, pos):
            near = src.find(closer, pos + len(opener), pos + MAX_HTML_SPAN)
            if near >= 0 or state.html_terminator_last(closer) < pos + MAX_HTML_SPAN:
                return False  # close by, or never closed (markdown-it gives up at once)
            _record(state, pos, f"HTML '{opener}' dat pas na meer dan"
                    f" {MAX_HTML_SPAN:,} tekens sluit".replace(",", "."))
            if not silent:
                state.pending += "<"
            state.pos += 1
            return True
    return False


def hits(tokens: list[Token], env: dict[str, object], lines: list[str], path: str,
         offset: int) -> list[Diagnostic]:
    """LEX406 for each place `bounds_plugin` recorded, at its line and column."""
    found = env.get(_KEY) or []
    result = []
    for src, index, message in found:  # type: ignore[attr-defined]
        row, column = 0, index + 1
        for token in tokens:
            if token.type == "inline" and token.content is src and token.map is not None:
                row, column = _position(token.map[0], src, index, lines)
                break
        result.append(dg.make("LEX406", path, row + 1 + offset, column, message, _HINT))
    return result


def _position(first_row: int, src: str, index: int, lines: list[str]) -> tuple[int, int]:
    """(0-based row, 1-based column) of `src[index]` in the body whose lines are `lines`.

    Inline content is stripped of indentation and `>` markers at the start of its lines, so
    the column is found from the end of the source line, of which the content is the end."""
    line_start = src.rfind("\n", 0, index) + 1
    row = first_row + src.count("\n", 0, index)
    line_end = src.find("\n", index)
    content_line = src[line_start: line_end if line_end >= 0 else len(src)].rstrip()
    source_line = lines[row].rstrip() if row < len(lines) else ""
    shift = len(source_line) - len(content_line) if source_line.endswith(content_line) else 0
    return row, shift + index - line_start + 1
