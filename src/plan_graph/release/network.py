"""A picture of who works with whom: the actors of the plan on a circle, linked by the activities they share.

Plain SVG, laid out deterministically (grouped by kind, then by code), so the same plan always gives the
same picture. A node's area grows with the actor's activities, a line's width with the shared activities.
"""

from __future__ import annotations

import math
from collections import Counter
from html import escape
from itertools import combinations

from plan_graph.text.records import PlanRecords
from plan_graph.text.registry import Actor

KIND_COLOURS = {
    "ministry": "#1f4e8c", "agency": "#3a7bd5", "police": "#2a9d8f", "inspectorate": "#4cb5ab",
    "prosecution": "#8e44ad", "judicial": "#b07cc6", "local-authority": "#e67e22", "territorial-office": "#f0a150",
    "ngo-category": "#27ae60", "international-organisation": "#c0392b", "collective-body": "#7f8c8d",
    "category": "#95a5a6", "government": "#34495e", "professional-body": "#a67c52",
}  # fmt: skip


def collaboration(plan: PlanRecords) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Activities per actor, and activities shared per pair of actors (as responsible or partner)."""
    per_actor: Counter[str] = Counter()
    per_pair: Counter[tuple[str, str]] = Counter()
    for activity in plan.activities:
        involved = sorted(set(activity.responsible.codes) | set(activity.partners.codes))
        per_actor.update(involved)
        per_pair.update(combinations(involved, 2))
    return per_actor, per_pair


def network_svg(plan: PlanRecords, registry: dict[str, Actor], link: str = "actor/{id}.html") -> str:
    per_actor, per_pair = collaboration(plan)
    order = sorted(per_actor, key=lambda code: (registry[code].kind, code.casefold()))
    size, radius = 1120, 360  # room around the circle for the longest labels
    centre = size / 2
    position = {}
    for index, code in enumerate(order):
        angle = 2 * math.pi * index / len(order) - math.pi / 2
        position[code] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle), angle)
    strongest = max(per_pair.values(), default=1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
        'font-family="sans-serif" role="img" aria-labelledby="title">',
        '<title id="title">Who works with whom in the plan: actors linked by the activities they share</title>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        '<g id="links" stroke="#4a6d8c" stroke-linecap="round">',
    ]
    for (a, b), shared in sorted(per_pair.items(), key=lambda item: item[1]):
        (x1, y1, _), (x2, y2, _) = position[a], position[b]
        width = 0.4 + 7 * shared / strongest
        opacity = 0.12 + 0.6 * shared / strongest
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="{width:.2f}" '
            f'stroke-opacity="{opacity:.2f}"><title>{escape(a)} – {escape(b)}: {shared} shared</title></line>'
        )
    parts.append('</g><g id="actors">')
    busiest = max(per_actor.values(), default=1)
    for code in order:
        x, y, angle = position[code]
        actor = registry[code]
        r = 4 + 14 * math.sqrt(per_actor[code] / busiest)
        label_x = centre + (radius + r + 8) * math.cos(angle)
        label_y = centre + (radius + r + 8) * math.sin(angle)
        degrees = math.degrees(angle)
        flip = 90 < degrees % 360 < 270
        rotation = degrees + 180 if flip else degrees
        anchor = "end" if flip else "start"
        short = code if len(code) <= 24 else code[:23] + "…"
        href = escape(link.format(id=actor.id), quote=True)
        parts.append(
            f'<a href="{href}"><g class="actor">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{KIND_COLOURS.get(actor.kind, "#555")}">'
            f"<title>{escape(actor.name_ro)} ({escape(code)}): {per_actor[code]} activities</title></circle>"
            f'<text x="{label_x:.1f}" y="{label_y:.1f}" font-size="11" text-anchor="{anchor}" '
            'dominant-baseline="middle" '
            f'transform="rotate({rotation:.1f} {label_x:.1f} {label_y:.1f})">{escape(short)}</text></g></a>'
        )
    parts.append("</g>")
    legend_y = 20
    for kind in sorted({registry[code].kind for code in order}):
        parts.append(f'<circle cx="20" cy="{legend_y}" r="6" fill="{KIND_COLOURS.get(kind, "#555")}"/>'
                     f'<text x="32" y="{legend_y + 4}" font-size="12">{escape(kind)}</text>')  # fmt: skip
        legend_y += 18
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
