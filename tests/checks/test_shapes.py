"""SHACL shapes: the plan graph conforms, and every shape catches the break it is there for.

Each case below breaks the built graph in one way, on a focus node no other case touches; the
breaks are applied together and validated once, and each case checks that the report names its shape and its
focus node, with the severity the shape declares. pyshacl, the oracle of the engine, gives the same answers.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from plan_graph.checks.validation import validate
from plan_graph.graph.rdflib_door import graph_of, stored_graph
from plan_graph.pipeline.build import build
from tests.support.namespaces import DCTERMS, PG, PROV, RDF, RDFS, SKOS, XSD
from tests.support.shacl_oracle import both, shapes_graph

BASE = "https://w3id.org/plan-graph/ro/"
P = Namespace(BASE + "hg-861-2018/")
A = Namespace(BASE + "actor/")
PGSH = Namespace("https://w3id.org/plan-graph/shapes#")
ORG = Namespace("http://www.w3.org/ns/org#")
PLAN = URIRef(BASE + "hg-861-2018")
S = Namespace(BASE + "statistics/romania/")  # observations: …/measure/year/sex/age/form/document
D = Namespace(BASE + "document/")
R = Namespace(BASE + "recommendation/")
N = Namespace(BASE + "statistics/romania/note/")  # the series notes (data/series-notes.csv)
QB = Namespace("http://purl.org/linked-data/cube#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SDGC = Namespace("http://metadata.un.org/sdg/codes/")
STRUCTURE = URIRef(BASE + "statistics/romania/structure")
M = Namespace(BASE + "hg-861-2018/monitoring/")  # …/2019/assessment/NOTATION/ACTOR, …/external/assessment/ID
STATUS = Namespace("https://w3id.org/plan-graph/ontology/status/")
MONITORING = Namespace("https://w3id.org/plan-graph/ontology#")


def report(notation: str) -> URIRef:
    """A self-report of the test's round (tests/support/reporting_round.py): ANITP's for 2019."""
    return M[f"2019/assessment/{notation}/ANITP"]


def external(assessment_id: str) -> URIRef:
    return M[f"external/assessment/{assessment_id}"]


def submission(revision: int) -> URIRef:
    """ANITP's submission for 2019 (tests/support/reporting_round.py): its third revision, and the two before it."""
    return M[f"2019/submission/ANITP/{revision}"]


def value(notation: str, position: int) -> URIRef:
    return M[f"2019/value/{notation}/{position}/ANITP"]


def obs(key: str) -> URIRef:
    """An observation of the statistics cube by its key: "identified-victims/2019/_T/_T/all/us-tip-2020-romania"."""
    return S[key]


def drop(subject: URIRef, predicate: URIRef) -> Callable[[Graph], None]:
    return lambda g: g.remove((subject, predicate, None))


def add(subject: URIRef, predicate: URIRef, value) -> Callable[[Graph], None]:
    return lambda g: g.add((subject, predicate, value))


def replace(subject: URIRef, predicate: URIRef, value) -> Callable[[Graph], None]:
    return lambda g: g.set((subject, predicate, value))


def new_node(iri: str, cls: URIRef) -> Callable[[Graph], None]:
    return lambda g: g.add((URIRef(iri), RDF.type, cls))


# shape (local name in pgsh:) -> (break, focus node, severity)
CASES: dict[str, tuple[Callable[[Graph], None], URIRef, str]] = {
    # plan.ttl
    "PlanTitle": (drop(PLAN, DCTERMS.title), PLAN, "Violation"),
    "PlanPeriodStart": (replace(PLAN, PG.periodStart, Literal("2018-11")), PLAN, "Violation"),
    "PlanPeriodEnd": (add(PLAN, PG.periodEnd, Literal("2021-01", datatype=XSD.gYearMonth)), PLAN, "Violation"),
    "PlanAreas": (drop(PLAN, PG.hasArea), PLAN, "Violation"),
    "AreaPlan": (drop(P["area/2"], PG.inPlan), P["area/2"], "Violation"),
    "AreaNotation": (replace(P["area/3"], SKOS.notation, Literal("III")), P["area/3"], "Violation"),
    "AreaLabel": (drop(P["area/4"], SKOS.prefLabel), P["area/4"], "Violation"),
    "GeneralObjectiveArea": (drop(P["objective/2"], PG.inArea), P["objective/2"], "Violation"),
    "GeneralObjectiveNotation": (
        replace(P["objective/3"], SKOS.notation, Literal("3a")),
        P["objective/3"],
        "Violation",
    ),
    "GeneralObjectiveLabel": (drop(P["objective/4"], SKOS.prefLabel), P["objective/4"], "Violation"),
    "SpecificObjectiveParent": (drop(P["objective/1.2"], PG.underGeneralObjective), P["objective/1.2"], "Violation"),
    "SpecificObjectiveNotation": (
        replace(P["objective/1.3"], SKOS.notation, Literal("1-3")),
        P["objective/1.3"],
        "Violation",
    ),
    "SpecificObjectiveLabel": (drop(P["objective/2.2"], SKOS.prefLabel), P["objective/2.2"], "Violation"),
    "SpecificObjectiveNumbering": (
        replace(P["objective/2.3"], PG.underGeneralObjective, P["objective/1"]),
        P["objective/2.3"],
        "Violation",
    ),
    # activity.ttl
    "ActivityObjective": (drop(P["activity/1.1.2"], PG.forObjective), P["activity/1.1.2"], "Violation"),
    "ActivityNotation": (
        add(P["activity/1.1.3"], SKOS.notation, Literal("1.1.3bis")),
        P["activity/1.1.3"],
        "Violation",
    ),
    "ActivityNumbering": (
        replace(P["activity/1.1.4"], PG.forObjective, P["objective/1.2"]),
        P["activity/1.1.4"],
        "Violation",
    ),
    "ActivityTitle": (drop(P["activity/1.1.5"], DCTERMS.title), P["activity/1.1.5"], "Violation"),
    "ActivityIndicators": (drop(P["activity/1.1.6"], PG.hasIndicator), P["activity/1.1.6"], "Violation"),
    "ActivityDeadlines": (drop(P["activity/1.1.7"], PG.hasDeadline), P["activity/1.1.7"], "Violation"),
    "ActivityResponsible": (drop(P["activity/1.2.1"], PG.responsible), P["activity/1.2.1"], "Violation"),
    "ActivityPartners": (add(P["activity/1.2.2"], PG.partner, P["area/1"]), P["activity/1.2.2"], "Violation"),
    "ActivityFunding": (drop(P["activity/1.2.4"], PG.hasFundingSource), P["activity/1.2.4"], "Violation"),
    "ActivityRolesDisjoint": (add(P["activity/1.2.5"], PG.partner, A["ANES"]), P["activity/1.2.5"], "Violation"),
    # actor-item.ttl
    "ActorItemRole": (
        replace(P["activity/1.3.1/responsible/1"], PG.role, P["area/1"]),
        P["activity/1.3.1/responsible/1"],
        "Violation",
    ),
    "ActorItemConstruction": (
        drop(P["activity/1.2.1/responsible/1"], PG.construction),
        P["activity/1.2.1/responsible/1"],
        "Violation",
    ),
    "ActorItemPosition": (
        replace(P["activity/1.2.2/responsible/1"], PG.position, Literal(0)),
        P["activity/1.2.2/responsible/1"],
        "Violation",
    ),
    "ActorItemAsWritten": (
        drop(P["activity/1.2.4/responsible/1"], PG.asWritten),
        P["activity/1.2.4/responsible/1"],
        "Violation",
    ),
    "ActorItemOfOneActivity": (
        lambda g: g.remove((None, PG.hasActorItem, P["activity/2.2.2/partner/1"])),
        P["activity/2.2.2/partner/1"],
        "Violation",
    ),
    "ActorItemInItsCell": (
        replace(P["activity/2.3.2/responsible/1"], PG.asWritten, Literal("ANPDCA și prietenii")),
        P["activity/2.3.2/responsible/1"],
        "Violation",
    ),
    # "ONG" is one actor named directly: naming a working group too does not fit its construction
    "ActorItemNamesAsItsConstruction": (
        add(P["activity/2.3.3/partner/1"], PG.namesGroup, A["ONG"]),
        P["activity/2.3.3/partner/1"],
        "Violation",
    ),
    # "MMJS prin ANOFM" (1.2.3) given a second agent that the row does not involve
    "ActorItemInvolvesInItsRole": (
        add(P["activity/1.2.3/responsible/1"], PG.namesAgent, A["MJ"]),
        P["activity/1.2.3/responsible/1"],
        "Violation",
    ),
    "InvolvedActorNamedByAnItem": (add(P["activity/2.2.1"], PG.partner, A["MJ"]), P["activity/2.2.1"], "Violation"),
    # data-cube.ttl: the Data Cube's integrity constraints
    "IC1UniqueDataSet": (
        drop(obs("identified-victims/2014/_T/_T/all/us-tip-2017-romania"), QB.dataSet),
        obs("identified-victims/2014/_T/_T/all/us-tip-2017-romania"),
        "Violation",
    ),
    "IC2UniqueStructure": (
        add(URIRef(BASE + "statistics/romania"), QB.structure, URIRef(BASE + "statistics/other-structure")),
        URIRef(BASE + "statistics/romania"),
        "Violation",
    ),
    "IC3StructureHasAMeasure": (
        new_node(BASE + "statistics/no-measure", QB.DataStructureDefinition),
        URIRef(BASE + "statistics/no-measure"),
        "Violation",
    ),
    "IC4DimensionsHaveRange": (
        lambda g: (
            g.add((URIRef(BASE + "statistics/no-range"), RDF.type, QB.DataStructureDefinition)),
            g.add((URIRef(BASE + "statistics/no-range"), QB.component, URIRef(BASE + "statistics/no-range/c"))),
            g.add((URIRef(BASE + "statistics/no-range/c"), QB.dimension, URIRef("http://example.org/undeclared"))),
        ),
        URIRef(BASE + "statistics/no-range"),
        "Violation",
    ),
    "IC11AllDimensionsRequired": (
        drop(obs("identified-victims/2015/_T/_T/all/us-tip-2017-romania"), SDGC.sex),
        obs("identified-victims/2015/_T/_T/all/us-tip-2017-romania"),
        "Violation",
    ),
    # the 2019 total as TIP 2021 states it, moved to TIP 2020: two observations with one key
    "IC12NoDuplicateObservations": (
        replace(obs("identified-victims/2019/_T/_T/all/us-tip-2021-romania"), PG.statedIn, D["us-tip-2020-romania"]),
        obs("identified-victims/2019/_T/_T/all/us-tip-2021-romania"),
        "Violation",
    ),
    "IC13RequiredAttributes": (
        drop(obs("identified-victims/2016/_T/_T/all/us-tip-2017-romania"), SDGC.units),
        obs("identified-victims/2016/_T/_T/all/us-tip-2017-romania"),
        "Violation",
    ),
    "IC15MeasureDimensionConsistent": (
        drop(obs("identified-victims/2015/_T/_T/all/us-tip-2018-romania"), PG.identifiedVictims),
        obs("identified-victims/2015/_T/_T/all/us-tip-2018-romania"),
        "Violation",
    ),
    "IC16SingleMeasure": (
        add(obs("identified-victims/2016/_T/_T/all/us-tip-2018-romania"), PG.assistedVictims, Literal(5)),
        obs("identified-victims/2016/_T/_T/all/us-tip-2018-romania"),
        "Violation",
    ),
    "IC19CodesFromCodeList": (
        replace(
            obs("identified-victims/2017/_T/_T/all/us-tip-2018-romania"),
            SDGC.age,
            URIRef("http://example.org/age/teen"),
        ),
        obs("identified-victims/2017/_T/_T/all/us-tip-2018-romania"),
        "Violation",
    ),
    # documents.ttl
    "DocumentTitle": (drop(D["us-tip-2017-romania"], DCTERMS.title), D["us-tip-2017-romania"], "Violation"),
    "DocumentPublisher": (drop(D["us-tip-2018-romania"], DCTERMS.publisher), D["us-tip-2018-romania"], "Violation"),
    "DocumentAddress": (
        replace(D["greta-2012-2"], FOAF.page, URIRef("ftp://example.org/greta")),
        D["greta-2012-2"],
        "Violation",
    ),
    "FigureStatedIn": (
        add(obs("identified-victims/2018/_T/_T/all/us-tip-2020-romania"), PG.statedIn, D["greta-2016-20"]),
        obs("identified-victims/2018/_T/_T/all/us-tip-2020-romania"),
        "Violation",
    ),
    "FigureQuotation": (
        drop(obs("identified-victims/2020/_T/_T/all/us-tip-2021-romania"), PG.quotation),
        obs("identified-victims/2020/_T/_T/all/us-tip-2021-romania"),
        "Violation",
    ),
    "SeriesNoteKind": (
        replace(N["methodology-2020"], PG.noteKind, STATUS["completed"]),
        N["methodology-2020"],
        "Violation",
    ),
    "SeriesNoteQuotation": (
        drop(N["labour-2019-includes-begging-and-theft"], PG.quotation),
        N["labour-2019-includes-begging-and-theft"],
        "Violation",
    ),
    "SeriesNoteDocument": (
        drop(N["other-2020-includes-uncategorized"], PROV.wasDerivedFrom),
        N["other-2020-includes-uncategorized"],
        "Violation",
    ),
    "SeriesNoteMeaning": (new_node(N["without-meaning"], PG.SeriesNote), N["without-meaning"], "Violation"),
    "SeriesNoteFigures": (new_node(N["about-no-figure"], PG.SeriesNote), N["about-no-figure"], "Violation"),
    "RecommendationText": (drop(R["us-tip-2019-1"], RDF.value), R["us-tip-2019-1"], "Violation"),
    "RecommendationDocument": (drop(R["us-tip-2019-2"], PROV.wasDerivedFrom), R["us-tip-2019-2"], "Violation"),
    "RecommendationAnswers": (add(R["us-tip-2019-3"], PG.answeredBy, P["area/1"]), R["us-tip-2019-3"], "Violation"),
    "AnswerActivity": (
        drop(R["us-tip-2020-1/answer/3.1.1"], PG.answeringActivity),
        R["us-tip-2020-1/answer/3.1.1"],
        "Violation",
    ),
    "AnswerReason": (drop(R["us-tip-2020-2/answer/1.3.1"], RDFS.comment), R["us-tip-2020-2/answer/1.3.1"], "Violation"),
    # monitoring.ttl, on the test's round and the external assessments
    "AssessedActivity": (replace(report("2.1.1"), PG.assessedActivity, P["area/1"]), report("2.1.1"), "Violation"),
    "AssessedOn": (replace(report("2.1.2"), PG.assessedOn, Literal("2020-01")), report("2.1.2"), "Violation"),
    "AssessmentStatus": (add(report("2.1.3"), PG.progressStatus, STATUS["completed"]), report("2.1.3"), "Violation"),
    "StatusOfTheScheme": (
        replace(report("2.1.4"), PG.progressStatus, URIRef("https://w3id.org/plan-graph/ontology/form/all")),
        report("2.1.4"),
        "Violation",
    ),
    "AssessmentAuthor": (drop(report("2.1.5"), PROV.wasAttributedTo), report("2.1.5"), "Violation"),
    "SelfReportPeriod": (drop(report("1.1.1"), PG.reportingPeriod), report("1.1.1"), "Violation"),
    "SelfReportRound": (drop(report("1.1.2"), DCTERMS.isPartOf), report("1.1.2"), "Violation"),
    "SelfReporter": (replace(report("1.1.3"), PROV.wasAttributedTo, P["area/1"]), report("1.1.3"), "Violation"),
    # DIICOT is neither responsible for 1.1.7 nor a partner in it (its row in tests/support/plan_facts.py)
    "ReporterInvolved": (replace(report("1.1.7"), PROV.wasAttributedTo, A["DIICOT"]), report("1.1.7"), "Warning"),
    "ExternalFirstStated": (
        drop(external("us-tip-2020-awareness-campaigns"), PG.firstStatedIn),
        external("us-tip-2020-awareness-campaigns"),
        "Violation",
    ),
    "AppearanceDocument": (
        drop(external("us-tip-2019-judges-training/appearance/us-tip-2017-romania"), PROV.wasDerivedFrom),
        external("us-tip-2019-judges-training/appearance/us-tip-2017-romania"),
        "Violation",
    ),
    "AppearancePage": (
        replace(external("us-tip-2019-judges-training/appearance/us-tip-2018-romania"), PG.evidence, Literal("ecoi")),
        external("us-tip-2019-judges-training/appearance/us-tip-2018-romania"),
        "Violation",
    ),
    "ExternalSource": (
        drop(external("us-tip-2019-judges-training"), PROV.wasDerivedFrom),
        external("us-tip-2019-judges-training"),
        "Violation",
    ),
    "ExternalQuotation": (
        drop(external("us-tip-2020-awareness-campaigns"), PG.quotation),
        external("us-tip-2020-awareness-campaigns"),
        "Violation",
    ),
    "ExternalReason": (
        drop(external("us-tip-2020-international-investigations"), PG.assessmentReason),
        external("us-tip-2020-international-investigations"),
        "Violation",
    ),
    "ExternalPage": (
        replace(external("us-tip-2020-referral-mechanism"), PG.evidence, Literal("ecoi.net")),
        external("us-tip-2020-referral-mechanism"),
        "Violation",
    ),
    "ValueIndicator": (
        replace(value("1.1.2", 1), PG.measuredIndicator, P["activity/1.1.2"]),
        value("1.1.2", 1),
        "Violation",
    ),
    "ValueReporter": (drop(value("1.1.2", 2), PG.reporter), value("1.1.2", 2), "Violation"),
    "ValuePeriod": (replace(value("1.1.2", 3), PG.reportingPeriod, Literal("2019")), value("1.1.2", 3), "Violation"),
    "ValueSubmission": (drop(value("1.1.2", 1), DCTERMS.isPartOf), value("1.1.2", 1), "Violation"),
    # DIICOT's report in ANITP's submission (the break of ReporterInvolved above)
    "PartOfItsBodysSubmission": (lambda g: None, report("1.1.7"), "Violation"),
    "SubmissionRound": (drop(submission(1), DCTERMS.isPartOf), submission(1), "Violation"),
    # ONG is a category of organisations, not a reporting body
    "SubmissionBody": (replace(submission(2), PROV.wasAttributedTo, A["ONG"]), submission(2), "Violation"),
    "SubmissionPeriod": (replace(submission(3), PG.reportingPeriod, Literal("2019")), submission(3), "Violation"),
    "SubmissionDate": (replace(submission(1), DCTERMS.date, Literal("31.01.2020")), submission(1), "Violation"),
    "SubmissionRevision": (replace(submission(2), PG.revision, Literal(0)), submission(2), "Violation"),
    "SubmissionSource": (drop(submission(1), DCTERMS.source), submission(1), "Violation"),
    "SubmissionRevises": (add(submission(3), PROV.wasRevisionOf, submission(1)), submission(3), "Violation"),
    # 2.3.1's first indicator is a deliverable ("Indicatori elaborați", line 43): no count
    "ValueFitsIndicator": (add(value("2.3.1", 1), PG.reportedCount, Literal(3)), value("2.3.1", 1), "Violation"),
    # indicator.ttl
    "IndicatorText": (
        drop(P["activity/2.2.1/indicator/1"], SKOS.prefLabel),
        P["activity/2.2.1/indicator/1"],
        "Violation",
    ),
    "IndicatorPosition": (
        replace(P["activity/2.2.2/indicator/1"], PG.position, Literal(0)),
        P["activity/2.2.2/indicator/1"],
        "Violation",
    ),
    "CountIndicatorWording": (
        replace(P["activity/3.1.1/indicator/1"], SKOS.prefLabel, Literal("Cursuri organizate", lang="ro")),
        P["activity/3.1.1/indicator/1"],
        "Violation",
    ),
    "DeliverableIndicatorWording": (
        replace(P["activity/2.1.1/indicator/1"], SKOS.prefLabel, Literal("Număr de grupuri", lang="ro")),
        P["activity/2.1.1/indicator/1"],
        "Violation",
    ),
    # deadline.ttl
    "DeadlineAsWritten": (
        drop(P["activity/3.2.2/deadline/1"], PG.asWritten),
        P["activity/3.2.2/deadline/1"],
        "Violation",
    ),
    "OneOffDeadlineMonth": (
        replace(P["activity/3.3.1/deadline/1"], PG.dueMonth, Literal("2019-07")),
        P["activity/3.3.1/deadline/1"],
        "Violation",
    ),
    "OneOffDeadlineInPeriod": (
        replace(P["activity/3.4.1/deadline/1"], PG.dueMonth, Literal("2021-03", datatype=XSD.gYearMonth)),
        P["activity/3.4.1/deadline/1"],
        "Violation",
    ),
    "RecurringDeadlineFrequency": (
        replace(P["activity/3.3.2/deadline/1"], DCTERMS.accrualPeriodicity, URIRef("http://example.org/weekly")),
        P["activity/3.3.2/deadline/1"],
        "Violation",
    ),
    # funding.ttl
    "FundingSourceAsWritten": (
        drop(P["activity/4.1.1/resource/1"], PG.asWritten),
        P["activity/4.1.1/resource/1"],
        "Violation",
    ),
    "FundingSourceLabel": (
        drop(P["activity/4.1.2/resource/1"], SKOS.prefLabel),
        P["activity/4.1.2/resource/1"],
        "Violation",
    ),
    "BodyBudgetHolder": (drop(P["activity/4.1.3/resource/1"], PG.holder), P["activity/4.1.3/resource/1"], "Violation"),
    "ResponsibleBudgetNamed": (add(P["activity/1.1.1"], PG.responsible, A["MJ"]), P["activity/1.1.1"], "Warning"),
    # actor.ttl
    "ActorCode": (drop(A["UNBR"], SKOS.notation), A["UNBR"], "Violation"),
    "ActorName": (
        lambda g: g.remove(
            (A["MCIN"], SKOS.prefLabel, Literal("Ministerul Culturii și Identității Naționale", lang="ro"))
        ),
        A["MCIN"],
        "Violation",
    ),
    "ActorKind": (
        replace(A["MT"], PG.kind, URIRef("https://w3id.org/plan-graph/ontology/kind/spaceship")),
        A["MT"],
        "Violation",
    ),
    "ActorParent": (replace(A["IPJ"], ORG.subOrganizationOf, P["activity/5.5.1"]), A["IPJ"], "Violation"),
    "ActorHierarchyAcyclic": (add(A["MAI"], ORG.subOrganizationOf, A["ANITP"]), A["MAI"], "Violation"),
    "ActorCodeDefined": (lambda g: g.remove((None, PG.denotes, A["ANABI"])), A["ANABI"], "Warning"),
    # provenance.ttl
    "ReadFromLine": (drop(P["activity/5.2.1"], PROV.wasDerivedFrom), P["activity/5.2.1"], "Violation"),
    "SourceLineNumber": (
        replace(P["source/line/50"], PG.lineNumber, Literal("fifty")),
        P["source/line/50"],
        "Violation",
    ),
    "SourceLineText": (drop(P["source/line/60"], PROV.value), P["source/line/60"], "Violation"),
    "CorrectionOriginal": (drop(P["correction/1"], PG.original), P["correction/1"], "Violation"),
    "CorrectionCorrected": (drop(P["correction/2"], PG.corrected), P["correction/2"], "Violation"),
    "CorrectionReason": (drop(P["correction/3"], DCTERMS.description), P["correction/3"], "Violation"),
    "AbbreviationCode": (drop(P["abbreviation/UE"], SKOS.notation), P["abbreviation/UE"], "Violation"),
    "AbbreviationName": (
        replace(
            P["abbreviation/SELEC"], SKOS.prefLabel, Literal("Southeast European Law Enforcement Center", lang="en")
        ),
        P["abbreviation/SELEC"],
        "Violation",
    ),
    # iris.ttl
    "ActivityIriShape": (
        new_node("http://example.org/bad-activity", PG.Activity),
        URIRef("http://example.org/bad-activity"),
        "Violation",
    ),
    "ObjectiveIriShape": (
        new_node("http://example.org/objective-x", PG.SpecificObjective),
        URIRef("http://example.org/objective-x"),
        "Violation",
    ),
    "AreaIriShape": (
        new_node("http://example.org/area/one", PG.Area),
        URIRef("http://example.org/area/one"),
        "Violation",
    ),
    "PartIriShape": (
        new_node("http://example.org/indicator", PG.CountIndicator),
        URIRef("http://example.org/indicator"),
        "Violation",
    ),
    "ActorIriShape": (
        new_node("http://example.org/actors/X", PG.Organisation),
        URIRef("http://example.org/actors/X"),
        "Violation",
    ),
    "SourceLineIriShape": (
        new_node("http://example.org/line-1", PG.SourceLine),
        URIRef("http://example.org/line-1"),
        "Violation",
    ),
    "IriEndsWithNotation": (
        replace(P["activity/5.3.1"], SKOS.notation, Literal("5.3.9")),
        P["activity/5.3.1"],
        "Violation",
    ),
    # links.ttl
    "ProvisionIsAnArticleEli": (
        add(P["area/5"], PG.implementsProvision, URIRef("http://data.europa.eu/eli/dir/2011/36/oj")),
        P["area/5"],
        "Violation",
    ),
    "SdgIsATargetOrIndicator": (
        add(P["objective/5.5"], PG.contributesTo, URIRef("http://example.org/sdg/5.2")),
        P["objective/5.5"],
        "Violation",
    ),
    "EnglishBesideRomanian": (
        lambda g: g.remove(
            (
                P["activity/4.2.1"],
                SKOS.prefLabel,
                next(o for o in g.objects(P["activity/4.2.1"], SKOS.prefLabel) if o.language == "en"),
            )
        ),
        P["activity/4.2.1"],
        "Violation",
    ),
    # labels.ttl
    "PrefLabelLanguage": (
        add(P["activity/5.4.1"], SKOS.prefLabel, Literal("x", lang="fr")),
        P["activity/5.4.1"],
        "Violation",
    ),
    "AltLabelLanguage": (add(A["ANITP"], SKOS.altLabel, Literal("x", lang="de")), A["ANITP"], "Violation"),
    "TitleLanguage": (
        add(P["activity/5.4.2"], DCTERMS.title, Literal("y", lang="fr")),
        P["activity/5.4.2"],
        "Violation",
    ),
    "DescriptionLanguage": (
        add(P["correction/4"], DCTERMS.description, Literal("z", lang="it")),
        P["correction/4"],
        "Violation",
    ),
    "RdfsLabelLanguage": (
        add(P["activity/5.5.1"], RDFS.label, Literal("w", lang="es")),
        P["activity/5.5.1"],
        "Violation",
    ),
    "CommentLanguage": (
        add(P["activity/5.5.2"], RDFS.comment, Literal("v", lang="hu")),
        P["activity/5.5.2"],
        "Violation",
    ),
}

CONSTRAINT_PARAMETERS = [
    SH["class"],
    SH.minCount,
    SH.maxCount,
    SH.pattern,
    SH.datatype,
    SH.languageIn,
    SH.nodeKind,
    SH.disjoint,
    SH.qualifiedValueShape,
    SH.minInclusive,
    SH["not"],
    SH["or"],
    SH.uniqueLang,
    SH.sparql,
]


@pytest.fixture(scope="module")
def built():
    """What a build validates: the plan and its companions (the statistics around it, the external
    assessments), together; and, as an import validates it, a reporting round the test makes."""
    from tests.support.reporting_round import fixture_round

    result = build(check=False)
    together = Graph()
    for stored in result.validated:  # the plan and its companions
        together += graph_of(stored)
    together += fixture_round()
    return together


@pytest.fixture(scope="module")
def plan_report(built):
    return validate(stored_graph(built))


@pytest.fixture(scope="module")
def broken_report(built):
    graph = Graph()
    graph += built
    for breaking, _, _ in CASES.values():
        breaking(graph)
    return validate(stored_graph(graph))


def test_the_plan_graph_conforms(plan_report):
    assert plan_report.conforms, "\n".join(str(r) for r in plan_report.violations)


def test_the_plan_graph_has_only_the_warnings_the_plan_itself_causes(plan_report):
    warnings = {(r.notation, r.value, r.shape.rsplit("#")[-1]) for r in plan_report.results}
    # IGJR is used (3.2.1, 3.2.2) but not in the plan's list of abbreviations
    assert ("IGJR", "IGJR", "ActorCodeDefined") in warnings
    # 1.2.3: "MMJS prin ANOFMMFP" responsible, resources "Buget ANOFM", "Buget ONG": no MFP budget
    assert ("1.2.3", "MFP", "ResponsibleBudgetNamed") in warnings
    # 2.1.2: the working group's members are responsible, the only budget is ANITP's
    assert ("2.1.2", "MS", "ResponsibleBudgetNamed") in warnings
    assert all(r.severity == "Warning" for r in plan_report.results)
    # and no other kind of warning; the only undefined code is IGJR
    assert {shape for _, _, shape in warnings} == {"ActorCodeDefined", "ResponsibleBudgetNamed"}
    assert {w for w in warnings if w[2] == "ActorCodeDefined"} == {("IGJR", "IGJR", "ActorCodeDefined")}


def test_the_engine_gives_pyshacl_s_answer_on_every_break(built):
    """pyshacl, the oracle (tests/support/shacl_oracle.py), on the graph with every case's break: the same verdict
    and the same results (severity, focus node, shape, path, value, message), counted, for the SHACL Core
    constraints of every shape; and the same verdict and focus nodes shape by shape."""
    graph = Graph()
    graph += built
    for breaking, _, _ in CASES.values():
        breaking(graph)
    core = Graph()
    core += shapes_graph()
    core.remove((None, SH.sparql, None))  # SPARQL-based: test_sparql_constraints_agree_with_pyshacl (slow)
    plan_graph, pyshacl = both(graph, core)
    assert plan_graph == pyshacl
    assert not plan_graph[0]
    by_shape = {(shape, focus) for _, focus, shape, _, _, _ in plan_graph[1]}
    assert by_shape == {(shape, focus) for _, focus, shape, _, _, _ in pyshacl[1]}
    core_cases = {name for name in CASES if (PGSH[name], RDF.type, SH.SPARQLConstraint) not in core}
    for name in core_cases:  # each case's break is among the answers both give
        assert (str(PGSH[name]), str(CASES[name][1])) in by_shape, name


@pytest.mark.slow  # pyshacl asks rdflib each SPARQL constraint once per focus node: minutes on the plan
def test_sparql_constraints_agree_with_pyshacl(built):
    """pyshacl, the oracle, with every shape (the SPARQL-based constraints too) on the graph with every case's
    break: the same verdict and the same focus nodes, shape by shape, and each case's focus node among them."""
    graph = Graph()
    graph += built
    for breaking, _, _ in CASES.values():
        breaking(graph)
    plan_graph, pyshacl = both(graph)
    assert plan_graph[0] == pyshacl[0] is False
    by_shape = {(severity, shape, focus) for severity, focus, shape, _, _, _ in plan_graph[1]}
    assert by_shape == {(severity, shape, focus) for severity, focus, shape, _, _, _ in pyshacl[1]}
    for name, (_, focus, severity) in CASES.items():
        assert (severity, str(PGSH[name]), str(focus)) in by_shape, name


def test_every_shape_with_a_constraint_has_a_case():
    shapes = shapes_graph()
    named = {
        str(shape).rsplit("#", 1)[-1]
        for parameter in CONSTRAINT_PARAMETERS
        for shape in shapes.subjects(parameter, None)
        if isinstance(shape, URIRef) and parameter != SH.sparql
    }
    named |= {str(c).rsplit("#", 1)[-1] for c in shapes.subjects(RDF.type, SH.SPARQLConstraint)}
    assert named == set(CASES)


@pytest.mark.parametrize("shape", sorted(CASES))
def test_the_shape_catches_its_break(plan_report, broken_report, shape):
    _, focus, severity = CASES[shape]
    iri = str(PGSH[shape])
    found = [r for r in broken_report.results if r.shape == iri and r.focus == str(focus)]
    assert found, f"{shape} did not report {focus}"
    assert {r.severity for r in found} == {severity}
    assert all(r.message and r.message != "(no message)" for r in found)
    assert not [r for r in plan_report.results if r.shape == iri and r.focus == str(focus)]


def test_build_refuses_a_graph_with_a_violation(tmp_path):
    """End to end: a deadline outside the plan's period is read fine but breaks a shape; nothing is written."""
    import subprocess
    import sys

    from tests.support.paths import REPO

    text = (REPO / "data" / "hg-861-2018-plan-2018-2020.txt").read_text(encoding="utf-8")
    source = tmp_path / "plan.txt"
    source.write_text(text.replace("Iulie 2019Responsabili", "Iulie 2031Responsabili"), encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "plan_graph", "build", str(source), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "3.3.1" in result.stderr and "line 62" in result.stderr and "OneOffDeadlineInPeriod" in result.stderr
    assert "nothing was written" in result.stderr
    assert not out.exists()


def test_an_actor_named_by_an_item_only_in_the_other_role_is_a_violation(built):
    """2.2.1 (line 40): ANES is responsible, named by a responsible item; made a partner too, no partner item names it."""
    graph = Graph()
    graph += built
    graph.add((P["activity/2.2.1"], PG.partner, A["ANES"]))
    found = {
        (r.notation, r.value)
        for r in validate(stored_graph(graph)).violations
        if r.shape.endswith("#InvolvedActorNamedByAnItem")
    }
    assert found == {("2.2.1", "ANES")}
