"""The concept map: the link graph laid out at build time and drawn as plain SVG.

Laying out in Python keeps the map deterministic, readable without JavaScript and keyboard
usable (every node is an SVG `<a>`), and needs no graph library in the reader's browser.

Layout: each cluster gets its own region (a grid of `columns` columns: two for a wide
screen, one for a phone). Inside a region the lemma's are placed one by one, best
connected first, each as near as possible to the lemma's it links to that are already
placed, on the first free spot of a spiral. A spot is free when the box around the dot
and its label meets no other box, so labels never overlap dots or other labels by
construction; the label widths are estimated generously (DejaVu Sans, the widest common
sans-serif font), and a browser test measures the real boxes. Very large lexicons get
plain rows per region: a map of thousands of nodes is not readable anyway, the text
alternative is.

The local map of a lemma page uses the same placement around the lemma itself. Placing
costs tens of milliseconds a page (the spiral of a crowded map is long), so placements are
kept between builds in `Places`, by a key of everything they depend on: a lemma's local map
is placed again only when it or one of its neighbours changed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path

from lexicon.core.atomic import write_text
from lexicon.core.graph import LinkGraph
from lexicon.core.model import Entry, Lexicon

FONT = 13.0
"""Label size in drawing units; a drawing is as wide as its box on a phone (≥ 12 px)."""

_LINE = FONT * 1.25
_WRAP = FONT * 9.5
_BOX_PAD = 5.0
_GAP = 16.0
_TITLE_BAND = 30.0
_SPIRAL_LIMIT = 6000
_GREEDY_LIMIT = 400

# Advance widths of DejaVu Sans (em): what Chromium on Debian draws with; other fonts are
# narrower, so an estimate from these widths is on the safe side.
_WIDTHS = {
    **dict.fromkeys("fijlt'.,:;!|", 0.36), **dict.fromkeys("r-()", 0.42),
    **dict.fromkeys("sczI J", 0.55), **dict.fromkeys("mw", 0.98),
    **dict.fromkeys("MW", 1.0), **dict.fromkeys("ABCDGHKNOQRUVXY&", 0.8),
}
_DEFAULT_WIDTH = 0.66


@functools.lru_cache(maxsize=100_000)
def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of the drawn width of `text` at font size `size`. Remembered
    (bounded): the same titles are measured in every map they appear in, again and again
    while a crowded map is placed."""
    return sum(_WIDTHS.get(ch, _DEFAULT_WIDTH) for ch in text) * size * 1.04 + 2


@functools.lru_cache(maxsize=100_000)
def wrap(title: str, limit: float = _WRAP) -> tuple[str, ...]:
    """One line, or two when the title is long: broken at the space nearest the middle."""
    if text_width(title) <= limit or " " not in title:
        return (title,)
    spaces = [i for i, ch in enumerate(title) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(title) / 2))
    return (title[:cut], title[cut + 1:])


@dataclass(frozen=True)
class Node:
    slug: str
    title: str
    cluster: str
    summary: str
    x: float
    y: float
    radius: float
    lines: tuple[str, ...]

    @property
    def label_width(self) -> float:
        return max(text_width(line) for line in self.lines)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the dot with its label under it."""
        half = max(self.radius, self.label_width / 2)
        return (self.x - half, self.y - self.radius,
                self.x + half, self.y + self.radius + 4 + _LINE * len(self.lines))


@dataclass(frozen=True)
class Region:
    cluster: str
    title: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class ConceptMap:
    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]
    width: int
    height: int
    regions: tuple[Region, ...] = ()


def _unit(slug: str, salt: str) -> float:
    digest = hashlib.blake2b(f"{salt}:{slug}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def _radius(degree: int) -> float:
    return round(6 + min(degree, 12) * 0.5, 1)


def _node(entry: Entry, degree: int, x: float = 0.0, y: float = 0.0,
          limit: float = _WRAP) -> Node:
    return Node(entry.slug, entry.title, entry.cluster, entry.summary, x, y, _radius(degree),
                wrap(entry.title, limit))


def _moved(node: Node, x: float, y: float) -> Node:
    return Node(node.slug, node.title, node.cluster, node.summary, round(x, 1), round(y, 1),
                node.radius, node.lines)


def _meets(a: tuple[float, float, float, float], b: tuple[float, float, float, float],
           pad: float = _BOX_PAD) -> bool:
    return a[0] - pad < b[2] and b[0] - pad < a[2] and a[1] - pad < b[3] and b[1] - pad < a[3]


def _place(nodes: list[Node], links: dict[str, set[str]], width: float, height: float,
           start: dict[str, tuple[float, float]] | None = None) -> list[Node]:
    """Place `nodes` (in this order) in a `width` × `height` area, on free spots.

    Each node starts where its already placed neighbours are on average (or in `start`,
    or near the middle) and walks out on a spiral, squeezed to the area's proportions,
    until its box is free; the area grows downwards when it is full."""
    placed: list[Node] = []
    # The placed boxes with the padding of `_meets` taken off their left and top once: the
    # test below is `_meets` written out (the same comparisons of the same numbers), as it
    # runs for every step of every spiral against every placed box.
    boxes: list[tuple[float, float, float, float]] = []
    pad = _BOX_PAD
    where: dict[str, tuple[float, float]] = {}
    squeeze = min(1.0, height / width)
    for node in nodes:
        anchor = [where[s] for s in links.get(node.slug, ()) if s in where]
        if start and node.slug in start:
            tx, ty = start[node.slug]
        elif anchor:
            tx = sum(p[0] for p in anchor) / len(anchor)
            ty = sum(p[1] for p in anchor) / len(anchor)
        else:
            tx = width / 2 + (_unit(node.slug, "x") - 0.5) * width * 0.3
            ty = height / 2 + (_unit(node.slug, "y") - 0.5) * height * 0.3
        phase = _unit(node.slug, "a") * 2 * math.pi
        box = node.box
        left, right = box[0] - node.x, box[2] - node.x
        top, bottom = box[1] - node.y, box[3] - node.y
        x, y = tx, ty
        for step in range(_SPIRAL_LIMIT):
            angle = phase + step * 0.45
            reach = 2.2 * math.sqrt(step) * 4
            x = min(width - right, max(-left, tx + reach * math.cos(angle)))
            y = max(-top, ty + reach * math.sin(angle) * squeeze)
            if step < _SPIRAL_LIMIT // 2 and y + bottom > height:
                continue
            x0, y0, x1, y1 = x + left - pad, y + top - pad, x + right, y + bottom
            for b_left, b_top, b_right, b_bottom in boxes:
                if x0 < b_right and b_left < x1 and y0 < b_bottom and b_top < y1:
                    break  # meets a placed box
            else:
                break  # free
        else:  # nowhere free near the target: the first free place under everything
            x = width / 2
            y = max((b[3] for b in boxes), default=0.0) + _BOX_PAD * 2 - top
        candidate = _moved(node, x, y)
        box = candidate.box
        boxes.append((box[0] - pad, box[1] - pad, box[2], box[3]))
        placed.append(candidate)
        where[node.slug] = (candidate.x, candidate.y)
    return placed


def _rows(nodes: list[Node], width: float) -> list[Node]:
    """Plain rows for very large regions: linear, and just as free of overlaps."""
    placed: list[Node] = []
    x = y = 0.0
    row_height = 0.0
    for node in sorted(nodes, key=lambda n: n.title):
        w = node.box[2] - node.box[0]
        h = node.box[3] - node.box[1]
        if x and x + w > width:
            x, y, row_height = 0.0, y + row_height + _BOX_PAD * 2, 0.0
        placed.append(_moved(node, x + w / 2, y + node.radius))
        x += w + _BOX_PAD * 2
        row_height = max(row_height, h)
    return placed


def layout(lexicon: Lexicon, graph: LinkGraph, width: int = 960,
           columns: int = 2) -> ConceptMap:
    """The whole lexicon, one region per cluster, `columns` regions side by side."""
    entries = list(lexicon)
    if not entries:
        return ConceptMap((), (), width, 200)
    clusters = list(lexicon.clusters)
    clusters += sorted({e.cluster for e in entries} - set(clusters))
    degree = {e.slug: len(graph.neighbours(e.slug)) for e in entries}
    links = {e.slug: graph.neighbours(e.slug) for e in entries}
    region_width = (width - _GAP * (columns - 1)) / columns
    greedy = len(entries) <= _GREEDY_LIMIT
    packed: list[tuple[str, list[Node], float]] = []
    for cluster in clusters:
        members = sorted((e for e in entries if e.cluster == cluster),
                         key=lambda e: (-degree[e.slug], e.title))
        if not members:
            continue
        inner = region_width - 2 * _BOX_PAD
        nodes = [_node(e, degree[e.slug], limit=min(_WRAP, inner)) for e in members]
        area = sum((n.box[2] - n.box[0] + 2 * _BOX_PAD) * (n.box[3] - n.box[1] + 2 * _BOX_PAD)
                   for n in nodes)
        height = max(area * 1.7 / inner, max(n.box[3] - n.box[1] for n in nodes))
        placed = _place(nodes, links, inner, height) if greedy else _rows(nodes, inner)
        placed = _fit(placed, inner)
        packed.append((cluster, placed, max(n.box[3] for n in placed)))
    nodes_out: list[Node] = []
    regions: list[Region] = []
    y = 0.0
    for row in range(0, len(packed), columns):
        group = packed[row:row + columns]
        row_height = max(h for _, _, h in group) + _TITLE_BAND + 2 * _BOX_PAD
        for col, (cluster, placed, _) in enumerate(group):
            x = col * (region_width + _GAP)
            title = lexicon.clusters[cluster].title if cluster in lexicon.clusters else cluster
            regions.append(Region(cluster, title, round(x, 1), round(y, 1),
                                  round(region_width, 1), round(row_height, 1)))
            nodes_out += [_moved(n, n.x + x + _BOX_PAD, n.y + y + _TITLE_BAND + _BOX_PAD)
                          for n in placed]
        y += row_height + _GAP
    index = {n.slug for n in nodes_out}
    edges = tuple((a, b) for a, b in graph.edges() if a in index and b in index)
    return ConceptMap(tuple(nodes_out), edges, width, math.ceil(y - _GAP), tuple(regions))


def _fit(nodes: list[Node], width: float) -> list[Node]:
    """Shift a packed group so it starts at the top and sits in the middle horizontally."""
    left = min(n.box[0] for n in nodes)
    right = max(n.box[2] for n in nodes)
    top = min(n.box[1] for n in nodes)
    dx = (width - (right - left)) / 2 - left
    return [_moved(n, n.x + dx, n.y - top) for n in nodes]


_SOURCE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
"""Part of every placement's key: a change to this module places every map again."""


class Places:
    """Placements of local maps (key -> [[x, y], …] per node), read from and written to one
    JSON file. Only what a build used is written back, so the file holds one build's maps."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.known: dict[str, list[list[float]]] = {}
        self.used: dict[str, list[list[float]]] = {}

    @classmethod
    def load(cls, path: Path) -> Places:
        """The placements in `path`; none when it is missing or not ours (a cache may be
        lost or damaged at any time: the maps are then placed again)."""
        places = cls(path)
        with contextlib.suppress(OSError, ValueError, TypeError):
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("source") == _SOURCE and \
                    isinstance(data.get("places"), dict):
                places.known = data["places"]
        return places

    def get(self, key: str, count: int) -> list[list[float]] | None:
        found = self.known.get(key)
        if not (isinstance(found, list) and len(found) == count and all(
                isinstance(p, list) and len(p) == 2 and
                all(isinstance(v, (int, float)) and math.isfinite(v) for v in p)
                for p in found)):
            return None
        self.used[key] = found
        return found

    def put(self, key: str, positions: list[list[float]]) -> None:
        self.known[key] = self.used[key] = positions

    def save(self) -> None:
        """Write the placements used since loading (atomically; a cache that cannot be
        written is only slower next time)."""
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            write_text(self.path, json.dumps({"source": _SOURCE, "places": self.used},
                                             separators=(",", ":")))


def local_layout(lexicon: Lexicon, graph: LinkGraph, slug: str, width: int = 360,
                 limit: int = 24, places: Places | None = None) -> ConceptMap:
    """A lemma and its neighbours (links in and out, related), the lemma in the middle;
    `places`: placements kept from earlier builds."""
    entry = lexicon.entries[slug]
    near = sorted(graph.neighbours(slug), key=lambda s: lexicon.entries[s].title)[:limit]
    degree = {s: len(graph.neighbours(s)) for s in [slug, *near]}
    centre = _node(entry, degree[slug])
    around = [_node(lexicon.entries[s], degree[s]) for s in near]
    height = max(160.0, 70.0 + 26.0 * len(around))
    height = min(height, 420.0)
    start = {slug: (width / 2, height / 2)}
    ring_x, ring_y = width * 0.32, height * 0.36
    for i, node in enumerate(around):
        angle = 2 * math.pi * i / max(len(around), 1) - math.pi / 2
        start[node.slug] = (width / 2 + ring_x * math.cos(angle),
                            height / 2 + ring_y * math.sin(angle))
    nodes = [centre, *around]
    # Everything the placement depends on: the nodes in order (slug, label lines, dot size)
    # and the area; the start ring follows from these.
    key = hashlib.sha256(json.dumps(
        [width, height, [[n.slug, n.lines, n.radius] for n in nodes]],
        ensure_ascii=False).encode("utf-8")).hexdigest()[:32]
    kept = places.get(key, len(nodes)) if places is not None else None
    if kept is not None:
        placed = [_moved(n, x, y) for n, (x, y) in zip(nodes, kept, strict=True)]
    else:
        placed = _place(nodes, {}, width - 2 * _BOX_PAD, height, start)
        placed = _fit(placed, width - 2 * _BOX_PAD)
        placed = [_moved(n, n.x + _BOX_PAD, n.y + _BOX_PAD) for n in placed]
        if places is not None:
            places.put(key, [[n.x, n.y] for n in placed])
    edges = tuple(graph.edges_among({n.slug for n in placed}))
    bottom = max(n.box[3] for n in placed) + _BOX_PAD
    return ConceptMap(tuple(placed), edges, width, math.ceil(bottom))


def svg(cmap: ConceptMap, href: dict[str, str], cluster_titles: dict[str, str],
        name: str = "kaart", label: str | None = None, current: str | None = None) -> str:
    """The map as inline SVG; `href` maps slugs to the links the page should use.

    `name` makes the ids unique when a page carries more than one drawing; `current` marks
    the lemma of a local map. Every value from the lexicon is escaped for its context."""
    where = {n.slug: n for n in cmap.nodes}
    title_id = f"lx-map-title-{name}"
    label = label or ("Begrippenkaart: elk lemma is een punt, lijnen zijn verwijzingen tussen"
                      " lemma's; pijltjestoetsen gaan naar verbonden lemma's")
    lines = [
        f'<svg class="lx-map lx-map--{escape(name)}" viewBox="0 0 {cmap.width} {cmap.height}"'
        f' role="group" aria-labelledby="{escape(title_id)}" data-lx-map="{escape(name)}"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(title_id)}">{escape(label)}</title>',
        '<g class="lx-map__view">',
    ]
    if cmap.regions:
        lines.append('<g class="lx-map__regions" aria-hidden="true">')
        for region in cmap.regions:
            lines.append(
                f'<rect class="lx-map__region lx-cluster--{escape(region.cluster)}"'
                f' x="{region.x}" y="{region.y}" width="{region.width}"'
                f' height="{region.height}" rx="10"/>'
                f'<text class="lx-map__region-title lx-cluster--{escape(region.cluster)}"'
                f' x="{region.x + 10}" y="{region.y + 20}">{escape(region.title)}</text>')
        lines.append("</g>")
    # All lines in two paths, not one element each: every element of the drawing costs
    # style work each time a script changes the page (Material's colour scheme does so
    # several times while a page loads), and the hundreds of lines were half of the map.
    # `data-edges` lists each line as the numbers of its two points (in the order of the
    # points below), from which lexicon.js knows the connections and draws the lines of a
    # chosen point. Faint: lines between clusters on the whole map, lines that do not touch
    # the lemma on a local map; a chosen point shows its own lines in full.
    number = {n.slug: i for i, n in enumerate(cmap.nodes)}
    near: list[str] = []
    far: list[str] = []
    for a, b in cmap.edges:
        na, nb = where[a], where[b]
        faint = (na.cluster != nb.cluster) if cmap.regions else (current not in (a, b))
        (far if faint else near).append(f"M{na.x} {na.y}L{nb.x} {nb.y}")
    pairs = ",".join(f"{number[a]} {number[b]}" for a, b in cmap.edges)
    lines.append(f'<g class="lx-map__edges" aria-hidden="true" data-edges="{pairs}">')
    if near:
        lines.append(f'<path class="lx-map__edge" d="{"".join(near)}"/>')
    if far:
        lines.append(f'<path class="lx-map__edge lx-map__far" d="{"".join(far)}"/>')
    lines.append("</g>")
    lines.append('<g class="lx-map__nodes">')
    for node in cmap.nodes:
        cluster = cluster_titles.get(node.cluster, node.cluster)
        left, top, right, bottom = node.box
        here = node.slug == current
        attrs = ' aria-current="page"' if here else ""
        # The space between the lines keeps the words apart in the accessible name.
        tspans = " ".join(
            f'<tspan x="{node.x}" dy="{FONT if i == 0 else _LINE}">{escape(line)}</tspan>'
            for i, line in enumerate(node.lines))
        lines.append(
            f'<a class="lx-map__node lx-cluster--{escape(node.cluster)}'
            f'{" lx-map__node--here" if here else ""}" href="{escape(href[node.slug])}"'
            f' data-slug="{escape(node.slug)}" data-summary="{escape(node.summary)}"'
            f' data-cluster-title="{escape(cluster)}"'
            f' aria-label="{escape(f"{node.title} ({cluster})")}"{attrs}>'
            f'<rect class="lx-map__hit" x="{round(left - 2, 1)}" y="{round(top - 2, 1)}"'
            f' width="{round(right - left + 4, 1)}" height="{round(bottom - top + 4, 1)}"/>'
            f'<circle cx="{node.x}" cy="{node.y}" r="{node.radius}"/>'
            f'<text y="{round(node.y + node.radius + 3, 1)}" text-anchor="middle">{tspans}'
            "</text></a>"
        )
    lines.append("</g></g></svg>")
    return "\n".join(lines)


def map_view(name: str, drawings: str) -> str:
    """A map with its zoom buttons and the panel that shows the chosen lemma (lexicon.js)."""
    return (
        f'<div class="lx-map-view" id="lx-{name}" data-lx-map-view>\n'
        f'<div class="lx-map-wrap">\n{drawings}\n</div>\n'
        '<div class="lx-map__tools" role="group" aria-label="Zoomen">'
        '<button type="button" class="lx-map__tool" data-lx-zoom="in"'
        ' aria-label="Inzoomen">+</button>'
        '<button type="button" class="lx-map__tool" data-lx-zoom="out"'
        ' aria-label="Uitzoomen">−</button>'
        '<button type="button" class="lx-map__tool" data-lx-zoom="reset"'
        ' aria-label="Hele kaart tonen">⤢</button></div>\n'
        '<div class="lx-map__info" data-lx-map-info aria-live="polite"></div>\n'
        "</div>"
    )


def local_map(lexicon: Lexicon, graph: LinkGraph, slug: str,
              href: dict[str, str], cluster_titles: dict[str, str],
              places: Places | None = None) -> str:
    """The local map of a lemma page, with the same buttons and panel; empty without
    neighbours."""
    if not graph.neighbours(slug):
        return ""
    cmap = local_layout(lexicon, graph, slug, places=places)
    label = (f"Kaart rond {lexicon.entries[slug].title}: het lemma en de lemma's waarmee het"
             " verbonden is; pijltjestoetsen gaan naar verbonden lemma's")
    return map_view("lokaal", svg(cmap, href, cluster_titles, "lokaal", label, current=slug))
