"""HTTP routes of a case's conflict analysis; the rules live in ``service``."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.cases.analysis import guidance, service
from kokoma.cases.analysis.models import CaseAnalysisVersion
from kokoma.cases.analysis.schemas import (
    AnalysisComparisonOut,
    AnalysisOut,
    AnalysisUpdate,
    AnalysisVersionOut,
    AnalysisVersionSummaryOut,
    CourseOut,
    CoursePairOut,
    CoursePointOut,
    GuidanceOut,
    PositionsUpdate,
    SuggestionOut,
    VersionCreate,
    VersionListQuery,
)
from kokoma.contacts.schemas import ContactRef
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page

router = APIRouter(prefix="/cases/{case_id}/analysis", tags=["case analysis"])
WRITE_ERRORS = problems(404, 409, 412, 428)
CaseId = Annotated[uuid.UUID, Path(description="The case's id.")]
Number = Annotated[int, Path(ge=1, le=2**31 - 1, description="The version's number.")]


def _out(view: service.AnalysisView, response: Response) -> AnalysisOut:
    set_etag(response, view.version)
    return AnalysisOut.model_validate(view, from_attributes=True)


def _version_out(version: CaseAnalysisVersion) -> AnalysisVersionOut:
    return AnalysisVersionOut(
        number=version.number,
        saved_at=version.saved_at,
        author_name=version.author_name,
        note=version.note,
        highest_stage=service.version_stage(version),
        content=service.AnalysisContent.model_validate(version.content),
    )


@router.get("", response_model=AnalysisOut, responses=problems(404))
async def get_analysis(
    case_id: CaseId, response: Response, session: DbSession, principal: Caller(P.CASES_READ)
) -> AnalysisOut:
    """The working analysis of the case; version 0 and empty before the first save."""
    return _out(await service.get_analysis(session, principal, case_id), response)


@router.put("", response_model=AnalysisOut, responses=WRITE_ERRORS)
async def replace_analysis(
    case_id: CaseId,
    body: AnalysisUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_WRITE),
    if_match: IfMatch = None,
) -> AnalysisOut:
    """Write the whole analysis (`If-Match: "0"` for the first time). Unless
    `headline_follows_assessments` is false, the case's escalation level follows the
    highest pair assessment, and the case's timeline records the change."""
    view = await service.replace_analysis(session, principal, case_id, body, if_match)
    return _out(view, response)


@router.put("/positions", response_model=AnalysisOut, responses=WRITE_ERRORS)
async def move_actors(
    case_id: CaseId,
    body: PositionsUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_WRITE),
    if_match: IfMatch = None,
) -> AnalysisOut:
    """Put actors at new places on the conflict map (dragged or moved by keyboard); the
    rest of the analysis stays as it is. Answers the analysis with its new ETag."""
    view = await service.move_actors(session, principal, case_id, body, if_match)
    return _out(view, response)


@router.get("/course", response_model=CourseOut, responses=problems(404))
async def get_course(
    case_id: CaseId, session: DbSession, principal: Caller(P.CASES_READ)
) -> CourseOut:
    """The course chart's data: the Glasl stage over time per pair of actors, from the
    saved versions, the turning points and the working analysis."""
    pairs = await service.get_course(session, principal, case_id)
    return CourseOut(
        pairs=[
            CoursePairOut(
                actor_a=pair.actor_a,
                actor_b=pair.actor_b,
                label=pair.label,
                points=[
                    CoursePointOut(
                        on=p.on, stage=p.stage, source=p.source, version=p.version, note=p.note
                    )
                    for p in pair.points
                ],
            )
            for pair in pairs
        ]
    )


@router.get("/guidance", response_model=GuidanceOut, responses=problems(403, 404))
async def get_guidance(
    case_id: CaseId, session: DbSession, principal: Caller(P.CASES_READ)
) -> GuidanceOut:
    """The third-party help that fits the case's stage (guidance, not a rule) and the
    network contacts of the municipality whose topics or actor group fit; needs
    `contacts:read` as well."""
    found = await guidance.guidance(session, principal, case_id)
    return GuidanceOut(
        stage=found.stage,
        help_kinds=found.help_kinds,
        suggestions=[
            SuggestionOut(
                contact=ContactRef.model_validate(s.contact, from_attributes=True),
                topics=s.topics,
                help_kinds=s.help_kinds,
                actor_group_fits=s.actor_group_fits,
            )
            for s in found.suggestions
        ],
    )


@router.post(
    "/versions", status_code=201, response_model=AnalysisVersionOut, responses=WRITE_ERRORS
)
async def save_version(
    case_id: CaseId,
    body: VersionCreate,
    session: DbSession,
    principal: Caller(P.CASES_WRITE),
    if_match: IfMatch = None,
) -> AnalysisVersionOut:
    """Freeze the working analysis whose ETag is sent as the next read-only version."""
    version = await service.save_version(session, principal, case_id, body, if_match)
    return _version_out(version)


@router.get(
    "/versions",
    response_model=Page[AnalysisVersionSummaryOut],
    responses=problems(400, 404),
)
async def list_versions(
    case_id: CaseId,
    session: DbSession,
    principal: Caller(P.CASES_READ),
    query: Annotated[VersionListQuery, Query()],
) -> Page[AnalysisVersionSummaryOut]:
    """The saved versions, oldest first."""
    items, next_cursor = await service.list_versions(
        session, principal, case_id, limit=query.limit, cursor=query.cursor
    )
    return Page(items=[_version_out(v) for v in items], next_cursor=next_cursor)


@router.get("/versions/{number}", response_model=AnalysisVersionOut, responses=problems(404))
async def get_version(
    case_id: CaseId, number: Number, session: DbSession, principal: Caller(P.CASES_READ)
) -> AnalysisVersionOut:
    """One saved version, read-only."""
    return _version_out(await service.get_version(session, principal, case_id, number))


@router.get("/compare", response_model=AnalysisComparisonOut, responses=problems(404))
async def compare_versions(
    case_id: CaseId,
    session: DbSession,
    principal: Caller(P.CASES_READ),
    from_number: Annotated[
        int, Query(alias="from", ge=1, le=2**31 - 1, description="Older version.")
    ],
    to_number: Annotated[int, Query(alias="to", ge=1, le=2**31 - 1, description="Newer version.")],
) -> AnalysisComparisonOut:
    """What changed between two saved versions, entry by entry and field by field."""
    changes = await service.compare_versions(session, principal, case_id, from_number, to_number)
    return AnalysisComparisonOut(from_number=from_number, to_number=to_number, changes=changes)


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}, "description": "The analysis as a PDF."},
        **problems(404),
    },
)
async def export_analysis(
    case_id: CaseId,
    session: DbSession,
    principal: Caller(P.CASES_READ),
    include_names: Annotated[
        bool,
        Query(
            description="Add the names of linked network contacts and spokespeople; by "
            "default actors appear by their labels only. The choice is audited."
        ),
    ] = False,
) -> Response:
    """The analysis as a PDF to hand on: conflict map, course chart, dimensions and
    recommendations. Whoever reads the analysis may export it; every export is audited."""
    filename, body = await service.export_pdf(
        session, principal, case_id, include_names=include_names
    )
    return Response(
        content=body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
