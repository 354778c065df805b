"""The expertise document of the regional analysis as a PDF for the steering group and
as one accessible HTML page (headings, lists, no scripts, opens without the server).

It carries the words of the document and the conflict fields it names, never a case
or an actor: the steering group reads it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from kokoma.contacts.models import ActorGroup
from kokoma.core.pdf import ReportPdf
from kokoma.district_analysis.models import ConflictField, RegionalReport
from kokoma.district_analysis.schemas import ReportContent

TRENDS = {"rising": "zunehmend", "stable": "gleichbleibend", "falling": "abnehmend"}
GROUPS = {
    ActorGroup.CIVIL_SOCIETY.value: "Zivilgesellschaft",
    ActorGroup.ADMINISTRATION.value: "Verwaltung",
    ActorGroup.POLITICS.value: "Politik",
    ActorGroup.POLICE.value: "Polizei",
    ActorGroup.EDUCATION.value: "Bildung",
    ActorGroup.RELIGIOUS_COMMUNITY.value: "Religionsgemeinschaften",
    ActorGroup.ASSOCIATIONS.value: "Vereine und Verbände",
    ActorGroup.BUSINESS.value: "Wirtschaft",
    ActorGroup.MEDIA.value: "Medien",
    ActorGroup.COUNSELLING_SERVICES.value: "Beratungsstellen",
    ActorGroup.OTHER.value: "Sonstige",
}


def _adopted(content: ReportContent) -> str:
    if content.adopted_on is None:
        return "Noch nicht von der Steuerungsgruppe beschlossen."
    return f"Beschlossen von der Steuerungsgruppe am {content.adopted_on:%d.%m.%Y}."


def _field_lines(item: ConflictField) -> list[str]:
    lines = [f"Trend: {TRENDS[item.trend.value]}"]
    if item.actor_groups:
        lines.append(
            "Beteiligte Akteursgruppen: " + ", ".join(GROUPS[g] for g in item.actor_groups)
        )
    return lines


def _sections(content: ReportContent, fields: Sequence[ConflictField]) -> list[tuple[str, str]]:
    names = {item.id: item.name for item in fields}
    return [
        (
            f"{names[f.field_id]}: {f.heading}" if f.field_id in names else f.heading,
            f.text,
        )
        for f in content.findings
    ]


def render_pdf(report: RegionalReport, fields: Sequence[ConflictField]) -> bytes:
    content = ReportContent.model_validate(report.content)
    pdf = ReportPdf(content.title, f"{content.title} - Fassung {report.number}")
    pdf.add_page()
    pdf.heading(content.title, 16)
    pdf.para(f"Fassung {report.number} vom {report.saved_at:%d.%m.%Y}, {report.author_name}")
    pdf.para(_adopted(content), bold=True)
    pdf.heading("Methode und Quellen")
    pdf.para(content.method)
    pdf.para(f"Interviews: {content.interviews}")
    pdf.para(
        f"Befragte Gruppen: {content.groups_interviewed}" if content.groups_interviewed else ""
    )
    pdf.para(content.sources)
    if fields:
        pdf.heading("Konfliktfelder")
        for item in fields:
            pdf.para(item.name, bold=True)
            for line in _field_lines(item):
                pdf.para(line)
            pdf.para(item.description)
    if content.findings:
        pdf.heading("Befunde")
        for heading, text in _sections(content, fields):
            pdf.para(heading, bold=True)
            pdf.para(text)
    pdf.heading("Empfehlungen")
    pdf.para(content.recommendations or "-")
    return bytes(pdf.output())


def _esc(text: object) -> str:
    return html.escape(str(text or ""))


def render_html(report: RegionalReport, fields: Sequence[ConflictField]) -> str:
    content = ReportContent.model_validate(report.content)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="de"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(content.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:50rem;margin:0 auto;padding:1rem;"
        "line-height:1.5;overflow-wrap:anywhere;color:#111}</style></head><body><main>",
        f"<h1>{_esc(content.title)}</h1>",
        f"<p>Fassung {report.number} vom {report.saved_at:%d.%m.%Y}, {_esc(report.author_name)}</p>",
        f"<p><strong>{_esc(_adopted(content))}</strong></p>",
        "<h2>Methode und Quellen</h2>",
        f"<p>{_esc(content.method)}</p>" if content.method else "",
        "<ul>",
        f"<li>Interviews: {content.interviews}</li>",
        f"<li>Befragte Gruppen: {_esc(content.groups_interviewed)}</li>"
        if content.groups_interviewed
        else "",
        "</ul>",
        f"<p>{_esc(content.sources)}</p>" if content.sources else "",
    ]
    if fields:
        parts.append("<h2>Konfliktfelder</h2>")
        for item in fields:
            parts.append(f"<h3>{_esc(item.name)}</h3><ul>")
            parts.extend(f"<li>{_esc(line)}</li>" for line in _field_lines(item))
            parts.append("</ul>")
            if item.description:
                parts.append(f"<p>{_esc(item.description)}</p>")
    if content.findings:
        parts.append("<h2>Befunde</h2>")
        for heading, text in _sections(content, fields):
            parts.append(f"<h3>{_esc(heading)}</h3><p>{_esc(text)}</p>")
    parts.append(f"<h2>Empfehlungen</h2><p>{_esc(content.recommendations or '–')}</p>")
    parts.append("</main></body></html>")
    return "\n".join(p for p in parts if p)
