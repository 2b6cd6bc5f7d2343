"""The materialised entailments on the real stores a consumer may use (the tests start them:
tests/support/triple_stores.py): the published graphs on an Oxigraph server and on Virtuoso give the designed
counts, with and without Virtuoso's own inference, and so do the dumps loaded into a bare Oxigraph server. The
rules themselves and the embedded store: tests/graph/test_entailment.py."""

from __future__ import annotations

from pathlib import Path

import httpx

from plan_graph.graph.names import DATA_GRAPHS, ONTOLOGY
from plan_graph.stores.remote import RemoteStore
from tests.support.designed_counts import DESIGNED, ancestors, count_query, counts
from tests.support.triple_stores import start_oxigraph


def test_published_graphs_give_the_designed_counts(uploads, store_settings):
    from plan_graph.release.publish import publish
    from tests.support.publishing import credentials

    assert [upload.name for upload in uploads] == ["plan", "actors", "inferred", "statistics", "monitoring", "ontology"]
    for name in ("oxigraph", "virtuoso"):
        settings = store_settings(name)
        publish(uploads, settings["gsp"], settings["endpoint"], credentials(settings))
        assert counts(RemoteStore(settings["endpoint"], default_graphs=DATA_GRAPHS)) == DESIGNED, name


def test_virtuoso_with_its_own_inference_gives_the_same_counts(uploads, store_settings):
    """Virtuoso's RDFS inference (a rule set made from the ontology graph) adds nothing to what is materialised."""
    from plan_graph.release.publish import publish
    from tests.support.publishing import credentials

    settings = store_settings("virtuoso")
    publish(uploads, settings["gsp"], settings["endpoint"], credentials(settings))
    base = settings["endpoint"].removesuffix("/sparql")
    auth = httpx.DigestAuth(settings["user"], settings["password"])
    made = httpx.post(
        base + "/sparql-auth",
        auth=auth,
        timeout=60,
        data={"query": f'SELECT (<sql:rdfs_rule_set>("plan-graph-test", "{ONTOLOGY}") AS ?made) {{}}'},
    )
    assert made.status_code == 200, made.text
    # Virtuoso's inference refuses a transitive property with both ends open ("transitive start not given"):
    # with it on, the hierarchy is asked from one body (DCCO: IGPR, then MAI)
    transitive = "?x org:transitiveSubOrganizationOf ?y"
    from_dcco = "<https://w3id.org/plan-graph/ro/actor/DCCO> org:transitiveSubOrganizationOf ?y"
    designed = {**{p: n for p, n in DESIGNED.items() if p != transitive}, from_dcco: len(ancestors("DCCO"))}
    assert designed[from_dcco] >= 2
    found = {}
    for pattern in designed:
        query = 'DEFINE input:inference "plan-graph-test"\n' + count_query(pattern)
        answer = httpx.post(
            settings["endpoint"],
            timeout=60,
            headers={"Accept": "text/csv"},
            data={"query": query, "default-graph-uri": list(DATA_GRAPHS)},
        )
        assert answer.status_code == 200, answer.text
        found[pattern] = int(answer.text.splitlines()[1].strip('"'))
    assert found == designed


def test_the_dumps_loaded_into_a_bare_oxigraph_server_give_the_designed_counts(plan_build, tmp_path: Path):
    process, base = start_oxigraph(tmp_path / "bare")
    bare = RemoteStore(base + "/query")  # no dataset named: the server's default graph
    try:
        for ntriples in (plan_build.stored.ntriples, plan_build.entailments.inferred.ntriples):
            sent = httpx.post(
                base + "/store?default", content=ntriples, timeout=60, headers={"Content-Type": "application/n-triples"}
            )
            assert sent.status_code in (200, 201, 204), sent.text
            if ntriples is plan_build.stored.ntriples:  # the main dump alone: what the issue found
                assert counts(bare)["?x a pg:Actor"] == 0
        assert counts(bare) == DESIGNED
    finally:
        process.terminate()
        process.wait(timeout=10)
