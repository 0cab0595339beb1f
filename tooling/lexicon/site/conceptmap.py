"""The concept map: the link graph laid out at build time and drawn as plain SVG.

Laying out in Python keeps the map deterministic, readable without JavaScript and keyboard
usable (every node is an SVG `<a>`), and needs no graph library in the reader's browser.
Layout: a force-directed pass (Fruchterman–Reingold) with each cluster pulled towards its own
region, then a pass that pushes overlapping labels apart. Large lexicons get a plain
cluster-sector layout: a map of thousands of nodes is not readable anyway, the text
alternative is.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from html import escape

from lexicon.core.graph import LinkGraph
from lexicon.core.model import Lexicon

_FORCE_LIMIT = 400
_CHAR_WIDTH = 6.4
_LABEL_HEIGHT = 14.0


@dataclass(frozen=True)
class Node:
    slug: str
    title: str
    cluster: str
    colour: str
    x: float
    y: float
    radius: float


@dataclass(frozen=True)
class ConceptMap:
    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]
    width: int
    height: int


def _unit(slug: str, salt: str) -> float:
    digest = hashlib.blake2b(f"{salt}:{slug}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def layout(lexicon: Lexicon, graph: LinkGraph, width: int = 1000, height: int = 760,
           iterations: int = 300) -> ConceptMap:
    entries = sorted(lexicon, key=lambda e: (e.cluster, e.title))
    if not entries:
        return ConceptMap((), (), width, height)
    clusters = list(lexicon.clusters) or sorted({e.cluster for e in entries})
    cx, cy = width / 2, height / 2
    ring = min(width, height) * 0.27
    anchors = {
        c: (cx + ring * math.cos(2 * math.pi * i / len(clusters) - math.pi * 3 / 4),
            cy + ring * math.sin(2 * math.pi * i / len(clusters) - math.pi * 3 / 4))
        for i, c in enumerate(clusters)
    }
    index = {e.slug: i for i, e in enumerate(entries)}
    edges = [(a, b) for a, b in graph.edges() if a in index and b in index]
    pos = []
    for e in entries:
        ax, ay = anchors.get(e.cluster, (cx, cy))
        angle, radius = 2 * math.pi * _unit(e.slug, "a"), ring * 0.6 * math.sqrt(_unit(e.slug, "r"))
        pos.append([ax + radius * math.cos(angle), ay + radius * math.sin(angle)])
    if len(entries) <= _FORCE_LIMIT:
        _force_directed(pos, [(index[a], index[b]) for a, b in edges],
                        [anchors.get(e.cluster, (cx, cy)) for e in entries],
                        width, height, iterations)
        _separate_labels(pos, [e.title for e in entries], width, height)
    degree = {e.slug: len(graph.neighbours(e.slug)) for e in entries}
    nodes = tuple(
        Node(e.slug, e.title, e.cluster,
             lexicon.clusters[e.cluster].colour if e.cluster in lexicon.clusters else "#555555",
             round(p[0], 1), round(p[1], 1), round(5 + min(degree[e.slug], 12) * 0.6, 1))
        for e, p in zip(entries, pos, strict=True)
    )
    return ConceptMap(nodes, tuple(edges), width, height)


def _force_directed(pos: list[list[float]], edges: list[tuple[int, int]],
                    anchors: list[tuple[float, float]], width: int, height: int,
                    iterations: int) -> None:
    n = len(pos)
    k = math.sqrt(width * height / max(n, 1)) * 0.55
    margin = 40.0
    for step in range(iterations):
        temperature = (width / 12) * (1 - step / iterations) + 0.5
        disp = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            xi, yi = pos[i]
            for j in range(i + 1, n):
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                dist2 = dx * dx + dy * dy or 0.01
                force = k * k / dist2
                disp[i][0] += dx * force
                disp[i][1] += dy * force
                disp[j][0] -= dx * force
                disp[j][1] -= dy * force
        for i, j in edges:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            dist = math.sqrt(dx * dx + dy * dy) or 0.1
            force = dist / k
            disp[i][0] -= dx * force
            disp[i][1] -= dy * force
            disp[j][0] += dx * force
            disp[j][1] += dy * force
        for i in range(n):
            ax, ay = anchors[i]
            disp[i][0] -= (pos[i][0] - ax) * 0.9
            disp[i][1] -= (pos[i][1] - ay) * 0.9
            length = math.sqrt(disp[i][0] ** 2 + disp[i][1] ** 2) or 1.0
            move = min(length, temperature)
            pos[i][0] = min(width - margin, max(margin, pos[i][0] + disp[i][0] / length * move))
            pos[i][1] = min(height - margin, max(margin, pos[i][1] + disp[i][1] / length * move))


def _separate_labels(pos: list[list[float]], titles: list[str], width: int, height: int,
                     rounds: int = 60) -> None:
    """Push apart nodes whose labels (drawn under the node) would overlap."""
    half = [len(t) * _CHAR_WIDTH / 2 + 4 for t in titles]
    for _ in range(rounds):
        moved = False
        for i in range(len(pos)):
            for j in range(i + 1, len(pos)):
                overlap_x = half[i] + half[j] - abs(pos[i][0] - pos[j][0])
                overlap_y = _LABEL_HEIGHT + 12 - abs(pos[i][1] - pos[j][1])
                if overlap_x > 0 and overlap_y > 0:
                    moved = True
                    shift = min(overlap_x, overlap_y) / 2 + 0.5
                    if overlap_y < overlap_x:
                        sign = 1 if pos[i][1] >= pos[j][1] else -1
                        pos[i][1] += sign * shift
                        pos[j][1] -= sign * shift
                    else:
                        sign = 1 if pos[i][0] >= pos[j][0] else -1
                        pos[i][0] += sign * shift
                        pos[j][0] -= sign * shift
        for p, h in zip(pos, half, strict=True):
            p[0] = min(width - h, max(h, p[0]))
            p[1] = min(height - 24, max(16, p[1]))
        if not moved:
            return


def svg(cmap: ConceptMap, href: dict[str, str], cluster_titles: dict[str, str]) -> str:
    """The map as inline SVG; `href` maps slugs to the links the page should use."""
    where = {n.slug: n for n in cmap.nodes}
    lines = [
        f'<svg class="lx-map" viewBox="0 0 {cmap.width} {cmap.height}" role="group"'
        ' aria-labelledby="lx-map-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="lx-map-title">Begrippenkaart: elk lemma is een punt, lijnen zijn'
        " verwijzingen tussen lemma's</title>",
        '<g class="lx-map__edges" aria-hidden="true">',
    ]
    for a, b in cmap.edges:
        na, nb = where[a], where[b]
        lines.append(f'<line x1="{na.x}" y1="{na.y}" x2="{nb.x}" y2="{nb.y}"'
                     f' data-a="{a}" data-b="{b}"/>')
    lines.append("</g>")
    lines.append('<g class="lx-map__nodes">')
    for node in cmap.nodes:
        label = f"{node.title} ({cluster_titles.get(node.cluster, node.cluster)})"
        lines.append(
            f'<a class="lx-map__node" href="{escape(href[node.slug])}" data-slug="{node.slug}"'
            f' data-cluster="{node.cluster}" aria-label="{escape(label)}">'
            f'<circle cx="{node.x}" cy="{node.y}" r="{node.radius}" fill="{node.colour}"/>'
            f'<text x="{node.x}" y="{round(node.y + node.radius + 12, 1)}"'
            f' text-anchor="middle">{escape(node.title)}</text></a>'
        )
    lines.append("</g></svg>")
    return "\n".join(lines)
