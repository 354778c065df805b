"""The plan for when the system is down: a PDF for the crisis folder and one HTML file
that opens from disk without the server.

The PDF puts the alert chain with every phone number on the first page, then one page
per scenario with its indicators, levels and measures, and the prepared messages at the
end. A confidential plan carries its classification mark on every page of both.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from kokoma.core.pdf import ReportPdf
from kokoma.crisis_plans.models import Classification, CrisisPlan
from kokoma.crisis_plans.schemas import PlanContent, PlanRole

LEVELS = {
    0: "Stufe 0 - Beobachten",
    1: "Stufe 1 - Erhöhte Aufmerksamkeit",
    2: "Stufe 2 - Lage (Koordinierungsrunde)",
    3: "Stufe 3 - Krise (Krisenstab)",
}
CHANNELS = {
    "phone": "Telefon",
    "sms": "SMS",
    "messenger": "Messenger",
    "email": "E-Mail",
    "in_person": "persönlich",
    "radio": "Funk",
}
AUDIENCES = {
    "residents": "Einwohnerschaft",
    "affected": "Betroffene",
    "council": "Gemeinderat",
    "media": "Medien",
    "staff": "Mitarbeitende",
}
PHASES = {"preventive": "vorbeugend", "acute": "akut", "aftercare": "Nachsorge"}
STATES = {"green": "grün", "yellow": "gelb", "red": "rot"}
STATUS = {
    "draft": "Entwurf",
    "in_review": "in Prüfung",
    "adopted": "beschlossen",
    "withdrawn": "zurückgezogen",
}


def mark(plan: CrisisPlan) -> str:
    """The classification line every page carries."""
    if plan.classification is Classification.CONFIDENTIAL:
        return "VERTRAULICH - nur für den Dienstgebrauch"
    return "Intern"


def _reach(person_name: str, phone: str) -> str:
    return f"{person_name} ({phone})" if phone else person_name


class _Roles:
    def __init__(self, roles: Iterable[PlanRole]) -> None:
        self.by_key = {role.key: role for role in roles}

    def title(self, key: str | None) -> str:
        role = self.by_key.get(key or "")
        return role.title if role else (key or "")

    def reach(self, key: str | None) -> str:
        """Role, holder with phone, deputy with phone: what a caller needs in one line."""
        role = self.by_key.get(key or "")
        if role is None:
            return key or ""
        parts = [role.title]
        if role.holder.name or role.holder.phone:
            parts.append(_reach(role.holder.name, role.holder.phone))
        if role.deputy.name or role.deputy.phone:
            parts.append("Vertretung: " + _reach(role.deputy.name, role.deputy.phone))
        return " - ".join(parts)


def _steps(content: PlanContent, roles: _Roles) -> list[tuple[int, list[str]]]:
    levels = sorted({step.level for step in content.alert_chain}, reverse=True)
    out = []
    for level in levels:
        lines = []
        steps = [s for s in content.alert_chain if s.level == level]
        for number, step in enumerate(steps, 1):
            line = (
                f"{number}. {roles.title(step.from_role)} -> {roles.reach(step.to_role)}; "
                f"{CHANNELS[step.channel.value]}, Antwort binnen {step.answer_within_minutes} Min."
            )
            if step.fallback_role:
                line += f"; sonst: {roles.reach(step.fallback_role)}"
            lines.append(line)
        out.append((level, lines))
    return out


def render_pdf(plan: CrisisPlan) -> bytes:
    content = PlanContent.model_validate(plan.content)
    roles = _Roles(content.roles)
    pdf = ReportPdf(
        plan.title,
        f"{plan.title} - Fassung {plan.edition}, {STATUS[plan.status.value]}",
        para_gap=0,
        mark=mark(plan),
        alert=plan.classification is Classification.CONFIDENTIAL,
    )
    pdf.add_page()
    pdf.heading(f"Alarmkette - {plan.title}", 15)
    pdf.para(plan.area)
    pdf.ln(2)
    for level, lines in _steps(content, roles):
        pdf.heading(LEVELS[level], 12)
        for line in lines:
            pdf.para(line)
        pdf.ln(1)
    pdf.heading("Rollen und Erreichbarkeit", 12)
    for role in content.roles:
        pdf.para(roles.reach(role.key) + (f"; {role.availability}" if role.availability else ""))
    if content.support_bodies:
        pdf.ln(1)
        pdf.heading("Externe Unterstützung", 12)
        for body in content.support_bodies:
            pdf.para(_reach(body.name, body.phone), bold=True)
            pdf.para(body.when_to_call)
    for scenario in content.scenarios:
        pdf.add_page()
        pdf.heading(f"Szenario: {scenario.hazard}", 14)
        pdf.para(
            f"Wahrscheinlichkeit {scenario.likelihood} x Auswirkung {scenario.impact} = "
            f"Risiko {scenario.likelihood * scenario.impact} von 25"
        )
        for label, text in (
            ("Auslöser", scenario.triggers),
            ("Betroffene", scenario.affected),
            ("Akteure", scenario.actors),
        ):
            if text:
                pdf.para(f"{label}: {text}")
        indicators = [i for i in content.indicators if i.scenario_key in (None, scenario.key)]
        if indicators:
            pdf.ln(1)
            pdf.heading("Frühwarnindikatoren", 12)
            for ind in indicators:
                pdf.para(f"{ind.watch} ({STATES[ind.state.value]})", bold=True)
                pdf.para(
                    f"Schwelle: {ind.threshold}; beobachtet: {roles.title(ind.watcher_role)}, "
                    f"{ind.frequency}"
                )
        for stage in content.levels:
            measures = [
                m
                for m in content.measures
                if m.level == stage.level and m.scenario_key in (None, scenario.key)
            ]
            pdf.ln(1)
            pdf.heading(LEVELS[stage.level], 12)
            pdf.para(
                f"Eintritt: {stage.entry_criteria}; entscheidet: {roles.title(stage.decided_by_role)}"
            )
            for measure in measures:
                due = f", fällig {measure.due_on:%d.%m.%Y}" if measure.due_on else ""
                pdf.para(
                    f"- {measure.action} ({PHASES[measure.phase.value]}; "
                    f"{roles.title(measure.owner_role)}{due})"
                )
    pdf.add_page()
    pdf.heading("Vorbereitete Botschaften", 14)
    communication = content.communication
    if communication.spokesperson_role:
        pdf.para(f"Sprecher:in: {roles.reach(communication.spokesperson_role)}")
    pdf.para(f"Freigabe: {communication.approval_path}" if communication.approval_path else "")
    pdf.para(
        f"Gegen Hass im Netz: {communication.online_hate_procedure}"
        if communication.online_hate_procedure
        else ""
    )
    for message in sorted(communication.messages, key=lambda m: m.level):
        pdf.ln(2)
        pdf.para(f"{AUDIENCES[message.audience.value]}, {LEVELS[message.level]}", bold=True)
        pdf.para(message.text)
        if message.easy_language_text:
            pdf.para(f"Leichte Sprache: {message.easy_language_text}")
    return bytes(pdf.output())


def _esc(text: object) -> str:
    return html.escape(str(text or ""))


def render_html(plan: CrisisPlan) -> str:
    """One self-contained page: no scripts, no links out, styles inline, printable."""
    content = PlanContent.model_validate(plan.content)
    roles = _Roles(content.roles)
    label = _esc(mark(plan))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="de"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(plan.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:50rem;margin:0 auto;padding:1rem;"
        "line-height:1.45;overflow-wrap:anywhere}.mark{font-weight:bold;border:2px solid;"
        "padding:.25rem .5rem;display:inline-block}.confidential{color:#a00000}"
        "section{break-before:page}section.first{break-before:auto}"
        "</style></head><body>",
    ]
    css = "mark confidential" if plan.classification is Classification.CONFIDENTIAL else "mark"
    banner = f'<p class="{css}">{label}</p>'
    parts.append('<section class="first">' + banner)
    parts.append(
        f"<h1>Alarmkette – {_esc(plan.title)}</h1><p>{_esc(plan.area)} · Fassung "
        f"{plan.edition}, {_esc(STATUS[plan.status.value])}</p>"
    )
    for level, lines in _steps(content, roles):
        parts.append(f"<h2>{_esc(LEVELS[level])}</h2><ol>")
        parts.extend(f"<li>{_esc(line.split('. ', 1)[1])}</li>" for line in lines)
        parts.append("</ol>")
    parts.append("<h2>Rollen und Erreichbarkeit</h2><ul>")
    parts.extend(f"<li>{_esc(roles.reach(role.key))}</li>" for role in content.roles)
    parts.append("</ul>")
    if content.support_bodies:
        parts.append("<h2>Externe Unterstützung</h2><ul>")
        parts.extend(
            f"<li><strong>{_esc(_reach(b.name, b.phone))}</strong>: {_esc(b.when_to_call)}</li>"
            for b in content.support_bodies
        )
        parts.append("</ul>")
    parts.append("</section>")
    for scenario in content.scenarios:
        parts.append(f"<section>{banner}<h2>Szenario: {_esc(scenario.hazard)}</h2>")
        parts.append(
            f"<p>Wahrscheinlichkeit {scenario.likelihood} × Auswirkung {scenario.impact} = "
            f"Risiko {scenario.likelihood * scenario.impact} von 25</p>"
        )
        for stage in content.levels:
            parts.append(
                f"<h3>{_esc(LEVELS[stage.level])}</h3><p>Eintritt: {_esc(stage.entry_criteria)}</p><ul>"
            )
            parts.extend(
                f"<li>{_esc(m.action)} ({_esc(PHASES[m.phase.value])}; "
                f"{_esc(roles.title(m.owner_role))})</li>"
                for m in content.measures
                if m.level == stage.level and m.scenario_key in (None, scenario.key)
            )
            parts.append("</ul>")
        parts.append("</section>")
    parts.append(f"<section>{banner}<h2>Vorbereitete Botschaften</h2>")
    for message in sorted(content.communication.messages, key=lambda m: m.level):
        parts.append(
            f"<h3>{_esc(AUDIENCES[message.audience.value])}, {_esc(LEVELS[message.level])}</h3>"
            f"<p>{_esc(message.text)}</p>"
        )
        if message.easy_language_text:
            parts.append(
                f"<p><strong>Leichte Sprache:</strong> {_esc(message.easy_language_text)}</p>"
            )
    parts.append("</section></body></html>")
    return "\n".join(parts)
