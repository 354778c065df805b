"""The access export as a readable PDF (German, for the person who asked)."""

from __future__ import annotations

from typing import Any

from kokoma.core.pdf import ReportPdf
from kokoma.privacy.schemas import AccessReport

TITLE = "Auskunft über gespeicherte personenbezogene Daten"
_SECTIONS = (
    ("contacts", "Als Netzwerkkontakt gespeichert"),
    ("relations", "Beziehungen im Netzwerk"),
    ("case_parties", "Beteiligung an Konfliktfällen"),
    ("consultations", "Teilnahme an Beratungen"),
    ("referrals", "Vermittlungen"),
    ("training_participations", "Teilnahme an Qualifizierungen"),
    ("certificates", "Zertifikate"),
)


def _record(pdf: ReportPdf, record: dict[str, Any]) -> None:
    for key, value in record.items():
        if value in (None, "", []):
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        pdf.para(f"{key}: {shown}", size=9)
    pdf.ln(2)


def render(report: AccessReport) -> bytes:
    """The report with every section, the mentions in free texts, the purposes of the
    processing and the person's rights."""
    pdf = ReportPdf(TITLE, f"Auskunft nach Art. 15 DSGVO - {report.municipality}", para_gap=0)
    pdf.add_page()
    pdf.heading(TITLE, 15)
    pdf.para(f"{report.municipality} - Stand {report.generated_at:%d.%m.%Y %H:%M} UTC")
    pdf.para(f"Betroffene Person: {report.name}")
    pdf.ln(4)
    for key, title in _SECTIONS:
        records = getattr(report, key)
        pdf.heading(title, 12)
        if not records:
            pdf.para("Keine Einträge.", size=9)
        for record in records:
            _record(pdf, record)
        pdf.ln(2)
    pdf.heading("Nennungen in Freitexten", 12)
    if not report.mentions:
        pdf.para("Keine Einträge.", size=9)
    for mention in report.mentions:
        pdf.para(f"{mention.table} / {mention.field}: {mention.excerpt}", size=9)
    pdf.ln(2)
    pdf.heading("Zwecke, Rechtsgrundlagen, Empfänger und Speicherdauer", 12)
    for activity in report.processing:
        pdf.para(activity.category, bold=True)
        pdf.para(f"Zweck: {activity.purpose}", size=9)
        pdf.para(f"Rechtsgrundlage: {activity.legal_basis}", size=9)
        pdf.para(f"Empfänger: {activity.recipients}", size=9)
        pdf.para(f"Speicherdauer: {activity.retention}", size=9)
        pdf.ln(1)
    pdf.para(
        "Sie haben das Recht auf Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung "
        "(Art. 18) und Widerspruch (Art. 21) sowie das Recht, sich bei der "
        "Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO).",
        size=9,
    )
    return bytes(pdf.output())
