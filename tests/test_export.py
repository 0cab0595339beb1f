"""Exports parse back with independent parsers into the right fields; SKOS passes NL-SBB."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from conftest import CLUSTERS, install_site_config, site_files, write_files
from lexicon import load_lexicon
from lexicon.cli import cli
from lexicon.core.schema import load_schema
from lexicon.export import FORMATS, render

SHAPES = Path(__file__).parent / "shapes" / "nl-sbb-skos.ttl"
DAY = dt.date(2026, 11, 22)
BASE = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    root = write_files(tmp_path_factory.mktemp("export"), {**CLUSTERS, **site_files()})
    install_site_config(root)
    result = load_lexicon(root)
    return root, result.lexicon.published(), result.project


def export(loaded, name):
    _, lexicon, project = loaded
    return render(name, lexicon, project, DAY)


def test_skos_parses_and_passes_nl_sbb_shapes(loaded):
    graph = Graph().parse(data=export(loaded, "skos"), format="turtle")
    conforms, _, report = shacl_validate(graph, shacl_graph=Graph().parse(SHAPES),
                                         inference="none")
    assert conforms, report
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == 4
    scheme = URIRef(BASE)
    for concept in concepts:
        assert len(list(graph.objects(concept, SKOS.prefLabel))) == 1
        assert len(list(graph.objects(concept, SKOS.definition))) == 1
        assert (concept, SKOS.inScheme, scheme) in graph
    lemma = URIRef(BASE + "lemma/wederkerigheid/")
    assert (lemma, SKOS.prefLabel, Literal("Wederkerigheid", lang="nl")) in graph
    assert (lemma, SKOS.altLabel, Literal("reciprocity", lang="nl")) in graph
    assert (lemma, SKOS.related, URIRef(BASE + "lemma/vertrouwen/")) in graph
    members = set(graph.objects(URIRef(BASE + "cluster/geografische-nabijheid/"), SKOS.member))
    assert members == {URIRef(BASE + "lemma/sociale-teams/")}


def test_shapes_catch_a_broken_concept(loaded):
    graph = Graph().parse(data=export(loaded, "skos"), format="turtle")
    lemma = URIRef(BASE + "lemma/vertrouwen/")
    graph.remove((lemma, SKOS.definition, None))
    graph.add((lemma, SKOS.prefLabel, Literal("Tweede label", lang="nl")))
    conforms, _, report = shacl_validate(graph, shacl_graph=Graph().parse(SHAPES))
    assert not conforms
    assert "definitie" in report and "voorkeursterm" in report


def test_jsonld_has_the_same_triples_as_turtle(loaded):
    turtle = Graph().parse(data=export(loaded, "skos"), format="turtle")
    jsonld = Graph().parse(data=export(loaded, "jsonld"), format="json-ld")
    assert len(jsonld) == len(turtle)


def test_json_matches_its_published_schema(loaded):
    data = json.loads(export(loaded, "json"))
    jsonschema.validate(data, load_schema("lemmas-export"),
                        format_checker=jsonschema.FormatChecker())
    record = next(x for x in data["lemmas"] if x["slug"] == "wederkerigheid")
    assert record["aliases"] == ["reciprociteit", "reciprocity"]
    assert record["links"] == ["vertrouwen", "eenzaamheid", "sociale-teams"]
    assert record["backlinks"] == ["eenzaamheid", "vertrouwen"]
    assert record["word_count"] > 450


def test_csv_has_every_field(loaded):
    rows = list(csv.DictReader(io.StringIO(export(loaded, "csv"))))
    assert [r["slug"] for r in rows] == ["eenzaamheid", "sociale-teams", "vertrouwen",
                                         "wederkerigheid"]
    assert rows[3]["aliases"] == "reciprociteit | reciprocity"
    assert rows[3]["updated"] == "2026-11-01"
    assert rows[2]["url"] == BASE + "lemma/vertrouwen/"


def test_bibtex_parses_back(loaded):
    library = bibtexparser.parse_string(export(loaded, "bibtex"))
    assert not library.failed_blocks
    entry = next(e for e in library.entries if e.key == "lexicon-wederkerigheid")
    fields = {f.key: f.value for f in entry.fields}
    assert entry.entry_type == "incollection"
    assert fields["title"] == "{Wederkerigheid}"
    assert fields["booktitle"] == "{Lexicon nabijheid en sociaal werk}"
    assert fields["editor"].startswith("Veldboer, L. and Engbersen, R.")
    assert fields["year"] == "2026"
    assert fields["url"] == BASE + "lemma/wederkerigheid/"
    assert fields["urldate"] == "2026-11-22"


def test_ris_parses_back(loaded):
    records = rispy.loads(export(loaded, "ris"))
    record = next(r for r in records if r["title"] == "Wederkerigheid")
    assert record["type_of_reference"] == "ENCYC"
    assert record["authors"] == ["Redactie"]
    assert record["secondary_title"] == "Lexicon nabijheid en sociaal werk"
    assert record["secondary_authors"][:2] == ["Veldboer, L.", "Engbersen, R."]
    assert record["year"] == "2026"
    assert record["urls"] == [BASE + "lemma/wederkerigheid/"]
    assert record["language"] == "nl"


def test_csl_json_renders_with_citeproc(loaded):
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    items = json.loads(export(loaded, "csl"))
    assert {i["type"] for i in items} == {"entry-encyclopedia"}
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem("lexicon-wederkerigheid")]))
    text = str(bibliography.bibliography()[0])
    assert "Wederkerigheid" in text and "Lexicon nabijheid en sociaal werk" in text
    item = next(i for i in items if i["id"] == "lexicon-wederkerigheid")
    assert item["editor"][0] == {"family": "Veldboer", "given": "L."}
    assert item["issued"] == {"date-parts": [[2026, 11, 1]]}


def test_cli_export_selection_and_output_file(loaded, tmp_path):
    root = loaded[0]
    out = tmp_path / "uit" / "sel.json"
    result = CliRunner().invoke(cli, ["export", str(root), "--format", "json", "-o", str(out),
                                      "--lemmas", "vertrouwen,wederkerigheid"])
    assert result.exit_code == 0, result.output
    assert [x["slug"] for x in json.loads(out.read_text("utf-8"))["lemmas"]] == [
        "vertrouwen", "wederkerigheid"]
    cluster = CliRunner().invoke(cli, ["export", str(root), "--format", "csv", "--cluster",
                                       "geografische-nabijheid"])
    assert cluster.exit_code == 0
    assert cluster.stdout.count("\n") == 2
    bad = CliRunner().invoke(cli, ["export", str(root), "--format", "json", "--lemmas", "zz"])
    assert bad.exit_code == 2 and "onbekende lemma's: zz" in bad.stderr


def test_every_format_is_published_with_the_site(built_site):
    data = built_site / "site" / "data"
    for fmt in FORMATS.values():
        assert (data / fmt.filename).is_file(), fmt.filename
    assert (data / "lemmas.schema.json").is_file()
    assert (data / "lemma" / "vertrouwen.json").is_file()
    assert (data / "cite" / "vertrouwen.bib").is_file()
    assert (data / "cite" / "vertrouwen.ris").is_file()


def test_lemma_page_offers_citation_downloads_and_embed_code(built_site):
    html = (built_site / "site" / "lemma" / "vertrouwen" / "index.html").read_text("utf-8")
    assert 'href="../../data/cite/vertrouwen.bib" download>BibTeX</a>' in html
    assert 'href="../../data/cite/vertrouwen.ris" download>RIS</a>' in html
    assert "&lt;iframe src=&#34;http://127.0.0.1:8000/embed/vertrouwen/&#34;" in html or \
        "&lt;iframe src=&quot;http://127.0.0.1:8000/embed/vertrouwen/&quot;" in html


def test_embed_is_self_contained(built_site):
    html = (built_site / "site" / "embed" / "vertrouwen" / "index.html").read_text("utf-8")
    assert "<script" not in html and "<link rel=\"stylesheet\"" not in html
    assert "<h1>Vertrouwen</h1>" in html
    assert 'href="http://127.0.0.1:8000/lemma/vertrouwen/"' in html
    # For search engines the card is a copy of the lemma: canonical, not noindex (the two
    # together contradict each other), and the summary as its description.
    assert '<link rel="canonical" href="http://127.0.0.1:8000/lemma/vertrouwen/">' in html
    assert "noindex" not in html
    assert '<meta name="description" content="Vertrouwen is een begrip' in html


def test_reading_list_handout_on_the_site_and_from_the_cli(built_site, tmp_path):
    handout = built_site / "site" / "leeslijst" / "module-wijk" / "index.html"
    html = handout.read_text("utf-8")
    assert "<h1>Werken in de wijk</h1>" in html
    assert html.index("<h2>Sociale teams</h2>") < html.index("<h2>Vertrouwen</h2>")
    assert "<h3>In de wijk</h3>" in html and "Geraadpleegd op" in html
    assert '<meta name="description" content="Jaar 2.">' in html
    listing = (built_site / "site" / "leeslijsten" / "index.html").read_text("utf-8")
    assert 'href="../leeslijst/module-wijk/"' in listing
    result = CliRunner().invoke(cli, ["leeslijst", "vertrouwen", "eenzaamheid", "--title",
                                      "Mijn les", "-o", str(tmp_path / "les"), "--root",
                                      str(built_site)])
    assert result.exit_code == 0, result.output
    assert "<h1>Mijn les</h1>" in (tmp_path / "les" / "index.html").read_text("utf-8")


def test_reading_list_with_unknown_lemma_is_an_error(make_lexicon, pair):
    pair["leeslijsten/les.yml"] = "title: Les\nlemmas:\n  - alfa\n  - onbekend\n"
    result = load_lexicon(make_lexicon(pair))
    assert [(d.code, d.path, d.line, d.column, d.message) for d in result.errors] == [
        ("LEX311", "leeslijsten/les.yml", 4, 5, "leeslijst noemt onbekend lemma 'onbekend'")]


def test_turtle_and_jsonld_are_exactly_the_skos_triples(loaded):
    """Both are written without rdflib (for speed); rdflib must read back the very graph."""
    from rdflib.compare import isomorphic

    from lexicon.core.graph import LinkGraph
    from lexicon.export.skos import skos_graph

    _, lexicon, project = loaded
    reference = skos_graph(lexicon, LinkGraph.build(lexicon), project)
    assert isomorphic(Graph().parse(data=export(loaded, "skos"), format="turtle"), reference)
    assert isomorphic(Graph().parse(data=export(loaded, "jsonld"), format="json-ld"),
                      reference)


def test_turtle_escapes_hostile_strings():
    from lexicon.export.skos import Iri, Lit, _iri, _term

    literal = 'een "quote", een \\ backslash,\nen een regel'
    turtle = f"<http://x/s> <http://x/p> {_term(Lit(literal, 'nl'), 'http://x/p')} ."
    assert _term(Iri("http://x/a b>c"), "http://x/p") == "<http://x/a%20b%3Ec>"
    assert _iri("http://x/\x01") == "<http://x/%01>"
    parsed = Graph().parse(data=turtle, format="turtle")
    assert [str(o) for o in parsed.objects()] == [literal]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.one_of(
    st.sampled_from(["[[doel]]", "[[doel#kop|het doel]]", "[[zelf]]", "[[x|y]]", " ", ". ",
                     '"', "'", "é", "—", "[[", "]]", "&", "*", "\n", "  ", "1. ", "# "]),
    st.text(max_size=6)), max_size=20).map("".join))
# markdown-it reads a carriage return as a line break and NUL as U+FFFD before it sees a link.
@example(text="[[\r]]")
@example(text="x [[a|b\r]] y")
@example(text="[[a\x00]] b")
def test_inline_fast_path_renders_exactly_like_markdown_it(text):
    from lexicon.core.inline import _parser, render_inline

    def resolve(target, anchor):
        return ("", "Zelf") if target == "zelf" else (f"../{target}/#{anchor}", target.upper())

    assert render_inline(text, resolve) == _parser().renderInline(text, {"resolve": resolve})
