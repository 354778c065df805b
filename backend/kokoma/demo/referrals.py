"""Demo referrals: each referred demo case was handed over through a referral, and a few
open cases have a referral under way (proposed, agreed or declined, some with a follow-up).

Receivers are the municipality's counselling services from the network; one in five
is a body named in words only. Idempotent: cases that have a referral get no more.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.cases.models import Case, CaseStatus, CaseTimelineEntry
from kokoma.contacts.models import ActorGroup, Contact
from kokoma.core.calendar import LOCAL_TIME
from kokoma.db import utcnow
from kokoma.demo.cases import PLACES
from kokoma.municipalities.models import Municipality
from kokoma.referrals.models import Referral, ReferralStatus

S = CaseStatus
R = ReferralStatus
# Bodies outside the network, named in words (the fallback).
OUTSIDE = ("Bürgerbeauftragter des Freistaats Thüringen", "Landesamt für Verfassungsschutz")
REASONS = (
    "Rechtsextreme Bedrohungslage: spezialisierte Beratung nötig.",
    "Betroffene eines Angriffs brauchen Opferberatung.",
    "Nachbarschaftsstreit ohne demokratiegefährdenden Bezug: Schlichtung vor Ort.",
    "Familiäre Belastung der Jugendlichen: Zuständigkeit des Jugendamts.",
)
HANDED_OVER = (
    "Kurze Fallschilderung und Kontaktdaten der Ansprechperson.",
    "Chronologie der Vorfälle und Protokoll des Erstgesprächs.",
    None,
)
RESPONSES = {
    R.AGREED: "Übernahme zugesagt, Erstgespräch vereinbart.",
    R.COMPLETED: "Fall übernommen; Beratung läuft, Rückmeldung an KoKoMa erfolgt.",
    R.DECLINED: "Keine Kapazität in den nächsten Wochen; andere Stelle empfohlen.",
}


def _day(moment: object) -> date:
    return moment.astimezone(LOCAL_TIME).date()  # type: ignore[attr-defined]


def _referral(
    rng: random.Random,
    case: Case,
    receivers: list[Contact],
    status: ReferralStatus,
    on: date,
) -> Referral:
    contact = rng.choice(receivers) if receivers and rng.random() < 0.8 else None
    personal = rng.random() < 0.5
    return Referral(
        id=uuid.uuid4(),
        municipality_id=case.municipality_id,
        case_id=case.id,
        contact=contact,
        target_name=None if contact else rng.choice(OUTSIDE),
        referred_on=on,
        reason=rng.choice(REASONS),
        handed_over=rng.choice(HANDED_OVER),
        personal_data=personal,
        consent_on=on - timedelta(days=rng.randint(0, 3)) if personal else None,
        status=status,
        follow_up_date=on + timedelta(days=21) if status in (R.PROPOSED, R.AGREED) else None,
        response=RESPONSES.get(status),
        created_by_id=case.created_by_id,
    )


async def _timeline_of(session: AsyncSession, case: Case) -> list[CaseTimelineEntry]:
    return list(
        await session.scalars(
            select(CaseTimelineEntry).where(CaseTimelineEntry.case_id == case.id)
        )
    )


async def _record(session: AsyncSession, case: Case, referral: Referral) -> None:
    """The referral's timeline entry; a referred case's status step names it."""
    made = case.closed_at or datetime.combine(referral.referred_on, time(10), LOCAL_TIME)
    entries = await _timeline_of(session, case)
    first = min(entries, key=lambda e: e.occurred_at)
    for entry in entries:
        if entry.change == "status" and entry.to_value == S.REFERRED.value:
            entry.referral_id, entry.subject = referral.id, referral.receiver_name
    session.add(
        CaseTimelineEntry(
            case_id=case.id,
            occurred_at=made,
            change="referral",
            from_value=None,
            to_value=referral.status.value,
            actor_id=first.actor_id,
            actor_name=first.actor_name,
            referral_id=referral.id,
            subject=referral.receiver_name,
        )
    )


async def _add_referrals(session: AsyncSession, municipality: Municipality) -> None:
    receivers = list(
        await session.scalars(
            select(Contact)
            .where(
                Contact.municipality_id == municipality.id,
                Contact.actor_group == ActorGroup.COUNSELLING_SERVICES,
            )
            .order_by(Contact.sort_name)
        )
    )
    cases = await session.scalars(
        select(Case)
        .where(
            Case.municipality_id == municipality.id,
            Case.status.in_([S.REFERRED, S.IN_PROGRESS, S.FOLLOW_UP]),
            ~select(Referral.id).where(Referral.case_id == Case.id).exists(),
        )
        .order_by(Case.year, Case.number)
    )
    today = _day(utcnow())
    for case in cases:
        # One generator per case: a second run decides alike for the cases left out.
        rng = random.Random(f"kokoma-demo-referral-{case.reference}")
        if case.status is S.REFERRED:
            status = rng.choice((R.COMPLETED, R.COMPLETED, R.AGREED))
            on = _day(case.closed_at)
        elif rng.random() < 0.3:
            status = rng.choice((R.PROPOSED, R.AGREED, R.DECLINED))
            on = max(_day(case.created_at), today - timedelta(days=rng.randint(2, 40)))
        else:
            continue
        referral = _referral(rng, case, receivers, status, on)
        session.add(referral)
        await _record(session, case, referral)


async def load_referrals(session: AsyncSession) -> None:
    """Add the demo referrals that are missing; run after cases and contacts. The caller
    commits."""
    municipalities = await session.scalars(
        select(Municipality).where(Municipality.slug.in_(PLACES)).order_by(Municipality.slug)
    )
    for municipality in municipalities:
        await _add_referrals(session, municipality)
    await session.flush()
