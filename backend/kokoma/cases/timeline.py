"""The case timeline: who changed the status, the escalation level or a referral, and why."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.cases.models import Case, CaseTimelineEntry
from kokoma.events.outbox import publish
from kokoma.referrals.models import Referral
from kokoma.users.models import User

_EVENTS = {"status": "case.status_changed", "escalation_level": "case.escalation_changed"}


async def actor_name(session: AsyncSession, principal: Principal) -> str:
    """The caller's name as records keep it (the account's full name, or a client's label)."""
    if principal.is_user:
        user = await session.get(User, principal.id)
        if user is not None:
            return user.full_name
    return principal.label


# The timeline's word for an escalation level not yet rated (noch nicht eingeschätzt).
UNRATED = "unrated"


def _value(change: str, value: Any) -> str | None:
    if value is None:
        return UNRATED if change == "escalation_level" else None
    return str(value)


async def note_change(
    session: AsyncSession,
    principal: Principal,
    case: Case,
    change: str,
    before: Any,
    after: Any,
    note: str | None,
    *,
    referral: Referral | None = None,
    initial: bool = False,
) -> None:
    """Timeline entry (plus domain event for a status or escalation change).

    ``change`` is ``status``, ``escalation_level`` or ``referral``; an escalation level
    of ``None`` is "not yet rated". ``initial`` marks the entries of a new case, which
    start from nothing and publish no change event.
    """
    session.add(
        CaseTimelineEntry(
            case_id=case.id,
            change=change,
            from_value=None if initial else _value(change, before),
            to_value=_value(change, after) or "",
            note=note,
            actor_id=principal.id,
            actor_name=await actor_name(session, principal),
            referral_id=referral.id if referral else None,
            subject=referral.receiver_name if referral else None,
        )
    )
    if change in _EVENTS and not initial:
        publish_case_event(session, case, _EVENTS[change], **{"from": before, "to": after})


def publish_case_event(session: AsyncSession, case: Case, event_type: str, **data: Any) -> None:
    """A domain event about ``case``: ids, codes and field names only, never case texts."""
    publish(
        session,
        municipality_id=case.municipality_id,
        event_type=event_type,
        resource_id=case.id,
        data={"case_id": str(case.id), **data},
    )
