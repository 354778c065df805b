"""The outbox as administrators read it (messages, the delivery log) and each user's
choices of what to receive how."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import get_scoped, scoped
from kokoma.db import utcnow
from kokoma.errors import Forbidden, invalid
from kokoma.mail.models import (
    CHOOSABLE_KINDS,
    SECURITY_KINDS,
    Delivery,
    MailAttempt,
    MailMessage,
    MailPreference,
    MailStatus,
)
from kokoma.mail.notify import DEFAULT_DELIVERY
from kokoma.mail.schemas import MailListQuery, MailStatusOut, PreferencesOut, PreferencesUpdate
from kokoma.mail.smtp import server_of
from kokoma.mail.worker import rendered_message
from kokoma.settings import Settings
from kokoma.users.models import User


async def list_messages(
    session: AsyncSession, principal: Principal, query: MailListQuery
) -> tuple[list[MailMessage], str | None]:
    """The municipality's messages, newest first."""
    stmt = scoped(MailMessage, principal)
    if query.status is not None:
        stmt = stmt.where(MailMessage.status == query.status)
    return await paginate(
        session,
        stmt,
        keys=[SortKey(MailMessage.created_at, descending=True)],
        id_column=MailMessage.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def message_detail(
    session: AsyncSession, principal: Principal, settings: Settings, message_id: uuid.UUID
) -> dict[str, Any]:
    """One message with its bodies as sent and its delivery log."""
    message = await get_scoped(session, MailMessage, message_id, principal, what="Message")
    name = None
    if message.user_id:
        name = await session.scalar(select(User.full_name).where(User.id == message.user_id))
    rendered = rendered_message(settings, message, name)
    attempts = list(
        await session.scalars(
            select(MailAttempt)
            .where(MailAttempt.message_id == message.id)
            .order_by(MailAttempt.number)
        )
    )
    return {
        **shaped(message),
        "text": rendered.text,
        "html": rendered.html,
        "calendar": message.calendar,
        "attempts": attempts,
    }


def shaped(message: MailMessage) -> dict[str, Any]:
    return {
        # Not the attachment itself: what the minutes say is not for the outbox's readers.
        **{
            c.key: getattr(message, c.key)
            for c in MailMessage.__table__.columns
            if c.key != "attachment"
        },
        "has_calendar": message.calendar is not None,
    }


async def outbox_status(
    session: AsyncSession, principal: Principal, settings: Settings
) -> MailStatusOut:
    server = server_of(settings)
    counts = dict(
        (
            await session.execute(
                scoped(MailMessage, principal, MailMessage.status, func.count()).group_by(
                    MailMessage.status
                )
            )
        )
        .tuples()
        .all()
    )
    return MailStatusOut(
        smtp_configured=server is not None,
        smtp_host=server.host if server else None,
        waiting=counts.get(MailStatus.PENDING, 0),
        unsent=counts.get(MailStatus.UNSENT, 0),
        failed=counts.get(MailStatus.FAILED, 0),
    )


def _preferences_out(preference: MailPreference | None) -> PreferencesOut:
    chosen = preference.deliveries if preference else {}
    return PreferencesOut(
        language="en" if preference and preference.language == "en" else "de",
        deliveries={
            kind.value: Delivery(chosen.get(kind.value, DEFAULT_DELIVERY))
            for kind in CHOOSABLE_KINDS
        },
        version=preference.version if preference else 0,
    )


def _own(principal: Principal) -> uuid.UUID:
    if not principal.is_user:
        raise Forbidden("Only people have e-mail settings.")
    return principal.id


async def get_preferences(session: AsyncSession, principal: Principal) -> PreferencesOut:
    return _preferences_out(await session.get(MailPreference, _own(principal)))


async def update_preferences(
    session: AsyncSession, principal: Principal, data: PreferencesUpdate, if_match: str | None
) -> PreferencesOut:
    """Replace one's choices; security messages cannot be switched off."""
    user_id = _own(principal)
    for kind in data.deliveries:
        if kind in SECURITY_KINDS or kind not in CHOOSABLE_KINDS:
            raise invalid(
                f"body.deliveries.{kind.value}",
                "Security messages are always sent and cannot be chosen.",
                "not_choosable",
            )
    preference = await session.get(MailPreference, user_id, with_for_update=True)
    if preference is None:
        preference = MailPreference(user_id=user_id, language="de", deliveries={})
        session.add(preference)
    else:
        check_if_match(if_match, preference.version)
    preference.language = data.language
    preference.deliveries = {kind.value: mode.value for kind, mode in data.deliveries.items()}
    preference.updated_at = utcnow()
    audit.record(
        session,
        "mail.preferences_update",
        principal=principal,
        target=audit.Target("user", user_id),
        details={"deliveries": preference.deliveries, "language": preference.language},
    )
    await commit_versioned(session)
    return _preferences_out(preference)
