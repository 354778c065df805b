"""Header lists with quality weights (RFC 9110, 12.4.2): ``Accept``, ``Accept-Language``,
``Accept-Encoding`` read the same way wherever the API negotiates."""

from __future__ import annotations


def weighted(header: str | None) -> list[tuple[str, float]]:
    """Each listed value, lower-cased and without its parameters, with its ``q`` weight,
    in the header's order: 1 where no weight is given, 0 where it cannot be read."""
    entries: list[tuple[str, float]] = []
    for part in (header or "").split(","):
        value, *params = (piece.strip().lower() for piece in part.split(";"))
        if value:
            entries.append((value, _quality(params)))
    return entries


def _quality(params: list[str]) -> float:
    quality = 1.0
    for param in params:
        name, _, raw = param.partition("=")
        if name.strip() == "q":
            try:
                quality = float(raw)
            except ValueError:
                quality = 0.0
    return quality
