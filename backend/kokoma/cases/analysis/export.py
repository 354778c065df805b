"""The analysis of a case as a PDF an analyst hands to a mayor: the conflict map, the
course of the escalation per pair, the five dimensions and the recommendations.

Personal names stay out unless the reader asks for them (the choice is audited by the
service): actors appear by the label of the analysis, spokespeople, assessors and the
authors of versions are left out, and a linked network contact's name is added only
with ``include_names``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from fpdf.enums import XPos, YPos

from kokoma.cases.analysis.course import CoursePair, CourseVersion, course
from kokoma.cases.analysis.schemas import AnalysisContent
from kokoma.core.pdf import ReportPdf, latin1

KINDS = {
    "alliance": "Bündnis",
    "close": "eng",
    "loose": "lose",
    "strained": "angespannt",
    "conflict": "Konflikt",
    "violence": "Gewalt",
    "influence": "Einfluss",
    "dependency": "Abhängigkeit",
}
LEVELS = {"win_win": "win-win", "win_lose": "win-lose", "lose_lose": "lose-lose"}
DEGREES = {"low": "gering", "medium": "mittel", "high": "hoch"}
# Line colour and width per relationship kind, after the network map's visual language.
STYLE = {
    "alliance": ((30, 110, 60), 1.0),
    "close": ((30, 110, 60), 0.6),
    "loose": ((130, 130, 130), 0.3),
    "strained": ((200, 120, 0), 0.6),
    "conflict": ((190, 30, 30), 0.9),
    "violence": ((120, 0, 0), 1.4),
    "influence": ((40, 80, 170), 0.5),
    "dependency": ((110, 60, 150), 0.5),
}
PAIR_COLOURS = ((190, 30, 30), (40, 80, 170), (30, 110, 60), (200, 120, 0), (110, 60, 150))


def _draw_map(pdf: ReportPdf, content: AnalysisContent, names: dict[str, str]) -> None:
    """Actors as circles (size by influence) at their places on the map, relationships
    as lines styled by kind, the stage written on assessed pairs."""
    left, top, width, height = 24.0, pdf.get_y() + 2, 162.0, 100.0
    pdf.set_draw_color(200, 200, 200)
    pdf.rect(left - 6, top - 4, width + 12, height + 8)
    count = max(len(content.actors), 1)
    where: dict[str, tuple[float, float]] = {}
    for index, actor in enumerate(content.actors):
        if actor.position is not None:
            x, y = actor.position.x, actor.position.y
        else:  # on a circle, in the order of the analysis
            angle = 2 * math.pi * index / count
            x, y = 0.5 + 0.4 * math.cos(angle), 0.5 + 0.4 * math.sin(angle)
        where[actor.key] = (left + x * width, top + y * height)
    stages = {frozenset((a.actor_a, a.actor_b)): a.stage for a in content.assessments}
    for rel in content.relationships:
        if rel.source not in where or rel.target not in where:
            continue
        colour, line = STYLE[rel.kind.value]
        pdf.set_draw_color(*colour)
        pdf.set_line_width(line * (0.7 + 0.3 * rel.intensity))
        (x1, y1), (x2, y2) = where[rel.source], where[rel.target]
        pdf.line(x1, y1, x2, y2)
    pdf.set_line_width(0.2)
    pdf.set_font("Helvetica", "B", 8)
    for pair, stage in stages.items():
        keys = sorted(pair)
        if len(keys) == 2 and all(k in where for k in keys):
            (x1, y1), (x2, y2) = where[keys[0]], where[keys[1]]
            pdf.set_fill_color(255, 255, 255)
            pdf.set_xy((x1 + x2) / 2 - 3, (y1 + y2) / 2 - 2)
            pdf.cell(6, 4, str(stage), border=1, align="C", fill=True)
    pdf.set_draw_color(60, 60, 60)
    pdf.set_font("Helvetica", "", 7)
    for actor in content.actors:
        x, y = where[actor.key]
        radius = 2.5 + (actor.influence or 2) * 0.9
        pdf.set_fill_color(235, 240, 250)
        pdf.ellipse(x - radius, y - radius, 2 * radius, 2 * radius, style="DF")
        pdf.set_xy(x - 20, y + radius + 0.5)
        pdf.cell(40, 3, latin1(names[actor.key])[:40], align="C")
    pdf.set_y(top + height + 8)
    pdf.set_font("Helvetica", "", 8)
    legend = ", ".join(f"{KINDS[k]}" for k in STYLE)
    pdf.multi_cell(
        0,
        4,
        latin1(
            "Kreisgröße: Einfluss 1-5; Linien nach Art der Beziehung (" + legend + "); "
            "Zahl auf der Linie: Eskalationsstufe nach Glasl."
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _draw_course(
    pdf: ReportPdf,
    pairs: list[CoursePair],
    pair_name: Callable[[frozenset[str]], str],
) -> None:
    """Stage over time per pair: days along, stages 1-9 up, one coloured line per pair."""
    days = [p.on for pair in pairs for p in pair.points]
    if not days:
        pdf.para("Noch keine datierten Einschätzungen.")
        return
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    left, top, width, height = 30.0, pdf.get_y() + 2, 150.0, 60.0
    pdf.set_draw_color(120, 120, 120)
    pdf.set_line_width(0.2)
    pdf.line(left, top, left, top + height)
    pdf.line(left, top + height, left + width, top + height)
    pdf.set_font("Helvetica", "", 7)
    for stage in range(1, 10):
        y = top + height - (stage - 1) / 8 * height
        pdf.set_xy(left - 8, y - 1.5)
        pdf.cell(6, 3, str(stage), align="R")
    pdf.set_xy(left, top + height + 1)
    pdf.cell(40, 3, f"{first:%d.%m.%Y}")
    pdf.set_xy(left + width - 40, top + height + 1)
    pdf.cell(40, 3, f"{last:%d.%m.%Y}", align="R")
    for index, pair in enumerate(pairs):
        colour = PAIR_COLOURS[index % len(PAIR_COLOURS)]
        pdf.set_draw_color(*colour)
        pdf.set_fill_color(*colour)
        pdf.set_line_width(0.6)
        coords = [
            (left + (d - first).days / span * width, top + height - (s - 1) / 8 * height)
            for d, s in ((p.on, p.stage) for p in pair.points)
        ]
        for (x1, y1), (x2, y2) in zip(coords, coords[1:], strict=False):
            pdf.line(x1, y1, x2, y2)
        for x, y in coords:
            pdf.ellipse(x - 0.8, y - 0.8, 1.6, 1.6, style="F")
    pdf.set_y(top + height + 6)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("Helvetica", "", 9)
    for index, pair in enumerate(pairs):
        colour = PAIR_COLOURS[index % len(PAIR_COLOURS)]
        pdf.set_text_color(*colour)
        steps = "; ".join(f"{p.on:%d.%m.%Y}: Stufe {p.stage}" for p in pair.points)
        pdf.multi_cell(
            0, 4.5, latin1(f"{pair_name(pair.key)} - {steps}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def render_pdf(
    *,
    reference: str,
    title: str,
    content: AnalysisContent,
    versions: Sequence[CourseVersion],
    contact_names: dict[str, str],
    include_names: bool,
) -> bytes:
    """``contact_names``: actor key -> the linked contact's name (used only with names)."""
    names = {
        a.key: (
            f"{a.label} ({contact_names[a.key]})"
            if include_names and a.key in contact_names and contact_names[a.key] != a.label
            else a.label
        )
        for a in content.actors
    }

    def pair_name(pair: frozenset[str]) -> str:
        keys = sorted(pair)
        return " - ".join(names.get(k, k) for k in keys)

    pdf = ReportPdf(reference, f"Konfliktanalyse - {reference} - vertraulich", para_gap=0.5)
    pdf.add_page()
    pdf.heading(f"Konfliktanalyse {reference}", 16)
    pdf.para(title, bold=True)
    pdf.para(
        "Personennamen sind einbezogen."
        if include_names
        else "Beteiligte erscheinen mit den Bezeichnungen der Analyse; Personennamen sind "
        "nicht enthalten."
    )
    pdf.heading("Konfliktlandkarte")
    _draw_map(pdf, content, names)
    pdf.ln(2)
    pdf.heading("Verlauf der Eskalation je Paar")
    _draw_course(pdf, course(content, versions), pair_name)

    pdf.heading("Parteien")
    for actor in content.actors:
        pdf.para(names[actor.key], bold=True)
        facts = [
            f"Einfluss {actor.influence}/5" if actor.influence else "",
            f"Zusammenhalt {DEGREES[actor.cohesion.value]}" if actor.cohesion else "",
            f"Sprecher:in: {actor.spokesperson}" if include_names and actor.spokesperson else "",
        ]
        pdf.para("; ".join(f for f in facts if f))
        for label, text in (
            ("Position", actor.stance),
            ("Interessen", actor.interests),
            ("Bedürfnisse", actor.needs),
            ("Erwartet zu gewinnen", actor.attitudes.expects_to_gain),
            ("Fürchtet zu verlieren", actor.attitudes.fears_to_lose),
            ("Alternativen", actor.attitudes.alternatives),
            ("Haltung zu Dritten", actor.attitudes.third_parties),
        ):
            if text:
                pdf.para(f"{label}: {text}")
    if content.issues:
        pdf.heading("Streitpunkte")
        for issue in content.issues:
            raised = ", ".join(names.get(k, k) for k in issue.raised_by)
            pdf.para(
                f"- {issue.text} ({'Kern' if issue.weight.value == 'core' else 'Rand'}, "
                f"{'Sache' if issue.nature.value == 'factual' else 'Person/Beziehung'}, "
                f"Ladung {DEGREES[issue.charge.value]}"
                + (f"; eingebracht von {raised}" if raised else "")
                + ")"
            )
    if content.relationships:
        pdf.heading("Beziehungen")
        for rel in content.relationships:
            arrow = "->" if rel.directed else "-"
            pdf.para(
                f"{names.get(rel.source, rel.source)} {arrow} {names.get(rel.target, rel.target)}: "
                f"{KINDS[rel.kind.value]}, Stärke {rel.intensity}"
                + (f"; {rel.note}" if rel.note else "")
            )
    if content.assessments:
        pdf.heading("Eskalation je Paar")
        for item in content.assessments:
            pdf.para(
                f"{pair_name(frozenset((item.actor_a, item.actor_b)))}: Stufe {item.stage} "
                f"({LEVELS[item.level]})",
                bold=True,
            )
            pdf.para(item.signs)
            for point in item.turning_points:
                pdf.para(f"{point.on:%d.%m.%Y}: {point.what}")
    pdf.heading("Ursachen, Ressourcen und Hypothesen")
    for label, text in (
        ("Situativ", content.causes.situational),
        ("Institutionell", content.causes.institutional),
        ("Individuell", content.causes.individual),
        ("Kulturell", content.causes.cultural),
        ("Ressourcen und Angebote", content.resources),
        ("Hypothesen", content.hypotheses),
        ("Handlungsoptionen", content.options),
    ):
        if text:
            pdf.para(f"{label}: {text}")
    pdf.heading("Empfehlungen")
    pdf.para(content.recommendations or "-")
    return bytes(pdf.output())
