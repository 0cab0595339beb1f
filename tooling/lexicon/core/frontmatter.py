"""Front matter: split a file into YAML and body, parse the YAML safely, remember positions.

text ──split──▶ (yaml text, body, body line) ──compose──▶ YAML nodes ──walk──▶ plain data
                                                                             + positions

We compose nodes ourselves instead of calling `yaml.safe_load` because MkDocs-style loading
loses what editors need: line and column of every value, duplicate keys (YAML keeps the last
one silently) and aliases (a "billion laughs" bomb expands on construction, never on composition,
so refusing aliases on the node graph keeps memory bounded).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from lexicon.core import diagnostics as dg
from lexicon.core.diagnostics import Diagnostic
from lexicon.core.model import FieldPath, Position

# libyaml when available: composing is most of the cost of reading front matter.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAX_DEPTH = 12
MAX_VALUES = 1_000
"""Fields and list items the front matter may hold together (a lemma has about 30). Above
it, validation gets slow (a list of mixed values makes jsonschema's `uniqueItems` compare
every pair: 20 000 tags took minutes), so the file is refused before it is validated."""
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
)
_ALIAS_MESSAGE = "YAML-verwijzing (*anker) in de front matter"
_ALIAS_HINT = "schrijf de waarde voluit in plaats van naar een &anker te verwijzen"


@dataclass
class FrontMatter:
    data: dict[str, Any]
    positions: dict[FieldPath, Position] = field(default_factory=dict)
    """Where each value starts."""
    key_positions: dict[FieldPath, Position] = field(default_factory=dict)
    """Where each key starts (for 'unknown field')."""


@dataclass
class Split:
    yaml_text: str
    yaml_line: int
    """1-based line of the first YAML line."""
    body: str
    body_line: int
    """1-based line where the body starts."""


class _Refused(Exception):
    def __init__(self, code: str, node: yaml.Node, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.node, self.message, self.hint = code, node, message, hint


def split(text: str, path: str) -> tuple[Split | None, list[Diagnostic]]:
    """Separate the `---` delimited front matter from the body."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, [
            dg.make("LEX005", path, 1, 1, "het bestand begint niet met front matter",
                    "zet op de eerste regel '---', daarna de velden (title: …) en weer '---'")
        ]
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return Split("\n".join(lines[1:i]), 2, "\n".join(lines[i + 1 :]), i + 2), []
    return None, [
        dg.make("LEX006", path, 1, 1, "de front matter wordt niet afgesloten",
                "zet na het laatste veld een regel met alleen '---'")
    ]


def parse(split_: Split, path: str) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Parse the YAML of a split file into data with positions, or report why not."""
    offset = split_.yaml_line
    too_many = _too_many_values(split_.yaml_text, offset, path)
    if too_many is not None:
        return None, [too_many]
    try:
        root = yaml.compose(split_.yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_error(exc, split_, path)]
    except yaml.YAMLError as exc:  # errors without a position (reader errors)
        return None, [dg.make("LEX101", path, offset, 1, f"ongeldige YAML ({exc})")]
    except RecursionError:
        return None, [
            dg.make("LEX101", path, offset, 1, "de front matter is te diep genest",
                    "gebruik eenvoudige velden en lijsten van tekst")
        ]
    if root is None:
        return FrontMatter({}), []
    walker = _Walker(offset, path)
    try:
        data = walker.walk(root, ())
    except _Refused as exc:
        line, col = walker.pos(exc.node)
        if exc.code == "LEX103":
            line, col = _first_alias(split_.yaml_text, offset) or (line, col)
        return None, [dg.make(exc.code, path, line, col, exc.message, exc.hint)]
    if not isinstance(data, dict):
        line, col = walker.pos(root)
        return None, [
            dg.make("LEX104", path, line, col, "de front matter is geen lijst van velden",
                    "schrijf elk veld op een eigen regel als 'veld: waarde'")
        ]
    fm = FrontMatter(data, walker.positions, walker.key_positions)
    return fm, walker.diagnostics


_SEPARATOR = re.compile(r"[\n,]")


def _too_many_values(text: str, offset: int, path: str) -> Diagnostic | None:
    """LEX406 before composing when the YAML has room for far more values than allowed:
    composing alone takes seconds for 100 000 values (one per line, or comma-separated)."""
    for count, match in enumerate(_SEPARATOR.finditer(text), start=1):
        if count > 2 * MAX_VALUES:
            index = match.start()
            line = text.count("\n", 0, index)
            column = index - (text.rfind("\n", 0, index) + 1) + 1
            return dg.make("LEX406", path, offset + line, column,
                           f"de front matter heeft meer dan {2 * MAX_VALUES:,} regels of"
                           " waarden".replace(",", "."),
                           "een lemma heeft enkele velden met korte lijsten: kort ze in")
    return None


def _first_alias(text: str, offset: int) -> Position | None:
    """Where the first `*alias` stands (the node graph only knows the anchored original)."""
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.AliasToken):
            return token.start_mark.line + offset, token.start_mark.column + 1
    return None


class _Walker:
    """Turns a composed node graph into plain Python data, refusing what YAML should not do."""

    def __init__(self, offset: int, path: str) -> None:
        self.offset = offset
        self.path = path
        self.seen: set[int] = set()
        self.positions: dict[FieldPath, Position] = {}
        self.key_positions: dict[FieldPath, Position] = {}
        self.diagnostics: list[Diagnostic] = []
        self.constructor = yaml.SafeLoader("")

    def pos(self, node: yaml.Node) -> Position:
        return node.start_mark.line + self.offset, node.start_mark.column + 1

    def walk(self, node: yaml.Node, path: FieldPath, depth: int = 0) -> Any:
        if id(node) in self.seen:
            raise _Refused("LEX103", node, _ALIAS_MESSAGE, _ALIAS_HINT)
        self.seen.add(id(node))
        if len(self.seen) > MAX_VALUES:
            raise _Refused("LEX406", node, f"de front matter heeft meer dan {MAX_VALUES:,} velden"
                           " en items".replace(",", "."),
                           "een lemma heeft enkele velden met korte lijsten: kort ze in")
        if node.tag not in _ALLOWED_TAGS:
            raise _Refused("LEX105", node, f"YAML-tag '{node.tag}' is niet toegestaan",
                           "schrijf gewone tekst zonder '!'-tag")
        if depth > _MAX_DEPTH:
            raise _Refused("LEX101", node, "de front matter is te diep genest",
                           "gebruik eenvoudige velden en lijsten van tekst")
        self.positions[path] = self.pos(node)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                name = str(self.scalar(key_node))
                if name in result:
                    line, col = self.pos(key_node)
                    first = self.key_positions[(*path, name)][0]
                    self.diagnostics.append(dg.make(
                        "LEX102", self.path, line, col,
                        f"het veld '{name}' staat twee keer in de front matter (eerst op regel"
                        f" {first})", "voeg de waarden samen in één veld en verwijder het andere"))
                    continue
                self.key_positions[(*path, name)] = self.pos(key_node)
                result[name] = self.walk(value_node, (*path, name), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise _Refused("LEX104", node, "een veldnaam moet een woord zijn",
                           "schrijf 'veld: waarde'")
        if node.tag not in _ALLOWED_TAGS:
            raise _Refused("LEX105", node, f"YAML-tag '{node.tag}' is niet toegestaan",
                           "schrijf gewone tekst zonder '!'-tag")
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise _Refused("LEX105", node, f"YAML-tag '{node.tag}' is niet toegestaan",
                           "schrijf gewone tekst zonder '!'-tag") from None
        except ValueError:
            # An impossible date such as 2026-13-01: keep the text, the schema reports it.
            return node.value


_YAML_PROBLEMS: list[tuple[tuple[str, ...], str, str]] = [
    (("tab",), "tab-teken in de front matter",
     "YAML staat geen tabs toe: spring in met spaties"),
    (("mapping values are not allowed",), "onverwachte dubbele punt",
     "zet een waarde die ': ' bevat tussen aanhalingstekens, bijvoorbeeld"
     ' title: "Zorg: thuis"'),
    (("could not find expected ':'",), "een regel is geen 'veld: waarde'",
     "schrijf elk veld als 'veld: waarde'; een lange waarde mag over regels doorlopen als de"
     " volgende regels inspringen"),
    (("undefined alias",), "YAML-verwijzing (*anker) in de front matter",
     "een '*' aan het begin van een waarde is een YAML-verwijzing: zet de waarde tussen"
     " aanhalingstekens"),
    (("end of stream", "end of the stream"), "onverwacht einde van de front matter",
     "waarschijnlijk ontbreekt een afsluitend aanhalingsteken of haakje"),
    (("expected <block end>", "did not find expected key", "did not find expected '-'",
      "expected a single document"),
     "de inspringing klopt niet",
     "velden op hetzelfde niveau beginnen in dezelfde kolom; lijstitems beginnen met '- '"),
    (("unknown escape",), "ongeldige escape tussen dubbele aanhalingstekens",
     "gebruik enkele aanhalingstekens of schrijf \\\\ voor een backslash"),
    (("expected ',' or ']'", "did not find expected ',' or ']'"),
     "een lijst tussen [ ] is niet goed afgesloten",
     "sluit de lijst af met ']' of schrijf elk item op een eigen regel met '- '"),
    (("expected ',' or '}'", "did not find expected ',' or '}'"),
     "een groep tussen { } is niet goed afgesloten", "sluit af met '}'"),
    (("cannot start any token",), "een waarde begint met een teken dat YAML niet toestaat",
     "zet de waarde tussen aanhalingstekens"),
    (("maximum nesting depth",), "de front matter is te diep genest",
     "gebruik eenvoudige velden en lijsten van tekst"),
    (("found duplicate anchor", "found undefined tag handle"), "ongeldig YAML-anker of -tag",
     "zet de waarde tussen aanhalingstekens"),
]


def _yaml_error(exc: yaml.MarkedYAMLError, split_: Split, path: str) -> Diagnostic:
    problem = f"{exc.problem or ''} {exc.context or ''}"
    mark = exc.problem_mark or exc.context_mark
    if "end of stream" in problem and "quoted scalar" in problem and exc.context_mark:
        mark = exc.context_mark  # where the unclosed quote opens, not the end of the YAML
    nlines = split_.yaml_text.count("\n") + 1
    line = split_.yaml_line + min(mark.line, nlines - 1) if mark else split_.yaml_line
    column = mark.column + 1 if mark else 1
    code = "LEX103" if "alias" in problem else "LEX101"
    if mark is not None and _char_at(split_.yaml_text, mark.line, mark.column) == "\t":
        problem = "tab " + problem  # libyaml does not always name the character it refuses
    for needles, message, hint in _YAML_PROBLEMS:
        if any(n in problem for n in needles):
            return dg.make(code, path, line, column, message, hint)
    return dg.make(code, path, line, column, f"ongeldige YAML ({problem.strip()})",
                   "controleer aanhalingstekens, dubbele punten en inspringing")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def to_json(value: Any) -> Any:
    """A JSON-compatible copy for schema validation (dates become ISO strings)."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
