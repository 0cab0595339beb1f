"""SKOS (Turtle and JSON-LD), following the NL-SBB profile of SKOS (Geonovum).

lexicon ──▶ skos:ConceptScheme (the lexicon)
            skos:Collection per cluster (skos:member …)
            skos:Concept per lemma: prefLabel@nl, altLabel@nl (aliases), definition@nl,
            scopeNote@nl (kernvragen)
            (summary), related (explicit related and wikilinks, both directions), inScheme,
            dct:source (based_on), dct:modified, rdfs:seeAlso (its web page)

A concept's URI is its lemma page, so the URI dereferences to a page that describes it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lexicon.core import urls
from lexicon.core.graph import LinkGraph
from lexicon.core.model import Lexicon
from lexicon.core.project import Project

if TYPE_CHECKING:
    from rdflib import Graph

NL = "nl"
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
RDF_TYPE = PREFIXES["rdf"] + "type"


def _ns(prefix: str, name: str) -> str:
    return PREFIXES[prefix] + name


@dataclass(frozen=True)
class Iri:
    value: str


@dataclass(frozen=True)
class Lit:
    value: str
    lang: str | None = None
    datatype: str | None = None


Triple = tuple[str, str, Iri | Lit]


def concept_uri(project: Project, slug: str) -> str:
    return project.absolute(urls.entry_url(slug))


def scheme_uri(project: Project) -> str:
    return project.url


_LAST: list[tuple[Lexicon, LinkGraph, Project, list[Triple]]] = []
"""The last call's arguments (held, so they are compared by identity safely) and result."""


def triples(lexicon: Lexicon, graph: LinkGraph, project: Project) -> list[Triple]:
    """The SKOS description of the lexicon as plain triples, without duplicates, in a stable
    order (serialised directly: rdflib's serialisers took half a minute at 5 000 lemma's).
    The last result is kept: a build writes both Turtle and JSON-LD from the same objects."""
    if _LAST and _LAST[0][0] is lexicon and _LAST[0][1] is graph and _LAST[0][2] is project:
        return _LAST[0][3]
    result = _triples(lexicon, graph, project)
    _LAST[:] = [(lexicon, graph, project, result)]
    return result


def _triples(lexicon: Lexicon, graph: LinkGraph, project: Project) -> list[Triple]:
    out: list[Triple] = []

    def add(subject: str, predicate: tuple[str, str] | str, obj: Iri | Lit) -> None:
        full = _ns(*predicate) if isinstance(predicate, tuple) else predicate
        out.append((subject, full, obj))

    skos = lambda name: ("skos", name)  # noqa: E731
    scheme = scheme_uri(project)
    add(scheme, RDF_TYPE, Iri(_ns("skos", "ConceptScheme")))
    add(scheme, ("rdfs", "label"), Lit(project.title, NL))
    add(scheme, skos("prefLabel"), Lit(project.title, NL))
    add(scheme, ("dct", "title"), Lit(project.title, NL))
    if project.description:
        add(scheme, ("dct", "description"), Lit(project.description, NL))
        add(scheme, skos("definition"), Lit(project.description, NL))
    if project.publisher:
        add(scheme, ("dct", "publisher"), Lit(project.publisher))
    for editor in project.editors:
        add(scheme, ("dct", "contributor"), Lit(editor))
    if project.licence_url:
        add(scheme, ("dct", "license"), Iri(project.licence_url))

    for cluster in lexicon.clusters.values():
        collection = project.absolute(urls.cluster_url(cluster.slug))
        add(collection, RDF_TYPE, Iri(_ns("skos", "Collection")))
        add(collection, skos("prefLabel"), Lit(cluster.title, NL))
        add(collection, ("rdfs", "label"), Lit(cluster.title, NL))
        if cluster.summary:
            add(collection, skos("definition"), Lit(cluster.summary, NL))
        for entry in lexicon.in_cluster(cluster.slug):
            add(collection, skos("member"), Iri(concept_uri(project, entry.slug)))

    for entry in lexicon:
        concept = concept_uri(project, entry.slug)
        add(concept, RDF_TYPE, Iri(_ns("skos", "Concept")))
        add(concept, skos("prefLabel"), Lit(entry.title, NL))
        add(concept, ("rdfs", "label"), Lit(entry.title, NL))
        add(concept, skos("definition"), Lit(entry.summary, NL))
        add(concept, skos("inScheme"), Iri(scheme))
        add(concept, skos("topConceptOf"), Iri(scheme))
        add(scheme, skos("hasTopConcept"), Iri(concept))
        add(concept, skos("notation"), Lit(entry.slug))
        add(concept, ("rdfs", "seeAlso"), Iri(project.absolute(urls.entry_url(entry.slug))))
        title_key = entry.title.casefold()
        for alias in entry.aliases:
            if alias.casefold() != title_key:  # SKOS: prefLabel and altLabel are disjoint
                add(concept, skos("altLabel"), Lit(alias, NL))
        # A question the concept answers says how it is used: SKOS's scopeNote ("information
        # about the intended meaning of a concept ... an indication of how the use of a
        # concept is limited in indexing practice"), not a definition or an editorial note.
        for question in entry.kernvragen:
            add(concept, skos("scopeNote"), Lit(question, NL))
        for source in entry.based_on:
            add(concept, ("dct", "source"), Lit(source, NL))
        for reference in entry.literature:
            add(concept, ("dct", "references"), Lit(reference))
        if entry.updated:
            add(concept, ("dct", "modified"), Lit(entry.updated.isoformat(),
                                                  datatype=_ns("xsd", "date")))
        for tag in entry.tags:
            add(concept, ("schema", "keywords"), Lit(tag, NL))
        neighbours = set(graph.related.get(entry.slug, ())) | set(
            graph.outgoing.get(entry.slug, ()))
        for other in sorted(neighbours):
            # skos:related is symmetric: state both directions explicitly for simple readers.
            add(concept, skos("related"), Iri(concept_uri(project, other)))
            add(concept_uri(project, other), skos("related"), Iri(concept))
    return list(dict.fromkeys(out))


def _by_subject(found: Iterable[Triple]) -> dict[str, dict[str, list[Iri | Lit]]]:
    subjects: dict[str, dict[str, list[Iri | Lit]]] = {}
    for subject, predicate, obj in found:
        subjects.setdefault(subject, {}).setdefault(predicate, []).append(obj)
    return subjects


# -- Turtle ------------------------------------------------------------------------------------

_IRI_UNSAFE = {c: f"%{ord(c):02X}" for c in '<>"{}|^`\\ '}
_STRING_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _qname(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if local.replace("_", "a").isalnum():
                return f"{prefix}:{local}"
    return _iri(iri)


_IRI_NEEDS_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _iri(iri: str) -> str:
    if not _IRI_NEEDS_ESCAPE.search(iri):
        return f"<{iri}>"
    return "<" + "".join(_IRI_UNSAFE.get(c, c) if ord(c) > 0x20 else f"%{ord(c):02X}"
                         for c in iri) + ">"


def _term(obj: Iri | Lit, predicate: str) -> str:
    if isinstance(obj, Iri):
        return _qname(obj.value) if predicate == RDF_TYPE else _iri(obj.value)
    text = '"' + obj.value.translate(_STRING_ESCAPES) + '"'
    if obj.lang:
        return f"{text}@{obj.lang}"
    if obj.datatype:
        return f"{text}^^{_qname(obj.datatype)}"
    return text


def turtle(lexicon: Lexicon, graph: LinkGraph, project: Project) -> str:
    lines = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in PREFIXES.items()]
    for subject, predicates in _by_subject(triples(lexicon, graph, project)).items():
        lines.append("")
        parts = []
        for predicate, objects in predicates.items():
            verb = "a" if predicate == RDF_TYPE else _qname(predicate)
            parts.append(f"    {verb} " + " ,\n        ".join(
                _term(o, predicate) for o in objects))
        lines.append(_iri(subject) + "\n" + " ;\n".join(parts) + " .")
    return "\n".join(lines) + "\n"


# -- JSON-LD -----------------------------------------------------------------------------------


def _json_term(obj: Iri | Lit) -> dict[str, str]:
    if isinstance(obj, Iri):
        return {"@id": obj.value}
    value = {"@value": obj.value}
    if obj.lang:
        value["@language"] = obj.lang
    elif obj.datatype:
        value["@type"] = _qname(obj.datatype)
    return value


def jsonld(lexicon: Lexicon, graph: LinkGraph, project: Project) -> str:
    nodes = []
    for subject, predicates in _by_subject(triples(lexicon, graph, project)).items():
        node: dict[str, object] = {"@id": subject}
        for predicate, objects in predicates.items():
            if predicate == RDF_TYPE:
                node["@type"] = [_qname(o.value) for o in objects if isinstance(o, Iri)]
            else:
                node[_qname(predicate)] = [_json_term(o) for o in objects]
        nodes.append(json.dumps(node, ensure_ascii=False))
    context = json.dumps({prefix: namespace for prefix, namespace in PREFIXES.items()
                          if prefix != "rdf"}, ensure_ascii=False)
    return '{\n"@context": ' + context + ',\n"@graph": [\n' + ",\n".join(nodes) + "\n]\n}\n"


def skos_graph(lexicon: Lexicon, graph: LinkGraph, project: Project) -> Graph:
    """The same triples as an rdflib Graph (for tools and tests that want one)."""
    from rdflib import Graph, Literal, URIRef

    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    for subject, predicate, obj in triples(lexicon, graph, project):
        term = URIRef(obj.value) if isinstance(obj, Iri) else Literal(
            obj.value, lang=obj.lang, datatype=URIRef(obj.datatype) if obj.datatype else None)
        g.add((URIRef(subject), URIRef(predicate), term))
    return g
