"""The CLI when the machine works against it (#10.2): unreadable sources, read-only and full disks, Ctrl-C, SIGTERM.

Each case: a clear message, a non-zero exit, no partial file, and the previous outputs intact. Read-only and full
disks are real filesystems: small tmpfs mounts (root only; in CI, where we are root, a failed mount fails the test).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.cli import SCRIPT, run

BUILD_OUTPUTS = {
    f"{stem}.{suffix}"
    for stem in ("plan-graph-all", "plan-graph", "plan-graph-inferred", "statistics", "monitoring")
    for suffix in ("ttl", "nt", "jsonld", "rdf")
}


@contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        reason = f"cannot mount a tmpfs (needs root): {mounted.stderr.decode().strip()}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_source_that_cannot_be_read_is_named_with_the_reason(tmp_path):
    for source, reason in ((tmp_path, "is a folder"), (tmp_path / "file.txt" / "plan.txt", "cannot read")):
        (tmp_path / "file.txt").write_text("x")
        result = run("build", str(source), "--out", str(tmp_path / "o"))
        assert result.returncode == 1 and reason in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert str(source) in result.stderr and not (tmp_path / "o").exists()


def test_an_empty_source_is_refused(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"\n \n")
    result = run("build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o"))
    assert result.returncode == 1 and "empty.txt: is empty" in result.stderr


def test_a_read_only_output_folder_fails_clearly_and_keeps_what_is_there(tmp_path):
    folder = tmp_path / "ro"
    with tmpfs(folder, "size=32m"):  # the outputs (10 MB) twice, while the new ones are written beside the old
        assert run("build", "--out", str(folder)).returncode == 0
        before = outputs(folder)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        result = run("build", "--base", "https://example.org/other/", "--out", str(folder))
        assert result.returncode == 3, result.stderr
        assert "cannot write" in result.stderr and "Read-only file system" in result.stderr
        assert "Traceback" not in result.stderr
        assert outputs(folder) == before


def test_a_full_disk_fails_clearly_leaves_no_partial_file_and_keeps_the_old_outputs(tmp_path):
    folder = tmp_path / "full"
    with tmpfs(folder, "size=32m"):
        assert run("build", "--out", str(folder)).returncode == 0
        before = outputs(folder)
        free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
        (folder / "filler").write_bytes(b"\0" * (free - 64 * 1024))  # 64 KiB left: less than one output
        before["filler"] = (folder / "filler").read_bytes()
        result = run("build", "--base", "https://example.org/other/", "--out", str(folder))
        assert result.returncode == 3, result.stderr
        assert "cannot write" in result.stderr and "No space left on device" in result.stderr
        assert "Traceback" not in result.stderr
        assert outputs(folder) == before  # no .tmp file left, every old output as it was


@pytest.mark.slow
@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_build_leaves_the_old_outputs_or_the_new_ones_never_a_mix(tmp_path, signal_number):
    out = tmp_path / "o"
    assert run("build", "--out", str(out)).returncode == 0
    new = outputs(out)
    assert run("build", "--base", "https://example.org/other/", "--out", str(out)).returncode == 0
    old = outputs(out)
    assert old.keys() == new.keys() and all(old[name] != new[name] for name in old if name.endswith(".nt"))
    codes = []
    for delay in (0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.5, 3.0):  # before, during and (likely) after the work
        process = subprocess.Popen([str(SCRIPT), "build", "--out", str(out)], stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        process.send_signal(signal_number)
        _, stderr = process.communicate(timeout=120)
        codes.append(process.returncode)
        now = outputs(out)
        assert now in (old, new), f"after {delay} s: a mix of old and new outputs, or a stray file: {sorted(now)}"
        if before_the_first_line(process.returncode, stderr, signal_number):
            continue  # a loaded machine was still starting Python: Python's window, before any line of ours
        assert "Traceback" not in stderr, stderr
        if process.returncode == 130:  # stopped by our handler: it says so
            assert "interrupted" in stderr, stderr
        elif process.returncode != 0:
            # the signal came while Python was starting or ending, outside our handler: killed by it
            assert process.returncode == -signal_number, (process.returncode, stderr)
        else:
            assert now == new
        if now == new:  # back to the old outputs for the next round
            assert run("build", "--base", "https://example.org/other/", "--out", str(out)).returncode == 0
    assert 130 in codes  # at least one run was really interrupted


def test_a_signal_as_the_run_ends_is_an_interruption_not_a_traceback(monkeypatch, capsys):
    # found by the test above: a SIGTERM after the build's last line, as the `with` block that handles signals
    # was being left, escaped as a KeyboardInterrupt with its traceback. Here the signal lands exactly there.
    import contextlib

    from plan_graph import cli, interrupts

    real = interrupts.stopping_on_signals

    @contextlib.contextmanager
    def ending_with_a_signal(received, enabled=True):
        with real(received, enabled):
            yield
            signal.raise_signal(signal.SIGTERM)  # after the run's last line, before the handlers go back

    monkeypatch.setattr(interrupts, "stopping_on_signals", ending_with_a_signal)
    previous = signal.getsignal(signal.SIGTERM)
    assert cli.main(["queries"]) == 130
    assert (
        capsys.readouterr().err.strip().splitlines()[-1] == "plan-graph: interrupted; no output was left half-written"
    )
    assert signal.getsignal(signal.SIGTERM) == previous  # the handlers are given back


@pytest.mark.slow
@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_the_command_is_starting_ends_it_with_one_line_and_exit_130(tmp_path, signal_number):
    # Every 10 ms over the first 0.3 s: the imports, the argument parsing and the start of the work. (The first
    # ~16 ms are the interpreter's own start and the console-script wrapper's `import re`, before any line of
    # plan-graph runs: console.py's docstring. 40 ms leaves that window behind on a loaded 2-core machine.)
    out = tmp_path / "o"
    interrupted = 0
    for step in range(4, 31):
        delay = step / 100
        process = subprocess.Popen(
            [str(SCRIPT), "build", "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        time.sleep(delay)
        process.send_signal(signal_number)
        _, stderr = process.communicate(timeout=120)
        if before_the_first_line(process.returncode, stderr, signal_number):
            continue  # a loaded machine was still starting Python or reading console.py: Python's window
        assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, (delay, stderr)
        if process.returncode == 0:  # a fast machine finished the build first
            continue
        interrupted += 1
        assert process.returncode == 130, (delay, process.returncode, stderr)
        # one line says so (the build's own warnings may come before it, once its work is done)
        assert stderr.count("interrupted") == 1 and "interrupted" in stderr.splitlines()[-1], (delay, stderr)
        assert not out.exists() or set(outputs(out)) <= BUILD_OUTPUTS
    assert interrupted  # at least one signal fell in the program's own start, after its handler


def before_the_first_line(returncode: int, stderr: str, signal_number: int) -> bool:
    """Whether a signal came before any line of plan-graph ran (console.py's handler not yet installed): the
    interpreter's start, or console.py still being read and compiled (no bytecode cached yet); Python handles
    those, and console.py's docstring says so."""
    if returncode == -signal_number and not stderr:  # SIGTERM's default action, or SIGINT's before Python's
        return True
    if "KeyboardInterrupt" not in stderr:
        return False
    # no frame of the package at all: the interpreter importing its own modules (site, or the console-script
    # wrapper's `import re`); or the wrapper importing console.py, none of whose lines ran yet
    return "plan_graph/" not in stderr or (
        "from plan_graph.console import main" in stderr and 'plan_graph/console.py", line' not in stderr
    )


INTERRUPT_IN_A_FINALIZER = """
import os, signal, sys
from plan_graph import cli
from plan_graph.pipeline import build as pipeline

real_build = pipeline.build


class SendsCtrlC:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10_000):  # Python runs the handler here, inside __del__, where it cannot raise
            pass


def build(*args, **kwargs):
    SendsCtrlC()  # collected at once
    return real_build(*args, **kwargs)


pipeline.build = build
sys.exit(cli.main(["build", "--out", sys.argv[1]]))
"""


def test_an_interrupt_python_cannot_raise_still_stops_the_run_without_a_traceback(tmp_path):
    # Found by the test above: a Ctrl-C landing in a callback of the import machinery printed
    # "Exception ignored ... Traceback ... KeyboardInterrupt" and the build went on to exit 0.
    out = tmp_path / "o"
    stopped_without_a_traceback(INTERRUPT_IN_A_FINALIZER, out)
    written = set(outputs(out)) if out.exists() else set()
    assert written in (set(), BUILD_OUTPUTS), written


INTERRUPT_WHILE_A_CLASS_IS_MADE = """
import os, signal, sys
from plan_graph import cli
from plan_graph.pipeline import build as pipeline

real_build = pipeline.build


class SendsCtrlC:
    def __set_name__(self, owner, name):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10_000):  # Python runs the handler here; it wraps what it raises in a RuntimeError
            pass


def build(*args, **kwargs):
    type("Made", (), {"field": SendsCtrlC()})  # as importing a module with a dataclass does
    return real_build(*args, **kwargs)


pipeline.build = build
sys.exit(cli.main(["build", "--out", sys.argv[1]]))
"""


def test_an_interrupt_while_a_class_is_made_stops_the_run_without_a_traceback(tmp_path):
    # Found by the test of interrupted builds: a Ctrl-C while importing plan_graph.stores.remote (its dataclass's
    # fields) came back as "RuntimeError: Error calling __set_name__" and a traceback
    out = tmp_path / "o"
    stopped_without_a_traceback(INTERRUPT_WHILE_A_CLASS_IS_MADE, out)
    assert not out.exists()


def stopped_without_a_traceback(script: str, out) -> None:
    """Runs a script that builds into `out` and interrupts itself: exit 130, a message, no traceback."""
    result = subprocess.run([sys.executable, "-c", script, str(out)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 130, result.stderr
    assert "interrupted" in result.stderr and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "SELECT * WHERE { ?a a pg:Activity } LIMIT 1",
            "the prefix 'pg:' is not declared (line 1, column 23); add PREFIX pg: <https://w3id.org/plan-graph/ontology#>",
        ),
        (
            "PREFIX pg: <https://w3id.org/plan-graph/ontology#>\nSELECT ?t WHERE { ?a a pg:Activity ; dct:title ?t }",
            "the prefix 'dct:' is not declared (line 2, column 38); add PREFIX dct: <http://purl.org/dc/terms/>",
        ),
        (
            "SELECT * WHERE { ?a a foo:Bar }",
            "the prefix 'foo:' is not declared (line 1, column 23); add a PREFIX line for it",
        ),
    ],
)
def test_an_undeclared_prefix_is_one_line_naming_it_and_its_prefix_line(capsys, query, message):
    """#30: Oxigraph lists every character it could have read instead; the user reads which prefix is missing."""
    from plan_graph.cli import main

    assert main(["sparql", query]) == 2
    assert capsys.readouterr().err == f"plan-graph: the query: malformed query: {message}\n"
