"""Certificates of a series (`/trainings/{id}/certificates`) and public verification."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import AppSettings, DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page, PageQuery
from kokoma.trainings.certificates import service
from kokoma.trainings.certificates.models import Certificate
from kokoma.trainings.certificates.schemas import (
    CertificateIssue,
    CertificateOut,
    CertificateRevoke,
    CertificateVerification,
    IssuedCertificates,
)

router = APIRouter(prefix="/trainings/{series_id}/certificates", tags=["certificates"])
public_router = APIRouter(prefix="/certificates", tags=["certificates"])
# The web app's public check page (frontend/src/trainings/routes.ts): people holding
# a printed certificate get a readable page, not the JSON of the verify route.
VERIFY_PAGE = "/zertifikat/pruefen/"
# Public: no sign-in, so neither 401 nor 403.
_VERIFY_ERRORS = {
    status: spec for status, spec in problems(404).items() if status not in (401, 403)
}


def _certificate(certificate: Certificate, response: Response) -> CertificateOut:
    set_etag(response, certificate.version)
    return CertificateOut.model_validate(certificate)


@router.get("", response_model=Page[CertificateOut], responses=problems(400, 404))
async def list_certificates(
    series_id: uuid.UUID,
    session: DbSession,
    principal: Caller(P.TRAININGS_READ),
    query: Annotated[PageQuery, Query()],
) -> Page[CertificateOut]:
    """Certificates of the series by number, revoked ones included."""
    items, next_cursor = await service.list_certificates(session, principal, series_id, query)
    return Page(items=[CertificateOut.model_validate(c) for c in items], next_cursor=next_cursor)


@router.post("", status_code=201, response_model=IssuedCertificates, responses=problems(404, 409))
async def issue_certificates(
    series_id: uuid.UUID,
    body: CertificateIssue,
    session: DbSession,
    principal: Caller(P.TRAININGS_WRITE),
) -> IssuedCertificates:
    """Issue certificates to the listed participants, or to all who completed and hold none.

    Listed participants who have not completed, or hold a valid certificate, make the
    whole request fail with 409 naming them; nothing is issued then.
    """
    issued = await service.issue_certificates(session, principal, series_id, body)
    return IssuedCertificates(items=[CertificateOut.model_validate(c) for c in issued])


@router.get("/{certificate_id}", response_model=CertificateOut, responses=problems(404))
async def get_certificate(
    series_id: uuid.UUID,
    certificate_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Caller(P.TRAININGS_READ),
) -> CertificateOut:
    certificate = await service.get_certificate(session, principal, series_id, certificate_id)
    return _certificate(certificate, response)


@router.get(
    "/{certificate_id}/pdf",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}, "description": "The certificate as PDF."},
        **problems(404, 409),
    },
)
async def certificate_pdf(
    series_id: uuid.UUID,
    certificate_id: uuid.UUID,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(P.TRAININGS_READ),
) -> Response:
    """The certificate as a printable PDF (German); 409 for a revoked certificate."""
    # From the configured address, never the request's Host header: a forged Host
    # would otherwise print a link to someone else's "verification" page.
    verify_base = settings.public_base + VERIFY_PAGE
    filename, body = await service.certificate_pdf(
        session, principal, series_id, certificate_id, verify_base
    )
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post(
    "/{certificate_id}/revoke",
    response_model=CertificateOut,
    responses=problems(404, 409, 412, 428),
)
async def revoke_certificate(
    series_id: uuid.UUID,
    certificate_id: uuid.UUID,
    body: CertificateRevoke,
    response: Response,
    session: DbSession,
    principal: Caller(P.TRAININGS_WRITE),
    if_match: IfMatch = None,
) -> CertificateOut:
    """Revoke a certificate; public verification then answers `revoked`."""
    certificate = await service.revoke_certificate(
        session, principal, series_id, certificate_id, body, if_match
    )
    return _certificate(certificate, response)


@public_router.get(
    "/verify/{code}", response_model=CertificateVerification, responses=_VERIFY_ERRORS
)
async def verify_certificate(
    code: Annotated[str, Path(max_length=100, description="The code printed on the certificate.")],
    response: Response,
    session: DbSession,
) -> CertificateVerification:
    """Public, no sign-in: whether a certificate is genuine.

    Answers only what is printed on it anyway (number, name, series, issuer and date
    of issue) and whether it was revoked; unknown codes are 404.
    """
    certificate = await service.verify(session, code)
    response.headers["Cache-Control"] = "no-store"
    return CertificateVerification.model_validate(certificate)
