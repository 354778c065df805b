"""Limits on failed sign-ins: per account and address, and per account alone.

Per address: ``login_max_failures`` failures of one account from one address within
``login_window_seconds`` block that pair for the rest of the window.

Per account, whatever the address (which a botnet changes at will): after
``login_account_free_failures`` failures since the last successful sign-in (within a
day), every further failure doubles the wait before the next attempt, from
``login_account_delay_seconds`` up to ``login_account_max_delay_seconds``. Attempts
while waiting are refused without being checked or counted, so someone failing on
purpose can delay a real user by the cap at most, and a coordinator can lift the wait
at once. Both limits are read from the audit log, which records every failure anyway.

Names typed at the sign-in form that belong to no account are kept only as a keyed
hash: a password typed into the e-mail field must not land in the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.audit import service as audit
from kokoma.audit.models import AuditEvent
from kokoma.db import utcnow
from kokoma.errors import Problem
from kokoma.request_context import current_client_ip
from kokoma.settings import Settings

LOGIN_FAILED = "auth.login_failed"
LOGIN_SUCCEEDED = "auth.login"
DELAY_LIFTED = "auth.login_delay_lifted"
_ACCOUNT_MEMORY = timedelta(days=1)


def unknown_label(settings: Settings, typed: str) -> str:
    """What the audit log keeps of a name that is no account: a keyed hash of it."""
    key = settings.resolved_secret_key().encode()
    digest = hmac.new(key, typed.encode(), hashlib.sha256).hexdigest()[:20]
    return f"unknown:{digest}"


def _too_many(retry_after: float) -> Problem:
    return Problem(
        429,
        "Too many failed sign-in attempts. Please wait before trying again.",
        code="too-many-attempts",
        headers={"Retry-After": str(max(1, math.ceil(retry_after)))},
    )


async def check_address(
    session: AsyncSession, settings: Settings, action: str, label: str
) -> None:
    """429 once this account failed too often from the caller's address."""
    count, oldest = await audit.count_recent(
        session,
        action=action,
        actor_label=label,
        ip_address=current_client_ip(),
        since=audit.window_start(settings.login_window_seconds),
    )
    if count < settings.login_max_failures or oldest is None:
        return
    raise _too_many((oldest - utcnow()).total_seconds() + settings.login_window_seconds)


@dataclass(frozen=True)
class AccountDelay:
    """Failures counted against an account, and until when it waits (None: not at all)."""

    failures: int
    waits_until: datetime | None


async def _counted_since(session: AsyncSession, label: str, user_id: uuid.UUID | None) -> datetime:
    since = utcnow() - _ACCOUNT_MEMORY
    resets = [AuditEvent.actor_label == label]
    if user_id is not None:
        resets.append(AuditEvent.resource_id == str(user_id))
    last_reset = await session.scalar(
        select(func.max(AuditEvent.occurred_at)).where(
            AuditEvent.action.in_((LOGIN_SUCCEEDED, DELAY_LIFTED)),
            or_(*resets),
            AuditEvent.occurred_at >= since,
        )
    )
    return max(since, last_reset) if last_reset is not None else since


async def account_delay(
    session: AsyncSession, settings: Settings, label: str, user_id: uuid.UUID | None = None
) -> AccountDelay:
    """The account's failures since its last sign-in (or lifted wait), and its wait."""
    since = await _counted_since(session, label, user_id)
    failures, last = (
        await session.execute(
            select(func.count(), func.max(AuditEvent.occurred_at)).where(
                AuditEvent.action == LOGIN_FAILED,
                AuditEvent.actor_label == label,
                AuditEvent.occurred_at > since,
            )
        )
    ).one()
    over = int(failures) - settings.login_account_free_failures
    if over < 0 or last is None:
        return AccountDelay(int(failures), None)
    wait = min(
        settings.login_account_delay_seconds * 2**over, settings.login_account_max_delay_seconds
    )
    until = last + timedelta(seconds=wait)
    return AccountDelay(int(failures), until if until > utcnow() else None)


async def check_account(
    session: AsyncSession, settings: Settings, label: str, user_id: uuid.UUID | None
) -> None:
    """429 while the account waits after repeated failures from anywhere."""
    delay = await account_delay(session, settings, label, user_id)
    if delay.waits_until is not None:
        raise _too_many((delay.waits_until - utcnow()).total_seconds())
