"""The JSON Schemas of the file formats, and their violations as Dutch diagnostics.

The schemas in `schemas/*.json` are the single source of truth for the front matter: this
module validates against them, `scaffold` writes new lemma's from them, and the README's field
table is generated from them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from lexicon.core import diagnostics as dg
from lexicon.core import plaintext
from lexicon.core.diagnostics import Diagnostic
from lexicon.core.frontmatter import FrontMatter, to_json
from lexicon.core.model import FieldPath
from lexicon.core.slugs import nearest, slugify

if TYPE_CHECKING:
    import jsonschema

_TYPE_NAMES = {
    "string": "tekst",
    "array": "een lijst",
    "integer": "een geheel getal",
    "number": "een getal",
    "object": "een groep velden",
    "boolean": "ja of nee",
    "null": "leeg",
}


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for `lemma`, `cluster` or `page` front matter."""
    resource = resources.files("lexicon").joinpath(f"core/schemas/{kind}.schema.json")
    text = resource.read_text("utf-8")
    return json.loads(text)


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    import jsonschema  # only when a file is actually checked (not for cached results)

    schema = load_schema(kind)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def properties(kind: str) -> dict[str, dict[str, Any]]:
    return load_schema(kind)["properties"]


_NOT_BLANK: dict[str, tuple[str, ...]] = {
    "lemma": ("title", "summary", "authors", "aliases"),
    "cluster": ("title", "summary"),
    "page": ("title", "summary"),
}
"""Text fields (or lists of text) that must say something: whitespace alone is an error."""


def validate(kind: str, fm: FrontMatter, path: str) -> list[Diagnostic]:
    """Check front matter against the schema; one diagnostic per violation, with position."""
    blank = _blank(kind, fm, path)
    skip = {field_path for field_path, _ in blank}
    result: list[Diagnostic] = [d for _, d in blank]
    for error in sorted(_validator(kind).iter_errors(to_json(fm.data)), key=_error_order):
        if tuple(error.absolute_path) in skip and error.validator in ("minLength", "pattern"):
            continue  # "too short" says less than "blank"
        result.extend(_translate(kind, error, fm, path))
    result.extend(_plain_text(load_schema(kind), fm, path))
    return result


def _plain_text(schema: dict[str, Any], fm: FrontMatter, path: str) -> Iterator[Diagnostic]:
    """Markup and hidden characters in the text fields (see `plaintext`)."""
    properties = schema.get("properties", {})
    for key, value in fm.data.items():
        spec = properties.get(key)
        if isinstance(spec, dict):
            yield from _plain_text_value(value, spec, spec.get("x-markdown") == "inline", (key,),
                                         fm, path)


def _plain_text_value(value: Any, spec: dict[str, Any], markdown: bool, field: FieldPath,
                      fm: FrontMatter, path: str) -> Iterator[Diagnostic]:
    if isinstance(value, str):
        for code, _offset, what, hint in plaintext.problems(value, markdown):
            line, col = _where(fm, field)
            yield dg.make(code, path, line, col, f"'{_name(field)}' {what}", hint)
    elif isinstance(value, list):
        items = spec.get("items")
        item_spec = items if isinstance(items, dict) else {}
        for i, item in enumerate(value):
            yield from _plain_text_value(item, item_spec, markdown, (*field, i), fm, path)
    elif isinstance(value, dict):
        subs = spec.get("properties", {})
        for key, item in value.items():
            sub = subs.get(key)
            yield from _plain_text_value(item, sub if isinstance(sub, dict) else {},
                                         markdown, (*field, key), fm, path)


def _blank(kind: str, fm: FrontMatter, path: str) -> list[tuple[FieldPath, Diagnostic]]:
    """LEX209 for each text in `_NOT_BLANK` that holds only whitespace (or nothing)."""
    found: list[tuple[FieldPath, Diagnostic]] = []
    for name in _NOT_BLANK.get(kind, ()):
        value = fm.data.get(name)
        items: list[tuple[FieldPath, Any]] = (
            [((name, i), v) for i, v in enumerate(value)] if isinstance(value, list) else
            [((name,), value)])
        for field_path, text in items:
            if not isinstance(text, str) or text.strip():
                continue
            line, col = _where(fm, field_path)
            example = properties(kind).get(name, {}).get("examples", [None])[0]
            if isinstance(example, list):
                example = example[0] if example else None
            if len(field_path) > 1:
                hint = "vul de naam in of verwijder de regel"
            elif isinstance(example, str):
                hint = f"vul de tekst in, bijvoorbeeld: {name}: {example}"
            else:
                hint = "vul de tekst in"
            found.append((field_path, dg.make(
                "LEX209", path, line, col,
                f"'{_name(field_path)}' is leeg" + (" (alleen spaties)" if text else ""),
                hint)))
    return found


def _error_order(error: jsonschema.ValidationError) -> tuple[str, ...]:
    return tuple(str(p) for p in error.absolute_path)


def _where(fm: FrontMatter, path: FieldPath) -> tuple[int, int]:
    while path:
        if path in fm.positions:
            return fm.positions[path]
        path = path[:-1]
    return (1, 1)


def _name(path: FieldPath) -> str:
    """'literature' or 'literature, item 3' for messages."""
    if not path:
        return "front matter"
    head, *rest = path
    text = str(head)
    for p in rest:
        text += f", item {p + 1}" if isinstance(p, int) else f".{p}"
    return text


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"ja/nee ({'true' if value else 'false'})"
    if isinstance(value, int | float):
        return f"een getal ({value})"
    if value is None:
        return "leeg"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep velden"
    return "tekst"


def _translate(
    kind: str, error: jsonschema.ValidationError, fm: FrontMatter, path: str
) -> Iterator[Diagnostic]:
    field_path: FieldPath = tuple(error.absolute_path)
    line, col = _where(fm, field_path)
    name = _name(field_path)
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    props = properties(kind)

    if keyword == "required":
        for missing in error.validator_value:
            if missing in error.instance:
                continue
            spec = props.get(missing, {})
            example = spec.get("examples", [None])[0]
            hint = f"voeg toe: {missing}: …"
            if isinstance(example, str):
                hint = f"voeg toe, bijvoorbeeld: {missing}: {example}"
            elif isinstance(example, list) and example:
                hint = f"voeg toe, bijvoorbeeld:\n{missing}:\n  - {example[0]}"
            yield dg.make("LEX201", path, 1, 1, f"verplicht veld '{missing}' ontbreekt", hint)
    elif keyword == "additionalProperties":
        for extra in sorted(set(error.instance) - set(props)):
            kline, kcol = fm.key_positions.get((*field_path, extra), (line, col))
            yield dg.make("LEX202", path, kline, kcol, f"onbekend veld '{extra}'",
                          _field_hint(kind, extra))
    elif keyword == "type":
        expected = error.validator_value
        expected_list = expected if isinstance(expected, list) else [expected]
        wanted = " of ".join(_TYPE_NAMES.get(t, str(t)) for t in expected_list)
        hint = None
        if "string" in expected_list and isinstance(error.instance, bool | int | float):
            hint = "YAML leest dit niet als tekst: zet de waarde tussen aanhalingstekens"
        elif "array" in expected_list and isinstance(error.instance, str):
            hint = f"schrijf een lijst:\n{field_path[0]}:\n  - {error.instance}"
        elif error.instance is None:
            hint = "vul een waarde in of verwijder het veld"
        yield dg.make("LEX203", path, line, col,
                      f"'{name}' moet {wanted} zijn, maar is {_describe(error.instance)}", hint)
    elif keyword in ("maxLength", "minLength", "maxItems", "minItems", "minimum", "maximum"):
        yield _length(keyword, error, name, path, line, col)
    elif keyword == "uniqueItems":
        seen: dict[Any, int] = {}
        for i, item in enumerate(error.instance):
            key = json.dumps(item, sort_keys=True)
            if key in seen:
                dline, dcol = _where(fm, (*field_path, i))
                yield dg.make("LEX206", path, dline, dcol,
                              f"'{item}' staat twee keer in '{name}'",
                              f"verwijder de herhaling (eerste keer: item {seen[key] + 1})")
            else:
                seen[key] = i
    elif keyword == "enum":
        options = ", ".join(f"'{o}'" for o in error.validator_value)
        yield dg.make("LEX205", path, line, col,
                      f"'{name}' heeft de ongeldige waarde '{error.instance}'",
                      f"kies uit {options}")
    elif keyword == "pattern":
        hint = "gebruik kleine letters a–z, cijfers en koppeltekens"
        if isinstance(error.instance, str) and slugify(error.instance):
            hint = f"bedoelde je '{slugify(error.instance)}'?"
        if schema.get("pattern", "").startswith("^#"):
            hint = "schrijf een kleur als #rrggbb, bijvoorbeeld #1f5a8a"
        yield dg.make("LEX205", path, line, col,
                      f"'{name}' heeft een ongeldige waarde: '{error.instance}'", hint)
    elif keyword == "format":
        yield dg.make("LEX205", path, line, col,
                      f"'{name}' is geen geldige datum: '{error.instance}'",
                      "schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-22")
    else:
        yield dg.make("LEX205", path, line, col, f"'{name}' heeft een ongeldige waarde",
                      f"zie de beschrijving van '{field_path[0] if field_path else kind}'")


def _length(
    keyword: str, error: jsonschema.ValidationError, name: str, path: str, line: int, col: int
) -> Diagnostic:
    limit = error.validator_value
    value = error.instance
    if keyword == "maxLength":
        message = f"'{name}' is {len(value)} tekens lang (hoogstens {limit})"
        hint = "kort de tekst in; details horen in de tekst van het lemma"
    elif keyword == "minLength":
        message = f"'{name}' is te kort ({len(value)} tekens, minstens {limit})"
        hint = "vul een volledige waarde in"
    elif keyword == "minItems":
        message = f"'{name}' moet minstens {limit} item(s) hebben"
        hint = "voeg een item toe (een regel die met '- ' begint) of verwijder het veld"
    elif keyword == "maxItems":
        message = f"'{name}' heeft meer dan {limit} items"
        hint = "verwijder items"
    else:
        bound = "minstens" if keyword == "minimum" else "hoogstens"
        message = f"'{name}' moet {bound} {limit} zijn, maar is {value}"
        hint = None
    return dg.make("LEX204", path, line, col, message, hint)


def _field_hint(kind: str, extra: str) -> str:
    props = properties(kind)
    lowered = extra.lower()
    for prop, spec in props.items():
        if lowered == prop or lowered in (a.lower() for a in spec.get("x-aliases", [])):
            return f"bedoelde je '{prop}'?"
    close = nearest(extra, props)
    if close:
        return f"bedoelde je '{close[0]}'?"
    return "toegestane velden: " + ", ".join(props)
