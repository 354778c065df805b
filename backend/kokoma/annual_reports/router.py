"""HTTP routes of the annual report; the rules live in ``service``."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from kokoma.access.permissions import Permission as P
from kokoma.annual_reports import export, service
from kokoma.annual_reports.schemas import (
    FIRST_YEAR,
    LAST_YEAR,
    DraftOut,
    ReportTexts,
    VersionListQuery,
    VersionOut,
    VersionSummaryOut,
)
from kokoma.auth.caller import Caller
from kokoma.core.http import AppSettings, DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.i18n import language_of

router = APIRouter(prefix="/annual-reports", tags=["annual reports"])
Year = Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR, description="The report's year.")]
Number = Annotated[int, Path(ge=1, le=2**31 - 1, description="The version's number.")]

_FILES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@router.get("/versions", response_model=Page[VersionSummaryOut], responses=problems(400))
async def list_versions(
    session: DbSession,
    principal: Caller(P.ANNUAL_REPORTS_READ),
    query: Annotated[VersionListQuery, Query()],
) -> Page[VersionSummaryOut]:
    """The generated versions, newest first; `year` for one year's."""
    items, next_cursor = await service.list_versions(
        session, principal, year=query.year, limit=query.limit, cursor=query.cursor
    )
    return Page(
        items=[VersionSummaryOut.model_validate(v) for v in items], next_cursor=next_cursor
    )


@router.get("/{year}", response_model=DraftOut, responses=problems(404))
async def get_draft(
    year: Year,
    response: Response,
    session: DbSession,
    principal: Caller(P.ANNUAL_REPORTS_WRITE),
    settings: AppSettings,
) -> DraftOut:
    """The working draft of a year: the text sections and the figures as the records
    say now (coordinators). ETag `"0"` while nothing has been written."""
    draft = await service.get_draft(
        session, principal, year, threshold=settings.suppression_threshold
    )
    set_etag(response, draft.version)
    return draft


@router.put("/{year}", response_model=DraftOut, responses=problems(404, 409, 412, 428))
async def save_texts(
    year: Year,
    body: ReportTexts,
    response: Response,
    session: DbSession,
    principal: Caller(P.ANNUAL_REPORTS_WRITE),
    settings: AppSettings,
    if_match: IfMatch = None,
) -> DraftOut:
    """Rewrite the text sections of the year's draft (coordinators; If-Match, `"0"` for
    the first write)."""
    draft = await service.save_texts(
        session, principal, year, body, if_match, threshold=settings.suppression_threshold
    )
    set_etag(response, draft.version)
    return draft


@router.post(
    "/{year}/versions", status_code=201, response_model=VersionOut, responses=problems(404, 409)
)
async def generate(
    year: Year,
    session: DbSession,
    principal: Caller(P.ANNUAL_REPORTS_WRITE),
    settings: AppSettings,
) -> VersionOut:
    """Generate: freeze the draft's words and the year's figures, with author and time,
    as the year's next read-only version (coordinators)."""
    version = await service.generate(
        session, principal, year, threshold=settings.suppression_threshold
    )
    return service.version_out(version, principal)


@router.get("/{year}/versions/{number}", response_model=VersionOut, responses=problems(404))
async def get_version(
    year: Year, number: Number, session: DbSession, principal: Caller(P.ANNUAL_REPORTS_READ)
) -> VersionOut:
    """One generated version; small counts withheld unless the reader sees exact figures."""
    version = await service.get_version(session, principal, year, number)
    return service.version_out(version, principal)


@router.get(
    "/{year}/versions/{number}/export",
    response_class=Response,
    responses={
        200: {
            "content": {_FILES["pdf"]: {}, _FILES["docx"]: {}},
            "description": "The version as PDF or Word document.",
        },
        **problems(404),
    },
)
async def export_version(
    year: Year,
    number: Number,
    request: Request,
    session: DbSession,
    principal: Caller(P.ANNUAL_REPORTS_READ),
    format: Annotated[
        Literal["pdf", "docx"], Query(description="`pdf` (default) or `docx`.")
    ] = "pdf",
) -> Response:
    """A generated version as a document for the funder, in the language of
    `Accept-Language`; small counts withheld as in `GET`. Audited."""
    found = await service.export_version(session, principal, year, number, format)
    language = language_of(request)
    document = export.blocks(found.version, found.municipality, language)
    title = export.title(found.version, language)
    if format == "pdf":
        body = export.render_pdf(document, title)
    else:
        body = export.render_docx(document, title, language)
    filename = f"sachbericht-{year}-fassung-{number}.{format}"
    return Response(
        content=body,
        media_type=_FILES[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
