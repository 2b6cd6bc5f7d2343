"""A static website of the plan: an index, a page per area, objective, activity and actor, cross-linked,
with the line as printed in the Official Gazette on each, and the collaboration network as SVG.

Relative links only, so any static web server (or a folder opened in a browser) serves it.
Everything that comes from the text or the registry is HTML-escaped.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from plan_graph.release.network import network_svg
from plan_graph.text.records import Activity, PlanRecords
from plan_graph.text.registry import Actor

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; color: #222; }
nav.site { border-bottom: 1px solid #ccc; padding-bottom: .4rem; margin-bottom: 1rem; }
nav.site a { margin-right: 1rem; } h1 { font-size: 1.45rem; } .en { color: #555; }
blockquote.printed { font-family: Georgia, serif; background: #fbf8f1; border-left: 4px solid #b5834a;
  margin: 1rem 0; padding: .5rem 1rem; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #e3e3e3; padding: .3rem .5rem;
  text-align: left; vertical-align: top; } .notation { font-family: monospace; white-space: nowrap; }
ul.tree li { margin: .2rem 0; } .muted { color: #666; font-size: .9rem; }
"""


def _page(title: str, body: str, depth: int) -> str:
    up = "../" * depth
    return (
        "<!DOCTYPE html>\n"
        '<html lang="ro"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)}</title><link rel="stylesheet" href="{up}style.css"></head><body>'
        f'<nav class="site"><a href="{up}index.html">HG 861/2018</a><a href="{up}actors.html">Actori · Actors</a>'
        f'<a href="{up}network.html">Rețeaua · Network</a></nav>{body}</body></html>\n'
    )


def _printed(plan: PlanRecords, line: int) -> str:
    text = plan.source_lines.get(line, "").strip()
    return (f'<p class="muted">As printed in the plan, line {line} · Textul publicat, rândul {line}</p>'
            f'<blockquote class="printed" lang="ro">{escape(text)}</blockquote>')  # fmt: skip


class Site:
    def __init__(self, plan: PlanRecords, registry: dict[str, Actor]) -> None:
        self.plan = plan
        self.registry = registry
        self.by_objective: dict[str, list[Activity]] = defaultdict(list)
        for activity in plan.activities:
            self.by_objective[activity.objective].append(activity)
        self.roles: dict[str, list[tuple[Activity, str]]] = defaultdict(list)
        for activity in plan.activities:
            for code in activity.responsible.codes:
                self.roles[code].append((activity, "responsible · responsabil"))
            for code in activity.partners.codes:
                self.roles[code].append((activity, "partner · partener"))

    def actor_link(self, code: str, depth: int) -> str:
        actor = self.registry[code]
        return (f'<a href="{"../" * depth}actor/{escape(actor.id, quote=True)}.html" title="{escape(actor.name_ro)}">'
                f"{escape(code)}</a>")  # fmt: skip

    def activity_link(self, activity: Activity, depth: int) -> str:
        return (f'<a href="{"../" * depth}activity/{activity.notation}.html"><span class="notation">'
                f"{activity.notation}</span> {escape(activity.title)}</a>")  # fmt: skip

    def pages(self) -> dict[str, str]:
        pages = {"style.css": STYLE, "index.html": self.index(), "actors.html": self.actors_index(),
                 "network.html": self.network_page(), "network.svg": network_svg(self.plan, self.registry)}  # fmt: skip
        for area in self.plan.areas:
            pages[f"area/{area.number}.html"] = self.area_page(area.number)
        for general in self.plan.general_objectives:
            pages[f"objective/{general.notation}.html"] = self.general_page(general.notation)
        for specific in self.plan.specific_objectives:
            pages[f"objective/{specific.notation}.html"] = self.specific_page(specific.notation)
        for activity in self.plan.activities:
            pages[f"activity/{activity.notation}.html"] = self.activity_page(activity)
        for actor in self.registry.values():
            pages[f"actor/{actor.id}.html"] = self.actor_page(actor)
        return pages

    def index(self) -> str:
        document = self.plan.document
        title = document.title if document else "Plan național de acțiune 2018-2020"
        parts = [f"<h1>{escape(title)}</h1>"]
        if document:
            parts.append(f"<p>{escape(document.act)}; {escape(document.publication)}</p>")
        parts.append('<p class="en">Romania\'s national action plan 2018-2020 against trafficking in persons: '
                     f"{len(self.plan.areas)} areas, {len(self.plan.specific_objectives)} specific objectives, "
                     f"{len(self.plan.activities)} activities.</p>")  # fmt: skip
        parts.append('<ul class="tree">')
        for area in self.plan.areas:
            parts.append(f'<li><a href="area/{area.number}.html">{area.number}. {escape(area.title)}</a><ul>')
            generals = {g.notation for g in self.plan.general_objectives if g.area == area.number}
            for specific in (s for s in self.plan.specific_objectives if s.general in generals):
                count = len(self.by_objective[specific.notation])
                parts.append(f'<li><a href="objective/{specific.notation}.html"><span class="notation">'
                             f"{specific.notation}</span> {escape(specific.title)}</a> "
                             f'<span class="muted">({count})</span></li>')  # fmt: skip
            parts.append("</ul></li>")
        parts.append("</ul>")
        parts.append('<h2>Data · Date</h2><ul><li><a href="../plan-graph.ttl">Turtle</a></li>'
                     '<li><a href="../plan-graph.jsonld">JSON-LD</a></li>'
                     '<li><a href="../plan-graph.nt">N-Triples</a></li>'
                     '<li><a href="../plan-graph.rdf">RDF/XML</a></li><li><a href="../tables/activities.csv">CSV</a> '
                     '(<a href="../tables/csv-metadata.json">CSVW</a>, <a href="../tables/datapackage.json">'
                     'Data Package</a>)</li><li><a href="../dcat.ttl">DCAT-AP</a>, <a href="../void.ttl">VoID</a></li>'
                     "</ul>")  # fmt: skip
        return _page(title, "".join(parts), 0)

    def area_page(self, number: int) -> str:
        area = next(a for a in self.plan.areas if a.number == number)
        parts = [f"<h1>{number}. {escape(area.title)}</h1>", _printed(self.plan, area.line)]
        # the model lets an area have several general objectives (this plan has one each): all are listed
        for general in (g for g in self.plan.general_objectives if g.area == number):
            parts.append(f'<p>Obiectiv general · General objective <a href="../objective/{general.notation}.html">'
                         f"{general.notation}: {escape(general.title)}</a></p>")  # fmt: skip
            parts.append(self._specific_list(general.notation, 1))
        return _page(area.title, "".join(parts), 1)

    def _specific_list(self, general: str, depth: int) -> str:
        parts = ["<ul class=tree>"]
        for specific in (s for s in self.plan.specific_objectives if s.general == general):
            parts.append(f'<li><a href="{"../" * depth}objective/{specific.notation}.html"><span class="notation">'
                         f"{specific.notation}</span> {escape(specific.title)}</a><ul>")  # fmt: skip
            parts.extend(f"<li>{self.activity_link(a, depth)}</li>" for a in self.by_objective[specific.notation])
            parts.append("</ul></li>")
        parts.append("</ul>")
        return "".join(parts)

    def general_page(self, notation: str) -> str:
        general = next(g for g in self.plan.general_objectives if g.notation == notation)
        parts = [f"<h1>Obiectiv general {notation}</h1><p>{escape(general.title)}</p>",
                 _printed(self.plan, general.line),
                 f'<p>Domeniu · Area <a href="../area/{general.area}.html">{general.area}</a></p>',
                 self._specific_list(notation, 1)]  # fmt: skip
        return _page(f"Obiectiv general {notation}", "".join(parts), 1)

    def specific_page(self, notation: str) -> str:
        specific = next(s for s in self.plan.specific_objectives if s.notation == notation)
        parts = [f"<h1>Obiectiv specific {notation}</h1><p>{escape(specific.title)}</p>",
                 _printed(self.plan, specific.line),
                 f'<p>Obiectiv general · General objective <a href="../objective/{specific.general}.html">'
                 f"{specific.general}</a></p><h2>Activități · Activities</h2><ul>"]  # fmt: skip
        parts.extend(f"<li>{self.activity_link(a, 1)}</li>" for a in self.by_objective[notation])
        parts.append("</ul>")
        return _page(f"Obiectiv specific {notation}", "".join(parts), 1)

    def activity_page(self, activity: Activity) -> str:
        def actors(codes: tuple[str, ...]) -> str:
            return ", ".join(self.actor_link(code, 1) for code in codes) or '<span class="muted">—</span>'

        rows = [
            ("Obiectiv specific · Specific objective",
             f'<a href="../objective/{activity.objective}.html">{activity.objective}</a>'),
            ("Indicatori · Indicators", "<br>".join(escape(i.text) for i in activity.indicators)),
            ("Termen · Deadline", ", ".join(escape(d.written) for d in activity.deadlines)),
            ("Responsabili · Responsible", actors(activity.responsible.codes)),
            ("Parteneri · Partners", actors(activity.partners.codes)),
            ("Resurse · Resources", "<br>".join(
                escape(r.text) + (" (" + ", ".join(self.actor_link(h, 1) for h in r.holders) + ")" if r.holders else "")
                for r in activity.resources)),
        ]  # fmt: skip
        corrections = [c for c in self.plan.corrections if c.line == activity.line]
        parts = [f'<h1><span class="notation">{activity.notation}</span> {escape(activity.title)}</h1>',
                 "<table>" + "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows) + "</table>",
                 _printed(self.plan, activity.line)]  # fmt: skip
        if corrections:
            parts.append("<h2>Corecturi · Corrections</h2><ul>")
            parts.extend(
                f"<li>{escape(c.written)} → {escape(c.corrected)}: {escape(c.reason)}</li>" for c in corrections
            )
            parts.append("</ul>")
        return _page(f"{activity.notation} {activity.title}", "".join(parts), 1)

    def actor_page(self, actor: Actor) -> str:
        parts = [f"<h1>{escape(actor.name_ro)}</h1>", f'<p class="en" lang="en">{escape(actor.name_en)}</p>',
                 f"<p>Cod · Code: <strong>{escape(actor.code)}</strong>; tip · kind: {escape(actor.kind)}"
                 f"{' (category of organisations)' if actor.is_category else ''}</p>"]  # fmt: skip
        if actor.parent:
            stated = "stated by the plan" if actor.parent_source == "plan" else "curated"
            parts.append(
                f"<p>Subordonat · Part of: {self.actor_link(actor.parent, 1)} <span class=muted>({stated})</span></p>"
            )
        below = [code for code, other in self.registry.items() if other.parent == actor.code]
        if below:
            parts.append("<p>Structuri · Bodies: " + ", ".join(self.actor_link(code, 1) for code in below) + "</p>")
        parts.append(f'<p class="muted">Source · Sursa: {escape(actor.source)}</p>')
        involvement = self.roles.get(actor.code, [])
        parts.append(f"<h2>Activități · Activities ({len(involvement)})</h2><table>")
        parts.extend(f"<tr><td>{self.activity_link(a, 1)}</td><td>{escape(role)}</td></tr>" for a, role in involvement)
        parts.append("</table>")
        return _page(actor.name_ro, "".join(parts), 1)

    def actors_index(self) -> str:
        by_kind: dict[str, list[Actor]] = defaultdict(list)
        for actor in self.registry.values():
            by_kind[actor.kind].append(actor)
        parts = ["<h1>Actori · Actors</h1>"]
        for kind in sorted(by_kind):
            parts.append(f"<h2>{escape(kind)}</h2><ul>")
            for actor in sorted(by_kind[kind], key=lambda a: a.code.casefold()):
                count = len(self.roles.get(actor.code, []))
                parts.append(f'<li><a href="actor/{escape(actor.id, quote=True)}.html">{escape(actor.code)}</a> — '
                             f'{escape(actor.name_ro)} <span class="muted">({count})</span></li>')  # fmt: skip
            parts.append("</ul>")
        return _page("Actori · Actors", "".join(parts), 0)

    def network_page(self) -> str:
        body = ("<h1>Cine cu cine lucrează · Who works with whom</h1>"
                "<p>Actors linked by the activities they share; larger circles take part in more activities, "
                'thicker lines share more. <a href="network.svg">SVG</a></p>'
                '<object data="network.svg" type="image/svg+xml" width="100%">'
                '<img src="network.svg" alt="collaboration network"></object>')  # fmt: skip
        return _page("Rețeaua actorilor · Actor network", body, 0)
