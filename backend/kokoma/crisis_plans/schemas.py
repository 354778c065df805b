"""Request and response bodies of the crisis-plans API.

The sections of a plan refer to each other by ``key`` (a role's key in an alert-chain
step, a scenario's key in a measure); ``rules`` checks those references.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field

from kokoma.core.schemas import (
    InputModel,
    Name,
    OutputModel,
    PageQuery,
    SaneDate,
    Text,
    example_of,
    keep_if_absent,
    with_examples,
)
from kokoma.crisis_plans.models import Classification, PlanStatus

Line = Text(200)
Para = Text(4000)
Key = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="Short key other sections refer to: lower-case letters, digits, _ and -.",
    ),
]
Phone = Annotated[str, Field(max_length=40, pattern=r"^[0-9+()/ -]*$")]
Level = Annotated[int, Field(ge=0, le=3, description="Plan level: 0 observe … 3 crisis.")]
Rating = Annotated[int, Field(ge=1, le=5)]

MAX_ITEMS = 50
MAX_STEPS = 100
MAX_MESSAGES = 100


class IndicatorSource(StrEnum):
    POLICE = "police"
    PRESS = "press"
    SOCIAL_MEDIA = "social_media"
    ADMINISTRATION = "administration"
    CIVIL_SOCIETY = "civil_society"
    MOBILE_COUNSELLING = "mobile_counselling"
    OTHER = "other"


class IndicatorState(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


class Channel(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    MESSENGER = "messenger"
    EMAIL = "email"
    IN_PERSON = "in_person"
    RADIO = "radio"


class Audience(StrEnum):
    RESIDENTS = "residents"
    AFFECTED = "affected"
    COUNCIL = "council"
    MEDIA = "media"
    STAFF = "staff"


class MeasurePhase(StrEnum):
    PREVENTIVE = "preventive"
    ACUTE = "acute"
    AFTERCARE = "aftercare"


class SupportKind(StrEnum):
    MOBILE_COUNSELLING = "mobile_counselling"  # Mobile Beratung gegen Rechtsextremismus
    POLICE = "police"
    VICTIM_SUPPORT = "victim_support"  # Opferberatung
    OTHER = "other"


class Person(InputModel):
    """Who fills a role: a user or a network contact of the municipality, or a name."""

    name: Line = Field(default="", description="Name as printed in the plan.")
    phone: Phone = Field(default="", description="Phone number reachable in a crisis.")
    user_id: uuid.UUID | None = Field(default=None, description="A user of the municipality.")
    contact_id: uuid.UUID | None = Field(
        default=None, description="A network contact of the municipality."
    )


class Scenario(InputModel):
    key: Key
    hazard: Name = Field(description="What may happen, e.g. an extremist rally.")
    triggers: Para = Field(default="", description="What could set it off.")
    affected: Para = Field(default="", description="Who is affected.")
    likelihood: Rating = Field(description="Likelihood 1 (rare) to 5 (almost certain).")
    impact: Rating = Field(description="Impact 1 (minor) to 5 (severe).")
    escalation_stage: int | None = Field(
        default=None, ge=1, le=9, description="Glasl stage of the conflict now."
    )
    actors: Para = Field(default="", description="Actors involved.")


class Indicator(InputModel):
    key: Key
    scenario_key: Key | None = Field(default=None, description="The scenario it warns of.")
    watch: Name = Field(description="What to watch.")
    source: IndicatorSource = Field(description="Where the signal comes from.")
    threshold: Para = Field(default="", description="When it turns yellow or red.")
    watcher_role: Key | None = Field(default=None, description="The role that watches it.")
    frequency: Line = Field(default="", description="How often it is checked.")
    state: IndicatorState = Field(default=IndicatorState.GREEN, description="Current state.")


class PlanLevel(InputModel):
    level: Level
    entry_criteria: Para = Field(default="", description="When the plan enters this level.")
    decided_by_role: Key | None = Field(default=None, description="Who decides.")


class PlanRole(InputModel):
    key: Key
    title: Name = Field(description="The role, e.g. Krisenstabsleitung.")
    holder: Person = Field(default_factory=Person, description="Who fills the role.")
    deputy: Person = Field(default_factory=Person, description="The deputy.")
    availability: Line = Field(default="", description="When the role is reachable.")


class AlertStep(InputModel):
    level: Level
    from_role: Key = Field(description="The role that calls.")
    to_role: Key = Field(description="The role that is called.")
    channel: Channel = Field(description="How.")
    answer_within_minutes: int = Field(ge=1, le=1440, description="Answer expected within.")
    fallback_role: Key | None = Field(
        default=None, description="Called instead when there is no answer in time."
    )


class Message(InputModel):
    audience: Audience
    level: Level
    channel: Channel | None = Field(default=None, description="Where it is published.")
    text: Text(4000, 1) = Field(description="The prepared message.")
    easy_language_text: Text(4000) = Field(
        default="", description="The same message in Leichte Sprache."
    )


class Communication(InputModel):
    spokesperson_role: Key | None = Field(default=None, description="Who speaks to the press.")
    approval_path: Para = Field(default="", description="Who approves messages.")
    online_hate_procedure: Para = Field(default="", description="What to do against online hate.")
    messages: Annotated[list[Message], Field(max_length=MAX_MESSAGES)] = Field(
        default_factory=list, description="Prepared messages per audience and level."
    )


class Measure(InputModel):
    scenario_key: Key | None = Field(default=None, description="The scenario; null for all.")
    level: Level
    phase: MeasurePhase
    action: Text(1000, 1) = Field(description="What is done.")
    owner_role: Key | None = Field(default=None, description="The role responsible.")
    owner_user_id: uuid.UUID | None = Field(
        default=None, description="The responsible user of the municipality."
    )
    due_on: SaneDate | None = Field(default=None, description="Due date.")


class SupportBody(InputModel):
    name: Name
    kind: SupportKind
    phone: Phone = Field(default="", description="Phone number.")
    when_to_call: Para = Field(default="", description="When to call them.")


def _items(model: Any, limit: int = MAX_ITEMS) -> Any:
    return Annotated[list[model], Field(max_length=limit)]


class PlanContent(InputModel):
    """The sections of a plan; each list replaces the one stored."""

    scenarios: _items(Scenario) = Field(default_factory=list, description="Risk scenarios.")
    indicators: _items(Indicator) = Field(
        default_factory=list, description="Early-warning indicators."
    )
    levels: Annotated[list[PlanLevel], Field(max_length=4)] = Field(
        default_factory=list, description="Plan levels 0–3 with entry criteria."
    )
    roles: _items(PlanRole) = Field(default_factory=list, description="Roles with deputies.")
    alert_chain: _items(AlertStep, MAX_STEPS) = Field(
        default_factory=list, description="Who alerts whom, per level, in order."
    )
    communication: Communication = Field(
        default_factory=Communication, description="The communication plan."
    )
    measures: _items(Measure, MAX_STEPS) = Field(
        default_factory=list, description="Measures per scenario and level."
    )
    support_bodies: _items(SupportBody) = Field(
        default_factory=list, description="External support and when to call it."
    )


_SCENARIO = {
    "key": "kundgebung",
    "hazard": "Angekündigte Kundgebung gegen die geplante Unterkunft",
    "likelihood": 4,
    "impact": 4,
}


class CrisisPlanCreate(InputModel):
    title: Name = Field(description="Name of the plan.")
    area: Name = Field(description="Area: district, town or quarter.")
    classification: Classification = Field(
        default=Classification.INTERNAL, description="`internal` or `confidential`."
    )
    review_interval_months: int = Field(
        default=12, ge=1, le=60, description="How often the plan is reviewed."
    )
    content: PlanContent = Field(default_factory=PlanContent, description="The sections.")
    training_series_id: uuid.UUID | None = Field(
        default=None,
        description="Makes it an exercise plan of this training series: seen only by the "
        "series' trainers and participants, never counted as a real plan.",
    )

    model_config = with_examples(
        {
            "title": "Krisenpräventionsplan Unterkunft Gerstungen",
            "area": "Gemeinde Gerstungen",
            "classification": "internal",
            "content": {"scenarios": [_SCENARIO]},
        }
    )


class CrisisPlanUpdate(InputModel):
    title: Name = keep_if_absent("Name of the plan.")
    area: Name = keep_if_absent("Area.")
    classification: Classification = keep_if_absent("`internal` or `confidential`.")
    review_interval_months: int = keep_if_absent("Review interval in months.", ge=1, le=60)
    content: PlanContent = keep_if_absent("The sections, each replaced as sent.")


class PlanSort(StrEnum):
    TITLE = "title"
    UPDATED_DESC = "-updated_at"


class PlanListQuery(PageQuery):
    status: PlanStatus | None = Field(default=None, description="Only this status.")
    due_for_review: bool = Field(
        default=False, description="Only adopted plans whose review date has come."
    )
    lineage_id: uuid.UUID | None = Field(
        default=None, description="Only the editions of this plan."
    )
    exercise: bool = Field(
        default=False,
        description="The exercise plans of training series instead of the real plans.",
    )
    training_series_id: uuid.UUID | None = Field(
        default=None, description="Only the exercise plans of this training series."
    )
    sort: PlanSort = Field(default=PlanSort.UPDATED_DESC, description="`title` or `-updated_at`.")


class CrisisPlanListItemOut(OutputModel):
    """A plan as lists show it."""

    id: uuid.UUID = Field(description="This edition of the plan.")
    lineage_id: uuid.UUID = Field(description="Shared by all editions of one plan.")
    edition: int = Field(description="Edition number, 1 for the first.")
    title: str = Field(description="Name of the plan.")
    area: str = Field(description="Area.")
    classification: Classification = Field(description="`internal` or `confidential`.")
    status: PlanStatus = Field(description="`draft`, `in_review`, `adopted` or `withdrawn`.")
    is_exercise: bool = Field(description="An exercise plan of a training series.")
    next_review_on: date | None = Field(description="When the plan is due for review.")
    updated_at: datetime = Field(description="Last change.")
    version: int = Field(description="Record version, the ETag.")

    model_config = with_examples(
        {
            "id": "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
            "lineage_id": "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
            "edition": 1,
            "title": "Krisenpräventionsplan Unterkunft Gerstungen",
            "area": "Gemeinde Gerstungen",
            "classification": "internal",
            "status": "draft",
            "is_exercise": False,
            "next_review_on": None,
            "updated_at": "2026-03-12T15:00:00Z",
            "version": 1,
        }
    )


class CrisisPlanOut(CrisisPlanListItemOut):
    """A plan with all its sections."""

    owner_id: uuid.UUID = Field(description="The user who owns the plan.")
    review_interval_months: int = Field(description="Review interval in months.")
    adopted_at: datetime | None = Field(description="When it was adopted.")
    adopted_by_id: uuid.UUID | None = Field(description="The coordinator who adopted it.")
    adoption_note: str | None = Field(description="The steering group's decision.")
    training_series_id: uuid.UUID | None = Field(description="Series of an exercise plan.")
    content: PlanContent = Field(description="The sections.")
    created_at: datetime = Field(description="Created.")

    model_config = with_examples(
        {
            **example_of(CrisisPlanListItemOut),
            "created_at": "2026-03-12T15:00:00Z",
            "owner_id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "review_interval_months": 12,
            "adopted_at": None,
            "adopted_by_id": None,
            "adoption_note": None,
            "training_series_id": None,
            "content": {"scenarios": [_SCENARIO]},
        }
    )


class PeopleQuery(PageQuery):
    q: Text(100) | None = Field(default=None, description="Words to find in the name.")
    may_own: bool = Field(
        default=False,
        description="Only those who may own a real plan (coordinators and conflict managers).",
    )


class PersonOut(OutputModel):
    """An active user of the municipality, as a plan names them."""

    id: uuid.UUID = Field(description="The user.")
    full_name: str = Field(description="Name.")
    role: str = Field(description="The user's role.")

    model_config = with_examples(
        {
            "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "full_name": "Thomas Berger",
            "role": "coordinator",
        }
    )


class CopyIn(InputModel):
    owner_id: uuid.UUID | None = Field(
        default=None,
        description="Who owns the real draft: a coordinator or conflict manager of the "
        "municipality; the caller unless given (trainers must name one).",
    )

    model_config = with_examples({"owner_id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"})


class AdoptionIn(InputModel):
    note: Text(2000, 1) = Field(
        description="The steering group's decision, e.g. 'Beschluss der Steuerungsgruppe "
        "vom 12.03.2026'."
    )

    model_config = with_examples({"note": "Beschluss der Steuerungsgruppe vom 12.03.2026"})


class SectionChangeOut(OutputModel):
    """Entries of one section that one edition has and the other not."""

    section: str = Field(description="The section, e.g. `alert_chain`.")
    removed: list[Any] = Field(description="Entries only the older edition has.")
    added: list[Any] = Field(description="Entries only the newer edition has.")

    model_config = with_examples({"section": "roles", "removed": [], "added": []})


class ComparisonOut(OutputModel):
    """How two editions of a plan differ."""

    frame: list[str] = Field(description="Frame fields that differ.")
    sections: list[SectionChangeOut] = Field(description="Sections that differ.")

    model_config = with_examples({"frame": ["title"], "sections": []})


class IndicatorStateIn(InputModel):
    state: IndicatorState = Field(description="`green`, `yellow` or `red`.")
    reason: Text(2000, 1) = Field(description="Why: what was observed.")

    model_config = with_examples({"state": "red", "reason": "Kundgebung für Samstag angemeldet"})


class IndicatorChangeOut(OutputModel):
    """One logged change of an indicator's state."""

    id: uuid.UUID = Field(description="The log entry.")
    indicator_key: str = Field(description="The indicator.")
    from_state: str = Field(description="State before.")
    to_state: str = Field(description="State after.")
    reason: str = Field(description="Why.")
    changed_at: datetime = Field(description="When.")
    changed_by_name: str = Field(description="Who.")

    model_config = with_examples(
        {
            "id": "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
            "indicator_key": "anmeldung",
            "from_state": "green",
            "to_state": "red",
            "reason": "Kundgebung für Samstag angemeldet",
            "changed_at": "2026-03-12T15:00:00Z",
            "changed_by_name": "Thomas Berger",
        }
    )


class ActivationCreate(InputModel):
    level: Level
    reason: Text(2000, 1) = Field(description="What happened; the decision.")
    indicator_key: Key | None = Field(
        default=None, description="The red indicator that set it off; null for a decision."
    )
    case_id: uuid.UUID | None = Field(default=None, description="The case it concerns.")

    model_config = with_examples({"level": 2, "reason": "Kundgebung angemeldet"})


class StepIn(InputModel):
    reached: bool = Field(default=True, description="Reached (true) or not yet (false).")
    note: Text(500) = Field(default="", description="E.g. who answered.")


class TaskIn(InputModel):
    done: bool = Field(default=True, description="Done (true) or open again (false).")


class LogEntryIn(InputModel):
    text: Text(2000, 1) = Field(description="What happened.")


class ActivationCloseIn(InputModel):
    review: Text(10_000, 1) = Field(description="The short after-action review.")


class ActivationOut(OutputModel):
    """An activation of a plan."""

    id: uuid.UUID = Field(description="The activation.")
    plan_id: uuid.UUID = Field(description="The plan edition activated.")
    level: int = Field(description="Plan level 0–3.")
    case_id: uuid.UUID | None = Field(description="The linked case.")
    indicator_key: str | None = Field(description="The red indicator, if one set it off.")
    reason: str = Field(description="Why it was activated.")
    status: str = Field(description="`open` or `closed`.")
    started_at: datetime = Field(description="When it began.")
    started_by_name: str = Field(description="Who activated it.")
    ended_at: datetime | None = Field(description="When it was closed.")
    review: str | None = Field(description="After-action review.")
    checklist: list[dict[str, Any]] = Field(
        description="The alert chain of the level, each step with `reached_at` and `note`."
    )
    tasks: list[dict[str, Any]] = Field(description="The level's measures with `done_at`.")
    log: list[dict[str, Any]] = Field(description="What happened: `at`, `by`, `text`.")
    version: int = Field(description="Record version, the ETag.")

    model_config = with_examples(
        {
            "id": "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
            "plan_id": "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
            "level": 2,
            "case_id": None,
            "indicator_key": "anmeldung",
            "reason": "Kundgebung angemeldet",
            "status": "open",
            "started_at": "2026-03-12T15:00:00Z",
            "started_by_name": "Thomas Berger",
            "ended_at": None,
            "review": None,
            "checklist": [],
            "tasks": [],
            "log": [],
            "version": 1,
        }
    )


class ExerciseCreate(InputModel):
    held_on: SaneDate = Field(description="The day of the exercise.")
    scenario_key: Key | None = Field(default=None, description="The scenario exercised.")
    participants: Para = Field(default="", description="Who took part.")
    went_well: Para = Field(default="", description="What went well.")
    lessons_learned: Para = Field(default="", description="Lessons learned.")
    changes: Para = Field(default="", description="Changes to the plan it led to.")

    model_config = with_examples({"held_on": "2026-05-20", "scenario_key": "kundgebung"})


class ExerciseOut(OutputModel):
    """An exercise of a plan."""

    id: uuid.UUID = Field(description="The exercise.")
    held_on: date = Field(description="When.")
    scenario_key: str | None = Field(description="The scenario exercised.")
    participants: str = Field(description="Who took part.")
    went_well: str = Field(description="What went well.")
    lessons_learned: str = Field(description="Lessons learned.")
    changes: str = Field(description="Changes it led to.")

    model_config = with_examples(
        {
            "id": "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
            "held_on": "2026-05-20",
            "scenario_key": "kundgebung",
            "participants": "Koordination, Ordnungsamt, Polizei",
            "went_well": "Alarmkette in 20 Minuten durchlaufen",
            "lessons_learned": "Vertretung der Pressestelle nicht erreichbar",
            "changes": "Zweite Vertretung benannt",
        }
    )
