"""Repeated wording is not new evidence (#33, item 4): where a report repeats an assessment's sentence word for word
from an earlier one, the graph says where it first appeared and dates the assessment by that too.

As read at ecoi.net, which reproduces the reports: "Judges continued to lack specialized training on working with
trafficking cases and victims, which had detrimental effects on witness protection, restitution for victims, and
sentencing for perpetrators." stands in the 2017 report (https://www.ecoi.net/en/document/342579), the 2018 report
(https://www.ecoi.net/en/document/362166) and the 2019 report (https://www.ecoi.net/en/document/2010895.html),
character for character; no other assessment's sentence is repeated in the reports read.
"""

from __future__ import annotations

import pytest

from plan_graph.stores.queries import run_saved_query
from plan_graph.text.assessments import load_assessments
from plan_graph.text.registry import RegistryError
from plan_graph.text.statistics import load_statistics
from tests.graph.test_statistics import broken

JUDGES = (
    "Judges continued to lack specialized training on working with trafficking cases and victims, which had "
    "detrimental effects on witness protection, restitution for victims, and sentencing for perpetrators."
)


def test_repeated_findings_lists_the_judges_sentence_first_stated_in_2017(store):
    answer = [{k: v.value for k, v in row.items()} for row in run_saved_query(store, "repeated-findings", {}).rows]
    assert answer == [
        {
            "assessment": "us-tip-2019-judges-training",
            "activity": "3.1.5",
            "quotation": "Summary: " + JUDGES,
            "readIn": "2019 Trafficking in Persons Report: Romania",
            "assessedOn": "2019-06-20",
            "firstIn": "2017 Trafficking in Persons Report: Romania",
            "firstOn": "2017",
            "reports": "2017 Trafficking in Persons Report: Romania | 2018 Trafficking in Persons Report: Romania"
            " | 2019 Trafficking in Persons Report: Romania",
            "reportCount": "3",
        }
    ]


def test_every_other_assessment_was_first_stated_in_its_own_report():
    documents = load_statistics().documents
    repeated = {"us-tip-2019-judges-training": {"us-tip-2017-romania", "us-tip-2018-romania"}}
    assessments = load_assessments(documents)
    assert len(assessments) == 11
    for assessment in assessments:
        others = {appearance.document for appearance in assessment.appearances}
        assert others == repeated.get(assessment.id, set()), assessment.id


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "us-tip-2019-judges-training,us-tip-2017",
            "us-tip-2019-nothing,us-tip-2017",
            "no assessment 'us-tip-2019-nothing'",
        ),
        ("judges-training,us-tip-2018-romania", "judges-training,us-tip-2019-romania", "the assessment's own document"),
        ("judges-training,us-tip-2018-romania", "judges-training,us-tip-2017-romania", "named twice"),
        ("us-tip-2018-romania,https://www.ecoi.net", "us-tip-2018-romania,ecoi.net", "page is not a web address"),
    ],
)
def test_a_bad_appearance_is_refused_naming_the_file_and_row(tmp_path, old, new, message):
    folder = broken(tmp_path, "sentence-appearances.csv", old, new)
    with pytest.raises(RegistryError, match=r"sentence-appearances\.csv:\d+: .*" + message):
        load_assessments(load_statistics(folder).documents, folder)
