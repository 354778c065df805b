"""Loads the demo world: municipalities and one account per role, then domain data."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Role
from kokoma.attachments.storage import storage_for
from kokoma.demo.analyses import load_analyses
from kokoma.demo.annual_reports import load_annual_reports
from kokoma.demo.attachments import load_attachments
from kokoma.demo.cases import load_cases
from kokoma.demo.consultations import load_consultations
from kokoma.demo.contacts import load_contacts
from kokoma.demo.crisis_plans import load_crisis_plans
from kokoma.demo.district_analysis import load_district_analysis
from kokoma.demo.intake import load_intake
from kokoma.demo.mail import load_mail
from kokoma.demo.peer import load_peer
from kokoma.demo.places import load_places
from kokoma.demo.privacy import load_privacy
from kokoma.demo.referrals import load_referrals
from kokoma.demo.sso import load_sso
from kokoma.demo.steering import load_steering
from kokoma.demo.tasks import load_tasks
from kokoma.demo.trainings import load_trainings
from kokoma.municipalities.models import Municipality
from kokoma.settings import Settings
from kokoma.users.models import User
from kokoma.users.service import register_user

DEMO_PASSWORD = "KoKoMa-Demo-2026"

MUNICIPALITIES = [
    {"name": "Wartburgkreis", "slug": "wak", "official_key": "16063", "state": "Thüringen"},
    {"name": "Unstrut-Hainich-Kreis", "slug": "uh", "official_key": "16064", "state": "Thüringen"},
    # A third municipality of the programme, for the peer group across municipalities.
    {"name": "Kyffhäuserkreis", "slug": "kyf", "official_key": "16065", "state": "Thüringen"},
]

ACCOUNTS = [
    ("wak", Role.ADMIN, "admin@kokoma.example", "Jana Albrecht"),
    ("wak", Role.COORDINATOR, "koordination@wartburgkreis.example", "Thomas Berger"),
    ("wak", Role.CONFLICT_MANAGER, "konfliktmanagement@wartburgkreis.example", "Anna Schulze"),
    ("wak", Role.CONFLICT_MANAGER, "m.keller@wartburgkreis.example", "Markus Keller"),
    ("wak", Role.TRAINER, "qualifizierung@wartburgkreis.example", "Sabine Lorenz"),
    ("wak", Role.STEERING_GROUP, "steuerung@wartburgkreis.example", "Dr. Frank Heller"),
    ("uh", Role.COORDINATOR, "koordination@unstrut-hainich.example", "Petra Vogt"),
    ("uh", Role.CONFLICT_MANAGER, "konfliktmanagement@unstrut-hainich.example", "Lukas Brandt"),
    ("kyf", Role.COORDINATOR, "koordination@kyffhaeuserkreis.example", "Sandra Fiedler"),
    ("kyf", Role.CONFLICT_MANAGER, "konfliktmanagement@kyffhaeuserkreis.example", "Jonas Wendt"),
]


@dataclass
class DemoLogins:
    password: str
    accounts: list[tuple[str, str]] = field(default_factory=list)


async def _ensure_municipalities(session: AsyncSession) -> dict[str, Municipality]:
    by_slug = {m.slug: m for m in await session.scalars(select(Municipality))}
    for spec in MUNICIPALITIES:
        if spec["slug"] not in by_slug:
            municipality = Municipality(**spec)
            session.add(municipality)
            by_slug[spec["slug"]] = municipality
    await session.flush()
    return by_slug


async def _ensure_accounts(
    session: AsyncSession, municipalities: dict[str, Municipality]
) -> dict[str, User]:
    existing = {u.email: u for u in await session.scalars(select(User))}
    for slug, role, email, name in ACCOUNTS:
        if email not in existing:
            existing[email] = await register_user(
                session,
                municipality_id=municipalities[slug].id,
                email=email,
                full_name=name,
                role=role,
                password=DEMO_PASSWORD,
            )
    return existing


async def load_demo_data(
    session: AsyncSession, settings: Settings, sso: bool = False
) -> DemoLogins:
    """Create whatever part of the demo world is missing; return the logins. `sso`
    switches on the demo single sign-on (through the test provider of tests/idp)."""
    municipalities = await _ensure_municipalities(session)
    await _ensure_accounts(session, municipalities)
    # Contacts and places first, so cases get parties and places; consultations last.
    await load_contacts(session)
    await load_places(session)
    await load_cases(session)
    await load_referrals(session)
    await load_analyses(session)
    await load_district_analysis(session)
    await load_consultations(session)
    await load_trainings(session)
    await load_crisis_plans(session)
    await load_privacy(session)
    await load_attachments(session, storage_for(settings))
    await load_intake(session)
    await load_tasks(session)
    await load_mail(session)
    # After the e-mails above: the steering group's invitations and minutes join them.
    await load_steering(session)
    await load_peer(session)
    await load_sso(session, sso)
    # Last: its figures count the records loaded above.
    await load_annual_reports(session, settings.suppression_threshold)
    await session.commit()
    return DemoLogins(
        password=DEMO_PASSWORD,
        accounts=[(role.value, email) for _slug, role, email, _name in ACCOUNTS],
    )
