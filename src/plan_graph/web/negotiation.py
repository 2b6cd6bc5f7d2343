"""HTTP content negotiation: the Accept header (RFC 9110, with q-values) against what we can serve."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    type: str  # "text", "*"
    subtype: str  # "turtle", "*"
    quality: float
    order: int  # position in the header: earlier wins a tie

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return self.type in ("*", main) and self.subtype in ("*", sub)

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed parts are ignored, as RFC 9110 allows."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges = []
    for order, part in enumerate(header.split(",")):
        pieces = [piece.strip() for piece in part.split(";")]
        media = pieces[0].lower()
        if "/" not in media:
            continue
        main, _, sub = media.partition("/")
        if not main or not sub or (main == "*" and sub != "*"):
            continue
        quality = _quality(pieces[1:])
        if quality is not None:
            ranges.append(MediaRange(main, sub, quality, order))
    # a header with nothing usable in it is treated as absent rather than refusing everything
    return ranges or [MediaRange("*", "*", 1.0, 0)]


def _quality(parameters: list[str]) -> float | None:
    """The q-value of a media range (1 without one); None when it is malformed ("q=abc", "q=2", "q=nan"),
    which makes the range a malformed part: ignored, rather than read as "not acceptable"."""
    quality = 1.0
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value.strip())
            except ValueError:
                return None
            if not 0.0 <= quality <= 1.0:  # also false for nan
                return None
    return quality


def negotiate(header: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers (most specific matching range decides its quality); None: 406."""
    ranges = parse_accept(header)
    best: tuple[float, int, int, str] | None = None
    for offer_index, offer in enumerate(offers):
        matching = [r for r in ranges if r.matches(offer)]
        if not matching:
            continue
        decisive = max(matching, key=lambda r: (r.specificity, -r.order))
        if decisive.quality <= 0:
            continue
        # higher quality first; then the client's order for equal quality; then our order of offers
        key = (decisive.quality, -decisive.order, -offer_index)
        if best is None or key > best[:3]:
            best = (*key, offer)
    return best[3] if best else None
