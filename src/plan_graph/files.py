"""Writing files all or nothing: what every command that writes files relies on.

Every file is first written to a temporary file beside its target and moved into place only when all of them
were written, so a failure leaves no half-written file and keeps the old ones.
"""

from __future__ import annotations

import os
import re
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from plan_graph.errors import OutputError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(files: dict[Path, bytes], overwrite: bool = True) -> None:
    """Write every file, or none: temporary files first, then one rename each.

    Nothing is left behind on any failure, an interruption (Ctrl-C, SIGTERM) included, and the renames run
    with those signals held back, so a folder never holds half old and half new outputs. Without `overwrite`, a
    file that is already there (made meanwhile by another process, say) stops it all: nothing is written.
    """
    staged: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            with _signals_held():  # an interruption between making the file and noting it would leave it behind
                handle, temporary_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
                staged.append((Path(temporary_name), target))
            os.chmod(temporary_name, 0o666 & ~_umask())  # mkstemp makes 0600 files; outputs are for sharing
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
        with _signals_held():
            for temporary, target in staged:
                if overwrite:
                    os.replace(temporary, target)
                else:
                    os.link(temporary, target)  # fails if the target is there: nothing is written over
                    placed.append(target)
                    temporary.unlink()
    except BaseException as error:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        for target in placed:
            target.unlink(missing_ok=True)
        if isinstance(error, FileExistsError):
            raise OutputError(f"{error.filename2 or error.filename}: already there; nothing was written") from error
        if not isinstance(error, OSError):
            raise
        where = error.filename or (staged[-1][1] if staged else next(iter(files), ""))
        raise OutputError(
            f"cannot write {where}: {error.strerror or error}; nothing was written, the previous files are as they were"
        ) from error


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (they arrive when the block ends); a no-op off the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a cell the project writes into a
# CSV file that starts so is written with a leading apostrophe, which makes the spreadsheet show it as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet will not run: a leading apostrophe before what it would read as a formula. A
    number (-3, +1.5e3) is left as it is: a spreadsheet reads it as the number."""
    if cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def unspreadsheet_safe(cell: str) -> str:
    """The cell as it was before spreadsheet_safe (what the project reads back from a CSV it wrote)."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell[1:]):
        return cell[1:]
    return cell
