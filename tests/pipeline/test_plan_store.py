"""pipeline/plan_store.py: what a remote store cannot take is said, not dropped."""

from __future__ import annotations

import pytest

from plan_graph.errors import UsageError
from plan_graph.pipeline.plan_store import open_plan_store
from plan_graph.settings import Settings
from tests.support.cli import run

ENDPOINT = "http://127.0.0.1:9/sparql"  # never asked: the settings are refused first


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({"rounds": "r"}, "--rounds"),
        ({"folder": "s"}, "--store"),
        ({"rounds": "r", "folder": "s"}, "--rounds and --store"),
    ],
)
def test_what_only_the_embedded_store_holds_is_refused_with_an_endpoint(tmp_path, given, named):
    settings = Settings(endpoint=ENDPOINT, **{key: tmp_path / value for key, value in given.items()})
    with pytest.raises(UsageError) as refused:
        open_plan_store(settings)
    verb = "name" if " and " in named else "names"
    assert str(refused.value).startswith(f"{named} {verb} what the embedded store holds")


def test_the_command_line_says_so_in_one_line(tmp_path):
    done = run("query", "activities", "--endpoint", ENDPOINT, "--rounds", str(tmp_path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "plan-graph: --rounds names what the embedded store holds; with --endpoint the remote store answers "
        "(publish the rounds to it with plan-graph publish --rounds): leave them out"
    ]
