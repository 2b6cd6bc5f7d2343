"""Property and mutation tests of the reader (#10.1): whatever the text, no traceback, and every line accounted for.

The inputs are the real plan with lines deleted, duplicated, glued, garbled and truncated, re-encoded, and random
bytes: 10,000 examples in all with `pytest --full` (hypothesis profile "full", 2,000 per test and twice that for
the first; .ci/run), 500 with the README's quick profile. The invariant is the reader's promise: every line from
the first area heading on is a heading, an activity, an abbreviation or a reported error naming that line, and a
line that is an activity is not also an error.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from plan_graph.text.reader import parse_plan
from plan_graph.text.registry import load_corrections, load_registry
from plan_graph.text.source import PlanText, SourceError, decode_plan_text
from tests.support.paths import REPO

PLAN_BYTES = (REPO / "data" / "hg-861-2018-plan-2018-2020.txt").read_bytes()
PLAN_LINES = PLAN_BYTES.decode("utf-8").splitlines()
REGISTRY = load_registry()
CORRECTIONS = load_corrections()
_SKIPPED = re.compile(r"^(?:[-–—_=*]+|ActivitateIndicatoriTermenResponsabili/ParteneriResurse)$")
_LIST_HEADING = re.compile(r"^\+?\s*Lista abrevierilor")  # "+\xa0 Lista abrevierilor utilizate în text"
_FIRST_AREA = re.compile(r"^[A-ZĂÂÎȘȚ ,\-]{10,}$")

FUZZ = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def assert_every_line_accounted_for(text: str | PlanText) -> None:
    source = text if isinstance(text, PlanText) else PlanText.of(text)
    plan = parse_plan(source, REGISTRY, CORRECTIONS)  # must not raise, whatever the text
    lines = source.text.splitlines()  # normalised: the reader's view, numbered as the file is
    assert len(lines) == len(source.printed), "normalising the text changed its line numbers"
    # An issue with no text is about the whole document (no abbreviation list): it names where the text ends.
    errors = {issue.line for issue in plan.issues if issue.severity == "error" and issue.text}
    assert all(1 <= issue.line <= max(len(lines), 1) for issue in plan.issues), "an issue names no line of the text"
    activities = {activity.line for activity in plan.activities}
    assert not activities & errors, f"lines both read and reported: {sorted(activities & errors)[:5]}"
    assert len(activities) == len(plan.activities), "two activities from one line"
    accounted = (
        activities
        | errors
        | {area.line for area in plan.areas}
        | {objective.line for objective in plan.general_objectives}
        | {objective.line for objective in plan.specific_objectives}
        | {abbreviation.line for abbreviation in plan.abbreviations}
    )
    first_area = next((n for n, line in enumerate(lines, 1) if _FIRST_AREA.match(line.strip())), None)
    if first_area is None:
        return  # no body: the header's problems are reported (checked by the tests of the reader's rules)
    for number, line in enumerate(lines[first_area - 1 :], start=first_area):
        written = line.strip()
        if not written or _SKIPPED.match(written) or _LIST_HEADING.match(written):
            continue
        assert number in accounted, f"line {number} silently dropped: {written[:80]!r}"


def _garble(line: str, position: int, insert: str, cut: int) -> str:
    at = position % (len(line) + 1)
    return line[:at] + insert + line[at + cut :]


_LINE = st.integers(min_value=0, max_value=len(PLAN_LINES) - 1)
_EDIT = st.one_of(
    st.tuples(st.just("delete"), _LINE),
    st.tuples(st.just("duplicate"), _LINE),
    st.tuples(st.just("glue"), _LINE),
    st.tuples(st.just("swap"), _LINE, _LINE),
    st.tuples(st.just("garble"), _LINE, st.integers(0, 400), st.text(max_size=12), st.integers(0, 12)),
)


def _apply(lines: list[str], edit: tuple) -> list[str]:
    lines = list(lines)
    if not lines:
        return lines
    kind, index = edit[0], edit[1] % len(lines)
    if kind == "delete":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "glue" and index + 1 < len(lines):
        lines[index : index + 2] = [lines[index] + lines[index + 1].strip()]
    elif kind == "swap":
        other = edit[2] % len(lines)
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == "garble":
        lines[index] = _garble(lines[index], edit[2], edit[3], edit[4])
    return lines


@settings(FUZZ, max_examples=2 * settings.default.max_examples)
@given(st.lists(_EDIT, min_size=1, max_size=6))
def test_deleted_duplicated_glued_swapped_and_garbled_lines_are_each_an_activity_or_an_error(edits):
    lines = PLAN_LINES
    for edit in edits:
        lines = _apply(lines, edit)
    assert_every_line_accounted_for("\n".join(lines))


@settings(FUZZ)
@given(st.integers(min_value=0, max_value=len(PLAN_BYTES)), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_truncated_files_with_any_line_ends_and_byte_order_mark_decode_or_fail_clearly(cut, line_end, bom):
    data = PLAN_BYTES[:cut].replace(b"\n", line_end.encode())
    data = (b"\xef\xbb\xbf" if bom else b"") + data
    try:
        text = decode_plan_text(data, "plan.txt")
    except SourceError as error:
        message = str(error)
        assert message.startswith("plan.txt: ")
        assert "is empty" in message or re.search(
            r"not UTF-8( text)?: byte 0x[0-9a-f]{2} at line \d+, column \d+", message
        )
        return
    assert not text.text.startswith("\ufeff") and not text.printed[0].startswith("\ufeff")
    assert_every_line_accounted_for(text)


@settings(FUZZ)
@given(st.binary(max_size=4000))
def test_random_bytes_never_end_in_a_traceback(data):
    try:
        text = decode_plan_text(data, "noise.bin")
    except SourceError as error:
        assert str(error).startswith("noise.bin: ")
        return
    assert_every_line_accounted_for(text)


@settings(FUZZ)
@given(st.lists(st.sampled_from(PLAN_LINES[5:80]), max_size=30), st.lists(st.text(max_size=60), max_size=5))
def test_fragments_of_the_body_mixed_with_random_text_are_accounted_for(body_lines, noise):
    # Short texts: headings, activities and noise in any order, without the document's header.
    assert_every_line_accounted_for("\n".join(body_lines + noise))


def test_crlf_and_a_byte_order_mark_read_the_same_plan_as_the_published_file():
    published = parse_plan(PLAN_BYTES.decode("utf-8"), REGISTRY, CORRECTIONS)
    windows = parse_plan(decode_plan_text(b"\xef\xbb\xbf" + PLAN_BYTES.replace(b"\n", b"\r\n"), "p"), REGISTRY)
    assert [a.notation for a in windows.activities] == [a.notation for a in published.activities]
    assert [a.title for a in windows.activities] == [a.title for a in published.activities]
    assert len(published.activities) == 60 and windows.issues == published.issues


# ---- the same text in other forms (#15): letters, spaces, invisible characters, line ends, encodings

_CEDILLA = str.maketrans("șțȘȚ", "şţŞŢ")


def _sprinkle(text: str, character: str, rng) -> str:
    """`character` inserted at a few random places inside words (where a word processor or a PDF puts them)."""
    places = sorted(rng.sample(range(1, len(text)), k=min(40, len(text) - 1)))
    pieces, start = [], 0
    for place in places:
        if text[place - 1].isalpha() and text[place].isalpha():
            pieces.append(text[start:place] + character)
            start = place
    return "".join(pieces) + text[start:]


FORMS = {
    "cedilla": lambda text, rng: text.translate(_CEDILLA),
    "decomposed (NFD)": lambda text, rng: unicodedata.normalize("NFD", text),
    "no-break spaces": lambda text, rng: "".join("\u00a0" if c == " " and rng.random() < 0.5 else c for c in text),
    "zero-width spaces": lambda text, rng: _sprinkle(text, "\u200b", rng),
    "soft hyphens": lambda text, rng: _sprinkle(text, "\u00ad", rng),
}
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])
# how each encoding writes what it cannot hold: legacy code pages have no bullet, and one kind of s/t each
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1250", "iso8859_16"]


def _encoded(text: str, encoding: str) -> bytes | None:
    """The text's bytes in the encoding, as a converter writes them; None when a letter cannot be written."""
    if encoding == "cp1250":
        text = text.translate(_CEDILLA)  # the code page has only the cedilla letters
    elif encoding == "iso8859_16":
        text = text.translate(str.maketrans("şţŞŢ", "șțȘȚ"))  # and this one only the comma-below letters
    try:
        return text.replace("•", "*" if encoding in ("cp1250", "iso8859_16") else "•").encode(encoding)
    except UnicodeEncodeError:
        return None  # e.g. a zero-width space in a legacy code page: not a file anyone has


def _records(plan) -> tuple:
    """Everything the reader read, but the printed lines (which keep each file's own form)."""
    return (
        plan.document,
        plan.areas,
        plan.general_objectives,
        plan.specific_objectives,
        plan.activities,
        plan.abbreviations,
        plan.corrections,
        plan.issues,
    )


PUBLISHED_RECORDS = _records(parse_plan(PLAN_BYTES.decode("utf-8"), REGISTRY, CORRECTIONS))


@settings(FUZZ)
@given(st.lists(st.sampled_from(sorted(FORMS)), unique=True), LINE_ENDS, st.sampled_from(ENCODINGS), st.randoms())
def test_the_plan_in_any_form_and_encoding_reads_as_the_published_text(forms, line_end, encoding, rng):
    text = PLAN_BYTES.decode("utf-8")
    for form in forms:
        text = FORMS[form](text, rng)
    text = text.replace("\n", line_end)
    data = _encoded(text, encoding)
    assume(data is not None)
    event(f"encoding: {encoding}")
    read = decode_plan_text(data, "variant.txt")
    assert len(read.printed) == len(PLAN_LINES)  # line numbers untouched
    assert _records(parse_plan(read, REGISTRY, CORRECTIONS)) == PUBLISHED_RECORDS, (forms, encoding)


@settings(FUZZ)
@given(
    st.lists(_EDIT, min_size=1, max_size=4),
    st.lists(st.sampled_from(sorted(FORMS)), unique=True),
    LINE_ENDS,
    st.sampled_from(ENCODINGS),
    st.randoms(),
)
def test_edited_lines_in_any_form_and_encoding_are_each_an_activity_or_an_error(edits, forms, line_end, encoding, rng):
    lines = PLAN_LINES
    for edit in edits:
        lines = _apply(lines, edit)
    text = line_end.join(lines)
    for form in forms:
        text = FORMS[form](text, rng)
    data = _encoded(text, encoding)
    assume(data is not None)
    try:
        read = decode_plan_text(data, "variant.txt")
    except SourceError as error:  # the edits may leave an empty text, or one without a Romanian letter
        assert str(error).startswith("variant.txt: ")
        return
    assert_every_line_accounted_for(read)
