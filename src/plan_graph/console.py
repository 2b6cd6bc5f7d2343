"""The console script `plan-graph` (and `python -m plan_graph`): Ctrl-C is quiet from the program's first line.

The handler is installed before anything slow is imported (this module needs only `os`, `signal` and `sys`,
which the console-script wrapper has already loaded), so that a signal while the command is still starting
(importing, parsing its arguments) ends it with exit 130 and one line instead of a traceback. Nothing has been
opened or written then, so the process ends at once, without unwinding half-done imports. The command itself
installs its own handler, which stops a run through its clean-up paths (`interrupts.stopping_on_signals`), and
gives this one back as the run ends; once main() has flushed the output, a late signal ends the process silently
by the signal's default action.

A signal in the first milliseconds of the interpreter's own start, before any of the program's code runs, is
Python's to handle; bench and tests measure that window (about 15 ms on a 2-core machine).
"""

from __future__ import annotations

import os
import signal
import sys

EXIT_INTERRUPTED = 130
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _stop_while_starting(signum: int, frame: object) -> None:
    os.write(2, b"plan-graph: interrupted while starting; nothing was written\n")
    os._exit(EXIT_INTERRUPTED)


def _stop_once_started(signum: int, frame: object) -> None:
    # in force while cli.main parses the arguments, and again once the command's own handler gives it back as
    # the run ends: nothing written yet, or the run's files written whole (as cli.main says too)
    os.write(2, b"plan-graph: interrupted; no output was left half-written\n")
    os._exit(EXIT_INTERRUPTED)


def main() -> int:
    for signum in _SIGNALS:
        signal.signal(signum, _stop_while_starting)
    from plan_graph.cli import main as run

    for signum in _SIGNALS:
        signal.signal(signum, _stop_once_started)
    code = run()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`plan-graph query … | head`): as cli.main, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if code == EXIT_INTERRUPTED:
        # interrupted, and said so: the process ends now, its outputs whole or untouched (files.py). Python's own
        # exit would join the build's second thread, which an interrupt landing inside a lock of concurrent.futures
        # can leave waiting forever (a build hung for two minutes once in the tests of signals while starting)
        sys.stderr.flush()
        os._exit(code)
    # The run is over and its output flushed: a signal now ends the process by its default action, with no
    # Python handler left to print "Exception ignored … KeyboardInterrupt" while the interpreter shuts down.
    for signum in _SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    return code
