"""The statistics page: Romania's anti-trafficking figures from the Data Cube, a chart of the victims series by
year and form of exploitation, every figure linked to the report that states it, and the recommendations to
Romania with the activities of the plan that answer them.

Read from the store like every page (the statistics graph is part of the dataset the endpoint serves); the chart
is plain SVG laid out here and drawn by templates/statistics-chart.svg, inline in the page, so that each bar is a
link to its source.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from plan_graph.stores.base import Store
from plan_graph.stores.queries import bundled_rows
from plan_graph.stores.results import Row, lexical
from plan_graph.web.charts import legend
from plan_graph.web.rendering import Links, render
from plan_graph.web.views import Ref

FORMS = ("all", "sexual-exploitation", "forced-labour", "other")  # the chart's bars in a year, in this order
FORM_COLOURS = {"all": "#1f4e8c", "sexual-exploitation": "#c0392b", "forced-labour": "#e67e22", "other": "#7f8c8d"}
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 860, 360, 56, 40, 24  # the chart's size and margins, in pixels


@dataclass(frozen=True)
class Figure:
    """One observation of the cube, as the page's table shows it."""

    iri: str
    measure: str  # its label
    year: str
    sex: str  # the UN code's label
    age: str
    form: str  # the code: all, sexual-exploitation, …
    form_label: str
    value: str
    percent: bool
    document: Ref  # the report that states it
    page: str  # where that report is published
    issued: str
    quotation: str  # the section and the sentence the figure comes from
    key: tuple[str, str, str]  # the measure's, sex's and age's codes: identifiedVictims, _T, _T
    as_written: str = ""  # the value in the sentence's words, when it gives no number ("three out of four")
    citizenship: str = ""  # whose victims, by citizenship: "" for all of them, else the label ("foreign citizens")
    notes: tuple[str, ...] = ()  # the notations of the series notes that concern it


@dataclass(frozen=True)
class SeriesNote:
    """A report's note that figures are not alike (a definition note, a break in series)."""

    iri: str
    notation: str
    kind: str  # its label: "definition note", "break in series"
    meaning: str  # what it means for a comparison
    quotation: str  # the section and the sentence that say so
    document: Ref
    page: str


@dataclass(frozen=True)
class Bar:
    year: str
    form: str
    form_label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    colour: str
    href: str | None  # the report that states it
    source: str  # its title
    others: str  # what other reports give for the same figure, when they disagree ("" when none do)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    years: list[tuple[str, float]]  # label, x of its centre
    ticks: list[tuple[int, float]]  # value, y
    legend: list[tuple[str, str, float]]  # label, colour, x
    baseline: float
    left: int


@dataclass(frozen=True)
class Recommendation:
    iri: str
    notation: str
    text: str
    document: Ref
    page: str
    answers: list[tuple[Ref, str]]  # the activity and why it answers


@dataclass(frozen=True)
class StatisticsView:
    figures: list[Figure]
    chart: Chart
    recommendations: list[Recommendation]
    notes: list[SeriesNote]


def statistics_view(store: Store) -> StatisticsView | None:
    """The page's content, or None when the store holds no statistics (a remote store without their graph)."""
    rows = bundled_rows(store, "pages/statistics-figures")
    if not rows:
        return None
    notes, concerned = _notes(store)
    figures = [replace(figure, notes=concerned.get(figure.iri, ())) for figure in map(_figure, rows)]
    return StatisticsView(figures, _chart(figures), _recommendations(store), notes)


def _notes(store: Store) -> tuple[list[SeriesNote], dict[str, tuple[str, ...]]]:
    """The series notes, and for each figure they concern (its IRI) the notations of its notes."""
    notes: dict[str, SeriesNote] = {}
    concerned: dict[str, tuple[str, ...]] = {}
    for row in bundled_rows(store, "pages/statistics-notes"):
        notation = lexical(row["notation"])
        notes.setdefault(
            notation,
            SeriesNote(
                lexical(row["note"]),
                notation,
                lexical(row["kind"]),
                lexical(row["meaning"]),
                lexical(row["quotation"]),
                Ref(lexical(row["doc"]), lexical(row["title"])),
                lexical(row["page"]),
            ),
        )
        figure = lexical(row["o"])
        concerned[figure] = (*concerned.get(figure, ()), notation)
    return list(notes.values()), concerned


def _figure(row: Row) -> Figure:
    def text(name: str) -> str:
        return lexical(row[name]) if name in row else ""

    return Figure(
        text("o"),
        text("measure"),
        text("year"),
        text("sex"),
        text("age"),
        text("form"),
        text("formLabel"),
        text("value"),
        text("unit") == "PERCENT",
        Ref(text("doc"), text("title")),
        text("page"),
        text("issued"),
        text("quotation"),
        (text("measureCode"), text("sexCode"), text("ageCode")),
        text("asWritten"),
        "" if text("citizenshipCode") == "all" else text("citizenship"),
    )


def _chart(figures: list[Figure]) -> Chart:
    """Identified victims of both sexes and all ages, by year (a figure of a period of years is in the table only) and
    form; where reports disagree, the latest
    report's figure is drawn and the others named on the bar."""
    series: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        # the totals of each year (not of a period, not of the foreign citizens alone)
        if figure.key == ("identifiedVictims", "_T", "_T") and figure.year.isdigit() and not figure.citizenship:
            series.setdefault((figure.year, figure.form), []).append(figure)
    years = sorted({year for year, _ in series})
    highest = max((int(f.value) for found in series.values() for f in found), default=1)
    top = _round_up(highest)
    plot_height = HEIGHT - TOP - BOTTOM
    group = (WIDTH - LEFT - 16) / max(len(years), 1)
    bar_width = group * 0.8 / len(FORMS)
    labels = {f.form: f.form_label for found in series.values() for f in found}
    bars = []
    for index, year in enumerate(years):
        for slot, form in enumerate(FORMS):
            found = series.get((year, form))
            if not found:
                continue
            shown = max(found, key=lambda f: (f.issued, f.document.label))  # the latest report
            others = sorted({f"{f.value} ({f.document.label})" for f in found if f.value != shown.value})
            value = int(shown.value)
            height = plot_height * value / top
            x = LEFT + index * group + group * 0.1 + slot * bar_width
            bars.append(
                Bar(
                    year,
                    form,
                    shown.form_label,
                    value,
                    x,
                    TOP + plot_height - height,
                    bar_width * 0.92,
                    height,
                    FORM_COLOURS[form],
                    shown.page,
                    shown.document.label,
                    "; ".join(others),
                )
            )
    ticks = [(value, TOP + plot_height - plot_height * value / top) for value in range(0, top + 1, top // 4)]
    key = legend([(labels[form], FORM_COLOURS[form]) for form in FORMS if form in labels], LEFT)
    return Chart(
        WIDTH,
        HEIGHT,
        bars,
        [(year, LEFT + (i + 0.5) * group) for i, year in enumerate(years)],
        ticks,
        key,
        TOP + plot_height,
        LEFT,
    )


def _round_up(value: int) -> int:
    """The axis's top: the value rounded up to a multiple of 200 (four ticks of whole numbers)."""
    return max(200, -(-value // 200) * 200)


def _recommendations(store: Store) -> list[Recommendation]:
    rows = bundled_rows(store, "pages/statistics-recommendations")
    found: dict[str, Recommendation] = {}
    for row in rows:
        iri = lexical(row["r"])
        if iri not in found:
            document = Ref(lexical(row["doc"]), lexical(row["title"]))
            found[iri] = Recommendation(
                iri, lexical(row["notation"]), lexical(row["text"]), document, lexical(row["page"]), []
            )
        if "activity" in row:
            activity = Ref(lexical(row["activity"]), lexical(row["activityTitle"]), lexical(row["activityNotation"]))
            found[iri].answers.append((activity, lexical(row["reason"])))
    return list(found.values())


def statistics_page(store: Store, links: Links) -> str | None:
    view = statistics_view(store)
    return render("statistics.html", links, view=view) if view is not None else None
