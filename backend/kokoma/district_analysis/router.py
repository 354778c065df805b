"""HTTP routes of the regional analysis; the rules live in ``service``."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.contacts.models import ActorGroup
from kokoma.core.http import AppSettings, DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import IsoDate, Page
from kokoma.district_analysis import export, service
from kokoma.district_analysis.models import RegionalReport
from kokoma.district_analysis.schemas import (
    ConflictFieldIn,
    ConflictFieldOut,
    FieldListQuery,
    FiguresOut,
    ReportContent,
    ReportListQuery,
    ReportOut,
    ReportSummaryOut,
)
from kokoma.statistics.period import Period

router = APIRouter(prefix="/district-analysis", tags=["district analysis"])
FieldId = Annotated[uuid.UUID, Path(description="The conflict field's id.")]
Number = Annotated[int, Path(ge=1, le=2**31 - 1, description="The version's number.")]
WRITE_ERRORS = problems(404, 409, 412, 428)


def _field_out(view: service.FieldView, response: Response | None = None) -> ConflictFieldOut:
    if response is not None:
        set_etag(response, view.row.version)
    row = view.row
    return ConflictFieldOut(
        id=row.id,
        version=row.version,
        name=row.name,
        description=row.description,
        trend=row.trend,
        place_ids=[uuid.UUID(p) for p in row.place_ids],
        place_names=view.place_names,
        actor_groups=[ActorGroup(g) for g in row.actor_groups],
        recommendations=row.recommendations,
        case_count=view.case_count,
        cases=view.cases,
        updated_at=row.updated_at,
    )


@router.get("/fields", response_model=Page[ConflictFieldOut], responses=problems(400))
async def list_fields(
    session: DbSession,
    principal: Caller(P.DISTRICT_ANALYSIS_READ),
    query: Annotated[FieldListQuery, Query()],
) -> Page[ConflictFieldOut]:
    """The district's conflict fields (Konfliktfelder), by name. Linked cases are listed
    for coordinators only."""
    views, next_cursor = await service.list_fields(
        session, principal, limit=query.limit, cursor=query.cursor
    )
    return Page(items=[_field_out(v) for v in views], next_cursor=next_cursor)


@router.post("/fields", status_code=201, response_model=ConflictFieldOut, responses=problems(409))
async def create_field(
    body: ConflictFieldIn,
    response: Response,
    session: DbSession,
    principal: Caller(P.DISTRICT_ANALYSIS_WRITE),
) -> ConflictFieldOut:
    """Name a line of conflict across the district (coordinators)."""
    return _field_out(await service.create_field(session, principal, body), response)


@router.get("/fields/{field_id}", response_model=ConflictFieldOut, responses=problems(404))
async def get_field(
    field_id: FieldId,
    response: Response,
    session: DbSession,
    principal: Caller(P.DISTRICT_ANALYSIS_READ),
) -> ConflictFieldOut:
    """One conflict field."""
    return _field_out(await service.get_field(session, principal, field_id), response)


@router.put("/fields/{field_id}", response_model=ConflictFieldOut, responses=WRITE_ERRORS)
async def replace_field(
    field_id: FieldId,
    body: ConflictFieldIn,
    response: Response,
    session: DbSession,
    principal: Caller(P.DISTRICT_ANALYSIS_WRITE),
    if_match: IfMatch = None,
) -> ConflictFieldOut:
    """Rewrite a conflict field with its linked cases (coordinators; If-Match)."""
    view = await service.replace_field(session, principal, field_id, body, if_match)
    return _field_out(view, response)


@router.delete("/fields/{field_id}", status_code=204, responses=WRITE_ERRORS)
async def delete_field(
    field_id: FieldId,
    session: DbSession,
    principal: Caller(P.DISTRICT_ANALYSIS_WRITE),
    if_match: IfMatch = None,
) -> Response:
    """Remove a conflict field; its cases stay (coordinators; If-Match)."""
    await service.delete_field(session, principal, field_id, if_match)
    return Response(status_code=204)


@router.get("/figures", response_model=FiguresOut, responses=problems(400))
async def get_figures(
    session: DbSession,
    principal: Caller(P.DISTRICT_ANALYSIS_READ),
    settings: AppSettings,
    from_: Annotated[
        IsoDate | None,
        Query(
            alias="from",
            description="First day (German time). Default: 1 January of the year of `to`, "
            "or of the current year. Without `statistics:exact` one whole calendar year.",
        ),
    ] = None,
    to: Annotated[
        IsoDate | None,
        Query(description="Last day, included. Default: 31 December of that year."),
    ] = None,
) -> FiguresOut:
    """The district's figures for the cases opened in the period, computed from the
    cases and their analyses; small counts withheld for aggregate-only callers as in
    the statistics."""
    return await service.figures(
        session, principal, Period.of(from_, to), threshold=settings.suppression_threshold
    )


def _summary(report: RegionalReport) -> ReportSummaryOut:
    content = ReportContent.model_validate(report.content)
    return ReportSummaryOut(
        number=report.number,
        saved_at=report.saved_at,
        author_name=report.author_name,
        title=content.title,
        adopted_on=content.adopted_on,
    )


def _report(report: RegionalReport) -> ReportOut:
    return ReportOut(
        **_summary(report).model_dump(), content=ReportContent.model_validate(report.content)
    )


@router.get("/reports", response_model=Page[ReportSummaryOut], responses=problems(400))
async def list_reports(
    session: DbSession,
    principal: Caller(P.DISTRICT_ANALYSIS_READ),
    query: Annotated[ReportListQuery, Query()],
) -> Page[ReportSummaryOut]:
    """The saved versions of the expertise document, oldest first."""
    items, next_cursor = await service.list_reports(
        session, principal, limit=query.limit, cursor=query.cursor
    )
    return Page(items=[_summary(r) for r in items], next_cursor=next_cursor)


@router.post("/reports", status_code=201, response_model=ReportOut, responses=problems(409))
async def save_report(
    body: ReportContent, session: DbSession, principal: Caller(P.DISTRICT_ANALYSIS_WRITE)
) -> ReportOut:
    """Save the expertise document as the next read-only version (coordinators)."""
    return _report(await service.save_report(session, principal, body))


@router.get("/reports/{number}", response_model=ReportOut, responses=problems(404))
async def get_report(
    number: Number, session: DbSession, principal: Caller(P.DISTRICT_ANALYSIS_READ)
) -> ReportOut:
    """One saved version of the expertise document."""
    return _report(await service.get_report(session, principal, number))


_FILES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


@router.get(
    "/reports/{number}/export",
    response_class=Response,
    responses={
        200: {
            "content": {"application/pdf": {}, "text/html": {}},
            "description": "The document as PDF or as one accessible HTML page.",
        },
        **problems(404),
    },
)
async def export_report(
    number: Number,
    session: DbSession,
    principal: Caller(P.DISTRICT_ANALYSIS_READ),
    format: Annotated[
        Literal["pdf", "html"], Query(description="`pdf` (default) or `html`.")
    ] = "pdf",
) -> Response:
    """The expertise document for the steering group; audited."""
    report, fields = await service.export_report(session, principal, number, format)
    if format == "pdf":
        body: bytes | str = export.render_pdf(report, fields)
    else:
        body = export.render_html(report, fields)
    filename = f"regionalanalyse-fassung-{report.number}.{format}"
    return Response(
        content=body,
        media_type=_FILES[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
