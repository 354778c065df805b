"""Reports of barriers sent through the accessibility statement (BITV 2.0 § 7)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission, Role
from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.core.pagination import SortKey, paginate
from kokoma.db import utcnow
from kokoma.errors import Problem, invalid
from kokoma.mail.models import MailKind
from kokoma.mail.notify import notify
from kokoma.municipalities.models import Municipality
from kokoma.privacy.models import AccessibilityFeedback
from kokoma.privacy.schemas import FeedbackCreate, FeedbackListQuery
from kokoma.request_context import current_client_ip
from kokoma.users.models import User

# Reports one address may send per hour: enough for a person, too few for a flood.
MAX_PER_HOUR = 10


async def submit(session: AsyncSession, data: FeedbackCreate) -> AccessibilityFeedback:
    """Store a report and tell the coordinators of the named municipality (the
    administrators otherwise) by e-mail; they and the administrators see it."""
    sent, _ = await audit.count_recent(
        session,
        action="accessibility.feedback",
        actor_label="public",
        ip_address=current_client_ip(),
        since=utcnow() - timedelta(hours=1),
    )
    if sent >= MAX_PER_HOUR:
        raise Problem(
            429,
            "Too many reports from this address; please try again in an hour.",
            code="rate-limited",
            headers={"Retry-After": "3600"},
        )
    municipality_id = None
    if data.municipality:
        municipality_id = await session.scalar(
            select(Municipality.id).where(Municipality.slug == data.municipality)
        )
        if municipality_id is None:
            raise invalid("body.municipality", "No municipality has this short name.")
    report = AccessibilityFeedback(
        municipality_id=municipality_id,
        page=data.page,
        message=data.message,
        name=data.name,
        email=data.email,
    )
    session.add(report)
    await session.flush()
    audit.record(
        session,
        "accessibility.feedback",
        target=audit.Target("accessibility_feedback", report.id),
        actor_label="public",
        municipality_id=municipality_id,
    )
    await _tell_coordinators(session, municipality_id)
    await session.commit()
    return report


async def _tell_coordinators(session: AsyncSession, municipality_id: uuid.UUID | None) -> None:
    """The coordinators of the named municipality (the administrators when none was
    named) learn of the report by e-mail; the subject and body never quote it."""
    if municipality_id is None:
        who = User.role == Role.ADMIN
    else:
        who = (User.role == Role.COORDINATOR) & (User.municipality_id == municipality_id)
    recipients = await session.scalars(
        select(User.id).where(who, User.is_active.is_(True)).order_by(User.id)
    )
    for user_id in recipients:
        await notify(
            session,
            user_id=user_id,
            kind=MailKind.BARRIER_REPORTED,
            link_path="/privacy/feedback",
        )


def _visible(principal: Principal) -> Any:
    stmt = select(AccessibilityFeedback)
    if Permission.USERS_ANY_MUNICIPALITY in principal.permissions:
        return stmt
    # A coordinator: reports about their municipality and those naming none.
    return stmt.where(
        or_(
            AccessibilityFeedback.municipality_id == principal.municipality_id,
            AccessibilityFeedback.municipality_id.is_(None),
        )
    )


async def list_feedback(
    session: AsyncSession, principal: Principal, query: FeedbackListQuery
) -> tuple[list[AccessibilityFeedback], str | None]:
    return await paginate(
        session,
        _visible(principal),
        keys=[SortKey(AccessibilityFeedback.created_at, descending=True)],
        id_column=AccessibilityFeedback.id,
        limit=query.limit,
        cursor=query.cursor,
    )
