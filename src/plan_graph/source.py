"""Reading the plan's text file: UTF-8 only, with clear messages for everything else."""

from __future__ import annotations

from pathlib import Path


class SourceError(OSError):
    """The source text cannot be read; the message names the file and, where it can, the place."""


def read_plan_text(path: Path) -> str:
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
    return decode_plan_text(data, str(path))


def decode_plan_text(data: bytes, name: str) -> str:
    """The text of `data`, which must be UTF-8 (a byte order mark is dropped); `name` says where it came from."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte order mark says nothing about the text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError(
            f"{name}: not UTF-8 text: byte 0x{data[error.start]:02x} at line {line}, column {column} "
            "(convert it first, e.g. `iconv -f cp1250 -t utf-8`)"
        ) from None
    if "\x00" in text:
        raise SourceError(f"{name}: contains NUL characters: not a text file")
    if not text.strip():
        raise SourceError(f"{name}: is empty")
    return text
