"""Ctrl-C and SIGTERM during a command: the run stops through its clean-up paths, and says so once.

console.py covers the start (imports, parsing); this covers the run itself.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def stopping_on_signals(received: list[int], enabled: bool = True) -> Iterator[None]:
    """SIGINT and SIGTERM stop a run through the clean-up paths, so that nothing partial is left.

    `received` records the signals received. It is the caller's: an interrupt can land as the block ends, in
    the `with` statement's own exit, before this code resumes, and the caller catching it there must know it
    was a signal. An interrupt that lands in a callback Python cannot raise from is recorded and kept out of
    stderr (Python would print a traceback for it and carry on). The previous handlers come back afterwards
    (main() also runs inside other programs, such as the tests). Not enabled for `serve`, whose server stops
    gracefully on these signals by itself."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may handle signals
        return
    if not enabled:  # Python's own handling, which the server's graceful stop expects
        with handlers_set({signal.SIGINT: signal.default_int_handler, signal.SIGTERM: signal.SIG_DFL}):
            yield
        return

    def interrupt(signum: int, frame: object) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    def unraisable(report: sys.UnraisableHookArgs) -> None:
        if not (received and isinstance(report.exc_value, KeyboardInterrupt)):
            previous_hook(report)

    previous_hook, sys.unraisablehook = sys.unraisablehook, unraisable
    try:
        with handlers_set({signal.SIGINT: interrupt, signal.SIGTERM: interrupt}):
            yield
    finally:
        sys.unraisablehook = previous_hook


@contextmanager
def handlers_set(handlers: dict[int, Any]) -> Iterator[None]:
    """These signal handlers for the duration; the previous ones back afterwards."""
    previous = {signum: signal.signal(signum, handler) for signum, handler in handlers.items()}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
