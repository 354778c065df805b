"""ETags and If-Match: a stale write is refused, never silently applied."""

from __future__ import annotations

from typing import Any, cast

from pydantic import BaseModel
from sqlalchemy import CursorResult, Executable
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from kokoma.errors import Conflict, Problem


def etag_for(version: int) -> str:
    return f'"{version}"'


def check_if_match(if_match: str | None, current_version: int) -> None:
    """Refuse a write without ``If-Match`` (428) or against an older version (412)."""
    if not if_match:
        raise Problem(
            428,
            "Send the record's ETag in If-Match to change it.",
            code="precondition-required",
        )
    candidates = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" in candidates or etag_for(current_version) in candidates:
        return
    raise Problem(
        412,
        "The record was changed by someone else. Reload it and apply your change again.",
        code="precondition-failed",
        current_version=current_version,
    )


async def commit_versioned(session: AsyncSession) -> None:
    """Commit; a concurrent writer that got in first turns this into 412."""
    try:
        await session.commit()
    except StaleDataError as exc:
        await session.rollback()
        raise Problem(
            412,
            "The record was changed by someone else. Reload it and apply your change again.",
            code="precondition-failed",
        ) from exc


async def commit_or_conflict(session: AsyncSession, detail: str) -> None:
    """Commit (412 when stale); a record linked or unlinked in parallel makes it a 409."""
    try:
        await commit_versioned(session)
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict(detail) from exc


async def execute_counted(session: AsyncSession, statement: Executable) -> int:
    """Run an UPDATE or DELETE; how many rows it changed (a conditional update that
    changed none lost a race)."""
    result = cast(CursorResult[Any], await session.execute(statement))
    return result.rowcount


def apply_changes(record: object, changes: BaseModel) -> dict[str, Any]:
    """Copy the fields the client sent onto ``record``; returns what was sent."""
    sent = changes.model_dump(exclude_unset=True)
    for name, value in sent.items():
        setattr(record, name, value)
    return sent
