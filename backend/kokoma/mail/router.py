"""HTTP routes of e-mail: the outbox and delivery log for administrators, and each
person's choices; the rules live in ``kokoma.mail.service``."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import AppSettings, DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.mail import service
from kokoma.mail.schemas import (
    MailListQuery,
    MailMessageDetail,
    MailMessageOut,
    MailStatusOut,
    PreferencesOut,
    PreferencesUpdate,
)

router = APIRouter(prefix="/mail", tags=["mail"])


@router.get("/messages", response_model=Page[MailMessageOut], responses=problems(400))
async def list_messages(
    session: DbSession,
    principal: Caller(P.MAIL_READ),
    query: Annotated[MailListQuery, Query()],
) -> Page[MailMessageOut]:
    """The e-mail outbox of the municipality, newest first (administrators): what was
    sent, what waits, what failed, and what stays unsent without an SMTP server."""
    items, next_cursor = await service.list_messages(session, principal, query)
    return Page(
        items=[MailMessageOut.model_validate(service.shaped(m)) for m in items],
        next_cursor=next_cursor,
    )


@router.get("/status", response_model=MailStatusOut, responses=problems())
async def mail_status(
    session: DbSession, settings: AppSettings, principal: Caller(P.MAIL_READ)
) -> MailStatusOut:
    """Whether an SMTP server is configured, and how many messages wait, stay unsent
    or failed (administrators)."""
    return await service.outbox_status(session, principal, settings)


@router.get("/messages/{message_id}", response_model=MailMessageDetail, responses=problems(404))
async def get_message(
    message_id: uuid.UUID,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(P.MAIL_READ),
) -> MailMessageDetail:
    """One message as it is (or would be) sent, with its delivery log (administrators)."""
    return MailMessageDetail.model_validate(
        await service.message_detail(session, principal, settings, message_id)
    )


@router.get("/preferences", response_model=PreferencesOut, responses=problems())
async def get_preferences(
    response: Response, session: DbSession, principal: Caller(P.PROFILE_READ)
) -> PreferencesOut:
    """One's own choices: per kind immediately, daily digest or off; and the language."""
    preferences = await service.get_preferences(session, principal)
    set_etag(response, preferences.version)
    return preferences


@router.put("/preferences", response_model=PreferencesOut, responses=problems(412, 428))
async def put_preferences(
    body: PreferencesUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.NOTIFICATIONS_MANAGE),
    if_match: IfMatch = None,
) -> PreferencesOut:
    """Replace one's choices (If-Match once they exist). Security messages (account
    locked, password changed) are always sent."""
    preferences = await service.update_preferences(session, principal, body, if_match)
    set_etag(response, preferences.version)
    return preferences
