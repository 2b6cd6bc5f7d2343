"""The w3id.org rules of deploy/w3id (#32, item 2) in a real Apache httpd, as w3id.org runs them (the `.htaccess` in
the folder `plan-graph/` under the document root, mod_rewrite), in front of a real `plan-graph serve` holding a
reporting round and a static server of the release `plan-graph export` wrote (with its default download base, the
IRI base: every download URL of its record goes through these rules).

The test's copy of the `.htaccess` differs from deploy/w3id's in the two lines that say where things are. A request
for http://127.0.0.1:PORT/plan-graph/X stands for https://w3id.org/plan-graph/X.

Facts: the pages offer text/html (and application/xhtml+xml) and the four RDF formats by these media types, named
turtle, nt, jsonld, rdfxml by ?format= (graph/formats.py, web/dereference.py's RESOURCE_OFFERS); the IRIs below are
the plan's (activity 2.1.2 on line 32, its first indicator, deadline, resource and responsible body, ANITP …), the
statistics' and recommendations' (data/), and the round's the test imports (ANITP's first submission for 2019).
"""

from __future__ import annotations

import functools
from pathlib import Path

import httpx
import pytest
import rdflib
from SPARQLWrapper import CSV, SPARQLWrapper

from plan_graph.graph.names import MINTED_ROOT, minted
from plan_graph.pipeline.monitor import import_forms
from plan_graph.release.export import export
from tests.support.apache import running_apache
from tests.support.paths import REPO
from tests.support.reporting_round import form_line, write_form
from tests.support.server_process import running_server, serving_folder

pytestmark = pytest.mark.slow  # an export, a server with its workers, Apache, 1,500 requests: some ten seconds

HTACCESS = REPO / "deploy" / "w3id" / ".htaccess"
TARGETS = {
    "PLAN_GRAPH_SERVER": "https://plan-graph.example.org/",
    "PLAN_GRAPH_FILES": "https://plan-graph.example.org/release/",
}
HTML = "text/html; charset=utf-8"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # Firefox's, for a page
# Accept -> (what the rules add to the page's URL, the type of the answer there)
ACCEPTS = {
    None: ("", HTML),  # no Accept header at all
    "*/*": ("", HTML),
    "text/html": ("", HTML),
    "application/xhtml+xml": ("", HTML),
    BROWSER: ("", HTML),
    "text/turtle": ("?format=turtle", "text/turtle; charset=utf-8"),
    "application/n-triples": ("?format=nt", "application/n-triples; charset=utf-8"),
    "application/ld+json": ("?format=jsonld", "application/ld+json; charset=utf-8"),
    "application/rdf+xml": ("?format=rdfxml", "application/rdf+xml; charset=utf-8"),
}
RDFLIB = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}

# one IRI of every kind names.py mints that the server has a page for (the datasets are the record's: below)
THINGS = {
    kind: minted(kind, **values)
    for kind, values in {
        "plan": {},
        "act": {},
        "source-text": {},
        "line": {"number": 32},
        "area": {"number": 2},
        "objective": {"notation": "2.1"},
        "activity": {"notation": "2.1.2"},
        "indicator": {"notation": "2.1.2", "position": 1},
        "deadline": {"notation": "2.1.2", "position": 1},
        "resource": {"notation": "2.1.2", "position": 1},
        "actor-item": {"notation": "2.1.2", "role": "responsible", "position": 1},
        "correction": {"position": 1},
        "abbreviation": {"code": "ANITP"},
        "system": {"id": "ECRIS"},
        "actor": {"id": "ANITP"},
        "document": {"id": "eurostat-crim-thb-sex"},
        "publisher": {"id": "greta-council-of-europe"},
        "statistics": {},
        "statistics-structure": {},
        "observation": {
            "measure": "assisted-victims-share",
            "year": 2016,
            "sex": "_T",
            "age": "_T",
            "form": "all",
            "document": "us-tip-2018-romania",
        },
        "recommendation": {"id": "us-tip-2019-1"},
        "answer": {"id": "us-tip-2019-1", "notation": "3.1.1"},
        "monitoring-round": {"round": "2019"},
        "external-assessment": {"id": "us-tip-2019-judges-training"},
        "submission": {"round": "2019", "reporter": "ANITP", "revision": 1},
        "self-report": {"round": "2019", "notation": "1.1.1", "reporter": "ANITP"},
        "progress": {},
        "progress-structure": {},
        "progress-value": {"round": "2019", "notation": "1.1.1", "position": 1, "reporter": "ANITP"},
    }.items()
} | {
    "ontology": MINTED_ROOT + "ontology",
    "ontology term": MINTED_ROOT + "ontology#Activity",  # requested without its fragment, as a client does
    "status concept": MINTED_ROOT + "ontology/status/completed",
    "status scheme": MINTED_ROOT + "ontology/status",
    "shape": MINTED_ROOT + "shapes#ActivityShape",
    "shapes": MINTED_ROOT + "shapes",
}
RECORD_ONLY = {"dataset", "statistics-dataset", "monitoring-dataset"}  # kinds described by dcat.ttl, not the server


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    """ANITP's report for 2019: a status of 1.1.1 and the value of its first indicator."""
    folder = tmp_path_factory.mktemp("rounds")
    status = form_line("ANITP", "2019", "1.1.1", status="realizată", evidence="https://example.org/e")
    value = form_line("ANITP", "2019", "1.1.1", "1", value="14")
    import_forms([write_form(folder.parent / "anitp.csv", [status, value])], "2019", folder, "2020-01-31")
    return folder


@pytest.fixture(scope="module")
def release(tmp_path_factory, rounds):
    """The release, as `plan-graph export` writes it with its default download base (the IRI base)."""
    folder = tmp_path_factory.mktemp("release")
    written = export(folder, None, rounds)
    return folder, written


@pytest.fixture(scope="module")
def files(release):
    """A plain static server of the release folder: the download base the rules send the files to."""
    with serving_folder(release[0]) as base:
        yield base


@pytest.fixture(scope="module")
def server(rounds):
    with running_server("--rounds", str(rounds)) as (base, _):
        yield base


def htaccess_for(server: str, files: str) -> str:
    """deploy/w3id/.htaccess with the targets of this test: only the two lines that say where things are differ."""
    original = HTACCESS.read_text(encoding="utf-8")
    lines = {name: f"RewriteRule ^ - [E={name}:{placeholder}]" for name, placeholder in TARGETS.items()}
    targets = {"PLAN_GRAPH_SERVER": server, "PLAN_GRAPH_FILES": files}
    copy = original
    for name, line in lines.items():
        assert original.count(line) == 1, line
        copy = copy.replace(line, f"RewriteRule ^ - [E={name}:{targets[name]}]")
    before, after = original.splitlines(), copy.splitlines()
    assert len(before) == len(after)
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        (lines[name], f"RewriteRule ^ - [E={name}:{targets[name]}]") for name in TARGETS
    ]
    return copy


@pytest.fixture(scope="module")
def w3id(server, files):
    """Apache with the rules: its base URL plus "plan-graph/" stands for https://w3id.org/plan-graph/."""
    with running_apache({"plan-graph": htaccess_for(server, files)}) as base:
        yield base + "plan-graph/"


@functools.cache
def client() -> httpx.Client:
    """One client for the module's requests (a new one costs more than a request), sending no Accept of its own."""
    http = httpx.Client(timeout=30)
    del http.headers["accept"]
    return http


def get(url: str, accept: str | None = None, **options) -> httpx.Response:
    """One request, redirects not followed; without an Accept header when `accept` is None."""
    return client().get(url, headers={"Accept": accept} if accept is not None else None, **options)


def test_the_copy_differs_only_where_things_are(server, files):
    htaccess_for(server, files)  # its assertions: the two lines, and only those


@pytest.mark.parametrize("kind", THINGS)
def test_every_kind_of_iri_redirects_by_accept_to_its_page_or_its_rdf(w3id, server, kind):
    iri = THINGS[kind]
    path = iri[len(MINTED_ROOT) :].split("#")[0]
    answers = {}
    for accept in ACCEPTS:
        redirect = get(w3id + path, accept)
        location = redirect.headers.get("location", "")
        final = get(location, accept) if location else None
        answers[accept] = (
            redirect.status_code,
            location,
            redirect.headers.get("access-control-allow-origin"),
            redirect.headers.get("vary"),
            final.status_code if final else None,
            final.headers.get("content-type") if final else None,
        )
        if final is not None and accept in RDFLIB:  # the RDF is the thing's own: it is a subject there
            data = rdflib.Graph().parse(data=final.content, format=RDFLIB[accept])
            assert (rdflib.URIRef(iri), None, None) in data, (kind, accept)
    assert answers == {
        accept: (303, server + path + suffix, "*", "Accept", 200, media_type)
        for accept, (suffix, media_type) in ACCEPTS.items()
    }


def test_the_ontologys_version_iri_and_namespaces_are_the_ontologys_page(w3id, server, release):
    ontology = rdflib.Graph().parse(REPO / "ontology" / "plan-graph.ttl", format="turtle")
    versions = [str(v) for v in ontology.objects(None, rdflib.OWL.versionIRI)]
    void = rdflib.Graph().parse(release[0] / "void.ttl", format="turtle")
    vocabularies = {str(v) for v in void.objects(None, rdflib.URIRef("http://rdfs.org/ns/void#vocabulary"))}
    ours = sorted(v for v in vocabularies if v.startswith(MINTED_ROOT))
    assert (versions, ours) == (
        [MINTED_ROOT + "ontology/0.1.0"],
        [MINTED_ROOT + "ontology#", MINTED_ROOT + "ontology/status/"],
    )
    for iri in (*versions, *ours):
        path = iri[len(MINTED_ROOT) :]
        answers = {}
        for accept in ACCEPTS:
            redirect = get(w3id + path, accept)
            final = get(redirect.headers["location"], accept)
            answers[accept] = (redirect.status_code, redirect.headers["location"], final.status_code)
        assert answers == {accept: (303, server + "ontology" + suffix, 200) for accept, (suffix, _) in ACCEPTS.items()}


def test_a_hash_iri_arrives_without_its_fragment_and_lands_on_its_section(w3id, server):
    for iri, page, anchor in (
        ("ontology#Activity", "ontology", "Activity"),
        ("shapes#ActivityShape", "shapes", "ActivityShape"),
    ):
        redirect = get(w3id + iri, "text/html")  # the client keeps the fragment for the page it is sent to
        assert (redirect.status_code, redirect.headers["location"]) == (303, server + page)
        assert f'id="{anchor}"' in get(server + page, "text/html").text


@pytest.mark.parametrize(
    ("accept", "suffix", "chosen"),
    [
        # rdflib's, for Turtle: one of the offered types named (and wildcards): its representation
        ("text/turtle, application/x-turtle, */*;q=0.1", "?format=turtle", "text/turtle"),
        # two or more, or a refusal: the page's URL, where the server picks by RFC 9110 (the highest q-value; its
        # order of offers, HTML first, breaks a tie)
        ("application/rdf+xml;q=0.5, text/turtle", "", "text/turtle"),
        ("text/html;q=0.1, application/ld+json", "", "application/ld+json"),
        ("application/n-triples, text/html;q=0.9", "", "application/n-triples"),
        ("text/turtle;q=0, */*", "", "text/html"),
    ],
)
def test_an_accept_naming_more_than_one_type_gets_the_page_url_where_the_server_negotiates(
    w3id, server, accept, suffix, chosen
):
    path = THINGS["activity"][len(MINTED_ROOT) :]
    redirect = get(w3id + path, accept)
    final = get(redirect.headers["location"], accept)
    assert (redirect.status_code, redirect.headers["location"], final.status_code, final.headers["content-type"]) == (
        303,
        server + path + suffix,
        200,
        f"{chosen}; charset=utf-8",
    )


def test_a_query_string_passes_through_to_the_server(w3id, server):
    path = THINGS["activity"][len(MINTED_ROOT) :]
    redirect = get(w3id + path + "?format=jsonld", "text/turtle")
    final = get(redirect.headers["location"], "text/turtle")
    assert (redirect.status_code, redirect.headers["location"]) == (303, server + path + "?format=jsonld")
    assert (final.status_code, final.headers["content-type"]) == (200, "application/ld+json; charset=utf-8")


def test_an_unknown_iri_reaches_the_servers_404(w3id, server):
    path = minted("activity", notation="9.9.9")[len(MINTED_ROOT) :]
    redirect = get(w3id + path, "text/turtle")
    final = get(redirect.headers["location"], "text/turtle")
    assert (redirect.status_code, redirect.headers["location"], final.status_code) == (
        303,
        server + path + "?format=turtle",
        404,
    )


def test_every_file_of_the_release_redirects_to_the_download_folder(w3id, files, release):
    folder, _ = release
    paths = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    answers = {}
    for path in paths:
        redirect = get(w3id + path)
        final = get(redirect.headers["location"])
        answers[path] = (redirect.status_code, redirect.headers["location"], final.status_code, final.content)
    assert answers == {p: (302, files + p, 200, (folder / p).read_bytes()) for p in paths}
    stems = ("plan-graph-all", "plan-graph", "plan-graph-inferred", "statistics", "monitoring")
    dumps = {f"{stem}.{suffix}" for stem in stems for suffix in ("ttl", "nt", "jsonld", "rdf")}
    rounds = {"monitoring-2019.nt", *(f"monitoring-2019-{table}.csv" for table in ("by-area", "by-body", "values"))}
    assert {p for p in paths if "/" not in p} == dumps | rounds | {"ontology.ttl", "void.ttl", "dcat.ttl"}
    assert len(paths) == 27 + 9 + 157  # and the tables (7 CSV, their CSVW metadata, the Data Package) and the site


def record_urls(folder: Path) -> dict[str, set[str]]:
    """The URLs the DCAT-AP record and VoID give under the namespace, by what they are."""
    record = rdflib.Graph().parse(folder / "dcat.ttl", format="turtle")
    record.parse(folder / "void.ttl", format="turtle")
    dcat, void = rdflib.Namespace("http://www.w3.org/ns/dcat#"), rdflib.Namespace("http://rdfs.org/ns/void#")
    by = {
        "download": {dcat.downloadURL, dcat.accessURL, void.dataDump, dcat.landingPage},
        "endpoint": {dcat.endpointURL, dcat.endpointDescription, void.sparqlEndpoint},
    }
    return {what: {str(o) for p in predicates for o in record.objects(None, p)} for what, predicates in by.items()}


def test_the_records_download_urls_redirect_to_the_files(w3id, files, release):
    folder, written = release
    urls = record_urls(folder)
    distributions = {MINTED_ROOT + d.path for d in written.distributions}
    pages = {MINTED_ROOT + "site/" + page for page in ("index.html", "statistics.html", "monitoring.html")}
    assert urls == {"download": distributions | pages, "endpoint": {MINTED_ROOT + "sparql"}}
    answers = {}
    for url in sorted(urls["download"]):
        path = url[len(MINTED_ROOT) :]
        redirect = get(w3id + path)
        final = get(redirect.headers["location"])
        answers[url] = (redirect.status_code, redirect.headers["location"], final.status_code, final.content)
    assert answers == {
        url: (302, files + url[len(MINTED_ROOT) :], 200, (folder / url[len(MINTED_ROOT) :]).read_bytes())
        for url in urls["download"]
    }


def test_the_catalogue_its_datasets_and_linksets_redirect_to_the_records_that_describe_them(w3id, files, release):
    folder, _ = release
    record = rdflib.Graph().parse(folder / "dcat.ttl", format="turtle")
    void = rdflib.Graph().parse(folder / "void.ttl", format="turtle")
    described = {
        "ro/catalog": ("dcat.ttl", record),
        "ro/sparql-service": ("dcat.ttl", record),
        **{minted(kind)[len(MINTED_ROOT) :]: ("dcat.ttl", record) for kind in RECORD_ONLY},
        **{
            str(s)[len(MINTED_ROOT) :]: ("void.ttl", void)
            for s in void.subjects(rdflib.RDF.type, rdflib.URIRef("http://rdfs.org/ns/void#Linkset"))
        },
    }
    assert len(described) == 2 + 3 + 22  # the linksets of the plan's dataset (8) and of the statistics' (14)
    answers = {}
    for path, (_, graph) in described.items():
        assert (rdflib.URIRef(MINTED_ROOT + path), None, None) in graph, path  # the record does describe it
        for accept in ACCEPTS:
            redirect = get(w3id + path, accept)
            answers[path, accept] = (redirect.status_code, redirect.headers["location"])
    assert answers == {
        (path, accept): (303, files + name) for path, (name, _) in described.items() for accept in ACCEPTS
    }


def test_the_endpoint_redirects_keeping_the_method(w3id, server):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/plan-graph/ontology#Activity> }"
    redirect = get(w3id + "sparql", "text/csv", params={"query": count})
    assert redirect.status_code == 307
    assert redirect.headers["location"] == server + "sparql?" + redirect.request.url.query.decode()
    sparql = SPARQLWrapper(w3id + "sparql")  # a SPARQL client, by GET, following the redirect
    sparql.setQuery(count)
    sparql.setReturnFormat(CSV)
    assert sparql.query().convert().decode().splitlines() == ["n", "60"]
    with httpx.Client(timeout=30, follow_redirects=True) as http:  # by POST: still a POST after the 307
        posted = http.post(w3id + "sparql", data={"query": count}, headers={"Accept": "text/csv"})
    assert (posted.request.method, str(posted.url), posted.status_code, posted.text.splitlines()) == (
        "POST",
        server + "sparql",
        200,
        ["n", "60"],
    )


TURTLE = "text/turtle; charset=utf-8"


@pytest.mark.parametrize(
    ("path", "accept", "media_type"),
    [
        ("", "text/html", HTML),  # the namespace itself: the home page
        ("query", "text/html", HTML),
        ("search?text=cooperarii", "text/html", HTML),
        ("actors", "text/html", HTML),
        ("statistics", "text/html", HTML),
        ("monitoring?period=2019", "text/html", HTML),
        ("network", "text/html", HTML),
        (".well-known/void", "text/turtle", TURTLE),
        ("download/plan-graph.ttl", "text/turtle", TURTLE),
    ],
)
def test_the_servers_own_pages_redirect_to_the_same_path(w3id, server, path, accept, media_type):
    redirect = get(w3id + path, accept)
    final = get(redirect.headers["location"], accept)
    assert (redirect.status_code, redirect.headers["location"], final.status_code, final.headers["content-type"]) == (
        302,
        server + path,
        200,
        media_type,
    )
