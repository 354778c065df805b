"""Request and response bodies of the steering-group API."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from kokoma.core.schemas import (
    InputModel,
    LongText,
    Name,
    OutputModel,
    PageQuery,
    SaneDate,
    SaneDateTime,
    Text,
    keep_if_absent,
    with_examples,
)
from kokoma.steering.models import MeetingStatus, MinutesStatus, Presence
from kokoma.tasks.models import TaskStatus

# Meetings online are joined by a link; only https, so no script or mail address slips in.
VideoLink = Annotated[str, StringConstraints(max_length=500, pattern=r"^https://[^\s<>\"]+$")]
Votes = Annotated[int, Field(ge=0, le=10_000)]
MAX_PARTICIPANTS = 200


class MeetingWhen(StrEnum):
    UPCOMING = "upcoming"
    PAST = "past"


class MeetingListQuery(PageQuery):
    when: MeetingWhen | None = Field(
        default=None,
        description="`upcoming` (not yet ended, soonest first) or `past` (newest first); "
        "all meetings, newest first, unless told.",
    )
    year: int | None = Field(
        default=None, ge=2000, le=2100, description="Only meetings that start in this year."
    )


class MeetingParticipantIn(InputModel):
    user_id: uuid.UUID | None = Field(default=None, description="A user of the municipality.")
    contact_id: uuid.UUID | None = Field(
        default=None, description="A network contact (an external member or guest)."
    )
    status: Presence = Field(
        default=Presence.INVITED,
        description="`invited`, and after the meeting `present`, `excused` or `absent`.",
    )

    @model_validator(mode="after")
    def _one_person(self) -> MeetingParticipantIn:
        if (self.user_id is None) == (self.contact_id is None):
            raise ValueError("Name either a user or a contact.")
        return self


class MeetingCreate(InputModel):
    title: Name = Field(description="E.g. „2. Sitzung der Steuerungsgruppe 2026“.")
    starts_at: SaneDateTime = Field(description="Start, with time zone.")
    ends_at: SaneDateTime = Field(description="End, with time zone; after the start.")
    place: Text(300) | None = Field(default=None, description="Where it takes place.")
    video_url: VideoLink | None = Field(default=None, description="https link to join online.")
    participants: list[MeetingParticipantIn] | None = Field(
        default=None,
        max_length=MAX_PARTICIPANTS,
        description="Who is invited; every member of the steering group unless told.",
    )

    model_config = with_examples(
        {
            "title": "2. Sitzung der Steuerungsgruppe 2026",
            "starts_at": "2026-06-10T15:00:00+02:00",
            "ends_at": "2026-06-10T17:00:00+02:00",
            "place": "Landratsamt Bad Salzungen, Raum 204",
        }
    )


class MeetingUpdate(InputModel):
    title: Name = keep_if_absent("Title.")
    starts_at: SaneDateTime = keep_if_absent("Start, with time zone.")
    ends_at: SaneDateTime = keep_if_absent("End, with time zone; after the start.")
    place: Text(300) | None = Field(default=None, description="Where; null removes it.")
    video_url: VideoLink | None = Field(default=None, description="https link; null removes it.")

    model_config = with_examples({"starts_at": "2026-06-10T16:00:00+02:00"})


class MeetingParticipantsIn(InputModel):
    participants: list[MeetingParticipantIn] = Field(
        max_length=MAX_PARTICIPANTS, description="The whole list; replaces the one before."
    )

    model_config = with_examples(
        {
            "participants": [
                {"user_id": "0c8a7c55-4a5e-4d0c-9d1e-6a0f3c1b2d44", "status": "present"},
                {"contact_id": "5c0e7e0f-3b7b-4a7e-8f59-2a1d3c4b5e6f", "status": "excused"},
            ]
        }
    )


class AgendaItemCreate(InputModel):
    title: Name = Field(description="What is discussed.")
    presenter: Text(200) | None = Field(default=None, description="Who presents it.")
    conflict_field_id: uuid.UUID | None = Field(
        default=None, description="A conflict field of the regional analysis it is about."
    )
    crisis_plan_id: uuid.UUID | None = Field(
        default=None, description="A crisis-prevention plan it is about."
    )
    statistics_from: SaneDate | None = Field(
        default=None, description="First day of the statistics period it is about."
    )
    statistics_to: SaneDate | None = Field(
        default=None, description="Last day of that period; with `statistics_from`."
    )

    model_config = with_examples(
        {
            "title": "Lagebild Konfliktfeld Energiewende",
            "presenter": "Jana Beispiel",
            "conflict_field_id": "3f2e1d0c-9b8a-4765-8432-10fedcba9876",
        }
    )


class AgendaItemUpdate(InputModel):
    title: Name = keep_if_absent("What is discussed.")
    presenter: Text(200) | None = Field(default=None, description="Who presents it.")
    conflict_field_id: uuid.UUID | None = Field(default=None, description="Conflict field.")
    crisis_plan_id: uuid.UUID | None = Field(default=None, description="Crisis plan.")
    statistics_from: SaneDate | None = Field(default=None, description="Statistics from.")
    statistics_to: SaneDate | None = Field(default=None, description="Statistics to.")
    minutes: LongText | None = Field(default=None, description="The minutes of this item.")
    position: int = keep_if_absent("New place in the agenda, from 0.", ge=0, le=1000)

    model_config = with_examples({"minutes": "Die Lage wurde vorgestellt und besprochen."})


class DecisionVoteIn(InputModel):
    yes: Votes = Field(description="Votes for.")
    no: Votes = Field(description="Votes against.")
    abstain: Votes = Field(description="Abstentions.")


class DecisionCreate(InputModel):
    agenda_item_id: uuid.UUID = Field(description="The agenda item it was taken under.")
    text: Text(4000, 1) = Field(description="What was decided.")
    vote: DecisionVoteIn | None = Field(default=None, description="The vote, if there was one.")

    model_config = with_examples(
        {
            "agenda_item_id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
            "text": "Der Krisenpräventionsplan wird in der vorliegenden Fassung beschlossen.",
            "vote": {"yes": 7, "no": 0, "abstain": 1},
        }
    )


class DecisionUpdate(InputModel):
    text: Text(4000, 1) = keep_if_absent("What was decided.")
    vote: DecisionVoteIn | None = Field(default=None, description="The vote; null removes it.")


class ActionItemCreate(InputModel):
    agenda_item_id: uuid.UUID = Field(description="The agenda item it was agreed under.")
    decision_id: uuid.UUID | None = Field(
        default=None, description="The decision it carries out, if any."
    )
    title: Name = Field(description="What is to be done.")
    description: LongText | None = Field(default=None, description="Details, if any.")
    owner_id: uuid.UUID = Field(description="Who does it: a user of the municipality.")
    due_on: SaneDate = Field(description="The day it is due; a day in the past is allowed.")

    model_config = with_examples(
        {
            "agenda_item_id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
            "title": "Termin mit der Polizeiinspektion vereinbaren",
            "owner_id": "0c8a7c55-4a5e-4d0c-9d1e-6a0f3c1b2d44",
            "due_on": "2026-07-01",
        }
    )


# --- answers ---------------------------------------------------------------------------

_MEETING_ID = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091"
_ITEM_ID = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
_DECISION_ID = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
_FIELD_ID = "3f2e1d0c-9b8a-4765-8432-10fedcba9876"
_USER_ID = "0c8a7c55-4a5e-4d0c-9d1e-6a0f3c1b2d44"
_CONTACT_ID = "5c0e7e0f-3b7b-4a7e-8f59-2a1d3c4b5e6f"
_DECISION = {
    "id": _DECISION_ID,
    "agenda_item_id": _ITEM_ID,
    "text": "Die Steuerungsgruppe unterstützt einen Runden Tisch zur Windkraftplanung.",
    "vote": {"yes": 7, "no": 0, "abstain": 1},
}
_ACTION = {
    "task_id": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
    "meeting_id": _MEETING_ID,
    "agenda_item_id": _ITEM_ID,
    "decision_id": _DECISION_ID,
    "title": "Runden Tisch Windkraft vorbereiten",
    "owner_id": _USER_ID,
    "owner_name": "Anna Schulze",
    "due_on": "2026-07-01",
    "status": "open",
}
_ITEM = {
    "id": _ITEM_ID,
    "position": 0,
    "title": "Lagebild der Konfliktfelder",
    "presenter": "Anna Schulze",
    "conflict_field": {"id": _FIELD_ID, "name": "Energiewende vor Ort"},
    "crisis_plan": None,
    "statistics_from": None,
    "statistics_to": None,
    "minutes": "Frau Schulze stellt die Entwicklung der Konfliktfelder vor.",
    "decisions": [_DECISION],
    "action_items": [_ACTION],
}
_PARTICIPANT = {
    "kind": "user",
    "user_id": _USER_ID,
    "contact_id": None,
    "name": "Dr. Frank Heller",
    "role": "steering_group",
    "position": None,
    "organisation": None,
    "status": "present",
    "has_email": True,
}
_LIST_ITEM = {
    "id": _MEETING_ID,
    "title": "Sitzung der Steuerungsgruppe 06/2026",
    "starts_at": "2026-06-10T13:00:00Z",
    "ends_at": "2026-06-10T15:00:00Z",
    "place": "Landratsamt Bad Salzungen, Raum 204",
    "video_url": None,
    "status": "planned",
    "cancelled_at": None,
    "minutes_status": "draft",
    "invitations_sent_at": "2026-05-20T08:00:00Z",
    "version": 4,
}
_MEETING = {
    **_LIST_ITEM,
    "approved_at": None,
    "approved_by_name": None,
    "invitation_sequence": 0,
    "invitations_outdated": False,
    "agenda_items": [_ITEM],
    "participants": [_PARTICIPANT],
    "created_at": "2026-05-02T09:00:00Z",
    "updated_at": "2026-06-10T15:30:00Z",
}


class LinkedRecordOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    name: str = Field(description="How it is named.")

    model_config = with_examples({"id": _FIELD_ID, "name": "Energiewende vor Ort"})


class DecisionVoteOut(OutputModel):
    yes: int = Field(description="Votes for.")
    no: int = Field(description="Votes against.")
    abstain: int = Field(description="Abstentions.")

    model_config = with_examples({"yes": 7, "no": 0, "abstain": 1})


class DecisionOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    agenda_item_id: uuid.UUID = Field(description="The agenda item.")
    text: str = Field(description="What was decided.")
    vote: DecisionVoteOut | None = Field(description="The vote, if there was one.")

    model_config = with_examples(_DECISION)


class ActionItemOut(OutputModel):
    task_id: uuid.UUID = Field(description="The task it became (`/tasks/{id}`).")
    meeting_id: uuid.UUID = Field(description="The meeting.")
    agenda_item_id: uuid.UUID = Field(description="The agenda item.")
    decision_id: uuid.UUID | None = Field(description="The decision, if any.")
    title: str = Field(description="What is to be done.")
    owner_id: uuid.UUID = Field(description="Who does it.")
    owner_name: str = Field(description="Their name.")
    due_on: date = Field(description="The day it is due.")
    status: TaskStatus = Field(description="`open`, `done` or `cancelled`.")

    model_config = with_examples(_ACTION)


class AgendaItemOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    position: int = Field(description="Place in the agenda, from 0.")
    title: str = Field(description="What is discussed.")
    presenter: str | None = Field(description="Who presents it.")
    conflict_field: LinkedRecordOut | None = Field(description="The conflict field it is about.")
    crisis_plan: LinkedRecordOut | None = Field(
        description="The crisis-prevention plan it is about."
    )
    statistics_from: date | None = Field(description="Statistics period from.")
    statistics_to: date | None = Field(description="Statistics period to.")
    minutes: str | None = Field(description="The minutes of this item.")
    decisions: list[DecisionOut] = Field(description="Decisions taken under it.")
    action_items: list[ActionItemOut] = Field(description="Action items agreed under it.")

    model_config = with_examples(_ITEM)


class SteeringPersonKind(StrEnum):
    USER = "user"
    CONTACT = "contact"


class SteeringPersonOut(OutputModel):
    kind: SteeringPersonKind = Field(description="A `user` or an external member (`contact`).")
    name: str = Field(description="Name.")
    role: str | None = Field(description="A user's role.")
    position: str | None = Field(description="An external member's position.")
    organisation: str | None = Field(description="An external member's organisation.")
    has_email: bool = Field(description="Whether invitations can be e-mailed.")


class MeetingParticipantOut(SteeringPersonOut):
    user_id: uuid.UUID | None = Field(description="The user.")
    contact_id: uuid.UUID | None = Field(description="The contact.")
    status: Presence = Field(description="Invited, present, excused or absent.")

    model_config = with_examples(_PARTICIPANT)


class MeetingListItemOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    title: str = Field(description="Title.")
    starts_at: datetime = Field(description="Start.")
    ends_at: datetime = Field(description="End.")
    place: str | None = Field(description="Where.")
    video_url: str | None = Field(description="https link to join online.")
    status: MeetingStatus = Field(description="`planned` or `cancelled` (read-only then).")
    cancelled_at: datetime | None = Field(description="When it was called off.")
    minutes_status: MinutesStatus = Field(description="`draft` or `approved`.")
    invitations_sent_at: datetime | None = Field(description="When invitations last went out.")
    version: int = Field(description="Current version; the ETag is this number in quotes.")

    model_config = with_examples(_LIST_ITEM)


class MeetingOut(MeetingListItemOut):
    approved_at: datetime | None = Field(description="When the minutes were approved.")
    approved_by_name: str | None = Field(description="Who approved them.")
    invitation_sequence: int = Field(description="iCalendar SEQUENCE of the last invitation.")
    invitations_outdated: bool = Field(
        description="Time or place changed since the invitations went out."
    )
    agenda_items: list[AgendaItemOut] = Field(description="The agenda, in order.")
    participants: list[MeetingParticipantOut] = Field(description="Who is invited and who came.")
    created_at: datetime = Field(description="When it was planned.")
    updated_at: datetime = Field(description="Last change.")

    model_config = with_examples(_MEETING)


class InvitationsOut(OutputModel):
    users: int = Field(description="Messages to users put into the outbox.")
    contacts: int = Field(description="Messages to external members put into the outbox.")
    without_address: list[str] = Field(
        description="External members without an e-mail address; tell them another way."
    )
    sequence: int = Field(description="The iCalendar SEQUENCE of this invitation or cancellation.")
    meeting: MeetingOut = Field(description="The meeting as it is now.")

    model_config = with_examples(
        {
            "users": 3,
            "contacts": 5,
            "without_address": ["Pfarrer Jens Möller"],
            "sequence": 0,
            "meeting": _MEETING,
        }
    )


class SteeringMemberOut(SteeringPersonOut):
    id: uuid.UUID = Field(description="The user's or contact's id.")

    model_config = with_examples(
        {
            "kind": "contact",
            "id": _CONTACT_ID,
            "name": "Uwe Kramer",
            "role": None,
            "position": "Leiter der Polizeiinspektion",
            "organisation": "Polizeiinspektion Wartburgkreis",
            "has_email": True,
        }
    )


class SteeringOverviewOut(OutputModel):
    next_meeting: MeetingListItemOut | None = Field(description="The next meeting, if planned.")
    open_action_items: list[ActionItemOut] = Field(
        description="Open action items of all meetings, earliest due first (at most 20)."
    )
    open_action_items_total: int = Field(description="How many are open in all.")
    overdue_action_items: int = Field(description="How many of them are overdue.")

    model_config = with_examples(
        {
            "next_meeting": _LIST_ITEM,
            "open_action_items": [_ACTION],
            "open_action_items_total": 4,
            "overdue_action_items": 1,
        }
    )
