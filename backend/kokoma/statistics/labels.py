"""Names for the codes of a statistics body, in the reader's language.

JSON and CSV keep the codes (``key``, field names) for machines and carry a ``label``
for people; this module fills the labels from the API's catalogue (``kokoma.i18n``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from kokoma import i18n
from kokoma.cases.models import EscalationLevel

# Which list of codes the rows of a section use, per statistics route.
VOCABULARIES: dict[tuple[str, str], str] = {
    ("cases", "by_status"): "status",
    ("cases", "by_topic"): "topic",
    ("cases", "by_endangers_democracy"): "endangers_democracy",
    ("consultations", "by_kind"): "consultation_kind",
    ("consultations", "by_format"): "consultation_format",
    ("referrals", "by_status"): "referral_status",
    ("referrals", "by_actor_group"): "actor_group",  # and `not_in_network`
    ("contacts", "by_actor_group"): "actor_group",
    ("trainings", "completion"): "completion",
    ("trainings", "attendance"): "attendance",
    ("activations", "by_level"): "plan_level",
}
OTHER_KEY = "other"
UNRATED_KEY = "unrated"
# The rows of cases by place that are no listed place; the others carry their names.
PLACE_KEYS = ("not_listed", "unknown")
STAGES = {str(level.value): level for level in EscalationLevel}


def _month(language: str, key: str) -> str | None:
    year, _, month = key.partition("-")
    names = i18n.lookup(language, "statistics.months")
    if not (year.isdigit() and month.isdigit() and isinstance(names, list)):
        return None
    return f"{names[int(month) - 1]} {year}"


def row_label(language: str, route: str, section: str, key: str, label: str | None) -> str | None:
    """The label of one row: from its vocabulary, a month name, or what it has."""
    vocabulary = VOCABULARIES.get((route, section))
    if vocabulary:
        return i18n.text(language, f"codes.{vocabulary}.{key}", default=label)
    if section == "by_escalation_level" and key in STAGES:
        # Glasl's stage names live with the stages themselves.
        return str(getattr(STAGES[key], f"label_{language}"))
    if section == "by_escalation_level" and key == UNRATED_KEY:
        return i18n.text(language, "statistics.unrated")
    if section == "by_place" and key in PLACE_KEYS:
        return i18n.text(language, f"statistics.places.{key}")
    if section == "by_month":
        return _month(language, key) or label
    if section == "by_target_service":
        # Receiving bodies are keyed by contact id (or their name in words) and named
        # by their own names.
        return i18n.text(language, "statistics.other") if key == OTHER_KEY else label
    return label


def _labelled_row(row: Any, language: str, route: str, section: str) -> Any:
    if not isinstance(row, BaseModel) or "label" not in type(row).model_fields:
        return row
    label = row_label(language, route, section, str(row.key), row.label)  # type: ignore[attr-defined]
    return row.model_copy(update={"label": label})


def labelled(body: BaseModel, route: str, language: str) -> BaseModel:
    """``body`` with every row's label in ``language``."""
    update: dict[str, Any] = {}
    for section, value in body:
        if isinstance(value, list):
            update[section] = [_labelled_row(row, language, route, section) for row in value]
    return body.model_copy(update=update)


def section_name(language: str, section: str) -> str:
    return i18n.text(language, f"statistics.sections.{section}", default=section) or section


def measure_name(language: str, measure: str) -> str:
    return i18n.text(language, f"statistics.measures.{measure}", default=measure) or measure
