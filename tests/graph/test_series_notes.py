"""Where the series are not alike (#33, item 3): the notes of the reports on how figures are counted, each on the
figures it concerns, with the sentence that says so; in `victims-by-year` and on the statistics page.

The facts, as read in the reports (the pages of data/documents.csv):
- the 2020 TIP report counts 2019's labour trafficking "including forced begging and forced theft", which Eurostat
  and UNODC count as other forms (a definition note on 2019's forced-labour figure);
- the 2021 TIP report says that "In 2020, the government changed its reporting methodology" (a break in series on
  every 2020 figure of identified victims it gives);
- the same report counts 36 "victims of attempted or uncategorized trafficking" for 2020, where 2019's 42 were
  "victims of attempted trafficking" (a definition note on 2020's other forms).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plan_graph.graph.statistics import statistics_graph
from plan_graph.stores.queries import run_saved_query
from plan_graph.text.registry import RegistryError
from plan_graph.text.statistics import load_statistics
from tests.graph.test_statistics import broken
from tests.support.namespaces import PG

SERIES_NOTE = ox.NamedNode(str(PG.seriesNote))
TIP_2020 = "us-tip-2020-romania"
TIP_2021 = "us-tip-2021-romania"
NOTES = {  # id -> (kind, the figures it concerns: (measure, year, sex, age, form, document), words of its sentence)
    "labour-2019-includes-begging-and-theft": (
        "definition",
        {("identified-victims", "2019", "_T", "_T", "forced-labour", "all", TIP_2020)},
        "138 labor trafficking, including forced begging and forced theft",
    ),
    "methodology-2020": (
        "break",
        {
            ("identified-victims", "2020", "_T", "_T", "all", "all", TIP_2021),
            ("identified-victims", "2020", "_T", "_T", "sexual-exploitation", "all", TIP_2021),
            ("identified-victims", "2020", "_T", "_T", "forced-labour", "all", TIP_2021),
            ("identified-victims", "2020", "_T", "_T", "other", "all", TIP_2021),
            ("identified-victims", "2020", "_T", "Y0T17", "all", "all", TIP_2021),
            ("identified-victims", "2020", "_T", "_T", "all", "foreign", TIP_2021),  # the one foreign victim of 2020
        },
        "In 2020, the government changed its reporting methodology under the National Mechanism for Identification "
        "and Referral of Victims",
    ),
    "other-2020-includes-uncategorized": (
        "definition",
        {("identified-victims", "2020", "_T", "_T", "other", "all", TIP_2021)},
        "36 victims of attempted or uncategorized trafficking",
    ),
}


def test_each_note_concerns_the_figures_its_sentence_speaks_of():
    statistics = load_statistics()
    found = {
        note.id: (
            note.kind,
            {figure.key for figure in statistics.figures if note.concerns(figure)},
        )
        for note in statistics.notes
    }
    assert found == {note_id: (kind, figures) for note_id, (kind, figures, _) in NOTES.items()}
    for note in statistics.notes:
        assert NOTES[note.id][2] in note.quotation, note.id
        assert note.section == "Protection" and note.meaning


def test_the_notes_in_the_graph_with_their_sentence_and_report():
    triples, _ = statistics_graph(load_statistics())
    noted = {
        (t.subject.value.rsplit("/statistics/romania/", 1)[1], t.object.value.rsplit("/", 1)[1])
        for t in triples
        if t.predicate == SERIES_NOTE
    }
    expected = {
        (
            "/".join([measure, str(year), sex, age, form, *([] if citizenship == "all" else [citizenship]), document]),
            note_id,
        )
        for note_id, (_, figures, _) in NOTES.items()
        for measure, year, sex, age, form, citizenship, document in figures
    }
    assert noted == expected


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("labour-2019-includes-begging-and-theft,definition", "x,definitional", "kind 'definitional' is not one of"),
        (
            "methodology-2020,break,identified-victims,2020,*",
            "m,break,identified-victims,2017,*",
            "no figure of statistics.csv has this measure, year, form and document",
        ),
        (",2020,other,us-tip-2021-romania", ",2020,other,us-tip-2099-romania", "no document 'us-tip-2099-romania'"),
        ("labour-2019-includes-begging-and-theft,", "Labour 2019,", "id 'Labour 2019' is not lower-case-with-dashes"),
    ],
)
def test_a_bad_note_is_refused_naming_the_file_and_row(tmp_path, old, new, message):
    with pytest.raises(RegistryError, match=r"series-notes\.csv:\d+: " + message.replace("*", r"\*")):
        load_statistics(broken(tmp_path, "series-notes.csv", old, new))


def test_victims_by_year_gives_each_year_its_notes(store):
    answer = {row["year"].value: row for row in run_saved_query(store, "victims-by-year", {}).rows}
    notes = {year: row["notes"].value for year, row in answer.items() if "notes" in row}
    meaning = {note.id: note.meaning for note in load_statistics().notes}
    assert set(answer) == {"2014", "2015", "2016", "2016-2019", "2017", "2018", "2019", "2020"}
    assert notes == {
        "2019": "definition note: " + meaning["labour-2019-includes-begging-and-theft"],
        "2020": " | ".join(
            [
                "break in series: " + meaning["methodology-2020"],
                "definition note: " + meaning["other-2020-includes-uncategorized"],
            ]
        ),
    }


def test_the_statistics_page_lists_the_notes_and_marks_their_figures():
    import re

    from tests.support.server_process import in_process_server

    with in_process_server() as client:
        html = client.get("/statistics").text
    section = html[html.index('<dl class="notes">') : html.index("</dl>")]
    assert re.findall(r'<dt id="note-([a-z0-9-]+)">', section) == sorted(NOTES)
    marked = re.findall(r'<a class="note" href="#note-([a-z0-9-]+)">', html)
    assert sorted(marked) == sorted(note_id for note_id, (_, figures, _) in NOTES.items() for _ in figures)
    for note_id, (_, _, words) in NOTES.items():
        entry = section[section.index(f'id="note-{note_id}"') :]
        assert words in entry.split("</dd>", 1)[0], note_id
