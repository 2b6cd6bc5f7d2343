"""plan_graph.settings: each setting declared once; the command line, the environment and the server read it."""

from __future__ import annotations

import os
from dataclasses import fields
from pathlib import Path

import pytest

from plan_graph.arguments import parser
from plan_graph.errors import UsageError
from plan_graph.settings import Settings, environment_variables, option_of
from tests.support.cli import run


def test_a_setting_not_given_is_the_environments_else_its_default():
    environ = {"PLAN_GRAPH_CACHE": "/tmp/c", "SOURCE_DATE_EPOCH": "86400", "PLAN_GRAPH_DCAT_SHAPES": "/s"}
    settings = Settings.of({"timeout": None, "graphs": ["http://g/1", "http://g/2"]}, environ)
    assert (settings.cache_dir, settings.source_date_epoch, settings.dcat_shapes) == (Path("/tmp/c"), 86400, Path("/s"))
    assert (settings.timeout, settings.workers, settings.graphs) == (10.0, 2, ("http://g/1", "http://g/2"))


def test_an_option_given_wins_over_its_variable():
    settings = Settings.of({"dcat_shapes": Path("/given")}, {"PLAN_GRAPH_DCAT_SHAPES": "/environment"})
    assert settings.dcat_shapes == Path("/given")


def test_the_cache_folder_follows_xdg_without_its_own_variable():
    assert Settings.of({}, {"XDG_CACHE_HOME": "/x"}).cache_dir == Path("/x/plan-graph")
    assert Settings.of({}, {"XDG_CACHE_HOME": "", "PLAN_GRAPH_CACHE": ""}).cache_dir == (
        Path.home() / ".cache" / "plan-graph"
    )


def test_an_empty_password_is_a_password_and_is_never_shown():
    settings = Settings.of({}, {"PLAN_GRAPH_PASSWORD": ""})
    assert settings.password == ""
    assert "password" not in repr(Settings.of({}, {"PLAN_GRAPH_PASSWORD": "s3cret"}))


def test_a_number_in_the_environment_that_is_none_is_a_usage_error():
    with pytest.raises(UsageError, match=r"SOURCE_DATE_EPOCH='yesterday' is not a whole number"):
        Settings.of({}, {"SOURCE_DATE_EPOCH": "yesterday"})


def test_the_command_line_says_so_in_one_line(tmp_path):
    done = run("export", "--out", str(tmp_path / "out"), env={**os.environ, "SOURCE_DATE_EPOCH": "yesterday"})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "plan-graph: the environment variable SOURCE_DATE_EPOCH='yesterday' is not a whole number"
    ]
    assert not (tmp_path / "out").exists()


def test_serve_offers_every_setting_of_the_endpoint_with_its_declared_default():
    serve = next(a for a in parser()._actions if a.dest == "command").choices["serve"]  # argparse has no API
    offered = {action.dest: action for action in serve._actions if action.option_strings}
    endpoint = ("host", "port", "timeout", "max_rows", "max_request", "read_timeout", "max_connections", "workers")
    for name in endpoint:
        declared = next(f for f in fields(Settings) if f.name == name)
        assert offered[name].option_strings == [option_of(name)]
        assert f"(default: {declared.default})" in offered[name].help


def test_the_variables_the_reference_lists():
    assert [variable for variable, _ in environment_variables()] == [
        "PLAN_GRAPH_BASE",
        "PLAN_GRAPH_CACHE",
        "XDG_CACHE_HOME",
        "PLAN_GRAPH_DCAT_SHAPES",
        "PLAN_GRAPH_EU_VOCABULARIES",
        "SOURCE_DATE_EPOCH",
        "PLAN_GRAPH_PASSWORD",
    ]
