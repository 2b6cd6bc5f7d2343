"""A static website of the plan: the server's pages, rendered from the same store with the same templates and
written to files, plus the collaboration network as SVG.

One page per area, objective, activity and actor, an index (the plan's home page), the list of actors and the
statistics around the plan; links
between them are relative, so any static web server (or a folder opened in a browser) serves it. Links to what
the site has no page for go where the release is published.
"""

from __future__ import annotations

from plan_graph.stores.base import Store
from plan_graph.web import views
from plan_graph.web.linked_data import LinkedData
from plan_graph.web.monitoring import filters_from, monitoring_page
from plan_graph.web.network import network_svg
from plan_graph.web.pages import actors_page, home_page, resource_page
from plan_graph.web.rendering import SiteLinks, render, static_files
from plan_graph.web.statistics import statistics_page


def site_files(store: Store, base: str, public_base: str, day: str) -> dict[str, bytes]:
    """Every file of the site, by its path under the site's folder; the monitoring page as it stands on `day`."""
    top, below = SiteLinks(base, public_base, 0), SiteLinks(base, public_base, 1)
    files: dict[str, str | bytes] = {
        "actors.html": actors_page(store, top),
        "network.svg": network_svg(store, top),
        "network.html": render("network.html", top, svg="network.svg"),
    }
    if (index := home_page(store, top)) is not None:
        files["index.html"] = index
    if (statistics := statistics_page(store, top)) is not None:
        files["statistics.html"] = statistics
    files["monitoring.html"] = monitoring_page(store, top, filters_from(day, None, None, store), interactive=False)
    data = LinkedData(store)
    resources = [node.ref.iri for node in _walk(views.tree(store))] + [actor.iri for actor in views.actors(store)]
    for iri in resources:
        href = top.href(iri)
        page = resource_page(iri, store, data.for_one_page(), below)
        if href and page is not None and not href.startswith(("http://", "https://")):
            files[href] = page
    files |= {f"assets/{name}": content for name, content in static_files(("style.css", "favicon.svg")).items()}
    return {path: content if isinstance(content, bytes) else content.encode("utf-8") for path, content in files.items()}


def _walk(nodes: list[views.Node]) -> list[views.Node]:
    return [n for node in nodes for n in (node, *_walk(node.children))]
