"""Reading lists for courses: `leeslijsten/<slug>.yml`, each a title and lemma slugs.

They are checked with the lexicon (unknown lemma's are errors) and rendered as printable
handouts, on the site at `/leeslijst/<slug>/` and by `lexicon leeslijst`.
"""

from __future__ import annotations

from pathlib import Path

from lexicon.core import diagnostics as dg
from lexicon.core import frontmatter, schema
from lexicon.core.diagnostics import Diagnostic
from lexicon.core.model import Lexicon, ReadingList
from lexicon.core.slugs import is_slug, slugify


def load_reading_lists(root: Path, folder: str, lexicon: Lexicon
                       ) -> tuple[list[ReadingList], list[Diagnostic]]:
    directory = root / folder
    if not directory.is_dir():
        return [], []
    lists: list[ReadingList] = []
    problems: list[Diagnostic] = []
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() not in (".yml", ".yaml") or path.is_dir():
            continue
        rel = path.relative_to(root).as_posix()
        if not is_slug(path.stem):
            problems.append(dg.make("LEX004", rel, 1, 1, f"'{path.name}' is geen geldige"
                                    " bestandsnaam", f"hernoem het bestand naar"
                                    f" '{slugify(path.stem) or 'leeslijst'}.yml'"))
            continue
        if path.is_symlink():
            problems.append(dg.make("LEX008", rel, 1, 1, f"'{path.name}' is een symbolische"
                                    " koppeling", "vervang de koppeling door een gewoon bestand"))
            continue
        reading_list, found = read_reading_list(path, rel, lexicon)
        problems += found
        if reading_list is not None:
            lists.append(reading_list)
    return lists, problems


def read_reading_list(path: Path, rel: str, lexicon: Lexicon
                      ) -> tuple[ReadingList | None, list[Diagnostic]]:
    """One reading list file (also one given to `lexicon leeslijst --list`), checked."""
    problems: list[Diagnostic] = []
    try:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None, [dg.make("LEX001", rel, 1, 1, "het bestand is geen geldige UTF-8",
                              "sla het bestand op als UTF-8")]
    fm, found = frontmatter.parse(frontmatter.Split(text, 1, "", 1), rel)
    problems += found
    if fm is None:
        return None, problems
    problems += schema.validate("readinglist", fm, rel)
    data = fm.data
    lemmas = tuple(s for s in data.get("lemmas") or [] if isinstance(s, str))
    for i, slug_ in enumerate(lemmas):
        if is_slug(slug_) and slug_ not in lexicon:
            line, col = fm.positions.get(("lemmas", i), (1, 1))
            problems.append(dg.make("LEX311", rel, line, col,
                                    f"leeslijst noemt onbekend lemma '{slug_}'",
                                    "controleer de slug (de bestandsnaam in lemmas/)"))
    title = data.get("title")
    return ReadingList(
        slug=path.stem,
        title=title if isinstance(title, str) else path.stem,
        lemmas=tuple(s for s in lemmas if s in lexicon),
        description=str(data.get("description") or ""),
        author=str(data.get("author") or ""),
        path=rel,
    ), problems
