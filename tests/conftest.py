"""Shared fixtures: the bundled plan read once, its graph, an embedded store loaded with it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from plan_graph.pipeline import build
from plan_graph.reader import parse_plan
from plan_graph.registry import load_corrections, load_registry
from plan_graph.resources import bundled_plan
from plan_graph.store import EmbeddedStore

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def require_tool(name: str) -> str:
    """The path of a command-line tool; in CI (CI=true) its absence fails the test instead of skipping it."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory):
    """The tests' own graph cache, so they neither read nor fill the user's (subprocesses inherit it)."""
    os.environ["PLAN_GRAPH_CACHE"] = str(tmp_path_factory.mktemp("cache"))


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
def graph():
    """The graph as `plan-graph build` publishes it (with the actor-kind concepts)."""
    return build(check=False).graph


@pytest.fixture(scope="session")
def store(graph):
    return EmbeddedStore.from_graph(graph)


@pytest.fixture(scope="session")
def uploads():
    """The built plan as the three graphs `plan-graph publish` sends (plan, actors, ontology)."""
    from plan_graph.namespaces import Iris
    from plan_graph.pipeline import build
    from plan_graph.publish import split_for_publication, with_ontology
    from plan_graph.validation import ontology_graph

    return with_ontology(split_for_publication(build(check=False).graph, Iris().actor("")), ontology_graph())
