"""Demo contact point: the Wartburgkreis's public page (`/kontakt/wartburgkreis`) with the
Demokratiewerkstatt Bad Salzungen as contact point, three listed conflict managers and
five requests for help in different states. Idempotent: a municipality with a page is
left as it is.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Role
from kokoma.cases.models import Case, CaseStatus, CaseTimelineEntry
from kokoma.consultations.models import Consultation, ConsultationKind
from kokoma.db import utcnow
from kokoma.intake.models import (
    ContactMethod,
    ContactPage,
    HelpRequest,
    OnBehalfOf,
    PublicListing,
    RequestChannel,
    RequestStatus,
    Urgency,
)
from kokoma.municipalities.models import Municipality
from kokoma.places.models import Place
from kokoma.users.models import User

OFFER = (
    "Das Kommunale Konfliktmanagement im Wartburgkreis hilft, wenn ein Streit vor Ort "
    "festgefahren ist: in der Nachbarschaft, im Verein, in der Schule, in der Gemeinde "
    "oder zwischen Verwaltung und Bürgerschaft.\n\n"
    "Wir hören zu, schauen uns den Konflikt gemeinsam an und suchen mit Ihnen einen Weg: "
    "ein Gespräch, eine Moderation, eine Vermittlung – oder den Kontakt zu einer Stelle, "
    "die besser helfen kann. Die Beratung ist vertraulich und kostenlos."
)
LIMITS = (
    "Wir geben keine Rechtsberatung und vertreten niemanden vor Gericht.\n\n"
    "Wir sind kein Notdienst: Wir melden uns in der Regel innerhalb von drei Werktagen."
)
EMERGENCY = (
    "In einem Notfall rufen Sie bitte sofort an:\n"
    "Polizei: 110\n"
    "Feuerwehr und Rettungsdienst: 112\n"
    "Telefonseelsorge (rund um die Uhr, kostenlos): 0800 111 0 111\n"
    "Hilfetelefon Gewalt gegen Frauen: 116 016"
)
LISTED = {
    "Anna Schulze": ("Landratsamt Wartburgkreis, Fachdienst Jugend", "03695 61-0000, Di–Do"),
    "Markus Keller": ("Stadtverwaltung Bad Salzungen", "m.keller@wartburgkreis.example"),
    "Thomas Berger": ("Koordination, Demokratiewerkstatt", "03695 61-0001"),
}
# (description, place, since, involved, urgency, contact, status)
REQUESTS = (
    (
        "Im Jugendclub gibt es seit Wochen Streit zwischen zwei Gruppen Jugendlicher. "
        "Inzwischen trauen sich manche nicht mehr hin.",
        "Tiefenort",
        "seit den Sommerferien",
        "Jugendclub-Verein, Jugendliche, Ortsteilrat",
        Urgency.MEDIUM,
        ContactMethod.EMAIL,
        RequestStatus.NEW,
    ),
    (
        "Auf Flugblättern im Ort wird gegen die geplante Unterkunft gehetzt. Ich möchte "
        "wissen, was man tun kann, ohne selbst zur Zielscheibe zu werden.",
        None,
        "seit zwei Wochen",
        "Anwohnende, Unbekannte",
        Urgency.HIGH,
        ContactMethod.ANONYMOUS,
        RequestStatus.NEW,
    ),
    (
        "Der Gemeinderat und die Bürgerinitiative reden nicht mehr miteinander.",
        "Dippach",
        "seit der letzten Sitzung im Frühjahr",
        "Gemeinderat, Bürgerinitiative",
        Urgency.MEDIUM,
        ContactMethod.PHONE,
        RequestStatus.CASE_OPENED,
    ),
    (
        "Wir möchten wissen, wie wir als Verein mit einem Mitglied umgehen, das im "
        "Vereinsheim rechte Parolen verbreitet.",
        "Eisenach",
        None,
        "Vorstand, Mitglied",
        Urgency.LOW,
        ContactMethod.EMAIL,
        RequestStatus.ANSWERED,
    ),
    (
        "Mein Nachbar parkt immer vor meiner Einfahrt.",
        None,
        None,
        None,
        Urgency.LOW,
        ContactMethod.PHONE,
        RequestStatus.DECLINED,
    ),
)


async def load_intake(session: AsyncSession) -> None:
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == "wak"))
    if municipality is None:
        return
    mid = municipality.id
    if await session.scalar(select(ContactPage.id).where(ContactPage.municipality_id == mid)):
        return
    users = {
        u.full_name: u
        for u in await session.scalars(select(User).where(User.municipality_id == mid))
    }
    anna = users.get("Anna Schulze")
    session.add(
        ContactPage(
            municipality_id=mid,
            published=True,
            page_slug="wartburgkreis",
            offer=OFFER,
            limits=LIMITS,
            emergency=EMERGENCY,
            point_name="Demokratiewerkstatt Bad Salzungen",
            point_address="Demokratiewerkstatt im Haus der Vereine, 36433 Bad Salzungen",
            point_hours="Dienstag und Donnerstag 10–16 Uhr und nach Vereinbarung",
            point_phone="03695 61-0001",
            point_email="demokratiewerkstatt@wartburgkreis.example",
            inbox_member_ids=[str(anna.id)] if anna else [],
        )
    )
    now = utcnow()
    for name, (office, reach) in LISTED.items():
        user = users.get(name)
        if user is not None and user.role in (Role.CONFLICT_MANAGER, Role.COORDINATOR):
            session.add(
                PublicListing(
                    municipality_id=mid,
                    user_id=user.id,
                    office=office,
                    reach=reach,
                    consented_at=now - timedelta(days=40),
                )
            )
    places = {
        p.name: p.id
        for p in await session.scalars(select(Place).where(Place.municipality_id == mid))
    }
    coordinator = users.get("Thomas Berger")
    open_case = await session.scalar(
        select(Case)
        .where(Case.municipality_id == mid, Case.status == CaseStatus.CLARIFYING)
        .order_by(Case.created_at.desc())
    )
    talk = await session.scalar(
        select(Consultation.id).where(
            Consultation.municipality_id == mid,
            Consultation.case_id.is_(None),
            Consultation.kind == ConsultationKind.INITIAL_TALK,
        )
    )
    for index, (text, place, since, involved, urgency, contact, status) in enumerate(REQUESTS):
        received = now - timedelta(days=2 + index * 5, hours=index * 3)
        request = HelpRequest(
            id=uuid.uuid4(),
            municipality_id=mid,
            reference=f"A-DEMO-{index + 1:04d}"[:11],
            channel=RequestChannel.FORM if index != 3 else RequestChannel.STAFF,
            status=status,
            description=text,
            place_id=places.get(place) if place else None,
            since=since,
            involved=involved,
            urgency=urgency,
            on_behalf_of=OnBehalfOf.ORGANISATION if index == 3 else OnBehalfOf.SELF,
            organisation="Heimatverein Eisenach e. V." if index == 3 else None,
            contact_method=contact,
            name=None if contact is ContactMethod.ANONYMOUS else "Demo-Anfrage",
            email="anfrage@example.org" if contact is ContactMethod.EMAIL else None,
            phone="03695 000000" if contact is ContactMethod.PHONE else None,
            consented_at=received,
            created_at=received,
            updated_at=received,
        )
        if status is not RequestStatus.NEW:
            request.handled_at = received + timedelta(days=1)
            request.handled_by_id = coordinator.id if coordinator else None
        if status is RequestStatus.CASE_OPENED and open_case is not None:
            request.case_id = open_case.id
            session.add(
                CaseTimelineEntry(
                    case_id=open_case.id,
                    occurred_at=open_case.created_at,
                    change="request",
                    to_value=request.reference,
                    actor_id=coordinator.id if coordinator else None,
                    actor_name=coordinator.full_name if coordinator else "Koordination",
                )
            )
        elif status is RequestStatus.CASE_OPENED:
            request.status = RequestStatus.NEW
            request.handled_at = request.handled_by_id = None
        if status is RequestStatus.ANSWERED:
            request.consultation_id = talk
        if status is RequestStatus.DECLINED:
            request.decline_reason = (
                "Kein Konflikt mit Bezug zum Gemeinwesen; an das Ordnungsamt verwiesen."
            )
        session.add(request)
    await session.flush()
