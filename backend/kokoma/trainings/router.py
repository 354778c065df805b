"""`/trainings`: qualification series, modules, session days, participants, attendance."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page, Text
from kokoma.trainings import participants, service
from kokoma.trainings.models import Attendance, TrainingSession
from kokoma.trainings.schemas import (
    AttendanceRegisterOut,
    AttendanceUpdate,
    ModuleCreate,
    ModuleOut,
    ModuleUpdate,
    ParticipantCreate,
    ParticipantDetailOut,
    ParticipantListQuery,
    ParticipantOut,
    ParticipantUpdate,
    QualifiedListQuery,
    QualifiedOut,
    SeriesListQuery,
    SessionCreate,
    SessionOut,
    SessionUpdate,
    TrainingSeriesCreate,
    TrainingSeriesOut,
    TrainingSeriesUpdate,
)

router = APIRouter(prefix="/trainings", tags=["trainings"])
READ = P.TRAININGS_READ
WRITE = P.TRAININGS_WRITE
Search = Annotated[Text(200) | None, Query(description="Part of the name or title.")]
UPDATE_ERRORS = problems(404, 412, 428)


def _register(
    day: TrainingSession, rows: list[Attendance], response: Response
) -> AttendanceRegisterOut:
    set_etag(response, day.version)
    return AttendanceRegisterOut(
        session_id=day.id,
        version=day.version,
        recorded_at=day.attendance_recorded_at,
        entries=rows,
    )


def _series(series: object, response: Response) -> TrainingSeriesOut:
    out = TrainingSeriesOut.model_validate(series)
    set_etag(response, out.version)
    return out


# --- series --------------------------------------------------------------------------


@router.get("", response_model=Page[TrainingSeriesOut], responses=problems(400))
async def list_series(
    session: DbSession,
    principal: Caller(READ),
    query: Annotated[SeriesListQuery, Query()],
) -> Page[TrainingSeriesOut]:
    """The municipality's qualification series with modules and session days."""
    items, next_cursor = await service.list_series(session, principal, query)
    return Page(
        items=[TrainingSeriesOut.model_validate(s) for s in items], next_cursor=next_cursor
    )


@router.post("", status_code=201, response_model=TrainingSeriesOut, responses=problems())
async def create_series(
    body: TrainingSeriesCreate, response: Response, session: DbSession, principal: Caller(WRITE)
) -> TrainingSeriesOut:
    """Start a new series; add modules, session days and participants next."""
    return _series(await service.create_series(session, principal, body), response)


@router.get("/qualified", response_model=Page[QualifiedOut], responses=problems(400))
async def list_qualified(
    session: DbSession,
    principal: Caller(READ),
    query: Annotated[QualifiedListQuery, Query()],
) -> Page[QualifiedOut]:
    """Qualified conflict managers: everyone who completed a series of the municipality."""
    items, next_cursor = await participants.list_qualified(session, principal, query)
    return Page(items=items, next_cursor=next_cursor)


@router.get("/{series_id}", response_model=TrainingSeriesOut, responses=problems(404))
async def get_series(
    series_id: uuid.UUID, response: Response, session: DbSession, principal: Caller(READ)
) -> TrainingSeriesOut:
    return _series(await service.get_series(session, principal, series_id), response)


@router.patch("/{series_id}", response_model=TrainingSeriesOut, responses=UPDATE_ERRORS)
async def update_series(
    series_id: uuid.UUID,
    body: TrainingSeriesUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(WRITE),
    if_match: IfMatch = None,
) -> TrainingSeriesOut:
    """Change the series; a changed completion rule is applied to every participant."""
    series = await service.update_series(session, principal, series_id, body, if_match)
    return _series(series, response)


@router.delete("/{series_id}", status_code=204, responses=problems(404, 409, 412, 428))
async def delete_series(
    series_id: uuid.UUID, session: DbSession, principal: Caller(WRITE), if_match: IfMatch = None
) -> Response:
    """Delete a series with everything in it; 409 once certificates were issued."""
    await service.delete_series(session, principal, series_id, if_match)
    return Response(status_code=204)


# --- modules -------------------------------------------------------------------------


def _module(module: object, response: Response) -> ModuleOut:
    out = ModuleOut.model_validate(module)
    set_etag(response, out.version)
    return out


@router.post(
    "/{series_id}/modules", status_code=201, response_model=ModuleOut, responses=problems(404, 409)
)
async def add_module(
    series_id: uuid.UUID,
    body: ModuleCreate,
    response: Response,
    session: DbSession,
    principal: Caller(WRITE),
) -> ModuleOut:
    """Add a module (default: at the end); 409 beyond 30 modules."""
    return _module(await service.add_module(session, principal, series_id, body), response)


@router.get("/{series_id}/modules/{module_id}", response_model=ModuleOut, responses=problems(404))
async def get_module(
    series_id: uuid.UUID,
    module_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Caller(READ),
) -> ModuleOut:
    return _module(await service.get_module(session, principal, series_id, module_id), response)


@router.patch(
    "/{series_id}/modules/{module_id}", response_model=ModuleOut, responses=UPDATE_ERRORS
)
async def update_module(
    series_id: uuid.UUID,
    module_id: uuid.UUID,
    body: ModuleUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(WRITE),
    if_match: IfMatch = None,
) -> ModuleOut:
    """Change a module or move it; the other modules keep their relative order."""
    module = await service.update_module(session, principal, series_id, module_id, body, if_match)
    return _module(module, response)


@router.delete("/{series_id}/modules/{module_id}", status_code=204, responses=UPDATE_ERRORS)
async def delete_module(
    series_id: uuid.UUID,
    module_id: uuid.UUID,
    session: DbSession,
    principal: Caller(WRITE),
    if_match: IfMatch = None,
) -> Response:
    """Delete a module together with its session days and their attendance."""
    await service.delete_module(session, principal, series_id, module_id, if_match)
    return Response(status_code=204)


# --- session days --------------------------------------------------------------------


def _session(day: TrainingSession, response: Response) -> SessionOut:
    set_etag(response, day.version)
    return SessionOut.model_validate(day)


@router.post(
    "/{series_id}/modules/{module_id}/sessions",
    status_code=201,
    response_model=SessionOut,
    responses=problems(404, 409),
)
async def add_session(
    series_id: uuid.UUID,
    module_id: uuid.UUID,
    body: SessionCreate,
    response: Response,
    session: DbSession,
    principal: Caller(WRITE),
) -> SessionOut:
    """Add a session day to a module (several for multi-day seminars)."""
    day = await service.add_session(session, principal, series_id, module_id, body)
    return _session(day, response)


@router.get(
    "/{series_id}/sessions/{session_id}", response_model=SessionOut, responses=problems(404)
)
async def get_session(
    series_id: uuid.UUID,
    session_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Caller(READ),
) -> SessionOut:
    day = await service.get_session_day(session, principal, series_id, session_id)
    return _session(day, response)


@router.patch(
    "/{series_id}/sessions/{session_id}", response_model=SessionOut, responses=UPDATE_ERRORS
)
async def update_session(
    series_id: uuid.UUID,
    session_id: uuid.UUID,
    body: SessionUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(WRITE),
    if_match: IfMatch = None,
) -> SessionOut:
    """Change date, times or place; 422 when the session would end before it starts."""
    day = await service.update_session(session, principal, series_id, session_id, body, if_match)
    return _session(day, response)


@router.delete("/{series_id}/sessions/{session_id}", status_code=204, responses=UPDATE_ERRORS)
async def delete_session(
    series_id: uuid.UUID,
    session_id: uuid.UUID,
    session: DbSession,
    principal: Caller(WRITE),
    if_match: IfMatch = None,
) -> Response:
    """Delete a session day and its attendance register."""
    await service.delete_session(session, principal, series_id, session_id, if_match)
    return Response(status_code=204)


@router.get(
    "/{series_id}/sessions/{session_id}/attendance",
    response_model=AttendanceRegisterOut,
    responses=problems(404),
)
async def get_attendance(
    series_id: uuid.UUID,
    session_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Caller(READ),
) -> AttendanceRegisterOut:
    """The attendance register of a session day; its ETag is the session's."""
    day, rows = await participants.get_attendance(session, principal, series_id, session_id)
    return _register(day, rows, response)


@router.put(
    "/{series_id}/sessions/{session_id}/attendance",
    response_model=AttendanceRegisterOut,
    responses=UPDATE_ERRORS,
)
async def record_attendance(
    series_id: uuid.UUID,
    session_id: uuid.UUID,
    body: AttendanceUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(WRITE),
    if_match: IfMatch = None,
) -> AttendanceRegisterOut:
    """Replace the whole register of a session day in one request.

    Participants not listed have no entry afterwards. Completion of every participant
    is recomputed. Needs the session's ETag in If-Match.
    """
    day, rows = await participants.record_attendance(
        session, principal, series_id, session_id, body, if_match
    )
    return _register(day, rows, response)


# --- participants --------------------------------------------------------------------


def _participant(participant: object, response: Response) -> ParticipantDetailOut:
    out = ParticipantDetailOut.model_validate(participant)
    set_etag(response, out.version)
    return out


@router.get(
    "/{series_id}/participants",
    response_model=Page[ParticipantOut],
    responses=problems(400, 404),
)
async def list_participants(
    series_id: uuid.UUID,
    session: DbSession,
    principal: Caller(READ),
    query: Annotated[ParticipantListQuery, Query()],
) -> Page[ParticipantOut]:
    """Participants of the series by name, with their completion status."""
    items, next_cursor = await participants.list_participants(session, principal, series_id, query)
    return Page(items=[ParticipantOut.model_validate(p) for p in items], next_cursor=next_cursor)


@router.post(
    "/{series_id}/participants",
    status_code=201,
    response_model=ParticipantDetailOut,
    responses=problems(404, 409),
)
async def add_participant(
    series_id: uuid.UUID,
    body: ParticipantCreate,
    response: Response,
    session: DbSession,
    principal: Caller(WRITE),
) -> ParticipantDetailOut:
    """Enrol a user account, a network contact or a named person; 409 if enrolled already."""
    participant = await participants.add_participant(session, principal, series_id, body)
    return _participant(participant, response)


@router.get(
    "/{series_id}/participants/{participant_id}",
    response_model=ParticipantDetailOut,
    responses=problems(404),
)
async def get_participant(
    series_id: uuid.UUID,
    participant_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Caller(READ),
) -> ParticipantDetailOut:
    """A participant with completion status and recorded attendance."""
    participant = await participants.get_participant(session, principal, series_id, participant_id)
    return _participant(participant, response)


@router.patch(
    "/{series_id}/participants/{participant_id}",
    response_model=ParticipantDetailOut,
    responses=UPDATE_ERRORS,
)
async def update_participant(
    series_id: uuid.UUID,
    participant_id: uuid.UUID,
    body: ParticipantUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(WRITE),
    if_match: IfMatch = None,
) -> ParticipantDetailOut:
    """Correct name or organisation (certificates issued before keep the old name)."""
    participant = await participants.update_participant(
        session, principal, series_id, participant_id, body, if_match
    )
    return _participant(participant, response)


@router.delete(
    "/{series_id}/participants/{participant_id}",
    status_code=204,
    responses=problems(404, 409, 412, 428),
)
async def delete_participant(
    series_id: uuid.UUID,
    participant_id: uuid.UUID,
    session: DbSession,
    principal: Caller(WRITE),
    if_match: IfMatch = None,
) -> Response:
    """Remove a participant with their attendance; 409 once a certificate was issued."""
    await participants.delete_participant(session, principal, series_id, participant_id, if_match)
    return Response(status_code=204)
