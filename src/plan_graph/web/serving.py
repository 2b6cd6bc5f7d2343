"""Running `plan-graph serve`: its listening socket, taken before anything else starts, then uvicorn on it.

Binding first means a port already in use is reported at once, before the graph is loaded and the query
workers are started, and that no other program can take the port in between.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable

from plan_graph.errors import UsageError
from plan_graph.pipeline.plan_store import open_plan_store
from plan_graph.settings import Settings
from plan_graph.web.server import create_app

# Idle keep-alive connections are closed after 15 s, later than httpx gives them up (5 s, uvicorn's own default
# too): when both sides time out together, a client may send a request on a connection the server is closing
# and see it fail (the suspect of one ReadError in 27,000 requests under load).
KEEP_ALIVE = 15
GRACEFUL_SHUTDOWN = 5  # seconds the requests in flight get to finish on SIGTERM or Ctrl-C


class ListenError(UsageError):
    """The server cannot listen where it was asked to; the message says why and what to do."""


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port (not yet listening: uvicorn does that); ListenError if it cannot be."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except OSError as error:
        reason = f"{host!r} is not an address of this machine ({error})"
        raise ListenError(f"cannot listen on {host}:{port}: {reason}") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a restart need not wait
    try:
        sock.bind(address)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise ListenError(
                f"port {port} on {host} is already in use (another server?): stop it, or choose another with --port"
            ) from error
        raise ListenError(f"cannot listen on {host}:{port}: {error.strerror or error}") from error
    sock.set_inheritable(True)
    return sock


def serve(
    settings: Settings,
    ready: Callable[[str], None] = lambda base: None,
    warn: Callable[[str], None] = lambda line: None,
) -> None:
    """Serves the plan from the store the settings name until SIGINT or SIGTERM, then stops gracefully.

    The port is taken first, then the store opened (what its default graphs lack said to `warn`) and the
    application made; `ready` hears the address."""
    import uvicorn

    with listening_socket(settings.host, settings.port) as sock:
        store = open_plan_store(settings)
        for warning in store.check_default_graphs():
            warn(warning)
        app = create_app(settings, store)
        ready(settings.base)
        # no access log: at log level "warning" it printed nothing, yet uvicorn still made each line's parts
        server_config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN,
            limit_concurrency=settings.max_connections,
            timeout_keep_alive=KEEP_ALIVE,
        )
        uvicorn.Server(server_config).run(sockets=[sock])
