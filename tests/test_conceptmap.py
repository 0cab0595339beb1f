"""The concept map's layout and drawing, without a browser (tests/test_reader.py measures the
real boxes in Chromium), and the cluster colours in both schemes."""

from __future__ import annotations

import re

import pytest

from conftest import CLUSTERS, REPO, lemma
from lexicon.core.graph import LinkGraph
from lexicon.core.loader import load_lexicon
from lexicon.site import conceptmap
from lexicon.site.generated import _on_dark, cluster_css, contrast

CLUSTER_SLUGS = ["sociale-nabijheid", "geografische-nabijheid", "professionele-nabijheid",
                 "institutionele-nabijheid"]


def _overlaps(cmap: conceptmap.ConceptMap) -> list[tuple[str, str]]:
    boxes = [(n.slug, n.box) for n in cmap.nodes]
    return [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1:]
            if ba[0] < bb[2] and bb[0] < ba[2] and ba[1] < bb[3] and bb[1] < ba[3]]


@pytest.fixture(scope="module")
def repository():  # type: ignore[no-untyped-def]
    lexicon = load_lexicon(REPO).lexicon
    return lexicon, LinkGraph.build(lexicon)


@pytest.mark.parametrize(("width", "columns"), [(960, 2), (360, 1)])
def test_the_real_map_has_no_overlapping_boxes_and_stays_in_its_regions(repository, width,
                                                                        columns):
    lexicon, graph = repository
    cmap = conceptmap.layout(lexicon, graph, width, columns)
    assert len(cmap.nodes) == len(lexicon)
    assert _overlaps(cmap) == []
    regions = {r.cluster: r for r in cmap.regions}
    assert len(regions) == 4
    for node in cmap.nodes:
        r = regions[node.cluster]
        left, top, right, bottom = node.box
        assert r.x <= left and right <= r.x + r.width, node.slug
        assert r.y + 20 <= top and bottom <= r.y + r.height, node.slug
    assert max(r.x + r.width for r in cmap.regions) <= width


def test_every_local_map_is_free_of_overlaps(repository):
    lexicon, graph = repository
    for entry in lexicon:
        cmap = conceptmap.local_layout(lexicon, graph, entry.slug)
        assert _overlaps(cmap) == [], entry.slug
        assert all(n.box[0] >= 0 and n.box[2] <= cmap.width for n in cmap.nodes), entry.slug


def test_local_maps_placed_once_are_kept_between_builds(repository, tmp_path, monkeypatch):
    # A build keeps each local map's placement in a file; the next build reads the same
    # maps from it instead of placing them again, and a lemma whose neighbourhood changed is
    # placed anew.
    lexicon, graph = repository
    slugs = [e.slug for e in lexicon if graph.neighbours(e.slug)][:6]
    path = tmp_path / "cache" / "local-maps.json"
    places = conceptmap.Places.load(path)  # no file yet: nothing known
    fresh = {s: conceptmap.local_layout(lexicon, graph, s, places=places) for s in slugs}
    assert fresh == {s: conceptmap.local_layout(lexicon, graph, s) for s in slugs}
    places.save()

    def no_placing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("placed again")

    with monkeypatch.context() as patch:
        patch.setattr(conceptmap, "_place", no_placing)
        kept = conceptmap.Places.load(path)
        assert {s: conceptmap.local_layout(lexicon, graph, s, places=kept)
                for s in slugs} == fresh
    # Another width is another placement: placed, and then kept as well.
    other = conceptmap.Places.load(path)
    assert conceptmap.local_layout(lexicon, graph, slugs[0], width=300, places=other) == \
        conceptmap.local_layout(lexicon, graph, slugs[0], width=300)
    assert len(other.used) == 1  # only what this build used is written back
    other.save()
    assert len(conceptmap.Places.load(path).known) == 1


@pytest.mark.parametrize("content", ["{niet json", '{"source": "oud", "places": {}}',
                                     '{"source": "%s", "places": {"x": 3}}', "[]"])
def test_a_damaged_or_outdated_placement_file_only_means_placing_again(repository, tmp_path,
                                                                       content):
    lexicon, graph = repository
    slug = next(e.slug for e in lexicon if graph.neighbours(e.slug))
    path = tmp_path / "local-maps.json"
    path.write_text(content.replace("%s", conceptmap._SOURCE), encoding="utf-8")
    places = conceptmap.Places.load(path)
    assert conceptmap.local_layout(lexicon, graph, slug, places=places) == \
        conceptmap.local_layout(lexicon, graph, slug)
    places.save()
    assert len(conceptmap.Places.load(path).known) == 1


def test_a_large_lexicon_gets_rows_and_no_overlaps(make_lexicon):
    files = dict(CLUSTERS)
    for i in range(450):
        cluster = CLUSTER_SLUGS[i % 4]
        files[f"lemmas/lemma-{i}.md"] = lemma(f"Een wat langere titel {i}", cluster=cluster,
                                             words=False)
    lexicon = load_lexicon(make_lexicon(files, with_clusters=False)).lexicon
    cmap = conceptmap.layout(lexicon, LinkGraph.build(lexicon), 960, 2)
    assert len(cmap.nodes) == 450
    assert _overlaps(cmap) == []


def test_long_titles_wrap_at_the_space_nearest_the_middle():
    assert conceptmap.wrap("Ruimte voor professionals") == ("Ruimte voor", "professionals")
    assert conceptmap.wrap("Afstand") == ("Afstand",)


def test_the_drawing_escapes_lexicon_data(repository):
    lexicon, graph = repository
    cmap = conceptmap.layout(lexicon, graph)
    node = cmap.nodes[0]
    hostile = conceptmap.Node(node.slug, '"><script>x</script>', node.cluster,
                              'a"b<c', node.x, node.y, node.radius, ('"><script>x</script>',))
    drawing = conceptmap.svg(conceptmap.ConceptMap((hostile,), (), 100, 100),
                             {node.slug: '"><x'}, {node.cluster: "<b>"})
    assert "<script>" not in drawing and '"><x' not in drawing and "<b>" not in drawing
    assert 'data-summary="a&quot;b&lt;c"' in drawing


def test_cluster_colours_keep_contrast_in_light_and_dark(repository):
    lexicon, _ = repository
    css = cluster_css(lexicon)
    white = (255, 255, 255)
    slate = (0x1E, 0x21, 0x29)  # Material's slate background
    for cluster in lexicon.clusters.values():
        rgb = tuple(int(cluster.colour[i:i + 2], 16) for i in (1, 3, 5))
        assert contrast(rgb, white) >= 4.5, cluster.slug  # white badge text, text on white
        dark = _on_dark(cluster.colour)
        shade = tuple(int(dark[i:i + 2], 16) for i in (1, 3, 5))
        assert contrast(shade, slate) >= 4.5, cluster.slug
        assert re.search(rf'slate"\] \.lx-cluster--{cluster.slug} \{{ --lx-colour: {dark}; }}',
                         css)
