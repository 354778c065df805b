"""Request and response bodies of qualification series, modules, sessions and participants."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, computed_field, model_validator

from kokoma.core.schemas import (
    InputModel,
    LocalTime,
    Name,
    OutputModel,
    PageQuery,
    SaneDate,
    ShortText,
    Text,
    example_of,
    keep_if_absent,
    with_examples,
)
from kokoma.trainings.completion import requirement
from kokoma.trainings.models import AttendanceStatus, ModuleKind

Description = Text(5000)
MinModules = Annotated[int, Field(ge=0, le=100, strict=True)]
Hours = Annotated[float, Field(ge=0, le=2000, multiple_of=0.5, strict=True)]
ModuleDays = Annotated[int, Field(ge=1, le=60)]
# Online sessions are joined by a link; only https, so no script or mail address slips in.
Link = Annotated[str, StringConstraints(max_length=500, pattern=r"^https://[^\s<>\"]+$")]
Position = Annotated[int, Field(ge=1, le=100)]
MAX_MODULES = 30
MAX_SESSIONS_PER_MODULE = 30
MAX_ATTENDANCE_ENTRIES = 500

SERIES_ID = "0b9c4d52-7a1e-4f3e-9d6a-2f5e8c1b7a10"
PARTICIPANT_ID = "3f2e1d0c-9b8a-4765-8432-10fedcba9876"
_MODULE_ID = "5c1f2e3d-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
_SESSION_ID = "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2910"
SERIES_TITLE = "Kommunales Konfliktmanagement — Qualifizierungsreihe 2026"


def _end_after_start(starts_at: time | None, ends_at: time | None) -> None:
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise ValueError("ends_at must be after starts_at")


# --- input ---------------------------------------------------------------------------


class CompletionRule(InputModel):
    """What a participant must attend to complete the series (attended: present or late
    on every session day of the module)."""

    in_person: MinModules | None = Field(
        default=None, description="In-person modules to attend; null: all in-person modules."
    )
    online: MinModules | None = Field(
        default=None,
        description="Online deepening sessions to attend; null: all online modules.",
    )
    hours: Hours | None = Field(
        default=None,
        description="Hours of the attended modules (preparation included); null: no minimum.",
    )

    model_config = with_examples({"in_person": 4, "online": 1, "hours": 80})


class TrainingSeriesCreate(InputModel):
    title: Name = Field(description="Title of the series.")
    description: Description | None = Field(default=None, description="What the series is about.")
    completion_rule: CompletionRule = Field(
        default_factory=CompletionRule,
        description="Completion rule; left out: every module must be attended.",
    )
    signatory: ShortText | None = Field(
        default=None, description="Who signs the certificates, printed on them."
    )

    model_config = with_examples(
        {
            "title": SERIES_TITLE,
            "description": "Fünf Module zu Konfliktanalyse, Moderation und Mediation.",
            "completion_rule": example_of(CompletionRule),
            "signatory": "Sabine Lorenz, Qualifizierung",
        }
    )


class TrainingSeriesUpdate(InputModel):
    """Only the fields sent change; a rule sent replaces the whole rule."""

    title: Name = keep_if_absent("Title of the series.")
    description: Description | None = Field(default=None, description="What the series is about.")
    completion_rule: CompletionRule = keep_if_absent(
        "The new completion rule, applied to every participant."
    )
    signatory: ShortText | None = Field(default=None, description="Who signs the certificates.")

    model_config = with_examples({"completion_rule": {"in_person": 5, "online": 1, "hours": None}})


class ModuleCreate(InputModel):
    title: Name = Field(description="Title of the module.")
    description: Description | None = Field(default=None, description="Contents of the module.")
    kind: ModuleKind = Field(
        default=ModuleKind.IN_PERSON, description="`in_person` module or `online` deepening."
    )
    days: ModuleDays = Field(default=1, description="Planned number of seminar days.")
    hours: Hours = Field(default=0, description="Hours it counts, preparation included.")
    position: Position | None = Field(
        default=None,
        description="Place in the series (1 = first); later modules move back. Default: last.",
    )

    model_config = with_examples(
        {
            "title": "Systemische Konfliktanalyse",
            "description": "Konflikte erkennen, Akteure und Dynamiken verstehen.",
            "kind": "in_person",
            "days": 2,
            "hours": 20,
        }
    )


class ModuleUpdate(InputModel):
    title: Name = keep_if_absent("Title of the module.")
    description: Description | None = Field(default=None, description="Contents of the module.")
    kind: ModuleKind = keep_if_absent("`in_person` or `online`.")
    days: ModuleDays = keep_if_absent("Planned number of seminar days.")
    hours: Hours = keep_if_absent("Hours it counts, preparation included.")
    position: Position = keep_if_absent("New place in the series; the other modules close up.")

    model_config = with_examples({"position": 1})


class SessionCreate(InputModel):
    day: SaneDate = Field(description="Date of the session day.")
    starts_at: LocalTime = Field(description="Local start time.")
    ends_at: LocalTime = Field(description="Local end time; after the start.")
    place: Name | None = Field(default=None, description="Where it takes place.")
    link: Link | None = Field(
        default=None, description="https link of an online session; a place or a link is needed."
    )

    model_config = with_examples(
        {
            "day": "2026-03-12",
            "starts_at": "09:00",
            "ends_at": "16:30",
            "place": "Landratsamt Bad Salzungen, Raum 204",
        }
    )

    @model_validator(mode="after")
    def _check_times(self) -> SessionCreate:
        _end_after_start(self.starts_at, self.ends_at)
        if not (self.place or self.link):
            raise ValueError("give a place or a link")
        return self


class SessionUpdate(InputModel):
    """Only the fields sent change; `null` clears place or link while the other remains."""

    day: SaneDate = keep_if_absent("Date of the session day.")
    starts_at: LocalTime = keep_if_absent("Local start time.")
    ends_at: LocalTime = keep_if_absent("Local end time; after the start.")
    place: Name | None = Field(default=None, description="Where it takes place.")
    link: Link | None = Field(default=None, description="https link of an online session.")

    model_config = with_examples({"starts_at": "09:30", "place": "Rathaus Eisenach"})

    @model_validator(mode="after")
    def _check_times(self) -> SessionUpdate:
        _end_after_start(self.starts_at, self.ends_at)
        return self


class ParticipantCreate(InputModel):
    """A user account of the municipality, a network contact, or just a name.

    `full_name` is the name a certificate will carry. With a user account it defaults
    to the account's name; with a contact it must be given (contact data is not
    copied into training records, trainers do not read contacts).
    """

    user_id: uuid.UUID | None = Field(
        default=None, description="A user account of the municipality."
    )
    contact_id: uuid.UUID | None = Field(
        default=None, description="A network contact of the municipality."
    )
    full_name: Name | None = Field(default=None, description="Name as printed on the certificate.")
    organisation: ShortText | None = Field(default=None, description="Employer or organisation.")

    model_config = with_examples(
        {"full_name": "Anna Schulze", "organisation": "Stadtverwaltung Eisenach"}
    )

    @model_validator(mode="after")
    def _check_identity(self) -> ParticipantCreate:
        if self.user_id and self.contact_id:
            raise ValueError("give a user_id or a contact_id, not both")
        if not (self.user_id or self.full_name):
            raise ValueError("full_name is required unless a user_id is given")
        return self


class ParticipantUpdate(InputModel):
    full_name: Name = keep_if_absent("Name as printed on the certificate.")
    organisation: ShortText | None = Field(default=None, description="Employer or organisation.")

    model_config = with_examples({"full_name": "Dr. Anna Schulze"})


class AttendanceEntry(InputModel):
    participant_id: uuid.UUID = Field(description="A participant of the series.")
    status: AttendanceStatus = Field(description="present, late, excused or absent.")

    model_config = with_examples({"participant_id": PARTICIPANT_ID, "status": "present"})


class AttendanceUpdate(InputModel):
    """The whole register of one session day; participants left out have no entry."""

    entries: list[AttendanceEntry] = Field(
        max_length=MAX_ATTENDANCE_ENTRIES,
        description="One entry per participant, each participant at most once.",
    )

    model_config = with_examples(
        {
            "entries": [
                example_of(AttendanceEntry),
                {"participant_id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "status": "excused"},
            ]
        }
    )

    @model_validator(mode="after")
    def _unique_participants(self) -> AttendanceUpdate:
        ids = [e.participant_id for e in self.entries]
        if len(ids) != len(set(ids)):
            raise ValueError("each participant may appear only once")
        return self


# --- output --------------------------------------------------------------------------


class SessionOut(OutputModel):
    id: uuid.UUID = Field(description="Session id.")
    module_id: uuid.UUID = Field(description="The module this session day belongs to.")
    day: date = Field(description="Date of the session day.")
    starts_at: LocalTime = Field(description="Local start time.")
    ends_at: LocalTime = Field(description="Local end time.")
    place: str | None = Field(description="Where it takes place.")
    link: str | None = Field(description="Link of an online session.")
    attendance_recorded_at: datetime | None = Field(
        description="When attendance was last recorded; null if never."
    )
    version: int = Field(description="ETag of the session and its attendance register.")

    model_config = with_examples(
        {
            "id": _SESSION_ID,
            "module_id": _MODULE_ID,
            "day": "2026-03-12",
            "starts_at": "09:00:00",
            "ends_at": "16:30:00",
            "place": "Landratsamt Bad Salzungen, Raum 204",
            "link": None,
            "attendance_recorded_at": "2026-03-12T15:40:00Z",
            "version": 2,
        }
    )


class ModuleOut(OutputModel):
    id: uuid.UUID = Field(description="Module id.")
    position: int = Field(description="Place in the series, starting at 1.")
    title: str = Field(description="Title of the module.")
    description: str | None = Field(description="Contents of the module.")
    kind: ModuleKind = Field(description="`in_person` module or `online` deepening.")
    days: int = Field(description="Planned number of seminar days.")
    hours: float = Field(description="Hours it counts, preparation included.")
    sessions: list[SessionOut] = Field(description="Session days, in date order.")
    version: int = Field(description="ETag of the module.")

    model_config = with_examples(
        {
            "id": _MODULE_ID,
            "position": 2,
            "title": "Systemische Konfliktanalyse",
            "description": "Konflikte erkennen, Akteure und Dynamiken verstehen.",
            "kind": "in_person",
            "days": 2,
            "hours": 20,
            "sessions": [example_of(SessionOut)],
            "version": 1,
        }
    )


class CompletionRuleOut(OutputModel):
    in_person: int | None = Field(description="In-person modules to attend; null: all.")
    online: int | None = Field(description="Online deepening sessions to attend; null: all.")
    hours: float | None = Field(description="Hours to attend; null: no minimum.")

    model_config = with_examples({"in_person": 4, "online": 1, "hours": 75})


class RequirementOut(OutputModel):
    """The rule applied to the series' modules as they are now."""

    in_person: int = Field(description="In-person modules a participant must attend.")
    online: int = Field(description="Online deepening sessions a participant must attend.")
    hours: float = Field(description="Hours a participant must attend (0: no minimum).")

    model_config = with_examples({"in_person": 4, "online": 1, "hours": 75})


class TrainingSeriesOut(OutputModel):
    id: uuid.UUID = Field(description="Series id.")
    title: str = Field(description="Title of the series.")
    description: str | None = Field(description="What the series is about.")
    completion_rule: CompletionRuleOut = Field(description="The completion rule as set.")
    signatory: str | None = Field(description="Who signs the certificates.")
    modules: list[ModuleOut] = Field(description="Modules in their order, with session days.")
    version: int = Field(description="ETag of the series.")
    created_at: datetime = Field(description="When the series was created.")

    model_config = with_examples(
        {
            "id": SERIES_ID,
            **example_of(TrainingSeriesCreate),
            "requirement": {"in_person": 4, "online": 1, "hours": 80},
            "modules": [example_of(ModuleOut)],
            "first_day": "2026-02-12",
            "last_day": "2026-06-19",
            "version": 1,
            "created_at": "2026-01-08T10:00:00Z",
        }
    )

    # pydantic documents `@computed_field` over `@property`; mypy does not allow a decorator
    # on a property (python/mypy#1362), hence the ignores on these computed fields.
    @computed_field(  # type: ignore[prop-decorator]
        description="What completes the series with its modules as they are now."
    )
    @property
    def requirement(self) -> RequirementOut:
        rule = self.completion_rule
        kinds = [m.kind for m in self.modules]
        need = requirement(rule.in_person, rule.online, rule.hours, kinds)
        return RequirementOut(in_person=need.in_person, online=need.online, hours=need.hours)

    @computed_field(description="First session day, if any.")  # type: ignore[prop-decorator]
    @property
    def first_day(self) -> date | None:
        return min((s.day for m in self.modules for s in m.sessions), default=None)

    @computed_field(description="Last session day, if any.")  # type: ignore[prop-decorator]
    @property
    def last_day(self) -> date | None:
        return max((s.day for m in self.modules for s in m.sessions), default=None)


class AttendanceOut(OutputModel):
    session_id: uuid.UUID = Field(description="The session day.")
    participant_id: uuid.UUID = Field(description="The participant.")
    status: AttendanceStatus = Field(description="present, late, excused or absent.")

    model_config = with_examples(
        {"session_id": _SESSION_ID, "participant_id": PARTICIPANT_ID, "status": "present"}
    )


class ParticipantOut(OutputModel):
    id: uuid.UUID = Field(description="Participant id.")
    series_id: uuid.UUID = Field(description="The series.")
    user_id: uuid.UUID | None = Field(description="Linked user account, if any.")
    contact_id: uuid.UUID | None = Field(description="Linked network contact, if any.")
    full_name: str = Field(description="Name as printed on the certificate.")
    organisation: str | None = Field(description="Employer or organisation.")
    in_person_attended: int = Field(
        description="In-person modules attended so far (present or late on every session day)."
    )
    online_attended: int = Field(description="Online deepening sessions attended so far.")
    hours_attended: float = Field(description="Hours of the modules attended so far.")
    completed_on: date | None = Field(
        description="The day the completion rule was met; null while not completed."
    )
    version: int = Field(description="ETag of the participant.")
    created_at: datetime = Field(description="When the participant was added.")

    model_config = with_examples(
        {
            "id": PARTICIPANT_ID,
            "series_id": SERIES_ID,
            "user_id": None,
            "contact_id": None,
            **example_of(ParticipantCreate),
            "in_person_attended": 5,
            "online_attended": 1,
            "hours_attended": 84,
            "completed_on": "2026-06-19",
            "completed": True,
            "version": 3,
            "created_at": "2026-01-08T10:05:00Z",
        }
    )

    @computed_field(description="Whether the series' completion rule is met.")  # type: ignore[prop-decorator]
    @property
    def completed(self) -> bool:
        return self.completed_on is not None


class ParticipantDetailOut(ParticipantOut):
    attendance: list[AttendanceOut] = Field(description="Recorded attendance per session day.")

    model_config = with_examples(
        {**example_of(ParticipantOut), "attendance": [example_of(AttendanceOut)]}
    )


class AttendanceRegisterOut(OutputModel):
    session_id: uuid.UUID = Field(description="The session day.")
    version: int = Field(description="ETag of the session; send it in If-Match to change.")
    recorded_at: datetime | None = Field(description="When attendance was last recorded.")
    entries: list[AttendanceOut] = Field(description="One entry per recorded participant.")

    model_config = with_examples(
        {
            "session_id": _SESSION_ID,
            "version": 2,
            "recorded_at": "2026-03-12T15:40:00Z",
            "entries": [example_of(AttendanceOut)],
        }
    )


class QualifiedOut(OutputModel):
    """A participant who completed a series: a qualified conflict manager."""

    participant_id: uuid.UUID = Field(description="The participant record.")
    series_id: uuid.UUID = Field(description="The completed series.")
    series_title: str = Field(description="Title of the completed series.")
    full_name: str = Field(description="Name of the qualified person.")
    organisation: str | None = Field(description="Employer or organisation.")
    user_id: uuid.UUID | None = Field(description="Linked user account, if any.")
    contact_id: uuid.UUID | None = Field(description="Linked network contact, if any.")
    completed_on: date = Field(description="The day the completion rule was met.")
    certificate_number: str | None = Field(
        description="Number of the valid certificate, if one was issued."
    )

    model_config = with_examples(
        {
            "participant_id": PARTICIPANT_ID,
            "series_id": SERIES_ID,
            "series_title": SERIES_TITLE,
            **example_of(ParticipantCreate),
            "user_id": None,
            "contact_id": None,
            "completed_on": "2026-06-19",
            "certificate_number": "KOKOMA-WAK-2026-0001",
        }
    )


class SeriesListQuery(PageQuery):
    q: Text(200) | None = Field(default=None, description="Part of the title.")
    sort: Literal["title", "-created_at"] = Field(
        default="-created_at", description="`title` or newest first."
    )


class ParticipantListQuery(PageQuery):
    completed: bool | None = Field(
        default=None, description="Only those who completed (true) or not (false)."
    )
    q: Text(200) | None = Field(default=None, description="Part of the name.")


class QualifiedListQuery(PageQuery):
    series_id: uuid.UUID | None = Field(default=None, description="Only this series.")
    q: Text(200) | None = Field(default=None, description="Part of the name.")
