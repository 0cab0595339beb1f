"""Search quality, measured: a query set with judged answers -> MRR@10 and recall@5.

queries.yaml ──load_queries──▶ [Judgement] ──evaluate(rank)──▶ Report (overall, per kind, misses)

`rank` is any function from a query to slugs, best first, so our Whoosh search and a
reproduction of Material's built-in search are measured with the same code on the same set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KINDS = ("exact", "inflection", "compound", "alias", "typo", "concept", "english", "question",
         "situation", "derived", "person")


class QuerySetError(Exception):
    """A query file that cannot be used; the message is Dutch and names file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class Judgement:
    query: str
    relevant: tuple[str, ...]
    """Slugs of the lemma's a reader looks for, the most wanted first."""
    kind: str = ""
    line: int = 0


def load_queries(path: Path) -> list[Judgement]:
    """Read a YAML list of `{q: text, rel: [slug, ...], kind: exact|…}`."""
    name = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise QuerySetError(name, 1, "het bestand is geen geldige UTF-8") from None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise QuerySetError(name, mark.line + 1 if mark else 1,
                            f"geen geldige YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(root, yaml.SequenceNode):
        raise QuerySetError(name, 1, "verwacht een lijst van zoekvragen (regels die met '- '"
                                     " beginnen)")
    judgements = []
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            raise QuerySetError(name, line, "verwacht velden q, rel en kind")
        fields = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
        unknown = sorted(set(fields) - {"q", "rel", "kind"})
        if unknown:
            raise QuerySetError(name, line, f"onbekend veld '{unknown[0]}' (q, rel, kind)")
        query = fields.get("q")
        if not isinstance(query, yaml.ScalarNode) or not str(query.value).strip():
            raise QuerySetError(name, line, "de zoekvraag 'q' ontbreekt of is leeg")
        rel = fields.get("rel")
        if isinstance(rel, yaml.ScalarNode):
            relevant: tuple[str, ...] = (str(rel.value),)
        elif isinstance(rel, yaml.SequenceNode) and rel.value and all(
                isinstance(n, yaml.ScalarNode) for n in rel.value):
            relevant = tuple(str(n.value) for n in rel.value)
        else:
            raise QuerySetError(name, line, "'rel' moet één of meer slugs noemen")
        kind_node = fields.get("kind")
        kind = str(kind_node.value) if isinstance(kind_node, yaml.ScalarNode) else ""
        if kind and kind not in KINDS:
            raise QuerySetError(name, kind_node.start_mark.line + 1,  # type: ignore[union-attr]
                                f"onbekende soort '{kind}'; kies uit {', '.join(KINDS)}")
        judgements.append(Judgement(str(query.value), relevant, kind, line))
    if not judgements:
        raise QuerySetError(name, 1, "het bestand bevat geen zoekvragen")
    return judgements


def unknown_slugs(judgements: Iterable[Judgement], known: Iterable[str]) -> list[Judgement]:
    """Judgements that name a slug the lexicon does not have (a typo would skew every score)."""
    known = set(known)
    return [j for j in judgements if any(s not in known for s in j.relevant)]


def reciprocal_rank(ranking: Sequence[str], relevant: Iterable[str], k: int = 10) -> float:
    """1/rank of the first relevant result within the top `k`, else 0."""
    wanted = set(relevant)
    for position, slug in enumerate(ranking[:k], 1):
        if slug in wanted:
            return 1.0 / position
    return 0.0


def recall(ranking: Sequence[str], relevant: Iterable[str], k: int = 5) -> float:
    """Share of the relevant lemma's found within the top `k`."""
    wanted = set(relevant)
    return len(wanted & set(ranking[:k])) / len(wanted) if wanted else 0.0


@dataclass(frozen=True)
class Row:
    judgement: Judgement
    ranking: tuple[str, ...]
    rr: float
    recall: float


@dataclass(frozen=True)
class Report:
    rows: tuple[Row, ...]

    @property
    def mrr(self) -> float:
        return sum(r.rr for r in self.rows) / len(self.rows) if self.rows else 0.0

    @property
    def recall(self) -> float:
        return sum(r.recall for r in self.rows) / len(self.rows) if self.rows else 0.0

    def by_kind(self) -> dict[str, tuple[int, float, float]]:
        """kind -> (number of queries, MRR@10, recall@5)."""
        result = {}
        for kind in sorted({r.judgement.kind for r in self.rows}):
            rows = [r for r in self.rows if r.judgement.kind == kind]
            result[kind or "-"] = (len(rows), sum(r.rr for r in rows) / len(rows),
                                   sum(r.recall for r in rows) / len(rows))
        return result

    def misses(self) -> list[Row]:
        """Queries whose best answer is not first."""
        return [r for r in self.rows if r.rr < 1.0]

    def as_dict(self) -> dict[str, object]:
        return {
            "queries": len(self.rows),
            "mrr_at_10": round(self.mrr, 4),
            "recall_at_5": round(self.recall, 4),
            "by_kind": {k: {"queries": n, "mrr_at_10": round(m, 4), "recall_at_5": round(r, 4)}
                        for k, (n, m, r) in self.by_kind().items()},
            "misses": [{"q": r.judgement.query, "rel": list(r.judgement.relevant),
                        "top": list(r.ranking[:5]), "rr": round(r.rr, 4)}
                       for r in self.misses()],
        }


def evaluate(rank: Callable[[str], Sequence[str]], judgements: Iterable[Judgement],
             k_rr: int = 10, k_recall: int = 5) -> Report:
    rows = []
    for judgement in judgements:
        ranking = tuple(rank(judgement.query))
        rows.append(Row(judgement, ranking, reciprocal_rank(ranking, judgement.relevant, k_rr),
                        recall(ranking, judgement.relevant, k_recall)))
    return Report(tuple(rows))
