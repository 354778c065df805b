"""PDFs drawn with fpdf2's core fonts: their text, and a plain A4 report page."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from fpdf import FPDF
from fpdf.enums import XPos, YPos

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


class ReportPdf(FPDF):
    """An A4 report with a running head on every page, page numbers, headings and
    paragraphs: every PDF of KoKoMa but the certificates (case analysis, regional and
    annual report, crisis plan, privacy texts and the access export).

    A ``mark`` (e.g. a plan's classification) stands above the running head and beside
    the page number on every page; ``alert`` prints it in red."""

    def __init__(
        self,
        title: str,
        running_head: str,
        *,
        para_gap: float = 1,
        mark: str | None = None,
        alert: bool = False,
    ) -> None:
        super().__init__(format="A4")
        self.running_head = running_head
        self.para_gap = para_gap
        self.mark = mark
        self.alert = alert
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 22, 18)
        self.set_title(latin1(title))
        self.set_lang("de")

    def header(self) -> None:
        if self.mark:
            self.set_font("Helvetica", "B", 9)
            self.set_text_color(*((160, 0, 0) if self.alert else (60, 60, 60)))
            self.set_xy(18, 8)
            self.cell(0, 5, latin1(self.mark), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(0, 0, 0)
        else:
            self.set_xy(18, 10)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, latin1(self.running_head))
        self.set_y(22)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        number = f"Seite {self.page_no()}"
        self.cell(0, 5, latin1(f"{self.mark} - {number}" if self.mark else number), align="C")

    def heading(self, text: str, size: int = 13) -> None:
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, size * 0.5, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def para(self, text: str, *, bold: bool = False, size: int = 10) -> None:
        if not text:
            return
        self.set_font("Helvetica", "B" if bold else "", size)
        self.multi_cell(0, 5, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(self.para_gap)

    def table_of(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """A table with a bold header row; numbers (all but the first column) right-aligned."""
        self.set_font("Helvetica", "", 9)
        align = ["LEFT"] + ["RIGHT"] * (len(header) - 1)
        with self.table(text_align=align, line_height=5, padding=1) as table:
            for values in (header, *rows):
                row = table.row()
                for value in values:
                    row.cell(latin1(value))
        self.ln(2)
