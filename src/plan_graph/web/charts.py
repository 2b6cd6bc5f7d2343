"""What the pages' SVG charts share: a legend laid out side by side, each entry as wide as its label."""

from __future__ import annotations

CHARACTER = 6.5  # pixels a character of the legend's 12 px sans-serif takes, about
SWATCH_AND_GAP = 40  # the colour swatch, the space after it and the gap before the next entry


def legend(entries: list[tuple[str, str]], start: float) -> list[tuple[str, str, float]]:
    """(label, colour) pairs -> (label, colour, x) in a row from `start`."""
    placed, x = [], float(start)
    for label, colour in entries:
        placed.append((label, colour, x))
        x += SWATCH_AND_GAP + CHARACTER * len(label)
    return placed
