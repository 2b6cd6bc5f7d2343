"""Shared fixtures: the bundled plan read once, its graph, an embedded store loaded with it, real triple stores.

`pytest` (the README's test command) runs in under three minutes on two cores, its test files spread over the
cores (pytest-xdist, each file on one worker, so that a file's servers start once): the property-based reader
tests take a sample (hypothesis profile "quick") and the tests marked `slow` (load and soak, failure injection
against real stores, signals at every moment of a build, the browsers' accessibility and HTML checks of every
page, a benchmark run) are left out. `pytest --full` (what .ci/run runs) runs everything, with every example of
the property-based tests (profile "full").
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from plan_graph.graph.rdflib_door import graph_of
from plan_graph.pipeline.build import build
from plan_graph.pipeline.plan_store import built_plan_store
from plan_graph.resources import bundled_plan
from plan_graph.text.reader import parse_plan
from plan_graph.text.registry import load_corrections, load_registry
from tests.support.triple_stores import started_stores

# Examples per property-based test; a test may ask for a multiple of it (settings.default.max_examples).
settings.register_profile("quick", max_examples=100)
settings.register_profile("full", max_examples=2000)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--full", action="store_true", help="run the slow tests and every example of the property tests (as CI does)"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: long (load, soak, failure injection, every page in a browser …); --full")
    full = config.getoption("--full")
    settings.load_profile(config.getoption("--hypothesis-profile", None) or ("full" if full else "quick"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--full"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory):
    """The tests' own graph cache, so they neither read nor fill the user's (subprocesses inherit it)."""
    os.environ["PLAN_GRAPH_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def store_settings():
    """`store_settings("oxigraph")` or `("virtuoso")`: the URLs (and credentials) of a real triple store, started
    for this session on first use (tests/support/triple_stores.py)."""
    stores, finish = started_stores()
    yield stores.settings
    finish()


@pytest.fixture(scope="session")
def plan_text() -> str:
    return bundled_plan().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def registry():
    return load_registry()


@pytest.fixture(scope="session")
def plan(plan_text, registry):
    return parse_plan(plan_text, registry, load_corrections())


@pytest.fixture(scope="session")
def activities(plan):
    return {activity.notation: activity for activity in plan.activities}


@pytest.fixture(scope="session")
def plan_build():
    return build(check=False)


@pytest.fixture(scope="session")
def graph(plan_build):
    """The graph as `plan-graph build` publishes it (with the actor-kind concepts), without its entailments."""
    return graph_of(plan_build.stored)


@pytest.fixture(scope="session")
def store(plan_build):
    """The dataset the endpoint serves: the plan, its entailments and the ontology."""
    return built_plan_store(plan_build)


@pytest.fixture(scope="session")
def uploads(plan_build):
    """The built plan as the graphs `plan-graph publish` sends (plan, actors, inferred, ontology)."""
    from plan_graph.release.publish import plan_uploads

    return plan_uploads(plan_build)
