"""Generated documentation blocks: field tables (from the schemas), the code table and the
command table (from the CLI's own help).

README.md and CONTRIBUTING.md hold them between `<!-- name:start -->` and `<!-- name:end -->`
markers; `python -m lexicon.cli.reference README.md CONTRIBUTING.md` (`make readme`) rewrites
them and a test fails when they drift.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lexicon.core.diagnostics import CODES
from lexicon.core.schema import load_schema


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def fields_table(kind: str = "lemma") -> str:
    schema = load_schema(kind)
    required = set(schema.get("required", []))
    rows = ["| veld | verplicht | betekenis |", "|---|---|---|"]
    for name, spec in schema["properties"].items():
        rows.append(f"| `{name}` | {'ja' if name in required else 'nee'} |"
                    f" {_cell(spec['description'])} |")
    return "\n".join(rows)


def codes_table() -> str:
    rows = ["| code | soort | probleem | wat te doen |", "|---|---|---|---|"]
    for info in CODES.values():
        rows.append(f"| `{info.code}` | {info.severity.value} | {info.title} |"
                    f" {_cell(info.explanation)} |")
    return "\n".join(rows)


def commands_table() -> str:
    """One row per `lexicon` command: its usage and the first line of its help."""
    import click

    from lexicon.cli import cli
    from lexicon.cli.common import dutch_usage

    rows = ["| commando | wat het doet |", "|---|---|"]
    context = click.Context(cli, info_name="lexicon")
    for name in sorted(cli.commands):
        command = cli.commands[name]
        if command.hidden:
            continue
        with click.Context(command, info_name=name, parent=context) as sub:
            pieces = command.collect_usage_pieces(sub)
        usage = dutch_usage(" ".join(["lexicon", name, *pieces]))
        summary = " ".join((command.help or "").split("\n\n")[0].split())
        rows.append(f"| `{_cell(usage)}` | {_cell(summary)} |")
    return "\n".join(rows)


BLOCKS = {
    "lemma-fields": lambda: fields_table("lemma"),
    "cluster-fields": lambda: fields_table("cluster"),
    "codes": codes_table,
    "commands": commands_table,
}


def render(text: str) -> str:
    """`text` with every generated block replaced by its current content."""
    for name, make in BLOCKS.items():
        pattern = re.compile(
            rf"(<!-- {name}:start -->\n)(?:.*?\n)?(<!-- {name}:end -->)", re.DOTALL
        )
        content = make()

        def replace(match: re.Match[str], content: str = content) -> str:
            return match.group(1) + content + "\n" + match.group(2)

        text = pattern.sub(replace, text)
    return text


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        old = path.read_text(encoding="utf-8")
        new = render(old)
        if new != old:
            path.write_text(new, encoding="utf-8")
            print(f"{name} bijgewerkt")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
