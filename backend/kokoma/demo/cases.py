"""Demo cases: a year of casework per demo municipality, with timelines.

Idempotent: cases are recognised by title, so a second run adds nothing. Parties
are linked to the municipality's network contacts when there are any; a later run
links demo cases that were created before the contacts existed.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from kokoma.access.permissions import Role
from kokoma.cases.models import (
    Case,
    CaseAssignment,
    CaseOutcome,
    CaseParty,
    CaseStatus,
    CaseTimelineEntry,
    CaseTopic,
    CaseTopicRow,
    CaseVisibility,
    DemocracyIndicator,
    PartyRole,
)
from kokoma.cases.numbering import issue_reference
from kokoma.cases.timeline import UNRATED
from kokoma.contacts.models import Contact
from kokoma.core.calendar import LOCAL_TIME
from kokoma.db import utcnow
from kokoma.municipalities.models import Municipality
from kokoma.places.models import Place
from kokoma.users.models import User

CASES_PER_MUNICIPALITY = 40
S = CaseStatus
T = CaseTopic
DI = DemocracyIndicator

PLACES = {
    "wak": [
        "Bad Salzungen",
        "Eisenach-Stockhausen",
        "Gerstungen",
        "Ruhla",
        "Bad Liebenstein",
        "Vacha",
        "Geisa",
        "Dermbach",
        "Treffurt",
        "Creuzburg",
        "Marksuhl",
        "Tiefenort",
        "Merkers",
        "Kaltennordheim",
        "Wutha-Farnroda",
        "Seebach",
        "Barchfeld-Immelborn",
        "Stadtlengsfeld",
    ],
    "uh": [
        "Mühlhausen",
        "Bad Langensalza",
        "Schlotheim",
        "Körner",
        "Menteroda",
        "Unstruttal",
        "Herbsleben",
        "Großengottern",
        "Vogtei",
        "Bad Tennstedt",
        "Kammerforst",
        "Anrode",
        "Nottertal-Heilinger Höhen",
    ],
}


@dataclass(frozen=True)
class Template:
    title: str
    summary: str
    topics: tuple[CaseTopic, ...]
    requesting_body: str
    indicators: tuple[DemocracyIndicator, ...] = ()


TEMPLATES = (
    Template(
        "Streit um Windvorranggebiet bei {place}",
        "Eine Bürgerinitiative lehnt die geplanten Windräder ab; im Gemeinderat stehen "
        "sich zwei Lager gegenüber, Sitzungen werden lautstark gestört.",
        (T.ENERGY_INFRASTRUCTURE, T.LOCAL_POLITICS),
        "Bürgermeister",
    ),
    Template(
        "Konflikt um Solarpark auf Ackerflächen in {place}",
        "Landwirte, Investor und Anwohnende streiten über die Nutzung der Flächen.",
        (T.ENERGY_INFRASTRUCTURE,),
        "Ortsteilrat",
    ),
    Template(
        "Spannungen um Gemeinschaftsunterkunft in {place}",
        "Nach Bekanntwerden der Pläne für eine Unterkunft kursieren Gerüchte in "
        "Messenger-Gruppen; bei einer Einwohnerversammlung kam es zu Beschimpfungen.",
        (T.MIGRATION_INTEGRATION,),
        "Landratsamt, Fachdienst Migration",
        (DI.GROUP_HOSTILITY, DI.DISINFORMATION),
    ),
    Template(
        "Rechtsextreme Vereinnahmung des Heimatfests in {place}",
        "Eine rechtsextreme Gruppe bietet sich als Helfer beim Fest an; der Festverein "
        "ist gespalten, Ehrenamtliche ziehen sich zurück.",
        (T.RIGHT_WING_EXTREMISM,),
        "Festverein",
        (DI.EXTREMIST_ACTORS, DI.WITHDRAWAL_FROM_OFFICE),
    ),
    Template(
        "Bedrohung der Ortsteilbürgermeisterin in {place}",
        "Die Ortsteilbürgermeisterin erhält anonyme Drohschreiben und erwägt den Rücktritt.",
        (T.RIGHT_WING_EXTREMISM, T.LOCAL_POLITICS),
        "Ortsteilbürgermeisterin",
        (DI.THREATS_AGAINST_OFFICIALS, DI.WITHDRAWAL_FROM_OFFICE),
    ),
    Template(
        "Blockade im Gemeinderat {place}",
        "Seit der Kommunalwahl scheitern Beschlüsse regelmäßig; der Haushalt ist nicht "
        "beschlossen, die Verwaltung kann Aufträge nicht vergeben.",
        (T.LOCAL_POLITICS,),
        "Hauptamt",
        (DI.BLOCKED_DECISIONS,),
    ),
    Template(
        "Streit um den Schulstandort {place}",
        "Eltern, Schulträger und Ortsteile streiten über die Schließung der Grundschule.",
        (T.LOCAL_POLITICS, T.YOUTH),
        "Elternvertretung",
    ),
    Template(
        "Lärmkonflikt am Marktplatz {place}",
        "Anwohnende beschweren sich über Lärm abends; Gastronomie und Jugendliche "
        "fühlen sich verdrängt.",
        (T.NEIGHBOURHOOD, T.YOUTH),
        "Ordnungsamt",
    ),
    Template(
        "Jugendtreff {place}: Konflikt mit Anwohnenden",
        "Der Jugendclub soll wegen Beschwerden schließen; der Jugendring bittet um Vermittlung.",
        (T.YOUTH, T.NEIGHBOURHOOD),
        "Kreisjugendring",
    ),
    Template(
        "Konflikt um Gebetsraum in {place}",
        "Ein Verein möchte einen Gebetsraum einrichten; Flugblätter gegen das Vorhaben "
        "wurden verteilt.",
        (T.RELIGION, T.MIGRATION_INTEGRATION),
        "Bauamt",
        (DI.GROUP_HOSTILITY,),
    ),
    Template(
        "Spaltung im Sportverein {place} nach Protesten",
        "Seit den Protestjahren ist der Vorstand zerstritten; Mitglieder treten aus.",
        (T.PANDEMIC_PROTEST,),
        "Vereinsvorstand",
    ),
    Template(
        "Montagsspaziergänge in {place}",
        "Regelmäßige Aufzüge vor dem Rathaus; Mitarbeitende der Verwaltung werden "
        "beschimpft und gefilmt.",
        (T.PANDEMIC_PROTEST, T.LOCAL_POLITICS),
        "Bürgermeisterin",
        (DI.DELEGITIMISING_INSTITUTIONS, DI.INTIMIDATION_OF_CIVIL_SOCIETY),
    ),
    Template(
        "Streit um Freibadschließung in {place}",
        "Die Schließung des Freibads aus Kostengründen spaltet den Ort.",
        (T.OTHER, T.LOCAL_POLITICS),
        "Förderverein Freibad",
    ),
    Template(
        "Nachbarschaftsstreit um Grundstücksgrenze in {place}",
        "Ein langer Streit zweier Familien hat den Ortsteil in Lager geteilt.",
        (T.NEIGHBOURHOOD,),
        "Schiedsstelle",
    ),
)

# How far along the forward path a case got, by its final status.
PATHS = {
    S.NEW: [S.NEW],
    S.CLARIFYING: [S.NEW, S.CLARIFYING],
    S.ANALYSING: [S.NEW, S.CLARIFYING, S.ANALYSING],
    S.IN_PROGRESS: [S.NEW, S.CLARIFYING, S.ANALYSING, S.IN_PROGRESS],
    S.FOLLOW_UP: [S.NEW, S.CLARIFYING, S.ANALYSING, S.IN_PROGRESS, S.FOLLOW_UP],
    S.CLOSED: [S.NEW, S.CLARIFYING, S.ANALYSING, S.IN_PROGRESS, S.FOLLOW_UP, S.CLOSED],
    S.REFERRED: [S.NEW, S.CLARIFYING, S.REFERRED],
}
NOTES = {
    S.CLARIFYING: "Erstgespräch geführt, Auftrag wird geklärt.",
    S.ANALYSING: "Auftrag mit der Verwaltungsspitze vereinbart.",
    S.IN_PROGRESS: "Konfliktanalyse abgeschlossen, Moderation vereinbart.",
    S.FOLLOW_UP: "Vereinbarungen getroffen, Nachsorgetermin geplant.",
    S.CLOSED: "Nachsorge ohne neue Vorfälle abgeschlossen.",
    S.REFERRED: "An die zuständige Fachstelle übergeben.",
}


@dataclass
class _Staff:
    managers: list[User]
    coordinator: User | None

    @property
    def everyone(self) -> list[User]:
        return self.managers + ([self.coordinator] if self.coordinator else [])


def _final_status(rng: random.Random, age_days: int) -> CaseStatus:
    # Older cases are more often finished; recent ones are still being clarified.
    if age_days > 240:
        choices = [S.CLOSED] * 6 + [S.REFERRED] * 2 + [S.FOLLOW_UP, S.IN_PROGRESS]
    elif age_days > 90:
        choices = [
            S.CLOSED,
            S.REFERRED,
            S.FOLLOW_UP,
            S.FOLLOW_UP,
            S.IN_PROGRESS,
            S.IN_PROGRESS,
            S.ANALYSING,
        ]
    else:
        choices = [S.NEW, S.NEW, S.CLARIFYING, S.CLARIFYING, S.ANALYSING, S.IN_PROGRESS]
    return rng.choice(choices)


def _entry(
    case: Case,
    when: datetime,
    actor: User,
    change: str,
    before: object,
    after: object,
    note: str | None = None,
) -> CaseTimelineEntry:
    return CaseTimelineEntry(
        case_id=case.id,
        occurred_at=when,
        change=change,
        from_value=None if before is None else str(before),
        to_value=UNRATED if after is None else str(after),
        note=note,
        actor_id=actor.id,
        actor_name=actor.full_name,
    )


def _timeline(
    rng: random.Random, case: Case, actor: User, now: datetime
) -> list[CaseTimelineEntry]:
    """Walk the case along its path, with one escalation reassessment on the way."""
    path = PATHS[case.status]
    # Cases move on within a few months of opening, however long ago that was.
    span = min(max((now - case.created_at).total_seconds(), 3600.0), 150 * 86400.0)
    moments = sorted(case.created_at + timedelta(seconds=rng.uniform(0, span)) for _ in path[1:])
    level = case.escalation_level
    start_level = None if level is None else max(1, level - rng.choice((0, 1, 1, 2)))
    entries = [
        _entry(case, case.created_at, actor, "status", None, S.NEW.value),
        _entry(case, case.created_at, actor, "escalation_level", None, start_level),
    ]
    for before, after, when in zip(path, path[1:], moments, strict=False):
        entries.append(
            _entry(case, when, actor, "status", before.value, after.value, NOTES[after])
        )
    if start_level != case.escalation_level:
        # Reassessed before the first status step, or soon after opening.
        first_step = moments[0] if moments else min(case.created_at + timedelta(hours=10), now)
        when = case.created_at + (first_step - case.created_at) / 2
        entries.append(
            _entry(
                case,
                when,
                actor,
                "escalation_level",
                start_level,
                case.escalation_level,
                "Neue Vorfälle, Lage neu eingeschätzt.",
            )
        )
    case.updated_at = max(e.occurred_at for e in entries)
    if case.status in (S.CLOSED, S.REFERRED):
        case.closed_at = entries[len(path)].occurred_at
    return entries


def _settle(rng: random.Random, case: Case, now: datetime) -> None:
    if case.status is S.CLOSED:
        case.outcome = rng.choice(
            [
                CaseOutcome.AGREEMENT_REACHED,
                CaseOutcome.AGREEMENT_REACHED,
                CaseOutcome.PARTLY_RESOLVED,
                CaseOutcome.DE_ESCALATED,
                CaseOutcome.UNRESOLVED,
            ]
        )
        case.outcome_note = "Gemeinsame Vereinbarung der Beteiligten, Gesprächsrunde verstetigt."
    elif case.status is S.REFERRED:
        # The referral that handed it over is recorded by kokoma.demo.referrals.
        case.outcome = CaseOutcome.HANDED_OVER
    else:
        # Some follow-ups are overdue, none before the case was opened.
        local_today = now.astimezone(LOCAL_TIME).date()
        opened = case.created_at.astimezone(LOCAL_TIME).date()
        case.follow_up_date = max(
            opened + timedelta(days=7), local_today + timedelta(days=rng.randint(-10, 45))
        )


def _new_case(
    rng: random.Random,
    template: Template,
    place: str,
    created: datetime,
    staff: _Staff,
    now: datetime,
) -> tuple[Case, User]:
    age = (now - created).days
    worker = rng.choice(staff.managers or staff.everyone)
    status = _final_status(rng, age)
    level = rng.choice((2, 3, 3, 4, 4, 5, 6)) + (1 if template.indicators else 0)
    case = Case(
        id=uuid.uuid4(),
        title=template.title.format(place=place),
        summary=template.summary,
        status=status,
        # Some new cases have not been rated yet (noch nicht eingeschätzt); decided without
        # another draw, so the rest of the demo world stays as it was.
        escalation_level=None if status is S.NEW and level % 2 else level,
        endangers_democracy=bool(template.indicators),
        democracy_indicators=[i.value for i in template.indicators],
        place=place,
        requesting_body=template.requesting_body,
        visibility=CaseVisibility.RESTRICTED if rng.random() < 0.15 else CaseVisibility.TEAM,
        created_at=created,
        topic_rows=[CaseTopicRow(topic=t) for t in template.topics],
        assignments=[CaseAssignment(user_id=worker.id, assigned_at=created)],
        party_rows=[],
    )
    _settle(rng, case, now)
    return case, worker


async def _staff(session: AsyncSession, municipality: Municipality) -> _Staff:
    users = list(
        await session.scalars(
            select(User)
            .where(User.municipality_id == municipality.id, User.is_active)
            .order_by(User.email)
        )
    )
    return _Staff(
        managers=[u for u in users if u.role is Role.CONFLICT_MANAGER],
        coordinator=next((u for u in users if u.role is Role.COORDINATOR), None),
    )


def _specs(rng: random.Random, places: list[str]) -> list[tuple[Template, str]]:
    specs: dict[str, tuple[Template, str]] = {}
    while len(specs) < CASES_PER_MUNICIPALITY:
        template, place = rng.choice(TEMPLATES), rng.choice(places)
        specs.setdefault(template.title.format(place=place), (template, place))
    return list(specs.values())


async def _add_cases(session: AsyncSession, municipality: Municipality, now: datetime) -> set[str]:
    """Adds the missing demo cases; returns the titles of all demo cases."""
    rng = random.Random(f"kokoma-demo-cases-{municipality.slug}")
    specs = _specs(rng, PLACES[municipality.slug])
    staff = await _staff(session, municipality)
    if not staff.everyone:
        return set()
    existing = set(
        await session.scalars(select(Case.title).where(Case.municipality_id == municipality.id))
    )
    # Places of the municipality's list (kokoma.demo.places); the others stay in words.
    listed = {
        name: place_id
        for name, place_id in await session.execute(
            select(Place.name, Place.id).where(Place.municipality_id == municipality.id)
        )
    }
    created = sorted(now - timedelta(days=rng.uniform(3, 365)) for _ in specs)
    for (template, place), opened in zip(specs, created, strict=False):
        case, worker = _new_case(rng, template, place, opened, staff, now)
        if case.title in existing:
            continue
        case.municipality_id = municipality.id
        case.place_id = listed.get(place)
        case.created_by_id = worker.id
        year = opened.astimezone(LOCAL_TIME).year
        case.year, case.number, case.reference = await issue_reference(
            session, municipality.id, year=year
        )
        case.refresh_search_text()
        session.add(case)
        session.add_all(_timeline(rng, case, worker, now))
        # Cases finished for more than three months have been archived a month after.
        if case.closed_at and now - case.closed_at > timedelta(days=90):
            case.archived = True
            case.archived_at = case.closed_at + timedelta(days=30)
    return {template.title.format(place=place) for template, place in specs}


async def _link_parties(
    session: AsyncSession, municipality: Municipality, titles: set[str]
) -> None:
    contacts = list(
        await session.scalars(
            select(Contact)
            .where(Contact.municipality_id == municipality.id)
            .order_by(Contact.sort_name)
        )
    )
    if not contacts:
        return
    cases = await session.scalars(
        select(Case)
        .where(
            Case.municipality_id == municipality.id,
            Case.title.in_(titles),
            ~Case.party_rows.any(),
        )
        .options(selectinload(Case.party_rows))
        .order_by(Case.year, Case.number)
    )
    rng = random.Random(f"kokoma-demo-parties-{municipality.slug}")
    roles = [
        PartyRole.CONFLICT_PARTY,
        PartyRole.CONFLICT_PARTY,
        PartyRole.REQUESTING_PARTY,
        PartyRole.AFFECTED,
        PartyRole.DECISION_MAKER,
        PartyRole.KEY_PERSON,
    ]
    for case in cases:
        chosen = rng.sample(contacts, k=min(len(contacts), rng.randint(1, 4)))
        case.party_rows = [
            CaseParty(contact_id=c.id, role_in_conflict=rng.choice(roles)) for c in chosen
        ]


async def load_cases(session: AsyncSession) -> None:
    """Add the demo cases that are missing in the demo municipalities; the caller commits."""
    now = utcnow()
    municipalities = await session.scalars(
        select(Municipality).where(Municipality.slug.in_(PLACES)).order_by(Municipality.slug)
    )
    for municipality in municipalities:
        titles = await _add_cases(session, municipality, now)
        await session.flush()
        await _link_parties(session, municipality, titles)
    await session.flush()
