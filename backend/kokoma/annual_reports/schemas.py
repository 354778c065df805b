"""Request and response bodies of the annual report."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from kokoma.core.schemas import (
    InputModel,
    OutputModel,
    PageQuery,
    Text,
    example_of,
    with_examples,
)
from kokoma.statistics.schemas import Amount, Count, CountRow, HoursRow

FIRST_YEAR = 2000
LAST_YEAR = 2100
SECTION_LENGTH = 20_000

_SHOWN: dict[str, Any] = {"value": 12, "suppressed": False}
_HIDDEN: dict[str, Any] = {"value": None, "suppressed": True}


class ReportTexts(InputModel):
    """The coordinator's words: the four free-text sections of the report."""

    goals: Text(SECTION_LENGTH) = Field(default="", description="Goals of the year.")
    what_worked: Text(SECTION_LENGTH) = Field(default="", description="What worked.")
    what_did_not_work: Text(SECTION_LENGTH) = Field(
        default="", description="What did not work, and why."
    )
    next_year: Text(SECTION_LENGTH) = Field(default="", description="Plans for next year.")

    model_config = with_examples(
        {
            "goals": "Konfliktmanagement in allen Verwaltungsgemeinschaften verankern.",
            "what_worked": "Frühe Moderation bei Standortentscheidungen.",
            "what_did_not_work": "Die Nachsorge kam in zwei Fällen zu spät.",
            "next_year": "Eine zweite Qualifizierungsreihe.",
        }
    )


class TextsOut(OutputModel):
    """The four text sections as written."""

    goals: str = Field(description="Goals of the year.")
    what_worked: str = Field(description="What worked.")
    what_did_not_work: str = Field(description="What did not work, and why.")
    next_year: str = Field(description="Plans for next year.")

    model_config = with_examples(example_of(ReportTexts))


class ModuleAttendanceRow(OutputModel):
    """One module of a qualification series with session days in the year."""

    series: str = Field(description="Title of the qualification series.")
    module: str = Field(description="Title of the module.")
    session_days: int = Field(description="Its session days in the year.")
    present: Count = Field(description="Attendances: present or late, over its session days.")
    excused: Count = Field(description="Excused absences over its session days.")
    absent: Count = Field(description="Unexcused absences over its session days.")

    model_config = with_examples(
        {
            "series": "Qualifizierung Kommunales Konfliktmanagement",
            "module": "Systemische Konfliktanalyse",
            "session_days": 2,
            "present": _SHOWN,
            "excused": _HIDDEN,
            "absent": _HIDDEN,
        }
    )


class AnnualFigures(OutputModel):
    """The year's figures, computed from the records. Small counts are suppressed as in
    the statistics for readers without `statistics:exact`; labels are filled for
    receiving bodies only, the other rows carry codes."""

    year: int = Field(description="The calendar year the figures cover.")
    suppression_threshold: int | None = Field(
        description="Counts from 1 up to below this number are suppressed; null when exact."
    )
    consultations: Count = Field(description="Consultations begun in the year.")
    consultation_hours: Amount = Field(description="Their total duration in hours.")
    consultation_participants: Count = Field(
        description="People taking part in them: the head counts recorded."
    )
    consultations_by_kind: list[HoursRow] = Field(
        description="Consultations and their hours by kind."
    )
    steering_meetings: int | None = Field(
        default=None,
        description="Steering-group meetings held in the year; null in versions generated "
        "before meetings were counted.",
    )
    steering_attendances: Count | None = Field(
        default=None,
        description="Attendances at those meetings (members present); null as above.",
    )
    peer_sessions: Count | None = Field(
        default=None,
        description="Peer case consultation sessions held in the year with the municipality's "
        "people taking part; null in versions generated before they were counted.",
    )
    peer_session_participants: Count | None = Field(
        default=None, description="The municipality's participations in them; null as above."
    )
    training_participants: Count = Field(
        description="Participants of the qualification series with session days in the year."
    )
    training_modules: list[ModuleAttendanceRow] = Field(
        description="Modules with session days in the year and their attendance."
    )
    cases_new: Count = Field(description="Cases opened in the year.")
    cases_by_topic: list[CountRow] = Field(description="Cases opened in the year by topic.")
    cases_closed: Count = Field(description="Cases closed or referred in the year.")
    cases_by_outcome: list[CountRow] = Field(
        description="Cases closed or referred in the year by outcome (`none`: not recorded)."
    )
    referrals: Count = Field(description="Referrals made in the year.")
    referrals_by_target: list[CountRow] = Field(
        description="Referrals by receiving body; rare bodies are summed as `other`."
    )
    crisis_plan_exercises: Count = Field(description="Exercises of crisis-prevention plans.")
    crisis_plan_activations: Count = Field(
        description="Activations of crisis-prevention plans (exercise plans never count)."
    )
    activations_by_level: list[CountRow] = Field(description="Activations by plan level.")


def _rows(*keys: str) -> list[dict[str, Any]]:
    return [{"key": key, "label": None, "count": _SHOWN} for key in keys]


_FIGURES: dict[str, Any] = {
    "year": 2025,
    "suppression_threshold": None,
    "consultations": _SHOWN,
    "consultation_hours": {"value": 18.5, "suppressed": False},
    "consultation_participants": _SHOWN,
    "steering_meetings": 4,
    "steering_attendances": _SHOWN,
    "peer_sessions": _SHOWN,
    "peer_session_participants": _SHOWN,
    "consultations_by_kind": [
        {
            "key": "mediation",
            "label": None,
            "count": _SHOWN,
            "hours": {"value": 18.5, "suppressed": False},
        }
    ],
    "training_participants": _SHOWN,
    "training_modules": [example_of(ModuleAttendanceRow)],
    "cases_new": _SHOWN,
    "cases_by_topic": _rows("youth"),
    "cases_closed": _SHOWN,
    "cases_by_outcome": _rows("agreement_reached"),
    "referrals": _SHOWN,
    "referrals_by_target": _rows("other"),
    "crisis_plan_exercises": _HIDDEN,
    "crisis_plan_activations": _SHOWN,
    "activations_by_level": _rows("1"),
}


class DraftOut(OutputModel):
    """The working draft of a year: the coordinator's words and the figures as they are now."""

    year: int = Field(description="The report's year.")
    version: int = Field(description="The ETag; 0 while nothing has been written yet.")
    texts: TextsOut = Field(description="The text sections.")
    updated_at: datetime | None = Field(description="When the texts were last written.")
    updated_by_name: str | None = Field(description="Who last wrote them.")
    figures: AnnualFigures = Field(description="The year's figures as the records say now.")
    versions: int = Field(description="How many versions of the year have been generated.")

    model_config = with_examples(
        {
            "year": 2025,
            "version": 3,
            "texts": example_of(ReportTexts),
            "updated_at": "2026-01-18T16:00:00Z",
            "updated_by_name": "Thomas Berger",
            "figures": _FIGURES,
            "versions": 1,
        }
    )


class VersionSummaryOut(OutputModel):
    year: int = Field(description="The report's year.")
    number: int = Field(description="1 for the year's first generated version, and so on.")
    generated_at: datetime = Field(description="When it was generated.")
    author_name: str = Field(description="Who generated it.")

    model_config = with_examples(
        {
            "year": 2025,
            "number": 1,
            "generated_at": "2026-01-20T10:00:00Z",
            "author_name": "Anna Schulze",
        }
    )


class VersionOut(VersionSummaryOut):
    """A generated version: the words and the figures as they were frozen; the figures as
    the reader's role may see them."""

    texts: TextsOut = Field(description="The text sections as they were generated.")
    figures: AnnualFigures = Field(
        description="The figures as they were generated, as the reader may see them."
    )

    model_config = with_examples(
        {
            "year": 2025,
            "number": 1,
            "generated_at": "2026-01-20T10:00:00Z",
            "author_name": "Thomas Berger",
            "texts": example_of(ReportTexts),
            "figures": _FIGURES,
        }
    )


class VersionListQuery(PageQuery):
    year: int | None = Field(
        default=None, ge=FIRST_YEAR, le=LAST_YEAR, description="Only this year's versions."
    )
