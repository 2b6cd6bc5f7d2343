"""The plan's text in one form, whatever form it was found in: letters, spaces and line ends normalised.

The same act reaches users in many forms: cedilla letters (ş ţ) from Monitorul Oficial's older typesetting and
legacy code pages, decomposed Unicode (NFD) from macOS and PDF extractors, no-break spaces from web pages,
zero-width characters and soft hyphens from word processors, CRLF or CR line ends. The reader reads one form,
so that every variant gives the same graph: NFC, the comma-below letters ș ț Ș Ț (the correct Romanian ones),
plain spaces, LF. Lines are never joined or split, so line numbers stay those of the file as printed; what
each step changed is counted, so that nothing is changed silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_BOM = "\ufeff"
_CEDILLA = str.maketrans("şţŞŢ", "șțȘȚ")
# A line ends at LF, CRLF or CR, as in editors; str.splitlines() would also end lines at these, which would
# shift every line number after them, so they are read as spaces.
_LINE_ENDS = re.compile(r"\r\n|\r|\n")
_OTHER_SEPARATORS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SOFT_HYPHEN = re.compile("\u00ad")
_UNICODE_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


@dataclass(frozen=True)
class Normalisation:
    """One kind of change made to the text, and how many times it was made."""

    count: int
    singular: str  # "cedilla letter read as comma-below"
    plural: str  # "cedilla letters read as comma-below"

    def __str__(self) -> str:
        return f"{self.count} {self.singular if self.count == 1 else self.plural}"


def printed_lines(text: str) -> list[str]:
    """The lines of a text as an editor numbers them (LF, CRLF and CR end a line), without their line ends."""
    lines = _LINE_ENDS.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def romanian_letters(text: str) -> str:
    """Romanian letters in one form, the plan's: NFC, and ș ț Ș Ț for the cedilla letters ş ţ Ş Ţ."""
    return unicodedata.normalize("NFC", text).translate(_CEDILLA)


def normalise(text: str) -> tuple[str, tuple[Normalisation, ...]]:
    """The text in the reader's form, and what was changed (only the kinds of change that were made)."""
    done: list[Normalisation] = []

    def count(found: int, singular: str, plural: str) -> None:
        if found:
            done.append(Normalisation(found, singular, plural))

    if text.startswith(_BOM):
        text = text[1:]
        count(1, "byte order mark dropped", "byte order marks dropped")
    crlf = text.count("\r\n")
    count(crlf, "CRLF line end read as LF", "CRLF line ends read as LF")
    count(text.count("\r") - crlf, "CR line end read as LF", "CR line ends read as LF")
    if "\r" in text:
        text = _LINE_ENDS.sub("\n", text)
    text, found = _OTHER_SEPARATORS.subn(" ", text)
    count(found, "other line separator read as a space", "other line separators read as spaces")
    text, found = _ZERO_WIDTH.subn("", text)
    count(found, "zero-width character removed", "zero-width characters removed")
    text, found = _SOFT_HYPHEN.subn("", text)
    count(found, "soft hyphen removed", "soft hyphens removed")
    text, found = _UNICODE_SPACES.subn(" ", text)
    count(found, "no-break or other Unicode space read as a space", "no-break and other Unicode spaces read as spaces")
    text, found = _composed(text)
    count(found, "decomposed letter composed (NFC)", "decomposed letters composed (NFC)")
    found = sum(text.count(letter) for letter in "şţŞŢ")
    if found:  # str.translate is slow on a long text: only when there is something to change
        text = text.translate(_CEDILLA)
    count(found, "cedilla letter read as comma-below", "cedilla letters read as comma-below")
    return text, tuple(done)


def _composed(text: str) -> tuple[str, int]:
    """The text in NFC, and how many letters (a base and its combining marks) that changed."""
    if unicodedata.is_normalized("NFC", text):
        return text, 0
    changed = 0
    cluster = ""
    for character in text + "\n":
        if cluster and not unicodedata.combining(character):
            changed += unicodedata.normalize("NFC", cluster) != cluster
            cluster = ""
        cluster += character
    return unicodedata.normalize("NFC", text), changed
