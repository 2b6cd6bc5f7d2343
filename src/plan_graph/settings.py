"""Every setting of plan-graph, declared once: its default, its help, and the option or environment variable that
sets it.

The command line makes its options from these declarations (arguments.py) and one Settings object from what it
was given and the environment (`Settings.of`); the stores, the server and the release read that object, and a
program that uses plan-graph as a library makes its own (`Settings()`, or `Settings.of({...})`). Nothing else
reads the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from plan_graph.errors import UsageError


def _about(help: str, *, option: str = "", env: str = "", metavar: str = "") -> dict[str, str]:
    """A setting's declaration beside its default: its help (as the command line shows it), and the command-line
    option (default: --NAME, with dashes) or the environment variable that sets it."""
    return {"help": help, "option": option, "env": env, "metavar": metavar}


@dataclass(frozen=True)
class Settings:
    # where things are named: fixed for the whole run (iri_base() below)
    iri_base: str = field(
        default="https://w3id.org/plan-graph/",
        metadata=_about(
            "the base of every IRI plan-graph mints (default: https://w3id.org/plan-graph/): its vocabulary "
            "(IRI ontology#…), shapes, the plan's and the actors' IRIs (IRI ro/…); queries, pages and the release "
            "use the same",
            option="--base",
            env="PLAN_GRAPH_BASE",
            metavar="IRI",
        ),
    )
    # where the data is read from
    endpoint: str | None = field(
        default=None, metadata=_about("a remote SPARQL endpoint to read instead of the embedded store")
    )
    graphs: tuple[str, ...] = field(
        default=(),
        metadata=_about(
            "with --endpoint: a graph to read as the default graph (repeatable; default: the graphs `plan-graph "
            "publish` writes); the graphs given replace all of those",
            option="--graph",
            metavar="IRI",
        ),
    )
    plan_graph: str | None = field(
        default=None,
        metadata=_about(
            "with --endpoint: the plan's graph, where `publish --graph` put it; the other graphs publish writes are "
            "read beside it",
            metavar="IRI",
        ),
    )
    folder: Path | None = field(
        default=None, metadata=_about("an Oxigraph folder to keep the graph in (made on first use)", option="--store")
    )
    reference: Path | None = field(
        default=None,
        metadata=_about(
            "load the RDF files of DIR (e.g. EU tables) into the embedded store first",
            option="--with-reference",
            metavar="DIR",
        ),
    )
    rounds: Path | None = field(
        default=None,
        metadata=_about(
            "read the reporting rounds of DIR too (`plan-graph monitor import` writes them)", metavar="DIR"
        ),
    )

    # the SPARQL endpoint and its limits
    host: str = field(default="127.0.0.1", metadata=_about("address to listen on"))
    port: int = field(default=8000, metadata=_about("port"))
    public_base: str | None = field(
        default=None, metadata=_about("this server's public address, for links (default: http://HOST:PORT/)")
    )
    # where the release says its files are (`plan-graph export`)
    download_base: str | None = field(
        default=None,
        metadata=_about(
            "where the release's files and /sparql will be published: the base of every download and access URL "
            "(default: next to the IRIs, under the IRI base)",
            metavar="URL",
        ),
    )

    timeout: float = field(default=10.0, metadata=_about("seconds a query may run"))
    max_rows: int = field(default=10_000, metadata=_about("results sent at most"))
    max_request: int = field(
        default=64 * 1024, metadata=_about("bytes of query accepted (query string or request body)")
    )
    read_timeout: float = field(default=10.0, metadata=_about("seconds a client may take to send a request body"))
    max_connections: int = field(default=500, metadata=_about("open connections at once; more are answered 503"))
    workers: int = field(default=2, metadata=_about("query worker processes"))
    allowed_services: tuple[str, ...] = field(
        default=(),
        metadata=_about(
            "an endpoint that SERVICE may call (repeatable; default: none)", option="--allow-service", metavar="URL"
        ),
    )

    # from the environment (and for the two folders above, an option)
    cache: Path | None = field(
        default=None,
        metadata=_about(
            "the graph cache's folder (default: $XDG_CACHE_HOME/plan-graph, or ~/.cache/plan-graph)",
            env="PLAN_GRAPH_CACHE",
        ),
    )
    xdg_cache_home: Path | None = field(default=None, metadata=_about("where user caches go", env="XDG_CACHE_HOME"))
    dcat_shapes: Path | None = field(
        default=None, metadata=_about("folder of DCAT-AP SHACL shapes", option="--shapes", env="PLAN_GRAPH_DCAT_SHAPES")
    )
    eu_vocabularies: Path | None = field(
        default=None,
        metadata=_about("folder of EU authority tables", option="--vocabularies", env="PLAN_GRAPH_EU_VOCABULARIES"),
    )
    source_date_epoch: int | None = field(
        default=None,
        metadata=_about("the release's date, in seconds since 1970 (reproducible builds)", env="SOURCE_DATE_EPOCH"),
    )
    password: str | None = field(  # never printed, even by accident
        default=None,
        repr=False,
        metadata=_about("the password of `plan-graph publish --user`", env="PLAN_GRAPH_PASSWORD"),
    )

    @property
    def base(self) -> str:
        """The server's address for links: --public-base, else http://HOST:PORT/."""
        if self.public_base:
            return self.public_base if self.public_base.endswith("/") else self.public_base + "/"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def cache_dir(self) -> Path:
        return self.cache or (self.xdg_cache_home or Path.home() / ".cache") / "plan-graph"

    @classmethod
    def of(cls, given: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings given (by name; None or absent: not given), else the environment's, else the defaults."""
        given = given or {}
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for declared in fields(cls):
            value, variable = given.get(declared.name), declared.metadata["env"]
            raw = environ.get(variable) if variable else None
            if value is None and raw is not None and (raw or "str" in str(declared.type)):  # "" sets a text only
                value = _typed(variable, str(declared.type), raw)
            if value is not None:
                values[declared.name] = tuple(value) if isinstance(value, list) else value
        return cls(**values)


DEFAULTS = Settings()  # every setting at its default: what a function's own default reads


def environment() -> Settings:
    """The settings of the environment alone (everything else at its default)."""
    return Settings.of()


def iri_base() -> str:
    """The base of every IRI minted in this run (PLAN_GRAPH_BASE, which `--base` sets, or the default's), read once:
    the vocabulary's terms are module constants, made when their modules are imported."""
    global _IRI_BASE
    if _IRI_BASE is None:
        _IRI_BASE = checked_iri_base(environment().iri_base)
    return _IRI_BASE


def use_iri_base(base: str) -> None:
    """Mint every IRI of this run under `base` (what `--base` does, before anything mints one); the environment
    carries it to the processes this one starts (the server's query workers)."""
    base = checked_iri_base(base)
    if _IRI_BASE is not None and base != _IRI_BASE:
        raise UsageError(f"the IRI base is already {_IRI_BASE!r} in this process; start a new one for {base!r}")
    os.environ[_IRI_BASE_VARIABLE] = base
    iri_base()


def checked_iri_base(base: str) -> str:
    """`base`, or an error naming it when it is not an absolute http(s) IRI ending in '/'."""
    if not base.endswith("/"):
        raise UsageError(f"base IRI must be an absolute http(s) IRI ending in '/': {base!r}")
    return checked_base(base, "base IRI must be an absolute http(s) IRI ending in '/'")


def checked_base(url: str, rule: str) -> str:
    """`url`, ending in '/', or the error `rule: url` when it is not an absolute http(s) IRI that a path can follow
    (no query, no fragment, no character an IRI forbids)."""
    parts = urlsplit(url)
    allowed = not any(c in url for c in ' <>"{}|\\^`')
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment or not allowed:
        raise UsageError(f"{rule}: {url!r}")
    return url if url.endswith("/") else url + "/"


_IRI_BASE: str | None = None
_IRI_BASE_VARIABLE = "PLAN_GRAPH_BASE"


def option_of(name: str) -> str:
    """A setting's command-line option: --graph for graphs, --max-rows for max_rows …"""
    declared = next(f for f in fields(Settings) if f.name == name)
    return declared.metadata["option"] or "--" + name.replace("_", "-")


def environment_variables() -> list[tuple[str, str]]:
    """(variable, what it sets) for each setting the environment may give."""
    return [(f.metadata["env"], f.metadata["help"]) for f in fields(Settings) if f.metadata["env"]]


def declaration(name: str) -> dict[str, Any]:
    """A setting's default, type, help and metavar, as the command line declares its option."""
    declared = next(f for f in fields(Settings) if f.name == name)
    return {"default": declared.default, "type": declared.type, **declared.metadata}


def _typed(variable: str, kind: str, raw: str) -> object:
    if "Path" in kind:
        return Path(raw)
    if kind.startswith("int"):
        try:
            return int(raw)
        except ValueError:
            raise UsageError(f"the environment variable {variable}={raw!r} is not a whole number") from None
    return raw
