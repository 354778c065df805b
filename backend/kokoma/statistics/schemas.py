"""Response bodies of the statistics: figures, suppressed where a caller sees aggregates only."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import ConfigDict, Field

from kokoma.core.schemas import OutputModel, with_examples


def _shown(value: float) -> dict[str, Any]:
    return {"value": value, "suppressed": False}


_HIDDEN: dict[str, Any] = {"value": None, "suppressed": True}
_MUNICIPALITY_ID = "6fa459ea-ee8a-3ca4-894e-db77e160355e"
_META: dict[str, Any] = {
    "period": {"from": "2026-01-01", "to": "2026-12-31"},
    "municipality_id": _MUNICIPALITY_ID,
    "suppression_threshold": 3,
}


class Count(OutputModel):
    """A number of cases, consultations, people…; withheld when it could identify someone."""

    value: int | None = Field(description="The count; null when suppressed.")
    suppressed: bool = Field(
        description="True when the count is withheld: below the suppression threshold, or "
        "hidden so that it cannot be recomputed from a total and the other cells."
    )

    model_config = with_examples(_shown(12), _HIDDEN)


class Amount(OutputModel):
    """A figure derived from counts (hours, a rate); suppressed with the counts it comes from."""

    value: float | None = Field(
        description="The figure, rounded to one decimal; null when suppressed or undefined "
        "(a rate over nothing)."
    )
    suppressed: bool = Field(description="True when a count it is derived from is suppressed.")

    model_config = with_examples(_shown(37.5), _HIDDEN)


class PeriodOut(OutputModel):
    """The reporting period: calendar days in German time, both ends included."""

    from_: date = Field(alias="from", description="First day of the period.")
    to: date = Field(description="Last day of the period.")

    model_config = ConfigDict(
        populate_by_name=True,
        json_schema_extra={"examples": [{"from": "2026-01-01", "to": "2026-12-31"}]},
    )


THRESHOLD_DOC = (
    "Counts from 1 up to below this number are suppressed for this caller; null when the "
    "caller sees exact figures (permission `statistics:exact`)."
)


class StatisticsOut(OutputModel):
    period: PeriodOut
    municipality_id: uuid.UUID = Field(description="The caller's municipality.")
    suppression_threshold: int | None = Field(description=THRESHOLD_DOC)


class Row(OutputModel):
    key: str = Field(description="The category: a code such as a status or topic, or a month.")
    label: str | None = Field(
        default=None,
        description="The category's name in the language of `Accept-Language` (German by default).",
    )


class CountRow(Row):
    """One category of a breakdown and its count."""

    count: Count

    model_config = with_examples({"key": "in_progress", "label": None, "count": _shown(7)})


class HoursRow(Row):
    """One category of consultations: how many, and the hours they took."""

    count: Count = Field(description="Number of consultations.")
    hours: Amount = Field(description="Their total duration in hours.")

    model_config = with_examples(
        {"key": "mediation", "label": None, "count": _shown(9), "hours": _shown(21.5)}
    )


class CaseMonthRow(Row):
    """Cases opened and cases ended in one month (key `YYYY-MM`)."""

    new: Count = Field(description="Cases opened in the month.")
    closed: Count = Field(description="Cases closed or referred in the month.")

    model_config = with_examples(
        {"key": "2026-03", "label": None, "new": _shown(4), "closed": _HIDDEN}
    )


class ContactGroupRow(Row):
    """Network contacts of one actor group."""

    contacts: Count = Field(description="Contacts in the network at the end of the period.")
    new: Count = Field(description="Of them, added during the period.")

    model_config = with_examples(
        {"key": "civil_society", "label": None, "contacts": _shown(41), "new": _shown(6)}
    )


class OverviewFigures(OutputModel):
    """The key figures of one municipality for the period."""

    cases_open: Count = Field(description="Cases open at the end of the period.")
    cases_new: Count = Field(description="Cases opened during the period.")
    cases_closed: Count = Field(description="Cases closed or referred during the period.")
    consultations: Count = Field(description="Consultations held during the period.")
    consultation_hours: Amount = Field(description="Their total duration in hours.")
    referrals: Count = Field(
        description="Referrals made in the period (by the day they were made) to other "
        "bodies of the network; see /statistics/referrals."
    )
    active_contacts: Count = Field(
        description="Network contacts at the end of the period. Contacts are erased when "
        "there is no longer a legal basis for keeping them, so every kept contact is active."
    )
    qualified_conflict_managers: Count = Field(
        description="People who completed a qualification series by the end of the period."
    )


_FIGURES: dict[str, Any] = {
    "cases_open": _shown(23),
    "cases_new": _shown(17),
    "cases_closed": _shown(12),
    "consultations": _shown(148),
    "consultation_hours": _shown(203.5),
    "referrals": _HIDDEN,
    "active_contacts": _shown(96),
    "qualified_conflict_managers": _shown(14),
}


class Overview(StatisticsOut, OverviewFigures):
    """The overview of the caller's municipality."""

    model_config = with_examples({**_META, **_FIGURES})


class CaseStatistics(StatisticsOut):
    """Cases of the caller's municipality. The breakdowns by status, topic, escalation
    level and democracy flag describe the cases opened in the period, with their
    current values; a case with several topics counts once per topic."""

    new: Count = Field(description="Cases opened during the period.")
    closed: Count = Field(description="Cases closed or referred during the period.")
    by_status: list[CountRow] = Field(description="Opened cases by their current status.")
    by_topic: list[CountRow] = Field(description="Opened cases by topic.")
    by_escalation_level: list[CountRow] = Field(
        description="Opened cases by their current escalation level on Glasl's nine stages."
    )
    by_endangers_democracy: list[CountRow] = Field(
        description="Opened cases that endanger local democracy (`true`) or not (`false`)."
    )
    by_place: list[CountRow] = Field(
        description="Opened cases by the municipality of their place (an Ortsteil counts "
        "with its municipality), keyed by its official key (its id where it has none); "
        "`not_listed`: a place named in words only, `unknown`: no place given."
    )
    by_month: list[CaseMonthRow] = Field(description="Every month the period touches.")

    model_config = with_examples(
        {
            **_META,
            "new": _shown(17),
            "closed": _shown(12),
            "by_status": [
                {"key": "new", "label": None, "count": _HIDDEN},
                {"key": "in_progress", "label": None, "count": _shown(9)},
            ],
            "by_topic": [{"key": "local_politics", "label": None, "count": _shown(6)}],
            "by_escalation_level": [{"key": "5", "label": "Gesichtsverlust", "count": _HIDDEN}],
            "by_endangers_democracy": [
                {"key": "true", "label": None, "count": _shown(5)},
                {"key": "false", "label": None, "count": _shown(12)},
            ],
            "by_place": [
                {"key": "16063003", "label": "Bad Salzungen", "count": _shown(6)},
                {"key": "not_listed", "label": None, "count": _HIDDEN},
            ],
            "by_month": [{"key": "2026-01", "label": None, "new": _shown(3), "closed": _HIDDEN}],
        }
    )


class ConsultationStatistics(StatisticsOut):
    """Consultations held in the period (by their start, in German time)."""

    total: Count = Field(description="Consultations held during the period.")
    hours: Amount = Field(description="Their total duration in hours.")
    by_kind: list[HoursRow]
    by_format: list[HoursRow]
    by_month: list[HoursRow] = Field(description="Every month the period touches.")

    model_config = with_examples(
        {
            **_META,
            "total": _shown(148),
            "hours": _shown(203.5),
            "by_kind": [
                {"key": "counselling", "label": None, "count": _shown(80), "hours": _shown(96)}
            ],
            "by_format": [{"key": "phone", "label": None, "count": _HIDDEN, "hours": _HIDDEN}],
            "by_month": [
                {"key": "2026-01", "label": None, "count": _shown(11), "hours": _shown(14.5)}
            ],
        }
    )


class ReferralStatistics(StatisticsOut):
    """Referrals made in the period (by the day they were made)."""

    total: Count = Field(
        description="Referrals made during the period. When it is suppressed, so is every "
        "non-zero figure below."
    )
    by_target_service: list[CountRow] = Field(
        description="By receiving organisation or person, most frequent first: `key` is the "
        "network contact's id (or the name given in words for a body not in the network), "
        "`label` its name. For callers who see aggregates only, bodies with fewer referrals "
        "than the threshold are folded into the row `other`, so that the name of a rarely "
        "used body does not single out a case."
    )
    by_actor_group: list[CountRow] = Field(
        description="By the receiving contact's actor group; `not_in_network` for bodies "
        "named in words only."
    )
    by_status: list[CountRow] = Field(description="By the referral's current status.")

    model_config = with_examples(
        {
            **_META,
            "total": _shown(9),
            "by_target_service": [
                {
                    "key": "5c0e7e0f-3b7b-4a7e-8f59-2a1d3c4b5e6f",
                    "label": "Mobile Beratung in Thüringen",
                    "count": _shown(5),
                },
                {"key": "other", "label": "Sonstige Stellen", "count": _shown(4)},
            ],
            "by_actor_group": [{"key": "counselling_services", "label": None, "count": _shown(7)}],
            "by_status": [{"key": "completed", "label": None, "count": _shown(6)}],
        }
    )


class ContactStatistics(StatisticsOut):
    """The municipality's network of contacts."""

    total: Count = Field(description="Contacts in the network at the end of the period.")
    new: Count = Field(description="Contacts added during the period.")
    by_actor_group: list[ContactGroupRow]

    model_config = with_examples(
        {
            **_META,
            "total": _shown(96),
            "new": _shown(14),
            "by_actor_group": [
                {"key": "politics", "label": None, "contacts": _shown(12), "new": _HIDDEN}
            ],
        }
    )


class TrainingStatistics(StatisticsOut):
    """Qualification series with at least one session day in the period."""

    participants: Count = Field(
        description="Participations in those series (someone in two series counts twice)."
    )
    completion: list[CountRow] = Field(
        description="The participations by whether the completion rule was met by the end "
        "of the period: `completed` and `not_completed`."
    )
    completion_rate: Amount = Field(description="Share of `completed`, in percent.")
    attendance: list[CountRow] = Field(
        description="Recorded attendance on the session days in the period: `present`, "
        "`late`, `excused` and `absent`, one entry per participant and day."
    )
    attendance_rate: Amount = Field(
        description="Share of `present` and `late` among the recorded entries, in percent; null when "
        "nothing was recorded."
    )

    model_config = with_examples(
        {
            **_META,
            "participants": _shown(18),
            "completion": [
                {"key": "completed", "label": None, "count": _shown(15)},
                {"key": "not_completed", "label": None, "count": _shown(3)},
            ],
            "completion_rate": _shown(83.3),
            "attendance": [
                {"key": "present", "label": None, "count": _shown(151)},
                {"key": "excused", "label": None, "count": _HIDDEN},
                {"key": "absent", "label": None, "count": _HIDDEN},
            ],
            "attendance_rate": _HIDDEN,
        }
    )


class MunicipalityFigures(OverviewFigures):
    """The key figures of one municipality in the network view."""

    municipality_id: uuid.UUID
    key: str = Field(description="The municipality's slug.")
    label: str = Field(description="The municipality's name.")

    model_config = with_examples(
        {"municipality_id": _MUNICIPALITY_ID, "key": "wak", "label": "Wartburgkreis", **_FIGURES}
    )


class NetworkTotal(OverviewFigures):
    """The figures summed over all municipalities; a figure is withheld when any
    municipality's figure is suppressed, so the sum cannot reveal it."""

    model_config = with_examples({**_FIGURES, "referrals": _HIDDEN, "cases_new": _shown(212)})


class NetworkStatistics(OutputModel):
    """Every municipality's key figures side by side, for the project lead."""

    period: PeriodOut
    suppression_threshold: int | None = Field(description=THRESHOLD_DOC)
    municipalities: list[MunicipalityFigures] = Field(description="Ordered by name.")
    total: NetworkTotal

    model_config = with_examples(
        {
            "period": _META["period"],
            "suppression_threshold": 3,
            "municipalities": [
                {
                    "municipality_id": _MUNICIPALITY_ID,
                    "key": "wak",
                    "label": "Wartburgkreis",
                    **_FIGURES,
                }
            ],
            "total": {**_FIGURES, "referrals": _HIDDEN},
        }
    )


class ActivationStatistics(StatisticsOut):
    """Activations of crisis-prevention plans started in the period; exercise plans of
    training series never count."""

    activations: Count = Field(description="Activations started in the period.")
    by_level: list[CountRow] = Field(
        description="By the level the plan was activated at: `0` observe, `1` heightened "
        "attention, `2` situation, `3` crisis."
    )
    by_month: list[CountRow] = Field(description="By the month the activation started.")

    model_config = with_examples(
        {
            **_META,
            "activations": _shown(5),
            "by_level": [
                {"key": "0", "label": None, "count": _HIDDEN},
                {"key": "1", "label": None, "count": _shown(0)},
                {"key": "2", "label": None, "count": _HIDDEN},
                {"key": "3", "label": None, "count": _shown(0)},
            ],
            "by_month": [{"key": "2026-03", "label": None, "count": _shown(5)}],
        }
    )


class PeerSessionStatistics(StatisticsOut):
    """Peer case consultation sessions (kollegiale Fallberatung) held in the period in
    which people of the caller's municipality took part: counts only, never contents."""

    sessions: Count = Field(description="Sessions held (closed) in the period.")
    participants: Count = Field(
        description="Participations of the municipality's conflict managers and coordinators."
    )
    municipalities: Count = Field(
        description="Municipalities taking part in those sessions, the caller's included."
    )

    model_config = with_examples(
        {**_META, "sessions": _shown(6), "participants": _shown(9), "municipalities": _HIDDEN}
    )
