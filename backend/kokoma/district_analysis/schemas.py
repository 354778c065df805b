"""Request and response bodies of the regional analysis (conflict fields, figures,
expertise document). Figures use the statistics' ``Count``/``Amount``: a figure an
aggregate-only caller may not see comes as ``{"value": null, "suppressed": true}``."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import Field

from kokoma.contacts.models import ActorGroup
from kokoma.core.schemas import (
    InputModel,
    Name,
    OutputModel,
    PageQuery,
    SaneDate,
    Text,
    example_of,
    with_examples,
)
from kokoma.district_analysis.models import Trend
from kokoma.statistics.schemas import Amount, Count, PeriodOut

MAX_LINKED_CASES = 500
MAX_PLACES = 100
MAX_FINDINGS = 40

_HIDDEN: dict[str, Any] = {"value": None, "suppressed": True}


def _shown(value: float) -> dict[str, Any]:
    return {"value": value, "suppressed": False}


class FieldListQuery(PageQuery):
    pass


class ConflictFieldIn(InputModel):
    name: Name = Field(description="Name of the line of conflict, unique in the municipality.")
    description: Text(10_000) = Field(default="", description="What the conflict field is about.")
    trend: Trend = Field(default=Trend.STABLE, description="Rising, stable or falling.")
    place_ids: Annotated[list[uuid.UUID], Field(max_length=MAX_PLACES)] = Field(
        default_factory=list, description="Places of the municipality affected."
    )
    actor_groups: Annotated[list[ActorGroup], Field(max_length=len(ActorGroup))] = Field(
        default_factory=list, description="Actor groups involved."
    )
    case_ids: Annotated[list[uuid.UUID], Field(max_length=MAX_LINKED_CASES)] = Field(
        default_factory=list, description="Cases of the municipality that belong to it."
    )
    recommendations: Text(10_000) = Field(default="", description="Recommendations.")

    model_config = with_examples(
        {
            "name": "Energiewende vor Ort",
            "description": "Windvorranggebiete und Freiflächen-Photovoltaik spalten Dörfer.",
            "trend": "rising",
            "actor_groups": ["civil_society", "politics", "business"],
            "recommendations": "Frühe Bürgerbeteiligung bei jeder Flächenausweisung.",
        }
    )


class LinkedCaseOut(OutputModel):
    id: uuid.UUID = Field(description="The case's id.")
    reference: str = Field(description="The case's reference.")
    title: str = Field(description="The case's title.")

    model_config = with_examples(
        {
            "id": "3f2b8c1e-7d4a-4e0b-9c55-1a2b3c4d5e6f",
            "reference": "WAK-2026-0007",
            "title": "Streit um Windvorranggebiet",
        }
    )


class ConflictFieldOut(OutputModel):
    id: uuid.UUID = Field(description="The field's id.")
    version: int = Field(description="Rises with every change; send it in If-Match.")
    name: str = Field(description="Name of the line of conflict.")
    description: str = Field(description="What the conflict field is about.")
    trend: Trend = Field(description="Rising, stable or falling.")
    place_ids: list[uuid.UUID] = Field(description="Places affected.")
    place_names: list[str] = Field(description="Their names, in the same order.")
    actor_groups: list[ActorGroup] = Field(description="Actor groups involved.")
    recommendations: str = Field(description="Recommendations.")
    case_count: Count = Field(
        description="How many cases belong to the field, over all time. Withheld from "
        "aggregate-only callers (they read per-year counts in the figures), since an "
        "all-time count minus the yearly ones would give a suppressed year away."
    )
    cases: list[LinkedCaseOut] | None = Field(
        description="The linked cases the caller sees; null for aggregate-only callers."
    )
    updated_at: datetime = Field(description="Last change.")

    model_config = with_examples(
        {
            "id": "9a7c1e2b-1111-4e0b-9c55-1a2b3c4d5e6f",
            "version": 2,
            "name": "Energiewende vor Ort",
            "description": "Windvorranggebiete spalten Dörfer.",
            "trend": "rising",
            "place_ids": ["5d1c2b3a-1111-4e0b-9c55-1a2b3c4d5e6f"],
            "place_names": ["Eisenach"],
            "actor_groups": ["civil_society", "politics"],
            "recommendations": "Frühe Bürgerbeteiligung.",
            "case_count": _shown(4),
            "cases": [example_of(LinkedCaseOut)],
            "updated_at": "2026-03-12T15:00:00Z",
        }
    )


class FiguresQuery(InputModel):
    from_: SaneDate | None = Field(
        default=None,
        alias="from",
        description="First day (German time); default 1 January of the year of `to` or "
        "the current year. Aggregate-only callers ask for one whole calendar year.",
    )
    to: SaneDate | None = Field(
        default=None, description="Last day, included; default 31 December of that year."
    )


class GroupFiguresOut(OutputModel):
    """The cases opened in the period in one conflict field or one place."""

    key: str = Field(
        description="The field's id, the place's official key (or id), or "
        "`not_listed` / `unknown`."
    )
    label: str = Field(description="The field's or the place's name.")
    cases: Count = Field(description="Cases opened in the period.")
    highest_stage: Amount = Field(description="Highest escalation stage among them.")
    median_stage: Amount = Field(description="Median escalation stage of the rated ones.")
    endangering_democracy: Count = Field(description="Of them, cases endangering democracy.")

    model_config = with_examples(
        {
            "key": "16063000",
            "label": "Eisenach",
            "cases": _shown(5),
            "highest_stage": _shown(6),
            "median_stage": _shown(4),
            "endangering_democracy": _HIDDEN,
        }
    )


class HeatCellOut(OutputModel):
    column: str = Field(description="The column's key.")
    cases: Count = Field(description="Cases in this row and column.")
    highest_stage: Amount = Field(description="Highest escalation stage among them.")

    model_config = with_examples(
        {"column": "energy_infrastructure", "cases": _shown(3), "highest_stage": _shown(5)}
    )


class HeatRowOut(OutputModel):
    key: str = Field(description="The row's key.")
    label: str = Field(description="The row's label.")
    cells: list[HeatCellOut] = Field(description="One cell per column, in column order.")

    model_config = with_examples(
        {"key": "16063000", "label": "Eisenach", "cells": [example_of(HeatCellOut)]}
    )


class ColumnOut(OutputModel):
    key: str = Field(description="The column's key.")
    label: str = Field(description="The column's label.")

    model_config = with_examples({"key": "energy_infrastructure", "label": "Energie"})


class HeatTableOut(OutputModel):
    columns: list[ColumnOut] = Field(description="The columns, in order.")
    rows: list[HeatRowOut] = Field(description="The rows, each with one cell per column.")

    model_config = with_examples(
        {"columns": [example_of(ColumnOut)], "rows": [example_of(HeatRowOut)]}
    )


class ConflictLineOut(OutputModel):
    """Two actor groups that stand against each other in the analyses of the cases."""

    sector_a: ActorGroup = Field(description="One actor group.")
    sector_b: ActorGroup = Field(description="The other actor group (may be the same).")
    cases: Count = Field(description="Cases whose analysis assesses a pair of actors of them.")
    highest_stage: Amount = Field(description="Highest stage assessed between them.")
    mean_stage: Amount = Field(description="Mean of the highest stage per case.")

    model_config = with_examples(
        {
            "sector_a": "civil_society",
            "sector_b": "politics",
            "cases": _shown(4),
            "highest_stage": _shown(5),
            "mean_stage": _shown(4.3),
        }
    )


class FiguresOut(OutputModel):
    """The district's figures, computed from its cases: by conflict field, by place, by
    place and topic, by month and Glasl level, and the lines of conflict between actor
    groups from the case analyses. No case, actor name or label leaves the cases."""

    period: PeriodOut = Field(description="The period: cases opened in it.")
    municipality_id: uuid.UUID = Field(description="The caller's municipality.")
    suppression_threshold: int | None = Field(
        description="Counts from 1 below this are withheld; null when the caller sees "
        "exact counts."
    )
    cases: Count = Field(description="Cases opened in the period.")
    by_field: list[GroupFiguresOut] = Field(description="Per conflict field.")
    by_place: list[GroupFiguresOut] = Field(
        description="Per town (an Ortsteil counts with its municipality), as in the statistics."
    )
    places_by_topic: HeatTableOut = Field(description="Places × topics heat table.")
    levels_by_month: HeatTableOut = Field(
        description="Stage over time: cases opened per month by Glasl level "
        "(win_win, win_lose, lose_lose, unrated)."
    )
    conflict_lines: list[ConflictLineOut] = Field(
        description="Actor group against actor group, from the case analyses."
    )

    model_config = with_examples(
        {
            "period": {"from": "2026-01-01", "to": "2026-12-31"},
            "municipality_id": "6fa459ea-ee8a-3ca4-894e-db77e160355e",
            "suppression_threshold": 3,
            "cases": _shown(14),
            "by_field": [example_of(GroupFiguresOut)],
            "by_place": [example_of(GroupFiguresOut)],
            "places_by_topic": example_of(HeatTableOut),
            "levels_by_month": example_of(HeatTableOut),
            "conflict_lines": [example_of(ConflictLineOut)],
        }
    )


_REPORT_CONTENT_EXAMPLE: dict[str, Any] = {
    "title": "Regionale Konfliktanalyse Wartburgkreis 2026",
    "method": "Leitfadengestützte Interviews, Auswertung der Fallakten.",
    "interviews": 24,
    "groups_interviewed": "Bürgermeister:innen, Vereine, Polizei, Kirchengemeinden",
    "findings": [{"heading": "Energiewende vor Ort", "text": "Die Konflikte nehmen zu."}],
    "recommendations": "Beteiligungsformate früh anbieten.",
    "adopted_on": "2026-03-12",
}


class Finding(InputModel):
    field_id: uuid.UUID | None = Field(
        default=None, description="The conflict field the finding is about, if one."
    )
    heading: Text(200, 1) = Field(description="Heading of the finding.")
    text: Text(20_000) = Field(default="", description="The finding.")


class ReportContent(InputModel):
    """The expertise document: method and sources, findings, recommendations, adoption."""

    title: Name = Field(description="Title of the document.")
    method: Text(20_000) = Field(default="", description="Method of the analysis.")
    sources: Text(20_000) = Field(default="", description="Sources used.")
    interviews: int = Field(default=0, ge=0, le=100_000, description="Number of interviews.")
    groups_interviewed: Text(2000) = Field(default="", description="Groups interviewed.")
    findings: Annotated[list[Finding], Field(max_length=MAX_FINDINGS)] = Field(
        default_factory=list, description="Findings, per conflict field or general."
    )
    recommendations: Text(20_000) = Field(default="", description="Recommendations.")
    adopted_on: SaneDate | None = Field(
        default=None, description="Day the steering group adopted it; not in the future."
    )

    model_config = with_examples(_REPORT_CONTENT_EXAMPLE)


class ReportListQuery(PageQuery):
    pass


_REPORT_EXAMPLE = {
    "number": 2,
    "saved_at": "2026-03-12T15:00:00Z",
    "author_name": "Anna Schulze",
    "title": "Regionale Konfliktanalyse Wartburgkreis 2026",
    "adopted_on": "2026-03-12",
}


class ReportSummaryOut(OutputModel):
    number: int = Field(description="1 for the first saved version, and so on.")
    saved_at: datetime = Field(description="When it was saved.")
    author_name: str = Field(description="Who saved it.")
    title: str = Field(description="Title of the document.")
    adopted_on: date | None = Field(description="Day the steering group adopted it.")

    model_config = with_examples(_REPORT_EXAMPLE)


class ReportOut(ReportSummaryOut):
    content: ReportContent = Field(description="The document as saved.")

    model_config = with_examples({**_REPORT_EXAMPLE, "content": _REPORT_CONTENT_EXAMPLE})
