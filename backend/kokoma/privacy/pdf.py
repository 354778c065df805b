"""The access export as a readable PDF (German, for the person who asked)."""

from __future__ import annotations

from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from kokoma.core.pdf import latin1
from kokoma.privacy.schemas import AccessReport

_SECTIONS = (
    ("contacts", "Als Netzwerkkontakt gespeichert"),
    ("relations", "Beziehungen im Netzwerk"),
    ("case_parties", "Beteiligung an Konfliktfällen"),
    ("consultations", "Teilnahme an Beratungen"),
    ("referrals", "Vermittlungen"),
    ("training_participations", "Teilnahme an Qualifizierungen"),
    ("certificates", "Zertifikate"),
)


class _Doc(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", size=8)
        self.cell(0, 8, latin1(f"Auskunft nach Art. 15 DSGVO - Seite {self.page_no()}"), align="C")


def _line(pdf: FPDF, text: str, *, size: int = 10, bold: bool = False) -> None:
    pdf.set_font("helvetica", "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.55, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _record(pdf: FPDF, record: dict[str, Any]) -> None:
    for key, value in record.items():
        if value in (None, "", []):
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        _line(pdf, f"{key}: {shown}", size=9)
    pdf.ln(2)


def render(report: AccessReport) -> bytes:
    pdf = _Doc(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    _line(pdf, "Auskunft über gespeicherte personenbezogene Daten", size=15, bold=True)
    _line(pdf, f"{report.municipality} - Stand {report.generated_at:%d.%m.%Y %H:%M} UTC")
    _line(pdf, f"Betroffene Person: {report.name}")
    pdf.ln(4)
    for key, title in _SECTIONS:
        records = getattr(report, key)
        _line(pdf, title, size=12, bold=True)
        if not records:
            _line(pdf, "Keine Einträge.", size=9)
        for record in records:
            _record(pdf, record)
        pdf.ln(2)
    _line(pdf, "Nennungen in Freitexten", size=12, bold=True)
    if not report.mentions:
        _line(pdf, "Keine Einträge.", size=9)
    for mention in report.mentions:
        _line(pdf, f"{mention.table} / {mention.field}: {mention.excerpt}", size=9)
    pdf.ln(2)
    _line(pdf, "Zwecke, Rechtsgrundlagen, Empfänger und Speicherdauer", size=12, bold=True)
    for activity in report.processing:
        _line(pdf, activity.category, size=10, bold=True)
        _line(pdf, f"Zweck: {activity.purpose}", size=9)
        _line(pdf, f"Rechtsgrundlage: {activity.legal_basis}", size=9)
        _line(pdf, f"Empfänger: {activity.recipients}", size=9)
        _line(pdf, f"Speicherdauer: {activity.retention}", size=9)
        pdf.ln(1)
    _line(
        pdf,
        "Sie haben das Recht auf Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung "
        "(Art. 18) und Widerspruch (Art. 21) sowie das Recht, sich bei der "
        "Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO).",
        size=9,
    )
    return bytes(pdf.output())
