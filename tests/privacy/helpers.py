"""A person spread over every source of one municipality, for access and erasure tests."""

from __future__ import annotations

import uuid
import zlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import String, Text, select
from sqlalchemy.types import JSON

from kokoma.db import Base
from kokoma.trainings.certificates.models import Certificate
from kokoma.trainings.models import TrainingParticipant, TrainingSeries
from tests.consultations.helpers import make_consultation
from tests.contacts.test_contacts_linked_delete import open_case_with_party
from tests.support import Tenant, make_contact

PRIVACY = "/api/v1/privacy"


@dataclass
class Person:
    contact: dict[str, Any]
    case: dict[str, Any]
    consultation: dict[str, Any]
    participant_id: uuid.UUID
    certificate_id: uuid.UUID
    name: str
    email: str
    phone: str


async def spread_person(
    client: Any, db: Any, tenant: Tenant, given: str = "Henrike", family: str = "Quandtmeyer"
) -> Person:
    """A person as a contact, a party, a participant of a consultation and a training,
    with a certificate, and named in the free text of the case and the consultation."""
    name = f"{given} {family}"
    email = f"{given.lower()}.{family.lower()}@example.org"
    phone = f"+49 3691 {zlib.crc32(family.encode()) % 1_000_000:06d}"
    contact = await make_contact(
        client,
        tenant,
        given_name=given,
        family_name=family,
        email=email,
        phone=phone,
        notes="Spricht für die Bürgerinitiative.",
    )
    case = await open_case_with_party(client, tenant, contact)
    consultation = await make_consultation(
        client,
        tenant,
        participant_ids=[contact["id"]],
        summary=f"Gespräch mit {name} über den Jugendclub.",
        next_steps=f"Rückruf unter {phone}.",
    )
    async with db() as session:
        series = TrainingSeries(municipality_id=tenant.id, title="Qualifizierung 2026")
        session.add(series)
        await session.flush()
        participant = TrainingParticipant(
            municipality_id=tenant.id,
            series_id=series.id,
            contact_id=uuid.UUID(contact["id"]),
            full_name=name,
            organisation="Bürgerinitiative",
        )
        session.add(participant)
        await session.flush()
        certificate = Certificate(
            municipality_id=tenant.id,
            series_id=series.id,
            participant_id=participant.id,
            number=f"Z-{uuid.uuid4().hex[:8]}",
            verification_code=uuid.uuid4().hex,
            issued_on=date(2026, 6, 1),
            participant_name=name,
            series_title=series.title,
            municipality_name=tenant.municipality.name,
            modules=[],
        )
        session.add(certificate)
        await session.commit()
        return Person(
            contact, case, consultation, participant.id, certificate.id, name, email, phone
        )


async def text_containing(db: Any, *needles: str) -> list[str]:
    """Every (table.column) whose text holds one of ``needles``, case-insensitively."""
    folded = [n.casefold() for n in needles]
    found = []
    async with db() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
            if not columns:
                continue
            for row in await session.execute(select(*columns)):
                for column, value in zip(columns, row, strict=True):
                    text = str(value).casefold() if value is not None else ""
                    if any(n in text for n in folded):
                        found.append(f"{table.name}.{column.name}")
    return found
