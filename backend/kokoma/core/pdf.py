"""Text for PDFs drawn with fpdf2's core fonts (certificates, crisis plans)."""

from __future__ import annotations

import unicodedata

# Core fonts cover Latin-1 only: typographic marks are mapped to their plain forms,
# other letters lose their accents (NFKD); whatever is left becomes "?".
_PLAIN = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u201e": '"',
        "\u201c": '"',
        "\u201d": '"',
        "\u201a": "'",
        "\u2018": "'",
        "\u2019": "'",
        "\u2026": "...",
        "\u2022": "\u00b7",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


def latin1(text: str) -> str:
    """``text`` as the core fonts can draw it."""
    out = []
    for char in text.translate(_PLAIN):
        if ord(char) < 256:
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if ord(c) < 128)
        out.append(base or "?")
    return "".join(out)
