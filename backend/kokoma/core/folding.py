"""Case- and accent-folded text for searching and sorting, the same on every database.

SQLite's ``lower()`` and ``LIKE`` fold ASCII only; PostgreSQL's depend on the
cluster's locale. Folding in Python and storing the folded text (or comparing with
folded columns) gives one answer everywhere.
"""

from __future__ import annotations

import unicodedata

MAX_SEARCH_TERMS = 5


def fold(text: str) -> str:
    """Case and accents folded (``Öhler`` → ``ohler``, ``Straße`` → ``strasse``).

    Sorting and searching on folded text orders umlauts as German phone books do
    (DIN 5007-1) and finds ``ärzte`` in ``Ärztekammer`` on every database.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_terms(q: str | None) -> list[str]:
    """Folded words of a free-text query; every one of them has to match."""
    return fold(q or "").split()[:MAX_SEARCH_TERMS]
