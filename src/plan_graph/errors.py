"""The one family of errors plan-graph reports, and what each kind means to a shell and to an HTTP client.

Every error a user can meet is a PlanGraphError whose message names what and where. Its kind says what went
wrong; the command line maps the kind to an exit code (`exit_code`) and the server to an HTTP status
(`http_status`), each in one place (cli.main, web.server's exception handler).

    kind                    what went wrong                                       exit   HTTP
    InputError              a file, its encoding, a row of the plan, a table      1      400
    UsageError              an option, a parameter, a name                        2      400
    InvalidQueryError       a query that is not SPARQL 1.1, or not allowed here   2      400
    ValidationError         the graph does not conform to the shapes              1      500
    StoreUnreachableError   the triple store did not answer                       1      504
    StoreRefusedError       the triple store answered with an error               1      502
    QueryTimeoutError       a query ran past its time limit                       1      503
    OutputError             a file could not be written                           3      500
"""

from __future__ import annotations

from typing import ClassVar

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class PlanGraphError(Exception):
    """An error reported to the user: its message says what and where."""

    exit_code: ClassVar[int] = EXIT_INVALID
    default_http_status: ClassVar[int] = 500

    @property
    def http_status(self) -> int:
        return self.default_http_status

    def about(self, subject: str) -> PlanGraphError:
        """The same error, its message prefixed with what it is about ("query 'activities': …")."""
        self.args = (f"{subject}: {self.args[0] if self.args else ''}", *self.args[1:])
        return self

    def followed_by(self, note: str) -> PlanGraphError:
        """The same error, with a line added to its message (what happened because of it, what to do)."""
        self.args = (f"{self.args[0] if self.args else ''}\n{note}", *self.args[1:])
        return self


class InputError(PlanGraphError):
    """What was given cannot be read: a file, its encoding, a row of the plan, a curated table."""

    default_http_status = 400


class UsageError(PlanGraphError):
    """An option, a parameter or a name is wrong; the message says what is valid."""

    exit_code = EXIT_USAGE
    default_http_status = 400


class InvalidQueryError(UsageError):
    """A query that is not SPARQL 1.1 (the message has the parser's position), or that is not allowed here."""


class ValidationError(PlanGraphError):
    """The graph does not conform to the shapes (the report says where), or the reasoner found it inconsistent."""


class StoreError(PlanGraphError):
    """A triple store failed; `delivered` says whether the request may have reached it."""

    def __init__(
        self, message: str, *, transient: bool = False, status: int | None = None, delivered: bool = True
    ) -> None:
        super().__init__(message)
        self.transient = transient  # worth retrying: a refused connection, a time-out, 429/502/503/504
        self.status = status  # the HTTP status the store answered with, if it answered
        self.delivered = delivered  # False when the request certainly never reached the store

    @property
    def http_status(self) -> int:
        return 504 if self.status is None else 502


class StoreUnreachableError(StoreError):
    """The store did not answer: not running, no route, or no answer in time."""


class StoreRefusedError(StoreError):
    """The store answered with an error status; a 400 means it found the query malformed."""

    @property
    def exit_code(self) -> int:  # type: ignore[override]
        return EXIT_USAGE if self.status == 400 else EXIT_INVALID

    @property
    def http_status(self) -> int:
        return 400 if self.status == 400 else 502


class QueryTimeoutError(PlanGraphError):
    """A query ran past its time limit and was stopped."""

    default_http_status = 503


class OutputError(PlanGraphError):
    """A file could not be written; nothing was left half-written and the previous files are as they were."""

    exit_code = EXIT_OUTPUT
