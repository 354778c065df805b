"""The certificate as a one-page A4 PDF in German, drawn with fpdf2's core fonts."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from kokoma.core.pdf import latin1
from kokoma.trainings.certificates.models import Certificate

_LINE = 7


def german_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


class _Page(FPDF):
    def line_of(
        self, text: str, size: float, *, bold: bool = False, height: float = _LINE
    ) -> None:
        self.set_font("Helvetica", "B" if bold else "", size)
        self.multi_cell(
            0, height, latin1(text), align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def small(self, text: str) -> None:
        self.set_font("Helvetica", "", 9)
        self.multi_cell(0, 4.5, latin1(text), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def hours_text(hours: float) -> str:
    """``20 Stunden``, ``7,5 Stunden``, ``1 Stunde`` — German numbers."""
    number = f"{hours:g}".replace(".", ",")
    return f"{number} Stunde" if hours == 1 else f"{number} Stunden"


def _module_detail(module: dict[str, Any]) -> str:
    days = ", ".join(german_date(date.fromisoformat(d)) for d in module["days"])
    where = "Online-Vertiefung" if module.get("kind") == "online" else ", ".join(module["places"])
    parts = [days, where, hours_text(module["hours"]) if module.get("hours") else ""]
    return " \u00b7 ".join(part for part in parts if part)


def _module_lines(pdf: _Page, certificate: Certificate) -> None:
    for index, module in enumerate(certificate.modules, start=1):
        # The number the module has in the series, not its place in this list.
        number = module.get("number", index)
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(
            0, 6, latin1(f"{number}. {module['title']}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(
            0, 5, latin1(f"     {_module_detail(module)}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.ln(1)


def render(certificate: Certificate, verify_url: str) -> bytes:
    """The printable certificate; the same certificate always renders alike."""
    pdf = _Page(orientation="P", unit="mm", format="A4")
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(latin1(f"Zertifikat {certificate.number}"))
    pdf.set_author(latin1(certificate.municipality_name))
    pdf.set_creation_date(datetime.combine(certificate.issued_on, time(12), UTC))
    pdf.add_page()

    pdf.line_of(certificate.municipality_name, 12)
    pdf.ln(10)
    pdf.line_of("ZERTIFIKAT", 30, bold=True, height=14)
    pdf.ln(8)
    pdf.line_of("Hiermit wird bestätigt, dass", 12)
    pdf.ln(3)
    pdf.line_of(certificate.participant_name, 22, bold=True, height=11)
    pdf.ln(3)
    pdf.line_of("erfolgreich an der Qualifizierungsreihe", 12)
    pdf.ln(2)
    pdf.line_of(certificate.series_title, 15, bold=True)
    pdf.ln(2)
    pdf.line_of("teilgenommen und dabei folgende Module besucht hat:", 12)
    pdf.ln(6)
    _module_lines(pdf, certificate)
    if certificate.hours:
        pdf.ln(2)
        pdf.line_of(f"Umfang insgesamt: {hours_text(certificate.hours)}", 11, bold=True)
    pdf.ln(8)
    issued = f"Ausgestellt am {german_date(certificate.issued_on)}"
    pdf.line_of(f"{issued} \u00b7 {certificate.municipality_name}", 11)
    if certificate.signatory:
        pdf.ln(14)
        pdf.line_of("______________________________", 11)
        pdf.line_of(certificate.signatory, 10)
    pdf.ln(12)
    pdf.small(f"Zertifikatsnummer: {certificate.number}")
    pdf.small(f"Prüfcode: {certificate.verification_code}")
    pdf.small(f"Echtheit prüfen: {verify_url}")
    return bytes(pdf.output())
