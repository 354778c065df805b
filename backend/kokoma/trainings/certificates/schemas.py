"""Request and response bodies of certificates and their public verification."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import Field, field_validator

from kokoma.core.schemas import InputModel, OutputModel, SaneDate, Text, example_of, with_examples
from kokoma.trainings.certificates.models import CertificateStatus
from kokoma.trainings.models import ModuleKind
from kokoma.trainings.schemas import (
    MAX_ATTENDANCE_ENTRIES,
    PARTICIPANT_ID,
    SERIES_ID,
    SERIES_TITLE,
)


class CertificateIssue(InputModel):
    """Whom to certify: the listed participants, or every one who completed and has none."""

    participant_ids: list[uuid.UUID] | None = Field(
        default=None,
        max_length=MAX_ATTENDANCE_ENTRIES,
        description="Participants to certify; each must have completed the series and "
        "hold no valid certificate. Omitted: all who completed and hold none.",
    )
    issued_on: SaneDate | None = Field(
        default=None,
        description="Date printed on the certificate; default today, never in the future "
        "and not before the participant completed the series.",
    )

    model_config = with_examples({"participant_ids": [PARTICIPANT_ID], "issued_on": "2026-06-19"})

    @field_validator("participant_ids")
    @classmethod
    def _unique(cls, value: list[uuid.UUID] | None) -> list[uuid.UUID] | None:
        if value is not None and len(value) != len(set(value)):
            raise ValueError("each participant may appear only once")
        return value


class CertificateRevoke(InputModel):
    reason: Text(500, 1) = Field(
        description="Why the certificate is no longer valid (kept in the record, not public)."
    )

    model_config = with_examples({"reason": "Name falsch geschrieben; neues Zertifikat folgt."})


class CertificateModule(OutputModel):
    number: int = Field(description="The module's number in the series, as planned.")
    title: str = Field(description="Module title as on the certificate.")
    kind: ModuleKind = Field(description="`in_person` module or `online` deepening.")
    hours: float = Field(description="Hours the module counts.")
    days: list[date] = Field(description="Session days of the module.")
    places: list[str] = Field(description="Places of the session days, without repeats.")

    model_config = with_examples(
        {
            "number": 2,
            "title": "Systemische Konfliktanalyse",
            "kind": "in_person",
            "hours": 20,
            "days": ["2026-03-12", "2026-03-13"],
            "places": ["Landratsamt Bad Salzungen"],
        }
    )


class CertificateOut(OutputModel):
    id: uuid.UUID = Field(description="Certificate id.")
    series_id: uuid.UUID = Field(description="The completed series.")
    participant_id: uuid.UUID = Field(description="The certified participant.")
    number: str = Field(description="Certificate number, unique per municipality.")
    verification_code: str = Field(
        description="Random public code; anyone may check it at /api/v1/certificates/verify/{code}."
    )
    issued_on: date = Field(description="Date of issue.")
    participant_name: str = Field(description="Name as printed.")
    series_title: str = Field(description="Series title as printed.")
    municipality_name: str = Field(description="Issuing municipality as printed.")
    signatory: str | None = Field(description="Signatory as printed.")
    modules: list[CertificateModule] = Field(description="The attended modules as printed.")
    hours: float = Field(description="Hours of the attended modules, as printed.")
    status: CertificateStatus = Field(description="valid, or revoked by the issuer.")
    revoked_at: datetime | None = Field(description="When it was revoked; null while valid.")
    revocation_reason: str | None = Field(description="Why it was revoked.")
    version: int = Field(description="ETag of the certificate.")
    created_at: datetime = Field(description="When it was issued.")

    model_config = with_examples(
        {
            "id": "2d1c0b9a-8f7e-4d6c-9b5a-4f3e2d1c0b9a",
            "series_id": SERIES_ID,
            "participant_id": PARTICIPANT_ID,
            "number": "KOKOMA-WAK-2026-0001",
            "verification_code": "q5Jx0cVb9LrT2mWk7HsYp3NdA8eFgZuC",
            "issued_on": "2026-06-19",
            "participant_name": "Anna Schulze",
            "series_title": SERIES_TITLE,
            "municipality_name": "Wartburgkreis",
            "signatory": "Sabine Lorenz, Qualifizierung",
            "modules": [example_of(CertificateModule)],
            "hours": 20,
            "status": "valid",
            "revoked_at": None,
            "revocation_reason": None,
            "version": 1,
            "created_at": "2026-06-19T14:00:00Z",
        }
    )


class IssuedCertificates(OutputModel):
    items: list[CertificateOut] = Field(description="The certificates issued by this request.")

    model_config = with_examples({"items": [example_of(CertificateOut)]})


class CertificateVerification(OutputModel):
    """What anyone holding the code may learn, and nothing more."""

    number: str = Field(description="Certificate number, as printed.")
    participant_name: str = Field(description="Name on the certificate.")
    series_title: str = Field(description="The completed series.")
    issuer: str = Field(
        validation_alias="municipality_name", description="Who issued it: the municipality."
    )
    issued_on: date = Field(description="Date of issue.")
    status: CertificateStatus = Field(description="valid, or revoked by the issuer.")

    model_config = with_examples(
        {
            "number": "KOKOMA-WAK-2026-0001",
            "participant_name": "Anna Schulze",
            "series_title": SERIES_TITLE,
            "issuer": "Wartburgkreis",
            "issued_on": "2026-06-19",
            "status": "valid",
        }
    )
