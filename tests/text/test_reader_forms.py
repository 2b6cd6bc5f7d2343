"""#15: the plan as other publishers and tools give it (letter forms, spaces, line ends, encodings) builds the
same graph as the bundled text, but for the printed lines, which keep what each file says.

The variants are the bundled text changed only in form. What the bundled text holds was counted by reading it:
533 letters with comma below (173 ș, 350 ț, 5 Ș, 5 Ț), 3 no-break spaces (lines 4 and 114), 2 bullets "•"
(lines 3 and 4: the web page's list markers), 162 lines, each ended by LF.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from plan_graph.graph.rdflib_door import graph_of
from plan_graph.pipeline.build import build
from plan_graph.pipeline.plan_store import built_plan_store
from plan_graph.stores.embedded import EmbeddedStore
from plan_graph.stores.queries import catalogue, example_parameters, run_saved_query, saved_query
from plan_graph.stores.results import GraphResult
from plan_graph.text.normalise import normalise, printed_lines
from plan_graph.text.source import SourceError, decode_plan_text
from tests.support.namespaces import PG
from tests.support.paths import REPO

PLAN = (REPO / "data" / "hg-861-2018-plan-2018-2020.txt").read_text(encoding="utf-8")
CEDILLA = PLAN.translate(str.maketrans("șțȘȚ", "şţŞŢ"))
COMMA_BELOW_LETTERS = 533
EXAMPLES = {"actor": "MAI", "notation": "2", "date": "2021-12-31"}  # beside queries.EXAMPLE_VALUES

INVISIBLE = PLAN.replace("Activitate", "Activi\u00adtate").replace("Obiectiv ", "Obiectiv\u200b ")
VARIANTS = {  # name: (the file's bytes, what the build summary must say)
    "cedilla letters": (CEDILLA.encode(), ["read as UTF-8", f"{COMMA_BELOW_LETTERS} cedilla letters read as comma-"]),
    "decomposed Unicode (NFD)": (
        unicodedata.normalize("NFD", PLAN).encode(),
        ["read as UTF-8", "decomposed letters composed (NFC)"],
    ),
    "no-break spaces": (
        PLAN.replace(" ", "\u00a0").encode(),
        ["read as UTF-8", f"{PLAN.count(' ') + 3} no-break and other Unicode spaces read as spaces"],
    ),
    "Windows-1250": (
        CEDILLA.encode("cp1250"),
        [
            "read as Windows-1250 (not UTF-8; recognised by its Romanian letters)",
            f"{COMMA_BELOW_LETTERS} cedilla letters read as comma-below",
        ],
    ),
    # ISO-8859-16 has no bullet: a converter writes "?" for the two list markers of the header
    "ISO-8859-16": (PLAN.encode("iso8859_16", errors="replace"), ["recognised by its Romanian letters"]),
    "CRLF line ends and a BOM": (
        b"\xef\xbb\xbf" + PLAN.replace("\n", "\r\n").encode(),
        ["1 byte order mark dropped", "162 CRLF line ends read as LF"],
    ),
    "CR line ends": (PLAN.replace("\n", "\r").encode(), ["162 CR line ends read as LF"]),
    "UTF-16 with its BOM": (PLAN.encode("utf-16"), ["read as UTF-16 (by its byte order mark)"]),
    "zero-width spaces and soft hyphens": (
        INVISIBLE.encode(),
        ["zero-width characters removed", "soft hyphens removed"],
    ),
}


def without_printed_lines(graph) -> set:
    printed = {(line, PROV.value) for line in graph.subjects(RDF.type, PG.SourceLine)}
    return {triple for triple in graph if (triple[0], triple[1]) not in printed}


def answers(store: EmbeddedStore, name: str) -> list:
    query = saved_query(name)
    result = run_saved_query(store, name, example_parameters(query, **EXAMPLES))
    if isinstance(result, GraphResult):
        return sorted((s.value, p.value, o.value) for s, p, o in result.triples)
    return [[row[v].value if v in row else None for v in result.variables] for row in result.rows]


@pytest.fixture(scope="module")
def published():
    result = build(check=False)
    store = built_plan_store(result)
    return result, without_printed_lines(graph_of(result.stored)), {name: answers(store, name) for name in catalogue()}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_variant_of_the_text_builds_the_same_graph_and_answers(variant, published, tmp_path):
    data, said = VARIANTS[variant]
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    result = build(path)
    assert result.report.conforms and len(result.plan.activities) == 60
    _, triples, expected_answers = published
    assert without_printed_lines(graph_of(result.stored)) == triples  # the same IRIs, titles, labels … : the same graph
    store = built_plan_store(result)
    for name, rows in expected_answers.items():
        assert answers(store, name) == rows, name
    summary = "\n".join(result.text.summary())
    for words in said:
        assert words in summary, summary


def test_the_printed_lines_keep_what_the_file_says(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(CEDILLA.encode("cp1250"))
    result = build(path)
    line = URIRef("https://w3id.org/plan-graph/ro/hg-861-2018/source/line/10")
    printed = str(graph_of(result.stored).value(line, PROV.value))
    assert printed == CEDILLA.splitlines()[9]  # as decoded: "desfăşurarea", cedilla and all
    assert "ş" in printed and "ș" not in printed
    activity = URIRef("https://w3id.org/plan-graph/ro/hg-861-2018/activity/1.1.1")
    titles = {str(t) for t in graph_of(result.stored).objects(activity, DCTERMS.title) if t.language == "ro"}
    assert titles == {
        "Organizarea și desfășurarea unor evenimente cu ocazia Zilei europene de luptă împotriva traficului de persoane"
    }  # the values are normalised: comma-below


def test_the_build_command_says_how_it_read_the_text(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(CEDILLA.encode("cp1250"))
    result = subprocess.run(
        [sys.executable, "-m", "plan_graph", "build", str(path), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "  read as Windows-1250 (not UTF-8; recognised by its Romanian letters)\n" in result.stderr
    assert (
        f"  normalised: 3 no-break and other Unicode spaces read as spaces; {COMMA_BELOW_LETTERS} cedilla "
        "letters read as comma-below\n" in result.stderr
    )
    given = subprocess.run(
        [sys.executable, "-m", "plan_graph", "build", str(path), "--encoding", "cp1250", "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert given.returncode == 0 and "  read as cp1250\n" in given.stderr
    bundled = subprocess.run(
        [sys.executable, "-m", "plan_graph", "build", "--out", str(tmp_path / "b")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "  read as UTF-8\n  normalised: 3 no-break and other Unicode spaces read as spaces\n" in bundled.stderr


@pytest.mark.parametrize(
    ("encoding", "where"),
    [
        ("cp852", "byte 0xdd at line 1, column 8"),  # DOS Central European: "Ț" of "NAȚIONAL"
        ("mac_latin2", "byte 0xa5 at line 3, column 2"),  # Mac Central European: the bullet of line 3
        ("utf-16-le", "at line 1, column 197"),
    ],  # no byte order mark: the first non-ASCII character
)
def test_an_unrecognised_encoding_is_refused_naming_the_byte_and_the_line(encoding, where, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(CEDILLA.encode(encoding, errors="replace"))
    with pytest.raises(SourceError) as refused:
        build(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: not UTF-8 text: ") and where in message, message
    assert "nor Romanian text in Windows-1250 or ISO-8859-16" in message and "--encoding NAME" in message
    result = subprocess.run(
        [sys.executable, "-m", "plan_graph", "build", str(path), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and where in result.stderr and not (tmp_path / "o").exists()


def test_a_given_encoding_that_does_not_fit_names_the_byte_and_an_unknown_one_is_a_usage_error(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(CEDILLA.encode("cp1250"))
    with pytest.raises(SourceError, match=r"not utf-8 text: byte 0xde at line 1, column 8"):
        build(path, encoding="utf-8")
    unknown = subprocess.run(
        [sys.executable, "-m", "plan_graph", "build", str(path), "--encoding", "klingon"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert unknown.returncode == 2 and "--encoding klingon: not an encoding" in unknown.stderr


def test_iso_8859_16_is_told_from_windows_1250_by_what_only_it_holds():
    # „ ” (0xA5, 0xB5) and ș ț (0xBA, 0xFE) in ISO-8859-16; Windows-1250 would read them as Ą µ ş ţ
    data = "Strategia „Împreună” pentru țară și €".encode("iso8859_16")
    read = decode_plan_text(data, "x.txt")
    assert read.encoding == "ISO-8859-16" and read.text == "Strategia „Împreună” pentru țară și €"
    legacy = "Strategia „Împreună” pentru ţară şi".encode("cp1250")  # „ ” are 0x84 0x94: controls in ISO-8859-16
    assert decode_plan_text(legacy, "y.txt").encoding == "Windows-1250"


# ---- normalise(), step by step: each change made and counted, line numbers untouched


@pytest.mark.parametrize(
    ("text", "expected", "said"),
    [
        ("\ufeffa", "a", "1 byte order mark dropped"),
        ("a\r\nb\r\n", "a\nb\n", "2 CRLF line ends read as LF"),
        ("a\rb", "a\nb", "1 CR line end read as LF"),
        ("a\u2028b\x85c", "a b c", "2 other line separators read as spaces"),
        ("in\u200bfor\u2060mare\ufeff", "informare", "3 zero-width characters removed"),
        ("infor\u00admare", "informare", "1 soft hyphen removed"),
        ("a\u00a0b\u202fc\u2009d", "a b c d", "3 no-break and other Unicode spaces read as spaces"),
        ("s\u0326i t\u0326a\u0306", "și ță", "3 decomposed letters composed (NFC)"),
        ("Şi ţara ŞŢ", "Și țara ȘȚ", "4 cedilla letters read as comma-below"),
        ("s\u0327i", "și", "1 decomposed letter composed (NFC); 1 cedilla letter read as comma-below"),
    ],
)
def test_each_normalisation_is_made_and_counted(text, expected, said):
    normalised, done = normalise(text)
    assert normalised == expected
    assert "; ".join(map(str, done)) == said
    assert len(normalised.splitlines()) == len(printed_lines(text.removeprefix("\ufeff")))


def test_the_published_text_is_normalised_only_in_its_spaces():
    normalised, done = normalise(PLAN)
    assert [str(change) for change in done] == ["3 no-break and other Unicode spaces read as spaces"]
    assert normalised == PLAN.replace("\u00a0", " ")


def test_a_plan_read_from_a_path_and_from_bytes_agree(tmp_path):
    path = Path(tmp_path / "plan.txt")
    path.write_bytes(CEDILLA.encode("cp1250"))
    assert decode_plan_text(path.read_bytes(), str(path)).text == normalise(PLAN)[0]
