"""The network contacts the actors of case analyses point to.

An actor names its contact by id inside the analysis document (no foreign key), so a
contact that is deleted leaves the actors behind as labels only, in the working
analyses and in their saved versions.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import String, cast, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.cases.analysis.models import CaseAnalysis, CaseAnalysisVersion


def _without(content: dict[str, Any], gone: set[str]) -> dict[str, Any] | None:
    actors = content.get("actors") or []
    if not any(a.get("contact_id") in gone for a in actors):
        return None
    return {
        **content,
        "actors": [
            {**a, "contact_id": None} if a.get("contact_id") in gone else a for a in actors
        ],
    }


async def forget_contacts(
    session: AsyncSession, municipality_id: uuid.UUID, contact_ids: list[uuid.UUID]
) -> int:
    """Unlink the actors pointing to ``contact_ids``; returns how many documents changed.

    Call it in the transaction that deletes the contacts."""
    gone = {str(i) for i in contact_ids}
    if not gone:
        return 0
    # The document as text names the id wherever an actor links it.
    working = await session.scalars(
        select(CaseAnalysis).where(
            CaseAnalysis.municipality_id == municipality_id,
            or_(*(cast(CaseAnalysis.content, String).contains(i) for i in gone)),
        )
    )
    saved = await session.scalars(
        select(CaseAnalysisVersion).where(
            CaseAnalysisVersion.municipality_id == municipality_id,
            or_(*(cast(CaseAnalysisVersion.content, String).contains(i) for i in gone)),
        )
    )
    rows: list[CaseAnalysis | CaseAnalysisVersion] = [*working, *saved]
    changed = 0
    for row in rows:
        content = _without(row.content or {}, gone)
        if content is not None:
            # The working analysis's version rises with the change (ETag).
            row.content = content
            changed += 1
    return changed
