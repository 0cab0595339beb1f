"""SKOS (Turtle and JSON-LD), following the NL-SBB profile of SKOS (Geonovum).

lexicon ──▶ skos:ConceptScheme (the lexicon)
            skos:Collection per cluster (skos:member …)
            skos:Concept per lemma: prefLabel@nl, altLabel@nl (aliases), definition@nl
            (summary), related (explicit related and wikilinks, both directions), inScheme,
            dct:source (based_on), dct:modified, rdfs:seeAlso (its web page)

A concept's URI is its lemma page, so the URI dereferences to a page that describes it.
"""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from .. import urls
from ..graph import LinkGraph
from ..model import Lexicon
from ..project import Project

NL = "nl"
SCHEMA = Namespace("https://schema.org/")


def concept_uri(project: Project, slug: str) -> URIRef:
    return URIRef(project.absolute(urls.entry_url(slug)))


def scheme_uri(project: Project) -> URIRef:
    return URIRef(project.url)


def skos_graph(lexicon: Lexicon, graph: LinkGraph, project: Project) -> Graph:
    g = Graph()
    g.bind("skos", SKOS)
    g.bind("dct", DCTERMS)
    g.bind("rdfs", RDFS)
    scheme = scheme_uri(project)
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, RDFS.label, Literal(project.title, lang=NL)))
    g.add((scheme, SKOS.prefLabel, Literal(project.title, lang=NL)))
    g.add((scheme, DCTERMS.title, Literal(project.title, lang=NL)))
    if project.description:
        g.add((scheme, DCTERMS.description, Literal(project.description, lang=NL)))
        g.add((scheme, SKOS.definition, Literal(project.description, lang=NL)))
    if project.publisher:
        g.add((scheme, DCTERMS.publisher, Literal(project.publisher)))
    for editor in project.editors:
        g.add((scheme, DCTERMS.contributor, Literal(editor)))
    if project.licence_url:
        g.add((scheme, DCTERMS.license, URIRef(project.licence_url)))

    for cluster in lexicon.clusters.values():
        collection = URIRef(project.absolute(urls.cluster_url(cluster.slug)))
        g.add((collection, RDF.type, SKOS.Collection))
        g.add((collection, SKOS.prefLabel, Literal(cluster.title, lang=NL)))
        g.add((collection, RDFS.label, Literal(cluster.title, lang=NL)))
        if cluster.summary:
            g.add((collection, SKOS.definition, Literal(cluster.summary, lang=NL)))
        for entry in lexicon.in_cluster(cluster.slug):
            g.add((collection, SKOS.member, concept_uri(project, entry.slug)))

    for entry in lexicon:
        concept = concept_uri(project, entry.slug)
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.prefLabel, Literal(entry.title, lang=NL)))
        g.add((concept, RDFS.label, Literal(entry.title, lang=NL)))
        g.add((concept, SKOS.definition, Literal(entry.summary, lang=NL)))
        g.add((concept, SKOS.inScheme, scheme))
        g.add((concept, SKOS.topConceptOf, scheme))
        g.add((scheme, SKOS.hasTopConcept, concept))
        g.add((concept, SKOS.notation, Literal(entry.slug)))
        g.add((concept, RDFS.seeAlso, URIRef(project.absolute(urls.entry_url(entry.slug)))))
        title_key = entry.title.casefold()
        for alias in entry.aliases:
            if alias.casefold() != title_key:  # SKOS: prefLabel and altLabel are disjoint
                g.add((concept, SKOS.altLabel, Literal(alias, lang=NL)))
        for source in entry.based_on:
            g.add((concept, DCTERMS.source, Literal(source, lang=NL)))
        for reference in entry.literature:
            g.add((concept, DCTERMS.references, Literal(reference)))
        if entry.updated:
            g.add((concept, DCTERMS.modified, Literal(entry.updated.isoformat(),
                                                      datatype=XSD.date)))
        for tag in entry.tags:
            g.add((concept, SCHEMA.keywords, Literal(tag, lang=NL)))
        neighbours = set(graph.related.get(entry.slug, ())) | set(
            graph.outgoing.get(entry.slug, ()))
        for other in sorted(neighbours):
            # skos:related is symmetric: state both directions explicitly for simple readers.
            g.add((concept, SKOS.related, concept_uri(project, other)))
            g.add((concept_uri(project, other), SKOS.related, concept))
    return g


def turtle(lexicon: Lexicon, graph: LinkGraph, project: Project) -> str:
    return skos_graph(lexicon, graph, project).serialize(format="turtle")


def jsonld(lexicon: Lexicon, graph: LinkGraph, project: Project) -> str:
    context = {
        "skos": str(SKOS),
        "dct": str(DCTERMS),
        "rdfs": str(RDFS),
        "schema": str(SCHEMA),
        "xsd": str(XSD),
    }
    return skos_graph(lexicon, graph, project).serialize(format="json-ld", context=context,
                                                         indent=1)
