"""Request and response bodies of the cases API."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from kokoma.cases.models import (
    CaseOutcome,
    CaseStatus,
    CaseTopic,
    CaseVisibility,
    DemocracyIndicator,
    EscalationLevel,
    PartyRole,
)
from kokoma.contacts.models import ContactKind
from kokoma.core.schemas import (
    InputModel,
    Name,
    OutputModel,
    SaneDate,
    Text,
    keep_if_absent,
    with_examples,
)
from kokoma.referrals.models import ReferralStatus

ShortLine = Text(200)
Note = Text(2000)
Topics = Annotated[list[CaseTopic], Field(max_length=len(CaseTopic))]
Indicators = Annotated[list[DemocracyIndicator], Field(max_length=len(DemocracyIndicator))]
MAX_ASSIGNEES = 20
MAX_PARTIES = 50
MatchField = Literal["reference", "title", "summary", "place", "requesting_body", "parties"]

_CASE_ID = "3f2b8c1e-7d4a-4e0b-9c55-1a2b3c4d5e6f"
_USER_ID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
_CONTACT_ID = "9a7c1d2e-3b4f-4a5b-8c6d-7e8f9a0b1c2d"


class CaseCreate(InputModel):
    title: Name = Field(description="Short name of the conflict.")
    summary: Text(20_000) = Field(default="", description="What the conflict is about.")
    topics: Topics = Field(default_factory=list, description="Topic codes, each at most once.")
    escalation_level: EscalationLevel | None = Field(
        default=None,
        description="First assessment on Glasl's stages 1–9 (see /cases/escalation-levels); "
        "null: not yet rated (noch nicht eingeschätzt), counted as such in statistics.",
    )
    endangers_democracy: bool = Field(default=False, description="Demokratiegefährdend.")
    democracy_indicators: Indicators = Field(
        default_factory=list,
        description="Why the case endangers democracy; only with endangers_democracy.",
    )
    place_id: uuid.UUID | None = Field(
        default=None,
        description="The place from the municipality's list (/places); `place` is then its name.",
    )
    place: ShortLine | None = Field(
        default=None, description="A place named in words, when it is not in the list."
    )
    requesting_body: ShortLine | None = Field(
        default=None, description="Who asked for help (office, council, association, …)."
    )
    visibility: CaseVisibility = Field(
        default=CaseVisibility.TEAM,
        description="`restricted`: only assignees and coordinators see the case.",
    )
    follow_up_date: SaneDate | None = Field(default=None, description="Wiedervorlage.")
    assignee_ids: Annotated[list[uuid.UUID], Field(max_length=MAX_ASSIGNEES)] | None = Field(
        default=None,
        description="Coordinators only. Without it, a conflict manager creating the case "
        "is assigned.",
    )

    model_config = with_examples(
        {
            "title": "Streit um Flüchtlingsunterkunft in Gerstungen",
            "summary": "Anwohnende und Gemeinderat streiten über die geplante Unterkunft.",
            "topics": ["migration_integration", "local_politics"],
            "escalation_level": 3,
            "endangers_democracy": True,
            "democracy_indicators": ["group_hostility"],
            "place": "Gerstungen",
            "requesting_body": "Bürgermeisterin",
            "visibility": "team",
            "follow_up_date": "2026-03-02",
        }
    )


class CaseUpdate(InputModel):
    """Send only the fields you change. Status, assignees and parties have their own routes."""

    title: Name = keep_if_absent("Short name of the conflict.")
    summary: Text(20_000) = keep_if_absent("What the conflict is about.")
    topics: Topics = keep_if_absent("Replaces all topics.")
    escalation_level: EscalationLevel | None = Field(
        default=None, description="New assessment (null: not yet rated); lands in the timeline."
    )
    timeline_note: Note | None = Field(
        default=None, description="Why the escalation level changed (timeline entry)."
    )
    endangers_democracy: bool = keep_if_absent("Demokratiegefährdend.")
    democracy_indicators: Indicators = keep_if_absent(
        "Replaces all indicators; clearing the flag clears them."
    )
    place_id: uuid.UUID | None = Field(
        default=None, description="A place from the list; null: none, or `place` in words."
    )
    place: ShortLine | None = Field(
        default=None, description="A place in words; sent without `place_id`, it unlinks."
    )
    requesting_body: ShortLine | None = Field(default=None, description="Who asked for help.")
    visibility: CaseVisibility = keep_if_absent("Assignees and coordinators only.")
    follow_up_date: SaneDate | None = Field(default=None, description="Wiedervorlage.")

    model_config = with_examples(
        {"escalation_level": 4, "timeline_note": "Flugblätter im Ort verteilt."}
    )


class StatusChange(InputModel):
    status: CaseStatus = Field(description="The new status; see /cases/status-transitions.")
    note: Note | None = Field(default=None, description="Why; shown in the timeline.")
    outcome: CaseOutcome | None = Field(
        default=None,
        description="Required when closing; referring defaults to `handed_over`.",
    )
    outcome_note: Text(5000) | None = Field(default=None, description="The outcome in words.")
    referral_id: uuid.UUID | None = Field(
        default=None,
        description="Required for `referred`: the case's referral (not declined) that hands "
        "it over; see /cases/{id}/referrals.",
    )

    model_config = with_examples(
        {
            "status": "referred",
            "note": "Fall liegt bei der Mobilen Beratung.",
            "referral_id": "6d1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
        }
    )


class Withdrawal(InputModel):
    reason: Text(2000, 1) = Field(description="Why the case is withdrawn; shown in the timeline.")

    model_config = with_examples(
        {"reason": "Versehentlich doppelt angelegt (siehe WAK-2026-0041)."}
    )


class AssigneesUpdate(InputModel):
    user_ids: Annotated[list[uuid.UUID], Field(max_length=MAX_ASSIGNEES)] = Field(
        description="All assignees (replaces the list): conflict managers or coordinators "
        "of the municipality."
    )

    model_config = with_examples({"user_ids": [_USER_ID]})


class PartyIn(InputModel):
    contact_id: uuid.UUID = Field(description="A network contact of the municipality.")
    role_in_conflict: PartyRole = Field(description="The contact's role in the conflict.")
    note: Note | None = Field(default=None, description="Note on this party's part.")

    model_config = with_examples(
        {"contact_id": _CONTACT_ID, "role_in_conflict": "requesting_party", "note": None}
    )


class PartiesUpdate(InputModel):
    parties: Annotated[list[PartyIn], Field(max_length=MAX_PARTIES)] = Field(
        description="All parties (replaces the list); each contact at most once."
    )

    model_config = with_examples(
        {"parties": [{"contact_id": _CONTACT_ID, "role_in_conflict": "conflict_party"}]}
    )


class AssigneeOut(OutputModel):
    user_id: uuid.UUID = Field(description="The assigned user.")
    full_name: str = Field(description="Their name.")

    model_config = with_examples({"user_id": _USER_ID, "full_name": "Anna Schulze"})


class PartyOut(OutputModel):
    contact_id: uuid.UUID = Field(description="The network contact.")
    name: str = Field(description="The contact's name.")
    kind: ContactKind = Field(description="Person or organisation.")
    role_in_conflict: PartyRole = Field(description="Their role in the conflict.")
    note: str | None = Field(description="Note on this party's part.")

    model_config = with_examples(
        {
            "contact_id": _CONTACT_ID,
            "name": "Bürgerinitiative Lebenswertes Gerstungen",
            "kind": "organisation",
            "role_in_conflict": "conflict_party",
            "note": None,
        }
    )


class CaseRef(OutputModel):
    """The case a record belongs to."""

    id: uuid.UUID = Field(description="The case's id.")
    reference: str = Field(description="Aktenzeichen, e.g. `WAK-2026-0042`.")
    title: str = Field(description="Short name of the conflict.")

    model_config = with_examples(
        {
            "id": _CASE_ID,
            "reference": "WAK-2026-0042",
            "title": "Streit um Flüchtlingsunterkunft in Gerstungen",
        }
    )


class ReferralSummary(OutputModel):
    """A referral as the case shows it."""

    id: uuid.UUID = Field(description="The referral's id.")
    receiver_name: str = Field(
        description="The receiving body: the contact's name or the free text."
    )
    contact_id: uuid.UUID | None = Field(
        description="The receiving network contact; null for a body named in words."
    )
    status: ReferralStatus = Field(description="`proposed`, `agreed`, `completed` or `declined`.")
    referred_on: date = Field(description="The day the referral was made.")
    follow_up_date: date | None = Field(description="When to ask how the referral went.")

    model_config = with_examples(
        {
            "id": "6d1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
            "receiver_name": "Mobile Beratung in Thüringen (MOBIT)",
            "contact_id": _CONTACT_ID,
            "status": "agreed",
            "referred_on": "2026-03-10",
            "follow_up_date": "2026-04-01",
        }
    )


_CASE_EXAMPLE: dict[str, Any] = {
    "id": _CASE_ID,
    "reference": "WAK-2026-0007",
    "title": "Streit um Flüchtlingsunterkunft in Gerstungen",
    "summary": "Anwohnende und Gemeinderat streiten über die geplante Unterkunft.",
    "topics": ["local_politics", "migration_integration"],
    "status": "analysing",
    "escalation_level": 3,
    "endangers_democracy": True,
    "democracy_indicators": ["group_hostility"],
    "place_id": None,
    "place": "Gerstungen",
    "requesting_body": "Bürgermeisterin",
    "visibility": "team",
    "follow_up_date": "2026-03-02",
    "outcome": None,
    "outcome_note": None,
    "closed_at": None,
    "archived": False,
    "archived_at": None,
    "assignees": [{"user_id": _USER_ID, "full_name": "Anna Schulze"}],
    "parties": [],
    "created_at": "2026-02-10T08:30:00Z",
    "updated_at": "2026-02-12T14:05:00Z",
    "version": 3,
}


class CaseOut(OutputModel):
    id: uuid.UUID = Field(description="The case's id.")
    reference: str = Field(description="Aktenzeichen: <MUNICIPALITY>-<YEAR>-<NUMBER>.")
    title: str = Field(description="Short name of the conflict.")
    summary: str = Field(description="What the conflict is about.")
    topics: list[CaseTopic] = Field(description="Topic codes.")
    status: CaseStatus = Field(description="Where the case stands in the workflow.")
    escalation_level: EscalationLevel | None = Field(
        description="Glasl stage 1–9; null: not yet rated."
    )
    endangers_democracy: bool = Field(description="Demokratiegefährdend.")
    democracy_indicators: list[DemocracyIndicator] = Field(
        description="Why it endangers democracy."
    )
    place_id: uuid.UUID | None = Field(description="The place from the municipality's list.")
    place: str | None = Field(description="The place's name (listed or in words).")
    requesting_body: str | None = Field(description="Who asked for help.")
    visibility: CaseVisibility = Field(description="`team` or `restricted`.")
    follow_up_date: date | None = Field(description="Wiedervorlage.")
    outcome: CaseOutcome | None = Field(description="Set when the case was closed or referred.")
    outcome_note: str | None = Field(description="The outcome in words.")
    closed_at: datetime | None = Field(description="When the case was closed or referred.")
    archived: bool = Field(description="Archived cases are read-only.")
    archived_at: datetime | None = Field(description="When it was archived.")
    assignees: list[AssigneeOut] = Field(description="Assigned conflict managers.")
    parties: list[PartyOut] = Field(description="Contacts involved and their roles.")
    created_at: datetime = Field(description="When the case was opened.")
    updated_at: datetime = Field(description="Last change.")
    version: int = Field(description="The record version; the ETag is this number quoted.")

    model_config = {"from_attributes": True, **with_examples(_CASE_EXAMPLE)}


class CaseListItem(CaseOut):
    """A case in a list; with a search (`q`), also where it matched."""

    matched_in: list[MatchField] = Field(
        default_factory=list,
        description="With `q`: the fields in which the search words were found "
        "(`reference`, `title`, `summary`, `place`, `requesting_body`, `parties`).",
    )


class CaseDetailOut(CaseOut):
    """A single case, with the status steps the caller may take from here."""

    allowed_transitions: list[CaseStatus] = Field(
        default_factory=list,
        description="Statuses the caller may move the case to now (see "
        "/cases/status-transitions); empty for an archived case or a caller who cannot "
        "change cases.",
    )
    referrals: list[ReferralSummary] = Field(
        description="The case's referrals (see /cases/{id}/referrals), oldest first."
    )

    model_config = with_examples(
        {
            **_CASE_EXAMPLE,
            "allowed_transitions": ["in_progress", "clarifying", "referred"],
            "referrals": [],
        }
    )


class TimelineEntryOut(OutputModel):
    id: uuid.UUID = Field(description="The entry's id.")
    occurred_at: datetime = Field(description="When the change happened.")
    change: str = Field(
        description="`status`, `escalation_level`, `referral` (a referral recorded or its "
        "status changed) or `crisis_plan` (a crisis-prevention plan was activated; "
        "`to_value` is `level_0` … `level_3`)."
    )
    from_value: str | None = Field(
        description="The value before; null for the first entry. An escalation level not "
        "yet rated is `unrated`."
    )
    to_value: str = Field(description="The value after.")
    note: str | None = Field(description="Why, in the words of whoever changed it.")
    actor_id: uuid.UUID | None = Field(description="The user or API client who changed it.")
    actor_name: str = Field(description="Their name at the time.")
    referral_id: uuid.UUID | None = Field(description="The referral the entry is about.")
    subject: str | None = Field(description="The referral's receiving body at the time.")

    model_config = with_examples(
        {
            "id": "5e0c3d7a-1f2b-4c3d-8e9f-0a1b2c3d4e5f",
            "occurred_at": "2026-02-12T14:05:00Z",
            "change": "status",
            "from_value": "clarifying",
            "to_value": "analysing",
            "note": "Auftrag mit dem Bürgermeister geklärt.",
            "actor_id": _USER_ID,
            "actor_name": "Anna Schulze",
            "referral_id": None,
            "subject": None,
        }
    )


class EscalationLevelOut(OutputModel):
    level: int = Field(description="Glasl stage 1–9.")
    code: str = Field(description="Stable code of the stage.")
    label_de: str = Field(description="German name.")
    label_en: str = Field(description="English name.")
    phase: str = Field(description="`win_win` (1–3), `win_lose` (4–6) or `lose_lose` (7–9).")

    model_config = with_examples(
        {
            "level": 3,
            "code": "actions",
            "label_de": "Taten statt Worte",
            "label_en": "Actions, not words",
            "phase": "win_win",
        }
    )


class TransitionOut(OutputModel):
    source: CaseStatus = Field(description="From this status …")
    target: CaseStatus = Field(description="… to this one.")
    reopens: bool = Field(
        description="Reopens an ended case: needs a reason (`note`), and only the case's "
        "assignees and coordinators take it."
    )
    why: str = Field(description="When the step is taken.")

    model_config = with_examples(
        {
            "source": "closed",
            "target": "in_progress",
            "reopens": True,
            "why": "reopen a closed case",
        }
    )
