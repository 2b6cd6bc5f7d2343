"""Synthetic plans derived from the real one: the body copied k times with renumbered objectives.

Copy k of general objective N becomes N + 5k (and its specific objectives N+5k.M), so every activity, indicator
and deadline gets a distinct IRI, with the real plan's fan-out of indicators, actors and resources.
"""

from __future__ import annotations

import re
from dataclasses import replace

from plan_graph.text.links import Links, Translation

_GENERAL = re.compile(r"^(\s*Obiectiv general )(\d+)(:.*)$")
_SPECIFIC = re.compile(r"^(\s*Obiectiv specific )(\d+)(\.\d+.*)$")
_NOTATION = re.compile(r"^(\d+)((?:\.\d+)*)(/\d+)?$")


def scaled_plan_text(text: str, copies: int) -> str:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "PREVENIREA TRAFICULUI DE PERSOANE")
    end = next(i for i, line in enumerate(lines) if "Lista abrevierilor" in line)
    body = lines[start:end]
    out = lines[:start]
    for copy in range(copies):
        for line in body:
            line = _GENERAL.sub(lambda m, k=copy: f"{m.group(1)}{int(m.group(2)) + 5 * k}{m.group(3)}", line)
            line = _SPECIFIC.sub(lambda m, k=copy: f"{m.group(1)}{int(m.group(2)) + 5 * k}{m.group(3)}", line)
            out.append(line)
    return "\n".join(out + lines[end:]) + "\n"


def scaled_links(links: Links, copies: int) -> Links:
    """The translation table for the renumbered copies (the same English for the same Romanian)."""
    translations = dict(links.translations)
    for (kind, key), entry in links.translations.items():
        match = _NOTATION.match(key)
        if kind in ("plan", "abbreviation") or not match:
            continue
        for copy in range(1, copies):
            new_key = f"{int(match.group(1)) + 5 * copy}{match.group(2)}{match.group(3) or ''}"
            translations[(kind, new_key)] = Translation(kind, new_key, entry.ro, entry.en)
    return replace(links, translations=translations)
