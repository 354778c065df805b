"""Issuing, revoking, printing and publicly verifying certificates."""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.core.calendar import local_today
from kokoma.core.concurrency import commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.schemas import PageQuery
from kokoma.core.tenancy import get_scoped, scoped
from kokoma.db import utcnow
from kokoma.errors import Conflict, NotFound, invalid
from kokoma.events.outbox import publish
from kokoma.municipalities.models import Municipality
from kokoma.trainings.certificates import pdf
from kokoma.trainings.certificates.models import Certificate, CertificateCounter
from kokoma.trainings.certificates.schemas import CertificateIssue, CertificateRevoke
from kokoma.trainings.completion import (
    evaluate,
    modules_with_sessions,
    present_sessions,
)
from kokoma.trainings.models import TrainingModule, TrainingParticipant, TrainingSeries
from kokoma.trainings.service import (
    SERIES,
    lock_series,
    locked_child,
    series_child,
)

CERTIFICATE = "Certificate"
# 24 random bytes: 32 URL-safe characters, far beyond guessing or enumerating.
_CODE_BYTES = 24
_CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


async def _next_number(session: AsyncSession, municipality_id: uuid.UUID, year: int) -> int:
    """Count up the municipality's certificates of ``year``; the counter row is locked
    until commit, so concurrent issues get consecutive, distinct numbers."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = (
        dialect.insert(CertificateCounter)
        .values(municipality_id=municipality_id, year=year, last_number=1)
        .on_conflict_do_update(
            index_elements=[CertificateCounter.municipality_id, CertificateCounter.year],
            set_={"last_number": CertificateCounter.last_number + 1},
        )
        .returning(CertificateCounter.last_number)
    )
    return int((await session.execute(stmt)).scalar_one())


def format_number(slug: str, year: int, number: int) -> str:
    return f"KOKOMA-{slug.upper()}-{year}-{number:04d}"


def _printed_modules(
    modules: Sequence[TrainingModule], attended: Sequence[uuid.UUID]
) -> list[dict[str, Any]]:
    # Numbered as planned in the series: a certificate without module 1 lists "2." first.
    return [
        {
            "number": module.position,
            "title": module.title,
            "kind": module.kind.value,
            "hours": module.hours,
            "days": [s.day.isoformat() for s in module.sessions],
            "places": list(dict.fromkeys(s.place for s in module.sessions if s.place)),
        }
        for module in modules
        if module.id in attended
    ]


async def _candidates(
    session: AsyncSession, series: TrainingSeries, data: CertificateIssue
) -> list[TrainingParticipant]:
    """The participants to certify; refuses ids outside the series and ineligible ones."""
    stmt = select(TrainingParticipant).where(TrainingParticipant.series_id == series.id)
    if data.participant_ids is None:
        stmt = stmt.where(TrainingParticipant.completed_on.is_not(None))
    else:
        stmt = stmt.where(TrainingParticipant.id.in_(data.participant_ids))
    participants = list(await session.scalars(stmt.order_by(TrainingParticipant.full_name)))
    certified = set(
        await session.scalars(
            select(Certificate.participant_id).where(
                Certificate.series_id == series.id, Certificate.revoked_at.is_(None)
            )
        )
    )
    if data.participant_ids is None:
        return [p for p in participants if p.id not in certified]
    found = {p.id for p in participants}
    for index, participant_id in enumerate(data.participant_ids):
        if participant_id not in found:
            raise invalid(f"body.participant_ids.{index}", "Not a participant of this series.")
    not_completed = [str(p.id) for p in participants if p.completed_on is None]
    if not_completed:
        raise Conflict(
            "Not every participant has completed the series.", participant_ids=not_completed
        )
    already = [str(p.id) for p in participants if p.id in certified]
    if already:
        raise Conflict(
            "Some participants hold a valid certificate already.", participant_ids=already
        )
    return participants


def _check_issue_date(issued_on: date, participants: Sequence[TrainingParticipant]) -> None:
    if issued_on > local_today():
        raise invalid("body.issued_on", "The issue date must not lie in the future.")
    if any(p.completed_on and issued_on < p.completed_on for p in participants):
        raise invalid(
            "body.issued_on",
            "The issue date must not lie before the participant completed the series.",
        )


async def issue_certificates(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, data: CertificateIssue
) -> list[Certificate]:
    """Certify the given participants, or all who completed and hold no valid certificate."""
    series = await lock_series(session, principal, series_id)
    participants = await _candidates(session, series, data)
    issued_on = data.issued_on or local_today()
    _check_issue_date(issued_on, participants)
    issued = await certify(session, principal, series, participants, issued_on)
    await session.commit()
    return issued


async def certify(
    session: AsyncSession,
    principal: Principal,
    series: TrainingSeries,
    participants: Sequence[TrainingParticipant],
    issued_on: date,
) -> list[Certificate]:
    """Issue one certificate per participant, audited and announced; the caller commits.

    The participants must have completed ``series``, which the caller holds locked.
    """
    municipality = await session.get_one(Municipality, series.municipality_id)
    modules = await modules_with_sessions(session, series.id)
    present = await present_sessions(session, series.id)
    issued = []
    for participant in participants:
        completion = evaluate(series, modules, present.get(participant.id, set()))
        number = await _next_number(session, municipality.id, issued_on.year)
        certificate = Certificate(
            municipality_id=municipality.id,
            series_id=series.id,
            participant_id=participant.id,
            number=format_number(municipality.slug, issued_on.year, number),
            verification_code=secrets.token_urlsafe(_CODE_BYTES),
            issued_on=issued_on,
            issued_by=principal.id,
            participant_name=participant.full_name,
            series_title=series.title,
            municipality_name=municipality.name,
            signatory=series.signatory,
            modules=_printed_modules(modules, completion.attended_module_ids),
        )
        session.add(certificate)
        await session.flush()
        _record_event(session, principal, certificate, "certificate.issue", "certificate.issued")
        issued.append(certificate)
    return issued


def _record_event(
    session: AsyncSession,
    principal: Principal,
    certificate: Certificate,
    action: str,
    event_type: str,
) -> None:
    audit.record(
        session,
        action,
        principal=principal,
        target=audit.Target("certificate", certificate.id),
        details={"number": certificate.number, "series_id": str(certificate.series_id)},
    )
    publish(
        session,
        municipality_id=certificate.municipality_id,
        event_type=event_type,
        resource_id=certificate.id,
        data={
            "certificate_id": str(certificate.id),
            "number": certificate.number,
            "series_id": str(certificate.series_id),
            "participant_id": str(certificate.participant_id),
        },
    )


async def list_certificates(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    query: PageQuery,
) -> tuple[list[Certificate], str | None]:
    """The series' certificates by number, revoked ones included."""
    await get_scoped(session, TrainingSeries, series_id, principal, what=SERIES)
    stmt = scoped(Certificate, principal).where(Certificate.series_id == series_id)
    return await paginate(
        session,
        stmt,
        keys=[SortKey(Certificate.number)],
        id_column=Certificate.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def get_certificate(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, certificate_id: uuid.UUID
) -> Certificate:
    return await series_child(
        session, principal, Certificate, series_id, certificate_id, what=CERTIFICATE
    )


async def revoke_certificate(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    certificate_id: uuid.UUID,
    data: CertificateRevoke,
    if_match: str | None,
) -> Certificate:
    """Withdraw a certificate; verification answers `revoked` from then on."""
    _, certificate = await locked_child(
        session, principal, Certificate, series_id, certificate_id, if_match, what=CERTIFICATE
    )
    if certificate.revoked_at is not None:
        raise Conflict("The certificate is revoked already.")
    certificate.revoked_at = utcnow()
    certificate.revocation_reason = data.reason
    _record_event(session, principal, certificate, "certificate.revoke", "certificate.revoked")
    await commit_versioned(session)
    return certificate


async def certificate_pdf(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    certificate_id: uuid.UUID,
    verify_url_base: str,
) -> tuple[str, bytes]:
    """File name and PDF of a valid certificate."""
    certificate = await get_certificate(session, principal, series_id, certificate_id)
    if certificate.revoked_at is not None:
        raise Conflict("The certificate is revoked; it is no longer printed.")
    body = pdf.render(certificate, verify_url_base + certificate.verification_code)
    return f"Zertifikat-{certificate.number}.pdf", body


async def verify(session: AsyncSession, code: str) -> Certificate:
    """The certificate with this public code, in any municipality; 404 otherwise.

    Deliberately not tenant-scoped: the code itself is the credential.
    """
    if not _CODE_PATTERN.fullmatch(code):
        raise NotFound(CERTIFICATE)
    certificate = await session.scalar(
        select(Certificate).where(Certificate.verification_code == code)
    )
    if certificate is None:
        raise NotFound(CERTIFICATE)
    return certificate
