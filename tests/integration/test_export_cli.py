"""`plan-graph export` and `plan-graph validate-dcat` as a user runs them: real processes, the official DCAT-AP
shapes and the EU's tables from ../shared/reference/, and the usage errors without them. What the export writes:
tests/release/test_export.py."""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import reference


def test_export_and_validate_dcat_commands(tmp_path):
    dcat_shapes, eu_tables = reference("dcat-ap-3.0.1"), reference("eu-authority-tables")
    out = tmp_path / "release"
    result = subprocess.run(
        [sys.executable, "-m", "plan_graph", "export", "--out", str(out)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert (out / "dcat.ttl").is_file() and (out / "site" / "index.html").is_file()
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "plan_graph",
            "validate-dcat",
            str(out / "dcat.ttl"),
            "--shapes",
            str(dcat_shapes),
            "--vocabularies",
            str(eu_tables),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stdout[-2000:]
    assert "SHACL: conforms: 0 violation(s)" in check.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "plan_graph", "validate-dcat", str(out / "dcat.ttl")],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert missing.returncode == 2 and "--shapes" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    no_shapes = subprocess.run(
        [
            sys.executable,
            "-m",
            "plan_graph",
            "validate-dcat",
            str(out / "dcat.ttl"),
            "--shapes",
            str(empty),
            "--vocabularies",
            str(eu_tables),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert no_shapes.returncode == 1 and "no RDF files" in no_shapes.stderr
