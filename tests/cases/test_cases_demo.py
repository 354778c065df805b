"""Demo cases: a believable year of casework, loaded idempotently."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from kokoma.cases.models import Case, CaseTimelineEntry, CaseTopicRow, CaseVisibility
from kokoma.core.calendar import LOCAL_TIME
from kokoma.demo.cases import CASES_PER_MUNICIPALITY
from kokoma.demo.loader import load_demo_data
from kokoma.municipalities.models import Municipality
from kokoma.referrals.models import Referral


async def _counts(session) -> tuple[int, int]:
    cases = await session.scalar(select(func.count()).select_from(Case))
    entries = await session.scalar(select(func.count()).select_from(CaseTimelineEntry))
    return cases, entries


async def test_demo_cases_are_varied_and_loaded_once(db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
    async with db() as session:
        first = await _counts(session)
        await load_demo_data(session, settings)
    async with db() as session:
        assert await _counts(session) == first
        wak = await session.scalar(select(Municipality).where(Municipality.slug == "wak"))
        cases = list(await session.scalars(select(Case).where(Case.municipality_id == wak.id)))
        topics = set(
            await session.scalars(
                select(CaseTopicRow.topic).where(CaseTopicRow.case_id.in_([c.id for c in cases]))
            )
        )
        referrals = list(
            await session.scalars(select(Referral).where(Referral.municipality_id == wak.id))
        )
        handed = set(
            await session.scalars(
                select(CaseTimelineEntry.case_id).where(
                    CaseTimelineEntry.to_value == "referred",
                    CaseTimelineEntry.referral_id.is_not(None),
                )
            )
        )
        entries = Counter(
            await session.scalars(
                select(CaseTimelineEntry.case_id).where(
                    CaseTimelineEntry.case_id.in_([c.id for c in cases])
                )
            )
        )

    assert len(cases) == CASES_PER_MUNICIPALITY
    assert len({c.status for c in cases}) >= 5
    assert len({c.escalation_level for c in cases}) >= 4
    assert len(topics) >= 7
    assert any(c.visibility is CaseVisibility.RESTRICTED for c in cases)
    assert any(c.endangers_democracy for c in cases)
    assert all(entries[c.id] >= 2 for c in cases)
    assert any(c.escalation_level is None for c in cases)  # not yet rated
    referred = {c.id for c in cases if c.status == "referred"}
    assert referred and referred <= {r.case_id for r in referrals if r.status != "declined"}
    assert referred <= handed
    assert any(r.contact_id for r in referrals) and any(r.target_name for r in referrals)
    assert {r.status for r in referrals} >= {"completed", "agreed"}
    for case in cases:
        assert case.reference.lower() in case.search_text
        assert case.reference == f"WAK-{case.year}-{case.number:04d}"
        assert case.year == case.created_at.astimezone(LOCAL_TIME).year
        assert (case.outcome is not None) == (case.status in ("closed", "referred"))


async def test_demo_cases_get_parties_once_contacts_exist(db, settings) -> None:
    from kokoma.cases.models import CaseParty
    from tests.support import Tenant, insert_contact

    async with db() as session:
        await load_demo_data(session, settings)
        uh = await session.scalar(select(Municipality).where(Municipality.slug == "uh"))
    await insert_contact(db, Tenant(uh), "Ortschaftsrat Großengottern")
    async with db() as session:
        await load_demo_data(session, settings)
    async with db() as session:
        without_parties = await session.scalar(
            select(func.count())
            .select_from(Case)
            .where(Case.municipality_id == uh.id, ~Case.party_rows.any())
        )
        linked = await session.scalar(select(func.count()).select_from(CaseParty))
    assert without_parties == 0
    assert linked >= CASES_PER_MUNICIPALITY
