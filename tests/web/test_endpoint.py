"""The application `plan-graph serve` runs, in process behind Starlette's test client (no socket, no server
process; those are tests/integration/test_server.py): the endpoint's checks, the answers and pages it keeps, how
it decodes requests and cuts answers, and the pages' links."""

from __future__ import annotations

import pytest

from tests.support.server_process import ACTIVITY, COUNT_ACTIVITIES, in_process_server

# ---- the endpoint's checks and what it keeps


def test_an_allowed_service_passes_the_check(tmp_path):
    from plan_graph.settings import Settings
    from plan_graph.web.sparql import RequestError, check_query

    config = Settings(allowed_services=("http://example.org/sparql",))
    assert check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", config) == "SELECT"
    with pytest.raises(RequestError):
        check_query("SELECT * WHERE { SERVICE <http://example.org/other> { ?s ?p ?o } }", config)


def test_a_query_is_checked_every_time_and_a_refused_one_refused_every_time(monkeypatch):
    from plan_graph.web import sparql as endpoint
    from tests.support.server_process import in_process_server

    checked = []
    check = endpoint.check_query

    def counted(query, config):  # the real check, counted
        checked.append(query)
        return check(query, config)

    monkeypatch.setattr(endpoint, "check_query", counted)
    with in_process_server() as client:
        for accept in ("text/csv", "application/sparql-results+json", "text/csv"):
            assert (
                client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": accept}).status_code
                == 200
            )
        for _ in range(2):
            assert client.get("/sparql", params={"query": "DROP ALL"}).status_code == 403
    # no cache of the checks (#31 item 6: it saved under 20% of a kept answer's time): each request is checked
    assert checked == ["ASK { ?s ?p ?o }"] * 3 + ["DROP ALL"] * 2


def test_a_repeated_query_is_answered_from_what_was_kept_without_a_worker(monkeypatch):
    from plan_graph.stores.embedded import EmbeddedStore
    from tests.support.server_process import in_process_server

    asked = []
    answer = EmbeddedStore.answer

    async def counted(self, request):  # the real answer, counted
        asked.append(request.query)
        return await answer(self, request)

    monkeypatch.setattr(EmbeddedStore, "answer", counted)
    query = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }"}
    with in_process_server() as client:
        answers = [client.get("/sparql", params=query, headers={"Accept": "text/csv"}).text for _ in range(3)]
        client.get("/sparql", params=query, headers={"Accept": "application/sparql-results+json"})
    assert len(set(answers)) == 1 and answers[0].startswith("n\r\n")
    assert len(asked) == 2  # once for CSV, once for JSON: the repeats came from what was kept


@pytest.mark.parametrize("fmt_name", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("cap", [0, 1, 4, 5, 6, 100])
def test_the_workers_answer_is_cut_at_the_cap_in_every_format(fmt_name, cap):
    """Rows written by pyoxigraph as TSV and cut by lines: literals with line breaks and tabs stay whole."""
    import pyoxigraph as ox

    from plan_graph.graph.formats import FORMATS
    from plan_graph.stores.results import materialised, parse, serialize_outcome

    store = ox.Store()
    for i in range(5):  # five rows, each literal spanning lines
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://example.org/{i}"),
                ox.NamedNode("http://example.org/p"),
                ox.Literal(f'line {i}\nnext\tcolumn "quoted"', language="ro"),
            )
        )
    query = "SELECT ?s ?o ?unbound WHERE { ?s ?p ?o } ORDER BY ?s"
    fmt = FORMATS[fmt_name]
    body, truncated = serialize_outcome(store.query(query), fmt, cap)
    assert truncated == (cap < 5)
    expected = materialised(store.query(query), cap)
    assert len(expected.rows) == min(cap, 5)  # type: ignore[union-attr]
    if fmt_name == "csv":  # CSV keeps no language tag: compare the values
        lines = body.decode().replace("\r\n", "\n")
        assert lines.count('"line ') == min(cap, 5)
        return
    assert parse(body, fmt).rows == expected.rows  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("encoded", "fields"),
    [  # application/x-www-form-urlencoded as the URL Standard decodes it (https://url.spec.whatwg.org/#urlencoded-parsing)
        ("query=a+b", {"query": ["a b"]}),  # "+" is a space
        ("query=a%2Bb%26c%3Dd", {"query": ["a+b&c=d"]}),  # escaped "+", "&" and "=" are data
        ("query=%C8%99i", {"query": ["și"]}),  # UTF-8 escapes are one character
        ("query=%C8", {"query": ["\ufffd"]}),  # bytes that are not UTF-8: U+FFFD
        ("query=100%&x=%zz", {"query": ["100%"], "x": ["%zz"]}),  # a "%" without two hex digits stays as written
        ("a=1&&a=2&b", {"a": ["1", "2"], "b": [""]}),  # empty pairs skipped; names repeat in order; no "=": ""
        ("q=a=b", {"q": ["a=b"]}),  # the first "=" splits name from value
    ],
)
def test_query_strings_and_forms_decode_as_the_url_standard_says(encoded, fields):
    from plan_graph.web.sparql import form_fields

    assert form_fields(encoded) == fields


def test_a_query_full_of_url_delimiters_arrives_whole_by_get_and_by_form():
    text = 'SELECT ?x WHERE { BIND("a+b & c=d 100% ș?#" AS ?x) }'
    with in_process_server() as client:
        got = client.get("/sparql", params={"query": text}, headers={"Accept": "text/csv"})
        posted = client.post("/sparql", data={"query": text}, headers={"Accept": "text/csv"})
    for response in (got, posted):
        assert response.status_code == 200, response.text
        assert response.text.splitlines() == ["x", "a+b & c=d 100% ș?#"]


# ---- pages and linked data


def test_public_base_maps_links():
    with in_process_server(public_base="https://plan.example.org/data/") as client:
        page = client.get("/" + ACTIVITY, headers={"Accept": "text/html"}).text
        assert 'href="https://plan.example.org/data/ro/hg-861-2018/objective/1.1"' in page
        description = client.get("/sparql", headers={"Accept": "text/turtle"}).text
        assert "<https://plan.example.org/data/sparql>" in description


def test_the_query_page_works_without_scripts_too():
    with in_process_server() as client:
        page = client.get("/query").text
        assert "yasgui/yasgui.min.js" in page and "<noscript>" in page and '<form method="get"' in page
        assert 'data-example="activities"' in page
        assert client.get("/assets/yasgui/yasgui.min.js").headers["content-type"].startswith("text/javascript")


def test_a_store_folder_is_made_on_first_use_and_reused(tmp_path):
    folder = tmp_path / "oxigraph"
    for _ in range(2):
        with in_process_server(folder) as client:
            response = client.get("/sparql", params={"query": COUNT_ACTIVITIES}, headers={"Accept": "text/csv"})
            assert response.text.splitlines()[1] == "60"
            assert client.get("/" + ACTIVITY, headers={"Accept": "text/turtle"}).status_code == 200
        assert any(folder.iterdir())


def test_rendered_resources_are_kept_within_a_bound():
    from plan_graph.web.state import RenderedResources

    kept = RenderedResources(size=2)
    kept.put(("a", "html"), (200, b"a", "text/html"))
    kept.put(("b", "html"), (200, b"b", "text/html"))
    assert kept.get(("a", "html")) is not None  # a is now the most recently used
    kept.put(("c", "html"), (200, b"c", "text/html"))
    assert kept.get(("b", "html")) is None and kept.get(("a", "html")) and kept.get(("c", "html"))
    # and by bytes: the least recently used go until the rest fit; one too large for an eighth is not kept
    weighed = RenderedResources(size=100, max_bytes=800)
    for name in "abcdefghi":
        weighed.put((name,), name, 100)
    assert len(weighed) == 8 and weighed.bytes == 800 and weighed.get(("a",)) is None
    weighed.put(("huge",), "huge", 101)
    assert weighed.get(("huge",)) is None and len(weighed) == 8
    weighed.put(("b",), "b again", 50)  # replacing an entry counts its new size only
    assert weighed.bytes == 750 and weighed.get(("b",)) == "b again"


def test_a_page_is_rendered_once_then_served_from_what_was_kept(monkeypatch):
    from plan_graph.web import dereference

    renders = []
    render = dereference.render_resource
    monkeypatch.setattr(
        dereference, "render_resource", lambda *args: renders.append((args[0], args[1].name)) or render(*args)
    )
    with in_process_server() as client:
        pages = [client.get("/" + ACTIVITY, headers={"Accept": "text/html"}) for _ in range(2)]
        turtle = client.get("/" + ACTIVITY, headers={"Accept": "text/turtle"})
    assert pages[0].status_code == 200 and pages[0].content == pages[1].content and "Accept" in pages[1].headers["vary"]
    assert turtle.headers["content-type"].startswith("text/turtle")
    iri = "https://w3id.org/plan-graph/" + ACTIVITY
    assert renders == [(iri, "html"), (iri, "turtle")]  # the second page request rendered nothing


def test_pages_and_their_rdf_carry_an_etag_and_a_repeated_request_gets_304():
    with in_process_server() as client:
        tagged = {}
        for path, accept in (
            ("/" + ACTIVITY, "text/html"),
            ("/" + ACTIVITY, "text/turtle"),
            ("/", "text/html"),
            ("/actors", "text/html"),
            ("/download/plan-graph.nt", "*/*"),
        ):
            first = client.get(path, headers={"Accept": accept})
            assert first.status_code == 200 and first.headers["cache-control"] == "public, max-age=60, must-revalidate"
            tag = first.headers["etag"]
            unchanged = client.get(path, headers={"Accept": accept, "If-None-Match": f'"other", W/{tag}'})
            assert (unchanged.status_code, unchanged.content, unchanged.headers["etag"]) == (304, b"", tag)
            stale = client.get(path, headers={"Accept": accept, "If-None-Match": '"other"'})
            assert stale.status_code == 200 and stale.content == first.content
            tagged[(path, accept)] = tag
        assert len(set(tagged.values())) == len(tagged)  # one tag per resource and format
        missing = client.get("/ro/hg-861-2018/activity/9.9.9", headers={"Accept": "text/turtle"})
        assert missing.status_code == 404 and "etag" not in missing.headers and "cache-control" not in missing.headers


def test_a_page_with_more_referrers_than_shown_says_so_without_a_wrong_count():
    from plan_graph.pipeline.plan_store import embedded_plan_store
    from plan_graph.web.linked_data import LinkedData
    from plan_graph.web.pages import generic_view
    from plan_graph.web.rendering import ServerLinks, render

    data = LinkedData(embedded_plan_store())
    links = ServerLinks("http://x/")
    objective = "https://w3id.org/plan-graph/ro/hg-861-2018/objective/1.1"  # its activities refer to it
    few = data.describe(objective, incoming_limit=2)
    assert len(few.incoming) == 2 and few.more_incoming
    page = render("resource.html", links, view=generic_view(few, data, links))
    assert "Referred to by (2+)" in page and "… and more" in page
    every = data.describe(objective)
    page = render("resource.html", links, view=generic_view(every, data, links))
    assert not every.more_incoming and f"Referred to by ({len(every.incoming)})" in page
