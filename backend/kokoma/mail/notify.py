"""The seam through which other domains cause e-mails: ``notify`` writes a message to
the outbox in the caller's transaction, as the recipient chose (immediately, in the
daily digest, or not at all; security messages always)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.mail.models import (
    FOLLOWS,
    SECURITY_KINDS,
    Delivery,
    MailKind,
    MailMessage,
    MailPreference,
    MailStatus,
)
from kokoma.mail.texts import subject_of
from kokoma.users.models import User

# Without a choice of the user's own: everything at once except the task reminder,
# which is a daily message anyway.
DEFAULT_DELIVERY = Delivery.IMMEDIATELY


async def delivery_for(
    session: AsyncSession, user_id: uuid.UUID, kind: MailKind
) -> tuple[Delivery, str]:
    """How ``user_id`` wants ``kind`` delivered, and in which language."""
    preference = await session.get(MailPreference, user_id)
    language = preference.language if preference else "de"
    if kind in SECURITY_KINDS:
        return Delivery.IMMEDIATELY, language
    chosen = (preference.deliveries if preference else {}).get(FOLLOWS.get(kind, kind).value)
    return (Delivery(chosen) if chosen else DEFAULT_DELIVERY), language


async def notify(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    kind: MailKind,
    params: dict[str, Any] | None = None,
    link_path: str | None = None,
    calendar: str | None = None,
) -> MailMessage | None:
    """Put a message for ``user_id`` into the outbox; None if they switched ``kind`` off
    or cannot receive mail (deactivated accounts get security messages only)."""
    user = await session.get(User, user_id)
    if user is None or (not user.is_active and kind not in SECURITY_KINDS):
        return None
    delivery, language = await delivery_for(session, user_id, kind)
    if delivery is Delivery.OFF:
        return None
    values = params or {}
    message = MailMessage(
        id=uuid.uuid4(),
        municipality_id=user.municipality_id,
        user_id=user.id,
        to_address=user.email,
        kind=kind,
        language=language,
        subject=subject_of(kind.value, language, values),
        params=values,
        link_path=link_path,
        calendar=calendar,
        status=MailStatus.IN_DIGEST if delivery is Delivery.DIGEST else MailStatus.PENDING,
    )
    session.add(message)
    return message


def notify_address(
    session: AsyncSession,
    *,
    municipality_id: uuid.UUID,
    to_address: str,
    kind: MailKind,
    language: str,
    params: dict[str, Any],
    calendar: str | None = None,
    attachment: tuple[str, bytes] | None = None,
) -> MailMessage:
    """Put a message for someone without an account into the outbox, to go out at once
    (e.g. the confirmation to the sender of a request for help, or an invitation with
    its iCalendar event to an external member of the steering group); ``attachment`` is a
    PDF as (file name, content)."""
    language = language if language in ("de", "en") else "de"
    message = MailMessage(
        id=uuid.uuid4(),
        municipality_id=municipality_id,
        user_id=None,
        to_address=to_address,
        kind=kind,
        language=language,
        subject=subject_of(kind.value, language, params),
        params=params,
        calendar=calendar,
        attachment_name=attachment[0] if attachment else None,
        attachment=attachment[1] if attachment else None,
        status=MailStatus.PENDING,
    )
    session.add(message)
    return message
