"""What the release offers as datasets, said once: the plan, and the statistics and recommendations around it.

The DCAT-AP record (release/dcat.py) and VoID (stores/void.py) describe each dataset with these titles,
descriptions, periods and vocabularies; the IRIs come from Iris (`dataset`, `statistics-dataset`).
"""

from __future__ import annotations

from dataclasses import dataclass

from plan_graph.graph.names import ONTOLOGY


@dataclass(frozen=True)
class DatasetDescription:
    kind: str  # the Iris template of its IRI
    title: tuple[str, str]  # (Romanian, English)
    description: tuple[str, str]
    keywords: tuple[tuple[str, str], ...]  # (Romanian, English) pairs
    period: tuple[str, str]  # the first and last day it covers (xsd:date)
    conforms_to: str  # the standard its RDF follows
    vocabularies: tuple[str, ...]  # the prefixes (names.PREFIXES) of the vocabularies it uses
    landing_page: str  # the page of the static site that shows it


PLAN_DATASET = DatasetDescription(
    kind="dataset",
    title=(
        "Planul național de acțiune 2018-2020 pentru implementarea Strategiei naționale împotriva traficului de "
        "persoane (HG 861/2018), ca date legate",
        "Romania's national action plan 2018-2020 against trafficking in persons (HG 861/2018), as linked data",
    ),
    description=(
        "Cele 5 domenii, 5 obiective generale, 19 obiective specifice și 60 de activități ale planului, cu indicatori, "
        "termene, instituții responsabile și partenere și resurse, citite din textul publicat în Monitorul Oficial "
        "nr. 949 din 9 noiembrie 2018, cu trimitere la rândul din care provine fiecare informație.",
        "The plan's 5 areas, 5 general and 19 specific objectives and 60 activities, with their indicators, "
        "deadlines, responsible and partner institutions and resources, read from the text published in the "
        "Official Gazette of Romania no. 949 of 9 November 2018, each statement linked to the line it came from.",
    ),
    keywords=(
        ("trafic de persoane", "trafficking in human beings"),
        ("plan de acțiune", "action plan"),
        ("victime", "victims"),
        ("prevenire", "prevention"),
        ("cooperare", "cooperation"),
    ),
    period=("2018-11-01", "2020-12-31"),
    conforms_to=ONTOLOGY,
    vocabularies=("pg", "org", "cv", "skos", "dct", "prov", "eli", "freq", "dcat"),
    landing_page="site/index.html",
)

STATISTICS_DATASET = DatasetDescription(
    kind="statistics-dataset",
    title=(
        "Statistici și recomandări privind traficul de persoane în România, în jurul planului (HG 861/2018)",
        "Statistics and recommendations on trafficking in persons in Romania, around the plan (HG 861/2018)",
    ),
    description=(
        "Victimele identificate în România în anii 2014-2020, pe forme de exploatare, sex și vârstă, așa cum le dau "
        "rapoartele publicate (un cub de date RDF, fiecare cifră cu documentul și secțiunea din care provine); "
        "rapoartele SUA, ale Comisiei Europene și GRETA despre România; recomandările prioritare ale rapoartelor "
        "SUA și activitățile planului care le răspund, cu motivul legăturii.",
        "The victims identified in Romania in 2014-2020, by form of exploitation, sex and age, as the published "
        "reports give them (an RDF Data Cube, every figure with the document and section that states it); the US, "
        "European Commission and GRETA reports on Romania; the US reports' prioritized recommendations and the "
        "activities of the plan that answer them, each link with its reason.",
    ),
    keywords=(
        ("trafic de persoane", "trafficking in human beings"),
        ("statistici", "statistics"),
        ("victime", "victims"),
        ("recomandări", "recommendations"),
    ),
    period=("2014-01-01", "2020-12-31"),
    conforms_to="http://www.w3.org/TR/vocab-data-cube/",
    vocabularies=("qb", "pg", "sdg", "sdgc", "skos", "dct", "prov"),
    landing_page="site/statistics.html",
)

MONITORING_DATASET = DatasetDescription(
    kind="monitoring-dataset",
    title=(
        "Monitorizarea planului (HG 861/2018): evaluări ale activităților și valori ale indicatorilor",
        "Monitoring the plan (HG 861/2018): assessments of its activities and values of its indicators",
    ),
    description=(
        "Ce spun rapoartele publicate (rapoartele TIP ale SUA 2019-2021) despre stadiul activităților planului, "
        "fiecare evaluare cu fraza raportului și motivul legăturii cu activitatea; rundele de raportare ale "
        "instituțiilor, când sunt importate, sunt grafuri separate.",
        "What published reports (the US TIP reports 2019-2021) say about where the plan's activities stand, each "
        "assessment with the report's sentence and the reason it bears on the activity; the institutions' "
        "reporting rounds, once imported, are graphs of their own.",
    ),
    keywords=(
        ("monitorizare", "monitoring"),
        ("evaluare", "assessment"),
        ("trafic de persoane", "trafficking in human beings"),
    ),
    period=("2018-11-01", "2021-07-01"),
    conforms_to=ONTOLOGY,
    vocabularies=("pg", "status", "qb", "prov", "skos", "dct"),
    landing_page="site/monitoring.html",
)

DATASETS = (PLAN_DATASET, STATISTICS_DATASET, MONITORING_DATASET)

# what the SPARQL endpoint serves: both datasets in its default graph (VoID at /.well-known/void)
ENDPOINT_TITLE = (
    "Planul național de acțiune 2018-2020 împotriva traficului de persoane (HG 861/2018) și statisticile din jurul lui",
    "Romania's national action plan 2018-2020 against trafficking in persons (HG 861/2018) and the statistics "
    "around it",
)
ENDPOINT_VOCABULARIES = tuple(dict.fromkeys(p for d in DATASETS for p in d.vocabularies))
