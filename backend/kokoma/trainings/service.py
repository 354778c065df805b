"""Qualification series, their modules and session days.

Every write to a series or anything inside it first locks the series row
(``lock_series``): module order, attendance and completion stay consistent when two
trainers work on the same series at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.interfaces import ORMOption

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.core.concurrency import apply_changes, check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import get_scoped, scoped
from kokoma.errors import Conflict, NotFound, invalid
from kokoma.events.outbox import EventType
from kokoma.trainings.certificates.models import Certificate
from kokoma.trainings.completion import refresh_completion
from kokoma.trainings.models import (
    TrainingModule,
    TrainingParticipant,
    TrainingSeries,
    TrainingSession,
)
from kokoma.trainings.schemas import (
    MAX_MODULES,
    MAX_SESSIONS_PER_MODULE,
    CompletionRule,
    ModuleCreate,
    ModuleUpdate,
    SeriesListQuery,
    SessionCreate,
    SessionUpdate,
    TrainingSeriesCreate,
    TrainingSeriesUpdate,
)

Child = TypeVar("Child", TrainingModule, TrainingSession, TrainingParticipant, Certificate)
Part = TypeVar("Part", TrainingModule, TrainingSession)
SERIES = "Training series"
MODULE = "Training module"
SESSION = "Training session"
SERIES_SORTS = {
    "title": [SortKey(TrainingSeries.title)],
    "-created_at": [SortKey(TrainingSeries.created_at, descending=True)],
}
_WITH_SESSIONS = selectinload(TrainingSeries.modules).selectinload(TrainingModule.sessions)


async def lock_series(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID
) -> TrainingSeries:
    """The caller's series, locked for the rest of the transaction (404 if foreign)."""
    return await get_scoped(
        session, TrainingSeries, series_id, principal, what=SERIES, for_update=True
    )


async def series_child(
    session: AsyncSession,
    principal: Principal,
    model: type[Child],
    series_id: uuid.UUID,
    record_id: uuid.UUID,
    *,
    what: str,
    options: Sequence[ORMOption] = (),
) -> Child:
    """A record of the given series in the caller's municipality, else 404."""
    stmt = (
        scoped(model, principal)
        .where(model.id == record_id, model.series_id == series_id)
        .options(*options)
        .execution_options(populate_existing=True)
    )
    record = await session.scalar(stmt)
    if record is None:
        raise NotFound(what)
    return record


async def locked_child(
    session: AsyncSession,
    principal: Principal,
    model: type[Child],
    series_id: uuid.UUID,
    record_id: uuid.UUID,
    if_match: str | None,
    *,
    what: str,
) -> tuple[TrainingSeries, Child]:
    """Lock the series, then fetch one of its records and check the client's ETag."""
    series = await lock_series(session, principal, series_id)
    record = await series_child(session, principal, model, series.id, record_id, what=what)
    check_if_match(if_match, record.version)
    return series, record


# --- series --------------------------------------------------------------------------


async def list_series(
    session: AsyncSession,
    principal: Principal,
    query: SeriesListQuery,
) -> tuple[list[TrainingSeries], str | None]:
    """The municipality's series with modules and session days, newest first by default."""
    stmt = scoped(TrainingSeries, principal).options(_WITH_SESSIONS)
    if query.q:
        stmt = stmt.where(TrainingSeries.title.icontains(query.q, autoescape=True))
    return await paginate(
        session,
        stmt,
        keys=SERIES_SORTS[query.sort],
        id_column=TrainingSeries.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def get_series(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID
) -> TrainingSeries:
    """One series with its modules and session days."""
    stmt = (
        scoped(TrainingSeries, principal)
        .where(TrainingSeries.id == series_id)
        .options(_WITH_SESSIONS)
        .execution_options(populate_existing=True)
    )
    series = await session.scalar(stmt)
    if series is None:
        raise NotFound(SERIES)
    return series


def _set_rule(series: TrainingSeries, rule: CompletionRule) -> None:
    series.rule_in_person = rule.in_person
    series.rule_online = rule.online
    series.rule_hours = rule.hours


async def create_series(
    session: AsyncSession, principal: Principal, data: TrainingSeriesCreate
) -> TrainingSeries:
    """Start a series with its completion rule; modules and dates come next."""
    series = TrainingSeries(
        municipality_id=principal.municipality_id,
        **data.model_dump(exclude={"completion_rule"}),
    )
    _set_rule(series, data.completion_rule)
    session.add(series)
    await session.flush()
    audit.record_change(
        session,
        "training.create",
        principal=principal,
        target=audit.Target("training", series.id),
        event_type=EventType.TRAINING_CREATED,
    )
    await session.commit()
    return await get_series(session, principal, series.id)


async def update_series(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    data: TrainingSeriesUpdate,
    if_match: str | None,
) -> TrainingSeries:
    """Change title, description, signatory or the completion rule (recomputes completion)."""
    series = await lock_series(session, principal, series_id)
    check_if_match(if_match, series.version)
    changed = data.model_dump(exclude_unset=True)
    rule = changed.pop("completion_rule", None)
    for name, value in changed.items():
        setattr(series, name, value)
    if rule is not None:
        _set_rule(series, data.completion_rule)
        changed["completion_rule"] = rule
        await refresh_completion(session, series)
    audit.record_change(
        session,
        "training.update",
        principal=principal,
        target=audit.Target("training", series.id),
        event_type=EventType.TRAINING_UPDATED,
        details={"fields": sorted(changed)},
    )
    await commit_versioned(session)
    return await get_series(session, principal, series.id)


async def delete_series(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, if_match: str | None
) -> None:
    """Delete a series with everything in it; refused once certificates were issued."""
    series = await lock_series(session, principal, series_id)
    check_if_match(if_match, series.version)
    if await session.scalar(select(exists().where(Certificate.series_id == series.id))):
        raise Conflict("Certificates were issued for this series; it cannot be deleted.")
    await session.delete(series)
    audit.record_change(
        session,
        "training.delete",
        principal=principal,
        target=audit.Target("training", series.id),
        event_type=EventType.TRAINING_DELETED,
    )
    await commit_versioned(session)


# --- modules -------------------------------------------------------------------------


async def _ordered_modules(session: AsyncSession, series: TrainingSeries) -> list[TrainingModule]:
    stmt = (
        select(TrainingModule)
        .where(TrainingModule.series_id == series.id)
        .order_by(TrainingModule.position, TrainingModule.created_at)
    )
    return list(await session.scalars(stmt))


def _renumber(modules: list[TrainingModule]) -> None:
    for number, module in enumerate(modules, start=1):
        module.position = number


def _place(modules: list[TrainingModule], module: TrainingModule, position: int | None) -> None:
    """Put ``module`` at ``position`` (1-based; default last) and close up the others."""
    if module in modules:
        modules.remove(module)
    index = len(modules) if position is None else min(position - 1, len(modules))
    modules.insert(index, module)
    _renumber(modules)


async def get_module(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, module_id: uuid.UUID
) -> TrainingModule:
    """One module with its session days."""
    return await series_child(
        session,
        principal,
        TrainingModule,
        series_id,
        module_id,
        what=MODULE,
        options=[selectinload(TrainingModule.sessions)],
    )


async def add_module(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, data: ModuleCreate
) -> TrainingModule:
    """Add a module at the given position (default: last)."""
    series = await lock_series(session, principal, series_id)
    modules = await _ordered_modules(session, series)
    if len(modules) >= MAX_MODULES:
        raise Conflict(f"A series has at most {MAX_MODULES} modules.")
    module = TrainingModule(
        municipality_id=series.municipality_id,
        series_id=series.id,
        **data.model_dump(exclude={"position"}),
    )
    session.add(module)
    _place(modules, module, data.position)
    await session.flush()
    await refresh_completion(session, series)
    audit.record_change(
        session,
        "training.module.create",
        principal=principal,
        target=audit.Target("training_module", module.id),
        event_type=EventType.TRAINING_UPDATED,
        subject=audit.Target("training", series.id),
        details={"series_id": str(series.id)},
    )
    await session.commit()
    return await get_module(session, principal, series.id, module.id)


async def update_module(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    module_id: uuid.UUID,
    data: ModuleUpdate,
    if_match: str | None,
) -> TrainingModule:
    """Change a module's texts or days, or move it to another position."""
    series, module = await locked_child(
        session, principal, TrainingModule, series_id, module_id, if_match, what=MODULE
    )
    changed = data.model_dump(exclude_unset=True)
    position = changed.pop("position", None)
    for name, value in changed.items():
        setattr(module, name, value)
    if position is not None:
        _place(await _ordered_modules(session, series), module, position)
        changed["position"] = position
    if {"kind", "hours"} & changed.keys():
        await session.flush()
        await refresh_completion(session, series)
    audit.record_change(
        session,
        "training.module.update",
        principal=principal,
        target=audit.Target("training_module", module.id),
        event_type=EventType.TRAINING_UPDATED,
        subject=audit.Target("training", series.id),
        details={"fields": sorted(changed)},
    )
    await commit_versioned(session)
    return await get_module(session, principal, series.id, module.id)


async def delete_module(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    module_id: uuid.UUID,
    if_match: str | None,
) -> None:
    """Delete a module with its session days and their attendance."""
    await _delete_part(session, principal, TrainingModule, series_id, module_id, if_match)


# --- session days --------------------------------------------------------------------


async def get_session_day(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, session_id: uuid.UUID
) -> TrainingSession:
    return await series_child(
        session, principal, TrainingSession, series_id, session_id, what=SESSION
    )


async def add_session(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    module_id: uuid.UUID,
    data: SessionCreate,
) -> TrainingSession:
    """Add a session day to a module; participants must attend it for the module to count."""
    series = await lock_series(session, principal, series_id)
    module = await get_module(session, principal, series.id, module_id)
    if len(module.sessions) >= MAX_SESSIONS_PER_MODULE:
        raise Conflict(f"A module has at most {MAX_SESSIONS_PER_MODULE} session days.")
    day = TrainingSession(
        municipality_id=series.municipality_id,
        series_id=series.id,
        module_id=module.id,
        **data.model_dump(),
    )
    session.add(day)
    await session.flush()
    await refresh_completion(session, series)
    audit.record_change(
        session,
        "training.session.create",
        principal=principal,
        target=audit.Target("training_session", day.id),
        event_type=EventType.TRAINING_UPDATED,
        subject=audit.Target("training", series.id),
        details={"module_id": str(module.id)},
    )
    await session.commit()
    return day


async def update_session(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    session_id: uuid.UUID,
    data: SessionUpdate,
    if_match: str | None,
) -> TrainingSession:
    """Move a session day or change its times or place."""
    series, day = await locked_child(
        session, principal, TrainingSession, series_id, session_id, if_match, what=SESSION
    )
    changed = apply_changes(day, data)
    if day.ends_at <= day.starts_at:
        raise invalid("body.ends_at", "ends_at must be after starts_at.")
    if not (day.place or day.link):
        raise invalid("body.place", "Give a place or a link.")
    if "day" in changed:
        await refresh_completion(session, series)
    audit.record_change(
        session,
        "training.session.update",
        principal=principal,
        target=audit.Target("training_session", day.id),
        event_type=EventType.TRAINING_UPDATED,
        subject=audit.Target("training", series.id),
        details={"fields": sorted(changed)},
    )
    await commit_versioned(session)
    return day


async def delete_session(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    session_id: uuid.UUID,
    if_match: str | None,
) -> None:
    """Delete a session day with its attendance register."""
    await _delete_part(session, principal, TrainingSession, series_id, session_id, if_match)


async def _delete_part(
    session: AsyncSession,
    principal: Principal,
    model: type[Part],
    series_id: uuid.UUID,
    record_id: uuid.UUID,
    if_match: str | None,
) -> None:
    # Fewer modules or session days can change who completed the series.
    kind, what = ("module", MODULE) if model is TrainingModule else ("session", SESSION)
    series, record = await locked_child(
        session, principal, model, series_id, record_id, if_match, what=what
    )
    await session.delete(record)
    await session.flush()
    if model is TrainingModule:
        _renumber(await _ordered_modules(session, series))
    await refresh_completion(session, series)
    audit.record_change(
        session,
        f"training.{kind}.delete",
        principal=principal,
        target=audit.Target(f"training_{kind}", record.id),
        event_type=EventType.TRAINING_UPDATED,
        subject=audit.Target("training", series.id),
        details={"series_id": str(series.id)},
    )
    await commit_versioned(session)
