"""Reading a reporting round's files back into records (text/reports.py), with Oxigraph alone.

`read_submission` reads a body's submission (what graph/submissions.py writes): to carry its history into the
next revision, to pre-fill a form, to list a period's history. `read_whole_round` reads a round imported before
submissions existed (one graph for the period, `PERIOD.nt`, the round dated and sourced as a whole) as one
submission per body it holds. A damaged file is a RoundFileError naming the file and the line.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from plan_graph.errors import InputError
from plan_graph.graph.names import DEFAULT_BASE, PREFIXES, minted
from plan_graph.text.reports import IndicatorValue, Revision, SelfReport, Source, Submission

PG, PROV, DCT, SKOS = PREFIXES["pg"], PREFIXES["prov"], PREFIXES["dct"], PREFIXES["skos"]
RDF_TYPE = PREFIXES["rdf"] + "type"
_SOURCE = re.compile(r"^(?P<name>.*) \(SHA-256 (?P<digest>[0-9a-f]{64})\)$")


class RoundFileError(InputError):
    """A reporting round's file that is damaged, or not what `plan-graph monitor import` writes."""


def parse_error(where: str, error: SyntaxError) -> RoundFileError:
    """One line for a file Oxigraph could not read: the file, the line, and why."""
    reason = str(error.msg).split(": ", 1)[-1]
    return RoundFileError(f"{where}, line {error.lineno}: damaged, not N-Triples ({reason})")


class _Reader:
    """The statements of one file, asked by subject and predicate."""

    def __init__(self, ntriples: bytes, where: str, base: str) -> None:
        self.where = where
        self.base = base
        self.store = ox.Store()
        try:
            self.store.load(ntriples, format=ox.RdfFormat.N_TRIPLES)
        except SyntaxError as error:
            raise parse_error(where, error) from None

    def of_type(self, cls: str) -> list[ox.NamedNode]:
        quads = self.store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(cls), None)
        return sorted({q.subject for q in quads if isinstance(q.subject, ox.NamedNode)}, key=lambda n: n.value)

    def values(self, subject: ox.NamedNode, predicate: str) -> list[str]:
        quads = self.store.quads_for_pattern(subject, ox.NamedNode(predicate), None, None)
        return sorted(q.object.value for q in quads if isinstance(q.object, (ox.NamedNode, ox.Literal)))

    def value(self, subject: ox.NamedNode, predicate: str, default: str | None = None) -> str:
        found = self.values(subject, predicate)
        if found:
            return found[0]
        if default is None:
            raise RoundFileError(f"{self.where}: {subject.value} has no <{predicate}>")
        return default

    def suffix(self, iri: str, kind: str) -> str:
        """What follows the IRIs of that kind's common start (an actor's id, an activity's notation …)."""
        prefix = PREFIXES["status"] if kind == "status" else minted(kind, self.base, notation="", id="")
        if not iri.startswith(prefix):
            raise RoundFileError(f"{self.where}: {iri} is not the IRI of a {kind} under {prefix}")
        return iri[len(prefix) :]

    def part_of(self, node: ox.NamedNode, parts: set[str]) -> bool:
        return bool(parts & set(self.values(node, DCT + "isPartOf")))

    def reports(self, parts: set[str]) -> list[SelfReport]:
        return [
            SelfReport(
                activity=self.suffix(self.value(node, PG + "assessedActivity"), "activity"),
                reporter=self.suffix(self.value(node, PROV + "wasAttributedTo"), "actor"),
                status=self.suffix(self.value(node, PG + "progressStatus"), "status"),
                evidence=self.value(node, PG + "evidence", ""),
                note=self.value(node, SKOS + "note", ""),
            )
            for node in self.of_type(PG + "SelfReport")
            if self.part_of(node, parts)
        ]

    def indicator_values(self, parts: set[str]) -> list[IndicatorValue]:
        found = []
        for node in self.of_type(PG + "ProgressValue"):
            if not self.part_of(node, parts):
                continue
            notation, _, position = self.suffix(self.value(node, PG + "measuredIndicator"), "activity").partition(
                "/indicator/"
            )
            count = self.value(node, PG + "reportedCount", "")
            found.append(
                IndicatorValue(
                    activity=notation,
                    position=int(position),
                    reporter=self.suffix(self.value(node, PG + "reporter"), "actor"),
                    count=int(count) if count else None,
                    deliverable=self.value(node, PG + "reportedDeliverable", ""),
                    link=self.value(node, PG + "evidence", ""),
                    note=self.value(node, SKOS + "note", ""),
                )
            )
        return found

    def sources(self, node: ox.NamedNode) -> tuple[Source, ...]:
        found = []
        for text in self.values(node, DCT + "source"):
            match = _SOURCE.match(text)
            found.append(Source(match["name"], match["digest"]) if match else Source(text, ""))
        return tuple(found)


def read_submission(ntriples: bytes, where: str, base: str = DEFAULT_BASE) -> Submission:
    """The submission a file written by graph/submissions.py holds (`where` names the file in messages)."""
    reader = _Reader(ntriples, where, base)
    nodes = reader.of_type(PG + "Submission")
    current = [n for n in nodes if not reader.values(n, PROV + "invalidatedAtTime")]
    if len(current) != 1:
        raise RoundFileError(f"{where}: holds {len(current)} current submissions; a submission's file holds one")
    node = current[0]
    earlier = [
        Revision(
            number=int(reader.value(older, PG + "revision")),
            reported_on=reader.value(older, DCT + "date"),
            imported_at=reader.value(older, PROV + "generatedAtTime", ""),
            sources=reader.sources(older),
            superseded_at=reader.value(older, PROV + "invalidatedAtTime"),
        )
        for older in nodes
        if older != node
    ]
    return Submission(
        period=reader.value(node, PG + "reportingPeriod"),
        reporter=reader.suffix(reader.value(node, PROV + "wasAttributedTo"), "actor"),
        reported_on=reader.value(node, DCT + "date"),
        reports=tuple(reader.reports({node.value})),
        values=tuple(reader.indicator_values({node.value})),
        sources=reader.sources(node),
        imported_at=reader.value(node, PROV + "generatedAtTime", ""),
        revision=int(reader.value(node, PG + "revision")),
        earlier=tuple(sorted(earlier, key=lambda revision: revision.number)),
    )


def read_whole_round(ntriples: bytes, where: str, base: str = DEFAULT_BASE) -> list[Submission]:
    """A round imported before submissions existed, as one submission per body it holds (by the bodies' ids)."""
    reader = _Reader(ntriples, where, base)
    rounds = reader.of_type(PG + "ReportingRound")
    if len(rounds) != 1:
        raise RoundFileError(f"{where}: holds {len(rounds)} reporting rounds; a round's file holds one")
    node = rounds[0]
    reports, values = reader.reports({node.value}), reader.indicator_values({node.value})
    return [
        Submission(
            period=reader.value(node, PG + "reportingPeriod"),
            reporter=reporter,
            reported_on=reader.value(node, DCT + "date"),
            reports=tuple(r for r in reports if r.reporter == reporter),
            values=tuple(v for v in values if v.reporter == reporter),
            sources=reader.sources(node),
        )
        for reporter in sorted({r.reporter for r in reports} | {v.reporter for v in values})
    ]
