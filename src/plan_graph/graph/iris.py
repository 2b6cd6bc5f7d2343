"""The IRIs the project mints for the plan's resources, from templates stated once (names.py has the constants).

The plan's resources are minted under the IRI base's ro/ (default https://w3id.org/plan-graph/ro/), e.g.
…/hg-861-2018/activity/1.1.3; actors are not plan-specific: …/actor/ANITP. The shapes' IRI patterns
(shapes/iris.ttl) are tested against these templates (tests/graph/test_mapping.py), and the CSVW tables' URL
templates are made from them (`Iris(...).activity("{notation}")`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from plan_graph.errors import UsageError
from plan_graph.graph.names import (
    ACTORS_GRAPH,
    DATA_GRAPHS,
    DEFAULT_BASE,
    EXTERNAL_ASSESSMENTS_GRAPH,
    INFERRED_GRAPH,
    MINTED_ROOT,
    ONTOLOGY,
    PATHS,
    PLAN_GRAPH,
    PLAN_SLUG,
    STATISTICS_GRAPH,
    actors_graph,
    inferred_graph,
    minted,
    monitoring_graph,
    plan_graph,
    statistics_graph,
)
from plan_graph.settings import checked_iri_base


class BaseIriError(UsageError):
    pass


def _checked(base: str) -> str:
    try:
        return checked_iri_base(base)
    except UsageError as error:
        raise BaseIriError(str(error)) from None


@dataclass(frozen=True)
class Iris:
    """Every IRI the project mints, from one configurable base."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        _checked(self.base)

    def template(self, kind: str, **values: object) -> str:
        """The IRI of that kind, or its template: `template("activity", notation="{activity}")` for CSVW."""
        return minted(kind, self.base, **values)

    def in_plan(self, path: str) -> ox.NamedNode:
        """An IRI under the plan's own: `in_plan("translation/en")`."""
        return ox.NamedNode(f"{self.base}{PLAN_SLUG}/{path}")

    @property
    def plan(self) -> ox.NamedNode:
        return ox.NamedNode(self.template("plan"))

    @property
    def act(self) -> ox.NamedNode:
        return ox.NamedNode(self.template("act"))

    @property
    def source_text(self) -> ox.NamedNode:
        return ox.NamedNode(self.template("source-text"))

    def line(self, number: int) -> ox.NamedNode:
        return ox.NamedNode(self.template("line", number=number))

    def area(self, number: int) -> ox.NamedNode:
        return ox.NamedNode(self.template("area", number=number))

    def objective(self, notation: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("objective", notation=notation))

    def activity(self, notation: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("activity", notation=notation))

    def indicator(self, notation: str, position: int) -> ox.NamedNode:
        return ox.NamedNode(self.template("indicator", notation=notation, position=position))

    def deadline(self, notation: str, position: int) -> ox.NamedNode:
        return ox.NamedNode(self.template("deadline", notation=notation, position=position))

    def resource(self, notation: str, position: int) -> ox.NamedNode:
        return ox.NamedNode(self.template("resource", notation=notation, position=position))

    def actor_item(self, notation: str, role: str, position: int) -> ox.NamedNode:
        return ox.NamedNode(self.template("actor-item", notation=notation, role=role, position=position))

    def correction(self, position: int) -> ox.NamedNode:
        return ox.NamedNode(self.template("correction", position=position))

    def abbreviation(self, code: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("abbreviation", code=code.replace(" ", "-")))

    def system(self, system_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("system", id=system_id))

    def actor(self, actor_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("actor", id=actor_id))

    def dataset(self, kind: str) -> ox.NamedNode:
        """A dataset of the release, by its template (datasets.DatasetDescription.kind)."""
        return ox.NamedNode(self.template(kind))

    def document(self, document_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("document", id=document_id))

    def publisher(self, publisher_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("publisher", id=publisher_id))

    @property
    def statistics(self) -> ox.NamedNode:
        return ox.NamedNode(self.template("statistics"))

    @property
    def statistics_structure(self) -> ox.NamedNode:
        return ox.NamedNode(self.template("statistics-structure"))

    @property
    def statistics_of_periods(self) -> ox.NamedNode:
        return ox.NamedNode(self.template("statistics-of-periods"))

    @property
    def statistics_of_periods_structure(self) -> ox.NamedNode:
        return ox.NamedNode(self.template("statistics-of-periods-structure"))

    def observation(
        self, measure: str, year: int | str, sex: str, age: str, form: str, document: str, citizenship: str = "all"
    ) -> ox.NamedNode:
        """A figure of the cube by its key; `year` a year (2019) or a period of years ("2016-2019"). A figure of all
        citizenships has no citizenship in its IRI (its IRI was minted before the dimension was added)."""
        key = {"measure": measure, "year": year, "sex": sex, "age": age, "form": form, "document": document}
        if citizenship == "all":
            return ox.NamedNode(self.template("observation", **key))
        return ox.NamedNode(self.template("observation-of-citizens", citizenship=citizenship, **key))

    def monitoring_round(self, round_name: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("monitoring-round", round=round_name))

    def sentence_appearance(self, assessment_id: str, document: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("sentence-appearance", id=assessment_id, document=document))

    def external_assessment(self, assessment_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("external-assessment", id=assessment_id))

    def submission(self, round_name: str, reporter: str, revision: int) -> ox.NamedNode:
        return ox.NamedNode(self.template("submission", round=round_name, reporter=reporter, revision=revision))

    def self_report(self, round_name: str, notation: str, reporter: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("self-report", round=round_name, notation=notation, reporter=reporter))

    def progress_value(self, round_name: str, notation: str, position: int, reporter: str) -> ox.NamedNode:
        return ox.NamedNode(
            self.template("progress-value", round=round_name, notation=notation, position=position, reporter=reporter)
        )

    def series_note(self, note_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("series-note", id=note_id))

    def recommendation(self, recommendation_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("recommendation", id=recommendation_id))

    def answer(self, recommendation_id: str, notation: str) -> ox.NamedNode:
        return ox.NamedNode(self.template("answer", id=recommendation_id, notation=notation))

    @property
    def plan_graph(self) -> str:
        return plan_graph(self.base)

    @property
    def actors_graph(self) -> str:
        return actors_graph(self.base)

    @property
    def inferred_graph(self) -> str:
        return inferred_graph(self.base)

    @property
    def statistics_graph(self) -> str:
        return statistics_graph(self.base)

    def monitoring_graph(self, round_name: str) -> str:
        return monitoring_graph(round_name, self.base)


__all__ = [
    "ACTORS_GRAPH",
    "DATA_GRAPHS",
    "DEFAULT_BASE",
    "EXTERNAL_ASSESSMENTS_GRAPH",
    "INFERRED_GRAPH",
    "MINTED_ROOT",
    "ONTOLOGY",
    "PATHS",
    "PLAN_GRAPH",
    "STATISTICS_GRAPH",
    "BaseIriError",
    "Iris",
]
