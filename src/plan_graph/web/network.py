"""A picture of who works with whom: the actors of the plan on a circle, linked by the activities they share.

Plain SVG (templates/network.svg), laid out deterministically (grouped by kind, then by code), so the same plan
always gives the same picture. A node's area grows with the actor's activities, a line's width with the shared
activities. Read from the store, like every page.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from plan_graph.stores.base import Store
from plan_graph.stores.queries import bundled_rows
from plan_graph.stores.results import lexical
from plan_graph.web.rendering import Links, render

KIND_COLOURS = {
    "ministry": "#1f4e8c",
    "agency": "#3a7bd5",
    "police": "#2a9d8f",
    "inspectorate": "#4cb5ab",
    "prosecution": "#8e44ad",
    "judicial": "#b07cc6",
    "local-authority": "#e67e22",
    "territorial-office": "#f0a150",
    "ngo-category": "#27ae60",
    "international-organisation": "#c0392b",
    "collective-body": "#7f8c8d",
    "category": "#95a5a6",
    "government": "#34495e",
    "professional-body": "#a67c52",
}
SIZE, RADIUS = 1120, 360  # room around the circle for the longest labels


@dataclass(frozen=True)
class Line:
    a: str
    b: str
    shared: int
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    opacity: float


@dataclass(frozen=True)
class Circle:
    code: str
    label: str  # shortened for the picture
    name: str
    href: str | None
    activities: int
    x: float
    y: float
    r: float
    colour: str
    label_x: float
    label_y: float
    rotation: float
    anchor: str


def network_svg(store: Store, links: Links) -> str:
    rows = bundled_rows(store, "pages/network")
    involved: dict[str, set[str]] = {}
    actors: dict[str, tuple[str, str, str]] = {}  # code -> (IRI, name, kind)
    for row in rows:
        code = lexical(row["code"])
        involved.setdefault(lexical(row["activity"]), set()).add(code)
        actors[code] = (lexical(row["actor"]), lexical(row["name"]), lexical(row["kind"]))
    per_actor: Counter[str] = Counter()
    per_pair: Counter[tuple[str, str]] = Counter()
    for codes in involved.values():
        ordered = sorted(codes)
        per_actor.update(ordered)
        per_pair.update(combinations(ordered, 2))
    order = sorted(per_actor, key=lambda code: (actors[code][2], code.casefold()))
    centre = SIZE / 2
    position = {}
    for index, code in enumerate(order):
        angle = 2 * math.pi * index / len(order) - math.pi / 2
        position[code] = (centre + RADIUS * math.cos(angle), centre + RADIUS * math.sin(angle), angle)
    strongest = max(per_pair.values(), default=1)
    lines = [
        Line(
            a,
            b,
            shared,
            position[a][0],
            position[a][1],
            position[b][0],
            position[b][1],
            0.4 + 7 * shared / strongest,
            0.12 + 0.6 * shared / strongest,
        )
        for (a, b), shared in sorted(per_pair.items(), key=lambda item: item[1])
    ]
    busiest = max(per_actor.values(), default=1)
    circles = []
    for code in order:
        x, y, angle = position[code]
        iri, name, kind = actors[code]
        r = 4 + 14 * math.sqrt(per_actor[code] / busiest)
        degrees = math.degrees(angle)
        flip = 90 < degrees % 360 < 270
        circles.append(
            Circle(
                code,
                code if len(code) <= 24 else code[:23] + "…",
                name,
                links.href(iri),
                per_actor[code],
                x,
                y,
                r,
                KIND_COLOURS.get(kind, "#555"),
                centre + (RADIUS + r + 8) * math.cos(angle),
                centre + (RADIUS + r + 8) * math.sin(angle),
                degrees + 180 if flip else degrees,
                "end" if flip else "start",
            )
        )
    kinds = sorted({actors[code][2] for code in order})
    legend = [(kind, KIND_COLOURS.get(kind, "#555"), 20 + 18 * index) for index, kind in enumerate(kinds)]
    return render("network.svg", links, size=SIZE, lines=lines, circles=circles, legend=legend)
