"""#31 item 6: the reader's lookup of actor names by their first letter (text/actor_text.py, Lexicon.names_at)
against the plain version that tries every name at every position, in alternation in one run.

    python -m bench.actor_lookup [COPIES] [RUNS]     (default: 1 copy of the plan, 7 runs; 100 copies: x100)
"""

from __future__ import annotations

import statistics
import sys
import time

from bench.synthetic import scaled_plan_text
from plan_graph.resources import bundled_plan
from plan_graph.text import actor_text
from plan_graph.text.reader import parse_plan
from plan_graph.text.registry import load_corrections, load_registry

BY_FIRST_LETTER = actor_text.Lexicon.names_at


def every_name(self: actor_text.Lexicon, text: str, position: int) -> list[actor_text.Term]:
    """The plain version: every name of the lexicon tried at the position (longest first)."""
    found = []
    for term in self.terms:
        end = position + len(term.text)
        piece = text[position:end]
        same = piece.casefold() == term.text.casefold() if term.ignore_case else piece == term.text
        if same and not (end < len(text) and text[end].islower()):
            found.append(term)
    return found


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    text = scaled_plan_text(bundled_plan().read_text(encoding="utf-8"), copies)
    registry, corrections = load_registry(), load_corrections()

    def read(names_at: object) -> float:
        actor_text.Lexicon.names_at = names_at  # type: ignore[method-assign]
        start = time.perf_counter()
        parse_plan(text, registry, corrections)
        return time.perf_counter() - start

    pairs = [(read(BY_FIRST_LETTER), read(every_name)) for _ in range(runs)]
    ratios = [plain / kept for kept, plain in pairs]
    print(
        f"x{copies}: reading {statistics.median(k for k, _ in pairs):.3f} s by first letter, "
        f"{statistics.median(p for _, p in pairs):.3f} s trying every name; plain / kept: median "
        f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"
    )


if __name__ == "__main__":
    main()
