"""Request and response bodies of peer groups and case presentations."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import EmailStr, Field, HttpUrl

from kokoma.cases.models import CaseTopic, EscalationLevel
from kokoma.contacts.models import ActorGroup
from kokoma.core.schemas import (
    InputModel,
    LongText,
    Name,
    OutputModel,
    PageQuery,
    SaneDateTime,
    ShortText,
    Text,
    keep_if_absent,
    with_examples,
)
from kokoma.peer.anonymise import FindingKind
from kokoma.peer.models import (
    MAX_MEMBERS,
    MIN_MEMBERS,
    ContributionKind,
    PeerRole,
    PresentationStatus,
    SessionPhase,
    SessionRole,
    SessionStatus,
)

KeyQuestion = Text(1000, 1)
Email = EmailStr

_AGREEMENT = (
    "Was in der Gruppe über Fälle gesagt und geschrieben wird, bleibt in der Gruppe. "
    "Fälle werden nur anonymisiert vorgestellt; Notizen werden nicht weitergegeben."
)


class PeerGroupCreate(InputModel):
    name: Name = Field(description="The group's name.")
    schedule: ShortText = Field(default="", description="When it meets, in words.")
    video_link: HttpUrl | None = Field(
        default=None, max_length=500, description="The video meeting's address."
    )
    agreement_text: Text(10_000, 1) = Field(
        description="The group's confidentiality agreement; every member accepts it."
    )
    member_emails: list[Email] = Field(
        min_length=MIN_MEMBERS,
        max_length=MAX_MEMBERS,
        description=f"E-mail addresses of the {MIN_MEMBERS}–{MAX_MEMBERS} members: conflict "
        "managers and coordinators of at least two municipalities.",
    )
    moderator_email: Email = Field(description="The member who moderates first.")

    model_config = with_examples(
        {
            "name": "Fallberatung Thüringen West",
            "schedule": "monatlich, erster Dienstag, 14 Uhr",
            "video_link": "https://video.example/fallberatung",
            "agreement_text": _AGREEMENT,
            "member_emails": [
                "konfliktmanagement@wartburgkreis.example",
                "konfliktmanagement@unstrut-hainich.example",
                "konfliktmanagement@kyffhaeuserkreis.example",
            ],
            "moderator_email": "konfliktmanagement@wartburgkreis.example",
        }
    )


class PeerGroupUpdate(InputModel):
    name: Name = keep_if_absent("The group's name.")
    schedule: ShortText = keep_if_absent("When it meets.")
    video_link: HttpUrl | None = Field(
        default=None, max_length=500, description="The video meeting's address; null removes it."
    )
    agreement_text: Text(10_000, 1) = keep_if_absent(
        "A new text is a new version, which every member accepts anew."
    )

    model_config = with_examples({"schedule": "monatlich, zweiter Mittwoch, 15 Uhr"})


class InvitationIn(InputModel):
    email: Email = Field(description="The colleague's e-mail address in KoKoMa.")

    model_config = with_examples({"email": "konfliktmanagement@unstrut-hainich.example"})


class InvitationSentOut(OutputModel):
    """The same answer whatever the address: it tells nobody whether it is an account."""

    status: str = Field(description="Always `pending`.")
    expires_at: datetime = Field(description="When the invitation lapses if not accepted.")

    model_config = with_examples({"status": "pending", "expires_at": "2026-02-01T09:00:00Z"})


class PendingInvitationOut(OutputModel):
    """An open invitation as the inviters see it: the address, never whether it resolves."""

    id: uuid.UUID = Field(description="Identifier.")
    email: str = Field(description="The invited address.")
    invited_at: datetime = Field(description="When it was sent.")
    expires_at: datetime = Field(description="When it lapses.")
    version: int = Field(description="Current version; the ETag is this number in quotes.")

    model_config = with_examples(
        {
            "id": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
            "email": "konfliktmanagement@unstrut-hainich.example",
            "invited_at": "2026-01-02T09:00:00Z",
            "expires_at": "2026-02-01T09:00:00Z",
            "version": 1,
        }
    )


class MyInvitationOut(OutputModel):
    """An invitation addressed to the caller, with what they need to decide."""

    id: uuid.UUID = Field(description="Identifier.")
    group_id: uuid.UUID = Field(description="The group.")
    group_name: str = Field(description="The group's name.")
    schedule: str = Field(description="When it meets.")
    member_count: int = Field(description="Members.")
    municipality_count: int = Field(description="Municipalities taking part.")
    invited_at: datetime = Field(description="When it was sent.")
    expires_at: datetime = Field(description="When it lapses.")
    version: int = Field(description="Current version; the ETag is this number in quotes.")

    model_config = with_examples(
        {
            "id": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
            "group_id": "9f1c2b3a-4d5e-4f60-8a7b-1c2d3e4f5a6b",
            "group_name": "Kollegiale Fallberatung Thüringen",
            "schedule": "monatlich, erster Dienstag, 14–16 Uhr",
            "member_count": 5,
            "municipality_count": 3,
            "invited_at": "2026-01-02T09:00:00Z",
            "expires_at": "2026-02-01T09:00:00Z",
            "version": 1,
        }
    )


class AcceptanceIn(InputModel):
    agreement_version: int = Field(
        ge=1, le=1_000_000, description="The version of the agreement being accepted."
    )

    model_config = with_examples({"agreement_version": 1})


class PeerMemberOut(OutputModel):
    id: uuid.UUID = Field(description="The membership.")
    user_id: uuid.UUID = Field(description="The member's account.")
    full_name: str = Field(description="The member's name.")
    user_role: str = Field(description="`conflict_manager` or `coordinator`.")
    municipality_name: str = Field(description="The member's municipality.")
    role: PeerRole = Field(description="`moderator` or `member`.")
    agreement_accepted: bool = Field(description="Accepted the current agreement.")

    model_config = with_examples(
        {
            "id": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
            "user_id": "0c8a7c55-4a5e-4d0c-9d1e-6a0f3c1b2d44",
            "full_name": "Anna Schulze",
            "user_role": "conflict_manager",
            "municipality_name": "Wartburgkreis",
            "role": "moderator",
            "agreement_accepted": True,
        }
    )


class PeerGroupOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    name: str = Field(description="Name.")
    schedule: str = Field(description="When it meets.")
    video_link: str | None = Field(description="Video meeting.")
    agreement_text: str = Field(description="Confidentiality agreement.")
    agreement_version: int = Field(description="Its version.")
    members: list[PeerMemberOut] = Field(description="Members in rotation order.")
    municipality_count: int = Field(description="How many municipalities take part.")
    my_role: PeerRole | None = Field(description="The caller's role; null for administrators.")
    my_agreement_accepted: bool = Field(
        description="The caller accepted the current agreement and takes part."
    )
    can_manage: bool = Field(description="The caller may invite and change the group.")
    version: int = Field(description="Current version; the ETag is this number in quotes.")

    model_config = with_examples(
        {
            "id": "9f1c2b3a-4d5e-4f60-8a7b-1c2d3e4f5a6b",
            "name": "Kollegiale Fallberatung Thüringen",
            "schedule": "monatlich, erster Dienstag, 14–16 Uhr",
            "video_link": "https://video.example/fallberatung",
            "agreement_text": _AGREEMENT,
            "agreement_version": 1,
            "members": [
                {
                    "id": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
                    "user_id": "0c8a7c55-4a5e-4d0c-9d1e-6a0f3c1b2d44",
                    "full_name": "Anna Schulze",
                    "user_role": "conflict_manager",
                    "municipality_name": "Wartburgkreis",
                    "role": "moderator",
                    "agreement_accepted": True,
                }
            ],
            "municipality_count": 3,
            "my_role": "moderator",
            "my_agreement_accepted": True,
            "can_manage": True,
            "version": 4,
        }
    )


class PeerGroupListItem(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    name: str = Field(description="Name.")
    schedule: str = Field(description="When it meets.")
    member_count: int = Field(description="Members.")
    municipality_count: int = Field(description="Municipalities taking part.")
    my_agreement_accepted: bool = Field(description="The caller takes part.")

    model_config = with_examples(
        {
            "id": "9f1c2b3a-4d5e-4f60-8a7b-1c2d3e4f5a6b",
            "name": "Kollegiale Fallberatung Thüringen",
            "schedule": "monatlich, erster Dienstag, 14–16 Uhr",
            "member_count": 6,
            "municipality_count": 3,
            "my_agreement_accepted": True,
        }
    )


class PresentationBody(InputModel):
    title: Name = Field(description="A neutral title for the group.")
    summary: LongText = Field(default="", description="The anonymised account of the case.")
    key_question: KeyQuestion = Field(
        description="The case giver's key question (*Schlüsselfrage*): "
        "„Wie kann ich erreichen, dass …?“"
    )
    escalation_level: EscalationLevel | None = Field(
        default=None, description="Glasl stage 1–9, if assessed."
    )
    topics: list[CaseTopic] = Field(default_factory=list, max_length=20, description="Topics.")
    actor_groups: list[ActorGroup] = Field(
        default_factory=list, max_length=20, description="Actor groups involved (not names)."
    )
    tried: LongText = Field(default="", description="What has been tried so far.")


class PresentationCreate(PresentationBody):
    case_id: uuid.UUID = Field(description="The author's case it is prepared from.")

    model_config = with_examples(
        {
            "case_id": "1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b",
            "title": "Streit um einen Jugendtreff",
            "summary": "Person A, Anwohnerin in Ort A, beschwert sich über Lärm …",
            "key_question": "Wie kann ich erreichen, dass Verwaltung und Jugendliche "
            "wieder miteinander sprechen?",
            "escalation_level": 4,
            "topics": ["youth"],
            "actor_groups": ["civil_society", "administration"],
            "tried": "Ein Gespräch mit dem Ortsteilrat.",
        }
    )


class PresentationUpdate(InputModel):
    title: Name = keep_if_absent("A neutral title.")
    summary: LongText = keep_if_absent("The anonymised account of the case.")
    key_question: KeyQuestion = keep_if_absent("The key question.")
    escalation_level: EscalationLevel | None = Field(default=None, description="Glasl stage.")
    topics: list[CaseTopic] = keep_if_absent("Topics.", max_length=20)
    actor_groups: list[ActorGroup] = keep_if_absent("Actor groups involved.", max_length=20)
    tried: LongText = keep_if_absent("What has been tried so far.")

    model_config = with_examples({"key_question": "Wie kann ich erreichen, dass …?"})


class PrefillIn(InputModel):
    case_id: uuid.UUID = Field(description="The case to prepare a presentation from.")


class PrefillOut(OutputModel):
    title: str = Field(description="The case's title, anonymised.")
    summary: str = Field(description="The case's summary, anonymised.")
    escalation_level: EscalationLevel | None = Field(description="The case's Glasl stage.")
    topics: list[CaseTopic] = Field(description="The case's topics.")
    actor_groups: list[ActorGroup] = Field(description="Actor groups of the case's parties.")
    labels: list[str] = Field(description="The neutral labels used (Person A, Ort A, …).")

    model_config = with_examples(
        {
            "title": "Streit bei Person A in Ort A",
            "summary": "Person A aus Ort A rief an ([Telefonnummer]).",
            "escalation_level": 4,
            "topics": ["youth"],
            "actor_groups": ["civil_society"],
            "labels": ["Person A", "Ort A"],
        }
    )


class ShareIn(InputModel):
    group_id: uuid.UUID = Field(description="A peer group in which the author takes part.")


class FindingOut(OutputModel):
    kind: FindingKind = Field(description="name, place, email, phone or reference.")
    field: str = Field(description="The field it is in.")
    text: str = Field(description="What was found.")
    start: int = Field(description="Where in the field (character offset).")

    model_config = with_examples(
        {"kind": "name", "field": "summary", "text": "Wagner", "start": 12}
    )


class CheckOut(OutputModel):
    findings: list[FindingOut] = Field(description="What may still identify someone.")
    confirmed: bool = Field(description="The author confirmed the check of the current texts.")

    model_config = with_examples(
        {
            "findings": [{"kind": "name", "field": "summary", "text": "Wagner", "start": 12}],
            "confirmed": False,
        }
    )


class PresentationOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    title: str = Field(description="Title.")
    summary: str = Field(description="Anonymised account.")
    key_question: str = Field(description="Key question.")
    escalation_level: EscalationLevel | None = Field(description="Glasl stage.")
    topics: list[CaseTopic] = Field(description="Topics.")
    actor_groups: list[ActorGroup] = Field(description="Actor groups involved.")
    tried: str = Field(description="What has been tried.")
    status: PresentationStatus = Field(description="`draft`, `shared` or `withdrawn`.")
    group_id: uuid.UUID | None = Field(description="The group it is shared with.")
    author_name: str = Field(description="Who presents it.")
    author_municipality: str = Field(description="The author's municipality.")
    is_mine: bool = Field(description="The caller wrote it.")
    case_id: uuid.UUID | None = Field(
        description="The case it comes from; only for the author's municipality, else null."
    )
    check_confirmed: bool = Field(description="The check of the current texts is confirmed.")
    shared_at: datetime | None = Field(description="When it was shared.")
    updated_at: datetime = Field(description="Last change.")
    version: int = Field(description="Current version; the ETag is this number in quotes.")

    model_config = with_examples(
        {
            "id": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
            "title": "Streit um einen Jugendtreff",
            "summary": "Person A beschwert sich über Lärm.",
            "key_question": "Wie kann ich erreichen, dass alle wieder miteinander reden?",
            "escalation_level": 4,
            "topics": ["youth"],
            "actor_groups": ["civil_society", "administration"],
            "tried": "Ein Gespräch mit dem Ortsteilrat.",
            "status": "shared",
            "group_id": "9f1c2b3a-4d5e-4f60-8a7b-1c2d3e4f5a6b",
            "author_name": "Anna Schulze",
            "author_municipality": "Wartburgkreis",
            "is_mine": False,
            "case_id": None,
            "check_confirmed": True,
            "shared_at": "2026-11-20T10:00:00Z",
            "updated_at": "2026-11-20T10:00:00Z",
            "version": 3,
        }
    )


class PresentationListQuery(PageQuery):
    group_id: uuid.UUID | None = Field(default=None, description="Shared with this group.")
    mine: bool = Field(default=False, description="Only the caller's own presentations.")


class PresentationReadOut(OutputModel):
    read_at: datetime = Field(description="When.")
    reader_name: str = Field(description="Who read it.")
    reader_municipality: str = Field(description="Of which municipality.")

    model_config = with_examples(
        {
            "read_at": "2026-11-21T09:30:00Z",
            "reader_name": "Lukas Brandt",
            "reader_municipality": "Unstrut-Hainich-Kreis",
        }
    )


# Roles given when scheduling; the case giver follows from the chosen presentation.
ASSIGNABLE_ROLES = (SessionRole.ADVISER, SessionRole.NOTE_TAKER, SessionRole.OBSERVER)
_SESSION_ID = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
_USER_ID = "0c8a7c55-4a5e-4d0c-9d1e-6a0f3c1b2d44"
_PRESENTATION_ID = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"


class PeerSessionRoleIn(InputModel):
    user_id: uuid.UUID = Field(description="A member of the group.")
    role: SessionRole = Field(
        description="`adviser`, `note_taker` or `observer` (members not named advise; the "
        "moderator is chosen apart, the case giver is the chosen presentation's author)."
    )


class PeerSessionCreate(InputModel):
    group_id: uuid.UUID = Field(description="The peer group that meets.")
    starts_at: SaneDateTime = Field(description="Start, with time zone.")
    duration_minutes: int = Field(default=90, ge=30, le=240, description="Length in minutes.")
    video_link: HttpUrl | None = Field(
        default=None, max_length=500, description="Video meeting; the group's link unless told."
    )
    moderator_user_id: uuid.UUID | None = Field(
        default=None, description="Who moderates; the group's moderator in rotation unless told."
    )
    candidate_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=10,
        description="Presentations shared with the group that are offered for the session.",
    )
    roles: list[PeerSessionRoleIn] = Field(
        default_factory=list, max_length=MAX_MEMBERS, description="Roles other than adviser."
    )

    model_config = with_examples(
        {
            "group_id": "9f1c2b3a-4d5e-4f60-8a7b-1c2d3e4f5a6b",
            "starts_at": "2026-12-01T14:00:00+01:00",
            "duration_minutes": 90,
            "candidate_ids": [_PRESENTATION_ID],
            "roles": [{"user_id": _USER_ID, "role": "note_taker"}],
        }
    )


class PeerSessionUpdate(InputModel):
    starts_at: SaneDateTime = keep_if_absent("Start, with time zone.")
    duration_minutes: int = keep_if_absent("Length in minutes.", ge=30, le=240)
    video_link: HttpUrl | None = Field(
        default=None, max_length=500, description="Video meeting; null removes it."
    )
    candidate_ids: list[uuid.UUID] = keep_if_absent("Offered presentations.", max_length=10)
    presentation_id: uuid.UUID | None = Field(
        default=None, description="The group's choice among the candidates; null undoes it."
    )
    roles: list[PeerSessionRoleIn] = keep_if_absent("Roles other than adviser.", max_length=12)

    model_config = with_examples({"presentation_id": _PRESENTATION_ID})


class ContributionCreate(InputModel):
    phase: SessionPhase = Field(description="The phase it belongs to: the current one.")
    kind: ContributionKind = Field(
        description="`question` (case and consultation), `key_question` (case giver), "
        "`method`, `hypothesis` and `idea` (consultation), `resonance` (closing)."
    )
    text: Text(2000, 1) = Field(description="What is said.")

    model_config = with_examples(
        {"phase": "consultation", "kind": "idea", "text": "Ein Runder Tisch mit allen Seiten."}
    )


class TakenUpIn(InputModel):
    idea_ids: list[uuid.UUID] = Field(
        max_length=100, description="The ideas of the consultation the case giver takes up."
    )

    model_config = with_examples({"idea_ids": ["6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c"]})


class TakeHomeIn(InputModel):
    summary: Text(5000) | None = Field(
        default=None, description="The consultation's summary; the key question unless told."
    )
    next_steps: Text(5000) | None = Field(
        default=None, description="Next steps; the ideas taken up, one a line, unless told."
    )

    model_config = with_examples({"next_steps": "Runder Tisch mit allen Seiten."})


class PeerSessionListQuery(PageQuery):
    group_id: uuid.UUID | None = Field(
        default=None, description="Only this group's; all of one's groups unless told."
    )


class PeerSessionPersonOut(OutputModel):
    user_id: uuid.UUID = Field(description="The member's account.")
    full_name: str = Field(description="Name.")
    municipality_name: str = Field(description="Municipality.")
    role: SessionRole = Field(description="Role in this session.")

    model_config = with_examples(
        {
            "user_id": _USER_ID,
            "full_name": "Anna Schulze",
            "municipality_name": "Wartburgkreis",
            "role": "moderator",
        }
    )


class CandidateOut(OutputModel):
    id: uuid.UUID = Field(description="The presentation.")
    title: str = Field(description="Its title; empty once withdrawn (except for its author).")
    author_name: str = Field(description="Who offers it.")
    available: bool = Field(description="Still shared (not withdrawn).")

    model_config = with_examples(
        {
            "id": _PRESENTATION_ID,
            "title": "Streit um einen Jugendtreff",
            "author_name": "Lukas Brandt",
            "available": True,
        }
    )


class PeerSessionOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    group_id: uuid.UUID = Field(description="The group.")
    group_name: str = Field(description="The group's name.")
    starts_at: datetime = Field(description="Start.")
    duration_minutes: int = Field(description="Length in minutes.")
    video_link: str | None = Field(description="Video meeting.")
    status: SessionStatus = Field(description="`planned`, `running` or `closed`.")
    phase: SessionPhase | None = Field(description="The current phase; null before the start.")
    phase_number: int | None = Field(description="1–6.")
    phase_started_at: datetime | None = Field(description="When the current phase began.")
    timebox_minutes: int | None = Field(description="Minutes the current phase is given.")
    people: list[PeerSessionPersonOut] = Field(description="Who takes part in which role.")
    candidates: list[CandidateOut] = Field(description="Offered presentations.")
    presentation_id: uuid.UUID | None = Field(description="The chosen presentation.")
    my_role: SessionRole | None = Field(description="The caller's role.")
    home_consultation_id: uuid.UUID | None = Field(
        description="The consultation the case giver took home; only for the case giver."
    )
    closed_at: datetime | None = Field(description="When it closed.")
    version: int = Field(description="Current version; the ETag is this number in quotes.")

    model_config = with_examples(
        {
            "id": _SESSION_ID,
            "group_id": "9f1c2b3a-4d5e-4f60-8a7b-1c2d3e4f5a6b",
            "group_name": "Kollegiale Fallberatung Thüringen",
            "starts_at": "2026-12-01T13:00:00Z",
            "duration_minutes": 90,
            "video_link": "https://video.example/fallberatung",
            "status": "running",
            "phase": "consultation",
            "phase_number": 5,
            "phase_started_at": "2026-12-01T13:30:00Z",
            "timebox_minutes": 25,
            "people": [
                {
                    "user_id": _USER_ID,
                    "full_name": "Anna Schulze",
                    "municipality_name": "Wartburgkreis",
                    "role": "moderator",
                }
            ],
            "candidates": [
                {
                    "id": _PRESENTATION_ID,
                    "title": "Streit um einen Jugendtreff",
                    "author_name": "Lukas Brandt",
                    "available": True,
                }
            ],
            "presentation_id": _PRESENTATION_ID,
            "my_role": "moderator",
            "home_consultation_id": None,
            "closed_at": None,
            "version": 7,
        }
    )


class ContributionOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    phase: SessionPhase = Field(description="The phase it belongs to.")
    kind: ContributionKind = Field(description="What it is.")
    text: str = Field(description="What was said.")
    author_name: str = Field(description="Who wrote it.")
    is_mine: bool = Field(description="The caller wrote it.")
    taken_up: bool = Field(description="An idea the case giver takes up.")
    created_at: datetime = Field(description="When.")

    model_config = with_examples(
        {
            "id": "6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c",
            "phase": "consultation",
            "kind": "idea",
            "text": "Ein Runder Tisch mit allen Seiten.",
            "author_name": "Anna Schulze",
            "is_mine": False,
            "taken_up": True,
            "created_at": "2026-12-01T13:40:00Z",
        }
    )
