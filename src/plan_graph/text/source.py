"""Reading the plan's text file: its encoding, recognised or given, and clear messages for everything else.

UTF-8 is tried first (a UTF-16 or UTF-32 file with its byte order mark is read as such). When the bytes are not UTF-8,
the two legacy encodings of Romanian text are tried, Windows-1250 and ISO-8859-16; one is taken only when the
bytes decode cleanly (no undefined byte, no control character) and give Romanian letters (ă ș ț …), and the
build says which. Where both fit, the one whose text has fewer characters foreign to Romanian text is taken.
Anything else is refused, naming the first byte that is not UTF-8, with its line and column. `--encoding NAME`
says what the file is and skips the guessing.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from plan_graph.errors import InputError, UsageError
from plan_graph.text.normalise import Normalisation, normalise, printed_lines

LEGACY_ENCODINGS = (("cp1250", "Windows-1250"), ("iso8859_16", "ISO-8859-16"))
_ROMANIAN_LETTERS = re.compile("[ăĂșȘțȚşŞţŢ]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# what a Romanian legal text is written with: ASCII, its letters, and the typography of the Official Gazette
_ROMANIAN_TEXT = re.compile("[\t\n\r\x20-\x7eăâîșțşţĂÂÎȘȚŞŢ„”“‘’«»–—…•°§€\u00a0]")
_BYTE_LINE_ENDS = re.compile(rb"\r\n|\r|\n")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)  # UTF-32 first: its little-endian mark starts like UTF-16's


class SourceError(InputError):
    """The source text cannot be read; the message names the file and, where it can, the place."""


@dataclass(frozen=True)
class PlanText:
    """The plan's text as the reader reads it, and what it was read from."""

    text: str  # normalised (normalise.py): what the reader reads
    printed: tuple[str, ...]  # the lines as decoded, before normalisation: what the file says, for provenance
    encoding: str = "UTF-8"  # its name as people know it
    recognised: str = ""  # how the encoding was recognised, when it was neither UTF-8 nor given
    normalisations: tuple[Normalisation, ...] = ()

    @classmethod
    def of(cls, decoded: str, encoding: str = "UTF-8", recognised: str = "") -> PlanText:
        text, normalisations = normalise(decoded)
        return cls(text, tuple(printed_lines(decoded.removeprefix("\ufeff"))), encoding, recognised, normalisations)

    def summary(self) -> list[str]:
        """How the text was read, in lines: "read as UTF-8", "normalised: 3 no-break … spaces read as spaces"."""
        lines = [f"read as {self.encoding}" + (f" ({self.recognised})" if self.recognised else "")]
        if self.normalisations:
            lines.append("normalised: " + "; ".join(map(str, self.normalisations)))
        return lines


def read_plan_text(path: Path, encoding: str | None = None) -> PlanText:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder, not a text file") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot read: {error.strerror or error}") from None
    return decode_plan_text(data, str(path), encoding)


def decode_plan_text(data: bytes, name: str, encoding: str | None = None) -> PlanText:
    """The text of `data`, in `encoding` or the one recognised; `name` says where it came from."""
    if encoding is not None:
        decoded, label, recognised = _given(data, name, encoding), encoding, ""
    else:
        decoded, label, recognised = recognise_encoding(data, name)
    if (nul := decoded.find("\x00")) >= 0:
        before = printed_lines(decoded[:nul] + "|")
        raise SourceError(
            f"{name}: contains NUL characters (the first at line {len(before)}, column "
            f"{len(before[-1])}): not a text file, or UTF-16 or UTF-32 without its byte order mark "
            "(give --encoding NAME)"
        )
    plan = PlanText.of(decoded, label, recognised)
    if not plan.text.strip():
        raise SourceError(f"{name}: is empty")
    return plan


def known_encoding(name: str) -> str:
    """The codec's name for an encoding name as a user writes it ("cp1250", "Windows-1250", "latin10" …)."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise UsageError(f"--encoding {name}: not an encoding Python knows (e.g. utf-8, cp1250, iso8859-16)") from None


def _given(data: bytes, name: str, encoding: str) -> str:
    try:
        return data.decode(known_encoding(encoding))  # a byte order mark stays: normalise() drops it, and says so
    except UnicodeDecodeError as error:
        raise SourceError(f"{name}: not {encoding} text: {_place(data, error.start)}") from None


_ENCODING_HINT = "give --encoding NAME if you know it, or convert it first, e.g. `iconv -f cp1250 -t utf-8`"


def recognise_encoding(data: bytes, name: str, hint: str = _ENCODING_HINT) -> tuple[str, str, str]:
    """The text of Romanian `data` (UTF-8, UTF-16 or UTF-32 with a byte order mark, or Windows-1250 or ISO-8859-16
    recognised by its Romanian letters), the encoding's name, and how it was recognised; a SourceError ending
    with `hint` otherwise."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):  # decoded with it, so that normalise() drops it and says so
            try:
                return data.decode(codec), label, "" if label == "UTF-8" else "by its byte order mark"
            except UnicodeDecodeError as error:
                where = _place(data, error.start)
                raise SourceError(
                    f"{name}: starts with a {label} byte order mark but is not {label}: {where}"
                ) from None
    try:
        return data.decode("utf-8"), "UTF-8", ""
    except UnicodeDecodeError as error:
        not_utf8 = error.start
    candidates = []
    for codec, label in LEGACY_ENCODINGS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _ROMANIAN_LETTERS.search(text) and not _CONTROLS.search(text):
            foreign = len(_ROMANIAN_TEXT.sub("", text))
            candidates.append((foreign, text, label))
    if candidates:
        candidates.sort(key=lambda candidate: candidate[0])  # stable: of equals, Windows-1250 first
        _, text, label = candidates[0]
        how = "not UTF-8; recognised by its Romanian letters"
        same = [other for _, decoded, other in candidates[1:] if normalise(decoded)[0] == normalise(text)[0]]
        if same:  # ș ț in one are ş ţ in the other, byte for byte: without „ ” or € the text cannot tell them apart
            how += f"; {same[0]} gives the same text"
        return text, label, how
    raise SourceError(
        f"{name}: not UTF-8 text: {_place(data, not_utf8)}; nor Romanian text in Windows-1250 or ISO-8859-16 ({hint})"
    )


def _place(data: bytes, offset: int) -> str:
    """Where a byte is, as an editor counts lines (LF, CRLF and CR end a line) and columns (from 1)."""
    before = _BYTE_LINE_ENDS.split(data[:offset])
    return f"byte 0x{data[offset]:02x} at line {len(before)}, column {len(before[-1]) + 1}"
