"""Demo network and consultations: realistic in size and shape, loaded only once."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from kokoma.cases.models import Case, CaseStatus
from kokoma.consultations.models import Consultation, ConsultationKind
from kokoma.contacts.models import Contact, ContactRelation
from kokoma.db import utcnow
from kokoma.demo.loader import load_demo_data
from kokoma.municipalities.models import Municipality


async def _count(session, model, municipality_id) -> int:
    return await session.scalar(
        select(func.count()).select_from(model).where(model.municipality_id == municipality_id)
    )


async def test_demo_network_and_consultations_load_once(db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
    async with db() as session:
        ids = {
            m.slug: m.id
            for m in await session.scalars(
                select(Municipality).where(Municipality.slug.in_(["wak", "uh"]))
            )
        }
        models = (Contact, ContactRelation, Consultation)
        first = {
            (slug, m.__name__): await _count(session, m, i)
            for slug, i in ids.items()
            for m in models
        }
    async with db() as session:
        await load_demo_data(session, settings)
    async with db() as session:
        again = {
            (slug, m.__name__): await _count(session, m, i)
            for slug, i in ids.items()
            for m in models
        }
        wak = ids["wak"]
        contacts = list(
            await session.scalars(select(Contact).where(Contact.municipality_id == wak))
        )
        consultations = list(
            await session.scalars(select(Consultation).where(Consultation.municipality_id == wak))
        )
        cases = {
            c.id: c for c in await session.scalars(select(Case).where(Case.municipality_id == wak))
        }

    assert again == first
    assert 90 <= first[("wak", "Contact")] <= 120
    assert first[("wak", "ContactRelation")] >= 140
    assert first[("uh", "Contact")] < first[("wak", "Contact")]
    assert len({c.actor_group for c in contacts}) == 11
    assert sum(c.steering_group_member for c in contacts) >= 5
    assert all(c.consent_date for c in contacts if c.legal_basis == "consent")
    assert any(c.organisation_id for c in contacts)

    kinds = Counter(c.kind for c in consultations)
    assert set(kinds) == set(ConsultationKind)
    assert any(c.confidential_notes for c in consultations)
    assert any(c.case_id is None for c in consultations)
    now = utcnow()
    for consultation in consultations:
        assert consultation.started_at < now
        if consultation.case_id:
            case = cases[consultation.case_id]
            assert case.status is not CaseStatus.NEW
            assert consultation.started_at >= case.created_at
    spread = {c.started_at.strftime("%Y-%m") for c in consultations}
    assert len(spread) >= 10  # a year of work, not one busy week
