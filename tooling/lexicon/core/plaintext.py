"""Text fields of the front matter stay text: no HTML, no character references, no hidden
characters, and no Markdown where the schema says a field is plain text.

Front matter comes from pull requests and the browser editor, so it is untrusted. Every sink
escapes it for its own context as well (defence in depth); this rule makes sure an editor
hears about markup where it is written, instead of seeing it turned into visible `&lt;`
on the site.

- Every string field: no HTML tag or comment (`<b>`, `</script>`, `<!--`), no character
  reference (`&lt;`, `&#60;`), no control character, no bidirectional control (which can
  make text read differently from what it is) and no invisible separator.
- Fields without `"x-markdown": "inline"` in the schema (all but `literature` and
  `based_on`) are plain text: no Markdown either (`*nadruk*`, `` `code` ``, `[tekst](url)`,
  `[[wikilink]]`).

All scans are single regular-expression passes without backtracking over the value, so the
rule is linear in the size of the front matter.
"""

from __future__ import annotations

import re
import unicodedata

_HTML = re.compile(
    r"<[A-Za-z/!?]|&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_SCHEME_LINK = re.compile(r"\]\(\s*<?\s*(?!https?://|mailto:)[A-Za-z][A-Za-z0-9+.-]{0,30}:")
_MARKDOWN = re.compile(r"\[\[|\]\(|`|\*[^\s*]|[^\s*]\*")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_INVISIBLE = frozenset("\u200b\u2028\u2029\u2060\ufeff")
# Control characters except tab and newline, plus the characters above.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(_BIDI | _INVISIBLE)) + "]")


Problem = tuple[str, int, str, str]
"""(code, offset in the value, what was found, hint)."""


def problems(value: str, markdown: bool) -> list[Problem]:
    """What is wrong with one front-matter string; `markdown`: inline Markdown is allowed."""
    found: list[Problem] = []
    hidden = _HIDDEN.search(value)
    if hidden:
        char = hidden.group()
        found.append(("LEX208", hidden.start(), f"bevat het onzichtbare teken {_describe(char)}",
                      "verwijder het teken (typ de tekst opnieuw of plak hem als platte tekst)"))
    html = _HTML.search(value)
    if html:
        snippet = _snippet(value, html.start())
        if html.group().startswith("&"):
            what, hint = (f"bevat de tekencode '{snippet}'",
                          "schrijf het teken zelf (bijvoorbeeld < of é) in plaats van een"
                          " HTML-tekencode")
        else:
            what = f"bevat HTML ('{snippet}')"
            hint = ("laat de HTML weg: dit veld is " + ("Markdown zonder HTML; nadruk schrijf je"
                    " als *nadruk*" if markdown else "platte tekst") + "; wil je '<' schrijven,"
                    " zet er dan een spatie achter ('a < b')")
        found.append(("LEX207", html.start(), what, hint))
    elif markdown:
        scheme = _SCHEME_LINK.search(value)
        if scheme is not None:
            piece = _snippet(value, scheme.start())
            found.append(("LEX207", scheme.start(),
                          f"bevat een link met een onveilig adres ('{piece}')",
                          "een link in de literatuur begint met https:// (of http://)"))
    else:
        md = _MARKDOWN.search(value)
        if md is not None:
            found.append(("LEX207", md.start(),
                          f"bevat Markdown-opmaak ('{_snippet(value, md.start())}')",
                          "dit veld is platte tekst, zonder opmaak: laat *, ` en links weg"
                          " (verwijzingen naar andere lemma's horen in `related` of in de"
                          " tekst)"))
    return found


def _snippet(value: str, start: int) -> str:
    """A short, printable piece of `value` from `start` for the message."""
    piece = _HIDDEN.sub(lambda m: f"U+{ord(m.group()):04X}", value[start:start + 24])
    return piece if len(value) <= start + 24 else piece + "…"


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"{code} ({name.lower()})" if name else code
