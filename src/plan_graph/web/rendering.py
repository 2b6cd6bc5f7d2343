"""HTML from templates: one base layout, one stylesheet, for the server's pages, the static site and the ontology
documentation alike. Jinja2 escapes everything that comes from data or from a request.

Where a page links to is the one thing that differs between the server and the exported site, so templates ask a
`Links` object: the server's (absolute URLs on this server) or the site's (relative paths between its files).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Protocol

import jinja2

from plan_graph.graph.names import MINTED_ROOT, PLAN_SLUG, curie


class Links(Protocol):
    def href(self, iri: str) -> str | None:
        """Where a page links an IRI; None when it must not be a link (a scheme other than http and https)."""

    def page(self, name: str) -> str | None:
        """One of the site's own pages (home, query, ontology, actors, network, statistics, monitoring, search, void,
        dcat, sparql);
        None where this rendering has none."""

    def download(self, suffix: str) -> str | None:
        """The whole graph as a file (ttl, nt, jsonld, rdf); None where there is none."""

    def rdf(self, iri: str, fmt: str) -> str | None:
        """A resource's own data in an RDF format (turtle, jsonld, nt, rdfxml), where it is served."""

    def asset(self, name: str) -> str:
        """A static file: the stylesheet, YASGUI, the query page's script."""


def _web_iri(iri: str) -> str | None:
    """An IRI a reader may follow: http and https only (data may hold <javascript:…> IRIs)."""
    return iri if iri.lower().startswith(("http://", "https://")) else None


@dataclass(frozen=True)
class ServerLinks:
    """Links on a running server: minted IRIs ↔ this server's URLs (a request path is the IRI's path under the
    minted root; `--public-base` says where the server is)."""

    public_base: str  # e.g. http://127.0.0.1:8000/ (with a trailing slash)

    def iri_for_path(self, path: str) -> str:
        return MINTED_ROOT + path.lstrip("/")

    @property
    def endpoint(self) -> str:
        return self.public_base + "sparql"

    def href(self, iri: str) -> str | None:
        if iri.startswith(MINTED_ROOT):
            return self.public_base + iri[len(MINTED_ROOT) :]
        return _web_iri(iri)

    def page(self, name: str) -> str | None:
        paths = {
            "home": "",
            "query": "query",
            "ontology": "ontology",
            "actors": "actors",
            "search": "search",
            "network": "network",
            "statistics": "statistics",
            "monitoring": "monitoring",
            "void": ".well-known/void",
            "sparql": "sparql",
        }
        return self.public_base + paths[name] if name in paths else None

    def download(self, suffix: str) -> str | None:
        return f"{self.public_base}download/plan-graph.{suffix}"

    def rdf(self, iri: str, fmt: str) -> str | None:
        href = self.href(iri)
        return f"{href}?format={fmt}" if href and iri.startswith(MINTED_ROOT) else None

    def asset(self, name: str) -> str:
        return f"{self.public_base}assets/{name}"


# the pages of the exported site, by the kind of IRI they show (the part of the IRI after the plan's or the base)
SITE_PAGES = {
    f"{PLAN_SLUG}/area/": "area/",
    f"{PLAN_SLUG}/objective/": "objective/",
    f"{PLAN_SLUG}/activity/": "activity/",
    "actor/": "actor/",
}


@dataclass(frozen=True)
class SiteLinks:
    """Links in the exported site: relative paths between its files (served anywhere, or opened from a disk); IRIs
    it has no page for go to where they are published (`public_base`)."""

    base: str  # the base of the minted IRIs, e.g. https://w3id.org/plan-graph/ro/
    public_base: str  # where the release and /sparql are published
    depth: int = 0  # folders between the page and the site's root

    @property
    def up(self) -> str:
        return "../" * self.depth

    def at(self, depth: int) -> SiteLinks:
        return SiteLinks(self.base, self.public_base, depth)

    def href(self, iri: str) -> str | None:
        if iri == self.base + PLAN_SLUG:
            return self.up + "index.html"
        if iri.startswith(self.base):
            rest = iri[len(self.base) :]
            for prefix, folder in SITE_PAGES.items():
                name = rest[len(prefix) :]
                if rest.startswith(prefix) and name and "/" not in name:
                    return f"{self.up}{folder}{name}.html"
        if iri.startswith(MINTED_ROOT):  # no page here: where it is published
            return self.public_base + iri[len(MINTED_ROOT) :]
        return _web_iri(iri)

    def page(self, name: str) -> str | None:
        local = {
            "home": "index.html",
            "actors": "actors.html",
            "network": "network.html",
            "statistics": "statistics.html",
            "monitoring": "monitoring.html",
        }
        release = {"void": "void.ttl", "dcat": "dcat.ttl"}  # files of the release, beside the site
        served = {"query": "query", "ontology": "ontology", "search": "search", "sparql": "sparql"}
        if name in local:
            return self.up + local[name]
        if name in release:
            return f"{self.up}../{release[name]}"
        return self.public_base + served[name] if name in served else None

    def download(self, suffix: str) -> str | None:
        return f"{self.up}../plan-graph-all.{suffix}"  # the whole, as the server's download is

    def rdf(self, iri: str, fmt: str) -> str | None:  # a static site serves no RDF: where it is published does
        return f"{self.public_base}{iri[len(MINTED_ROOT) :]}?format={fmt}" if iri.startswith(MINTED_ROOT) else None

    def asset(self, name: str) -> str:
        return f"{self.up}assets/{name}"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("plan_graph.web", "templates"),
        autoescape=jinja2.select_autoescape(default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["curie"] = curie
    return env


def render(template: str, links: Links, **context: Any) -> str:
    return environment().get_template(template).render(links=links, **context)


STATIC = (
    "style.css",
    "favicon.svg",
    "query-page.js",
    "yasgui/yasgui.min.js",
    "yasgui/yasgui.min.css",
    "yasgui/LICENSE",
)


def static_file(name: str) -> bytes | None:
    """A static file of the package (the stylesheet, YASGUI and its licence, the query page's script), or None."""
    if name not in STATIC:  # a fixed list: no path from a request ever reaches the file system
        return None
    return resources.files("plan_graph.web").joinpath("static", *name.split("/")).read_bytes()


def static_files(names: tuple[str, ...] = STATIC) -> dict[str, bytes]:
    return {name: content for name in names if (content := static_file(name)) is not None}
