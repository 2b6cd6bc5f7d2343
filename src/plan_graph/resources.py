"""Where the project's bundled files live: the plan text, curated tables, ontology, shapes, queries, rules.

A wheel carries them inside the package (see pyproject.toml); a source checkout keeps them at the
top of the repository, where people read and edit them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def project_dir(name: str) -> Path:
    """The bundled folder `name` ("data", "ontology", "shapes", "queries", "rules")."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found next to {_PACKAGE_DIR}")


def bundled_plan() -> Path:
    return project_dir("data") / "hg-861-2018-plan-2018-2020.txt"
