"""Demo data of the data-protection lifecycle: a legal hold on a closed case of the
Wartburgkreis, a reported barrier, a former contact whose time-limited consent runs
out within the month, and the district's own privacy notice, so that every list and the
public notice show something."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.cases.models import Case, CaseStatus
from kokoma.contacts.models import ActorGroup, Contact, ContactKind, LegalBasis
from kokoma.contacts.service import sort_key
from kokoma.core.calendar import local_today
from kokoma.db import utcnow
from kokoma.municipalities.models import Municipality
from kokoma.privacy.models import AccessibilityFeedback, LegalHold, PrivacyText, TextKind
from kokoma.users.models import User

FORMER_CONTACT = "Uwe Altmann"
NOTICE = """# Datenschutzhinweise — Wartburgkreis

## Wer ist verantwortlich?
Landratsamt Wartburgkreis, Kommunales Konfliktmanagement. Die Datenschutzbeauftragte
erreichen Sie unter datenschutz@wartburgkreis.example.

## Welche Daten werden verarbeitet?
Namen und Kontaktdaten von Ansprechpersonen im Netzwerk, die Beteiligung an
Konfliktfällen und Beratungen, die Teilnahme an Qualifizierungen und Anfragen über die
Kontaktseite. Dazu können Angaben über politische Meinungen gehören (Art. 9 DSGVO).

## Wozu und auf welcher Grundlage?
Zur Bearbeitung von Konflikten, die die lokale Demokratie gefährden, als öffentliche
Aufgabe (Art. 6 Abs. 1 lit. e, Art. 9 Abs. 2 lit. g DSGVO) oder mit Ihrer Einwilligung.

## Wie lange?
Abgeschlossene Fälle werden nach drei Jahren anonymisiert, Kontakte ohne Verknüpfung nach
drei Jahren gelöscht, sofern keine gültige Einwilligung besteht.

## Ihre Rechte
- Auskunft (Art. 15), Berichtigung (Art. 16), Löschung (Art. 17)
- Einschränkung (Art. 18) und Widerspruch (Art. 21 DSGVO)
- Beschwerde bei der Datenschutz-Aufsichtsbehörde (Art. 77 DSGVO)"""
HOLD_REASON = "Verwaltungsgerichtliches Verfahren zur Versammlungsauflage (Az. 2 K 118/26 Me)"
FEEDBACK = (
    "In der Netzwerkkarte kann ich die Kontakte mit dem Bildschirmleser nicht erreichen. "
    "Gibt es eine Liste?"
)


async def load_privacy(session: AsyncSession) -> None:
    """Add what is missing; run after cases. The caller commits."""
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == "wak"))
    if municipality is None:
        return
    held = await session.scalar(
        select(LegalHold.id).where(LegalHold.municipality_id == municipality.id)
    )
    case = await session.scalar(
        select(Case)
        .where(Case.municipality_id == municipality.id, Case.status == CaseStatus.CLOSED)
        .order_by(Case.reference)
        .limit(1)
    )
    coordinator = await session.scalar(
        select(User.id).where(User.email == "koordination@wartburgkreis.example")
    )
    if held is None and case is not None:
        session.add(
            LegalHold(
                municipality_id=municipality.id,
                case_id=case.id,
                reason=HOLD_REASON,
                placed_by_id=coordinator,
            )
        )
    reported = await session.scalar(
        select(AccessibilityFeedback.id).where(
            AccessibilityFeedback.municipality_id == municipality.id
        )
    )
    if reported is None:
        session.add(
            AccessibilityFeedback(
                municipality_id=municipality.id, page="/network/map", message=FEEDBACK
            )
        )
    await _former_contact(session, municipality)
    noticed = await session.scalar(
        select(PrivacyText.id).where(PrivacyText.municipality_id == municipality.id)
    )
    if noticed is None:
        session.add(
            PrivacyText(
                municipality_id=municipality.id,
                kind=TextKind.PRIVACY_NOTICE,
                body=NOTICE,
                updated_by_name="Koordination Wartburgkreis",
            )
        )
    await session.flush()


async def _former_contact(session: AsyncSession, municipality: Municipality) -> None:
    """A person nothing links to any more, unchanged for three years, whose consent
    ends in twelve days: retention lists them among the upcoming deletions."""
    exists_ = await session.scalar(
        select(Contact.id).where(
            Contact.municipality_id == municipality.id, Contact.name == FORMER_CONTACT
        )
    )
    if exists_ is not None:
        return
    today = local_today()
    given, family = FORMER_CONTACT.split()
    contact = Contact(
        municipality_id=municipality.id,
        kind=ContactKind.PERSON,
        name=FORMER_CONTACT,
        given_name=given,
        family_name=family,
        actor_group=ActorGroup.CIVIL_SOCIETY,
        position="ehemals Sprecher der Bürgerinitiative Windkraft",
        legal_basis=LegalBasis.CONSENT,
        consent_date=today - timedelta(days=4 * 365),
        consent_expires_on=today + timedelta(days=12),
    )
    contact.sort_name = sort_key(contact)
    session.add(contact)
    await session.flush()
    # Last changed three years ago, as if recorded then.
    contact.created_at = contact.updated_at = utcnow() - timedelta(days=3 * 365)
