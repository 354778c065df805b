"""A large, realistic data set: one district with years of casework, a few smaller ones.

At ``scale=1`` the district (Wartburgkreis) has 200,000 cases, 1,000,000 consultations
and 20,000 network contacts; four neighbouring districts have a few percent of that.
Rows come out as plain dicts in batches, parents before children, and are written by
``bench.bulk`` (COPY on PostgreSQL, executemany on SQLite), never through the API.
Everything derives from one seed, so two runs at the same scale write the same data
(apart from the moment "now" the history ends at).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from kokoma.access.permissions import Role
from kokoma.cases.models import CaseOutcome, CaseStatus, PartyRole
from kokoma.cases.workflow import ENDED
from kokoma.consultations.models import (
    ConsultationFormat,
    ConsultationKind,
    CounsellingRole,
)
from kokoma.contacts.models import ActorGroup, ContactKind, LegalBasis, RelationType
from kokoma.contacts.service import sort_key
from kokoma.core.calendar import LOCAL_TIME
from kokoma.core.folding import fold
from kokoma.demo.cases import NOTES, PATHS, PLACES, TEMPLATES
from kokoma.demo.cases import _final_status as final_status
from kokoma.demo.referrals import OUTSIDE, REASONS

Row = dict[str, Any]
Batch = tuple[str, list[Row]]

FULL = {"cases": 200_000, "consultations": 1_000_000, "contacts": 20_000}
HISTORY_DAYS = 8 * 365
CASES_PER_BLOCK = 1_000


@dataclass(frozen=True)
class District:
    name: str
    slug: str
    official_key: str
    share: float  # of the full-size figures
    managers: int
    places: tuple[str, ...]


DISTRICTS = (
    District("Wartburgkreis", "wak", "16063", 1.0, 30, tuple(PLACES["wak"])),
    District("Unstrut-Hainich-Kreis", "uh", "16064", 0.03, 5, tuple(PLACES["uh"])),
    District(
        "Landkreis Gotha",
        "gth",
        "16067",
        0.02,
        4,
        (
            "Gotha",
            "Waltershausen",
            "Ohrdruf",
            "Friedrichroda",
            "Tambach-Dietharz",
            "Bad Tabarz",
            "Georgenthal",
            "Nessetal",
        ),
    ),
    District(
        "Ilm-Kreis",
        "ik",
        "16070",
        0.02,
        4,
        (
            "Arnstadt",
            "Ilmenau",
            "Stadtilm",
            "Plaue",
            "Großbreitenbach",
            "Geratal",
            "Amt Wachsenburg",
        ),
    ),
    District(
        "Kyffhäuserkreis",
        "kyf",
        "16065",
        0.015,
        3,
        (
            "Sondershausen",
            "Artern",
            "Bad Frankenhausen",
            "Roßleben-Wiehe",
            "Kyffhäuserland",
            "Greußen",
            "Ebeleben",
        ),
    ),
)

GIVEN_NAMES = (
    "Anna",
    "Lukas",
    "Sabine",
    "Thomas",
    "Petra",
    "Markus",
    "Katrin",
    "Stefan",
    "Julia",
    "Andreas",
    "Claudia",
    "Michael",
    "Doreen",
    "Jens",
    "Ines",
    "Frank",
    "Mandy",
    "René",
    "Susanne",
    "Uwe",
    "Franziska",
    "Tobias",
    "Heike",
    "Sven",
    "Nadine",
    "Marcel",
    "Jana",
    "Matthias",
    "Kerstin",
    "Christian",
    "Lea",
    "Jonas",
    "Marie",
    "Paul",
    "Sophie",
    "Felix",
    "Birgit",
    "Dirk",
    "Anke",
    "Torsten",
    "Silke",
    "Ralf",
    "Yvonne",
    "Kai",
    "Elke",
    "Jörg",
)
FAMILY_NAMES = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Krause",
    "Meier",
    "Lehmann",
    "Schmid",
    "Schulze",
    "Maier",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Möller",
    "Scholz",
    "Jung",
    "Hahn",
    "Keller",
    "Vogel",
    "Günther",
    "Böhm",
    "Ehrhardt",
    "Heß",
)
ORGANISATION_KINDS = (
    ("Freiwillige Feuerwehr", ActorGroup.CIVIL_SOCIETY),
    ("Heimatverein", ActorGroup.ASSOCIATIONS),
    ("Sportverein", ActorGroup.ASSOCIATIONS),
    ("Evangelische Kirchgemeinde", ActorGroup.RELIGIOUS_COMMUNITY),
    ("Katholische Pfarrei", ActorGroup.RELIGIOUS_COMMUNITY),
    ("Staatliche Regelschule", ActorGroup.EDUCATION),
    ("Staatliche Grundschule", ActorGroup.EDUCATION),
    ("Gemeindeverwaltung", ActorGroup.ADMINISTRATION),
    ("Ortsteilrat", ActorGroup.POLITICS),
    ("Polizeistation", ActorGroup.POLICE),
    ("Bürgerinitiative Lebenswertes", ActorGroup.CIVIL_SOCIETY),
    ("Jugendclub", ActorGroup.CIVIL_SOCIETY),
    ("Gewerbeverein", ActorGroup.BUSINESS),
    ("Lokalredaktion", ActorGroup.MEDIA),
    ("Beratungsstelle", ActorGroup.COUNSELLING_SERVICES),
)
POSITIONS = (
    "Bürgermeisterin",
    "Bürgermeister",
    "Vorsitzende",
    "Vorsitzender",
    "Schulleiterin",
    "Pfarrer",
    "Ortsteilbürgermeister",
    "Sachbearbeiterin",
    "Revierleiter",
    "Redakteurin",
    "Jugendsozialarbeiter",
    "Gemeinderätin",
    None,
    None,
    None,
)
CONTACT_TOPICS = (
    "Windkraft",
    "Schulstandort",
    "Migration",
    "Jugend",
    "Extremismus",
    "Haushalt",
    "Versammlungen",
    "Freibad",
    "Dorffest",
    "Integration",
    "Prävention",
    "Ehrenamt",
)
CONSULTATION_SUMMARIES = (
    "Erstgespräch mit der Verwaltungsspitze in {place}: Anlass, Beteiligte, Erwartungen.",
    "Beratung der Ortsteilbürgermeisterin zum Umgang mit Anfeindungen in {place}.",
    "Moderiertes Gespräch zwischen Bürgerinitiative und Gemeinderat in {place}.",
    "Mediation zweier Nachbarfamilien in {place}; erste Vereinbarungen festgehalten.",
    "Kollegiale Fallberatung zum Konflikt in {place} mit drei Kolleginnen.",
    "Telefonische Nachsorge: Lage in {place} ruhig, Vereinbarungen halten.",
    "Vorbereitung der Einwohnerversammlung in {place} mit Verwaltung und Polizei.",
    "Beratung des Vereinsvorstands in {place} zur Abgrenzung gegen Vereinnahmung.",
)
KIND_WEIGHTS = {
    ConsultationKind.INITIAL_TALK: 20,
    ConsultationKind.COUNSELLING: 30,
    ConsultationKind.MODERATION: 15,
    ConsultationKind.MEDIATION: 8,
    ConsultationKind.PEER_CONSULTATION: 7,
    ConsultationKind.REFERRAL: 5,
    ConsultationKind.FOLLOW_UP: 15,
}
ROLE_OF_KIND = {
    ConsultationKind.INITIAL_TALK: CounsellingRole.ADVISOR,
    ConsultationKind.COUNSELLING: CounsellingRole.ADVISOR,
    ConsultationKind.MODERATION: CounsellingRole.MODERATOR,
    ConsultationKind.MEDIATION: CounsellingRole.MEDIATOR,
    ConsultationKind.PEER_CONSULTATION: CounsellingRole.PEER_CONSULTANT,
    ConsultationKind.REFERRAL: CounsellingRole.ADVISOR,
    ConsultationKind.FOLLOW_UP: CounsellingRole.PROCESS_FACILITATOR,
}
ESCALATION_WEIGHTS = (20, 22, 18, 12, 9, 7, 5, 4, 3)
CLOSING_OUTCOMES = (
    CaseOutcome.AGREEMENT_REACHED,
    CaseOutcome.PARTLY_RESOLVED,
    CaseOutcome.DE_ESCALATED,
    CaseOutcome.UNRESOLVED,
    CaseOutcome.WITHDRAWN,
)
S = CaseStatus


@dataclass(frozen=True)
class Plan:
    """How many records each district gets at ``scale``."""

    scale: float

    def size(self, district: District, what: str) -> int:
        return max(10, round(FULL[what] * self.scale * district.share))


def staff_email(district: District, role: Role, index: int) -> str:
    """The bench accounts' logins, e.g. ``km01@wak.bench.example``."""
    prefix = {
        Role.ADMIN: "admin",
        Role.COORDINATOR: "koordination",
        Role.CONFLICT_MANAGER: "km",
        Role.TRAINER: "qualifizierung",
        Role.STEERING_GROUP: "steuerung",
    }[role]
    return f"{prefix}{index:02d}@{district.slug}.bench.example"


def _staff_roles(district: District) -> list[tuple[Role, int]]:
    roles = [
        (Role.COORDINATOR, 2),
        (Role.CONFLICT_MANAGER, district.managers),
        (Role.TRAINER, 1),
        (Role.STEERING_GROUP, 2),
    ]
    if district is DISTRICTS[0]:
        roles.insert(0, (Role.ADMIN, 1))
    return roles


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# Parents before children.
TABLE_ORDER = (
    "municipalities",
    "users",
    "contacts",
    "contact_topics",
    "contact_relations",
    "cases",
    "case_topics",
    "case_assignees",
    "case_parties",
    "referrals",
    "case_timeline",
    "case_reference_counters",
    "consultations",
    "consultation_participants",
    "audit_log",
)


@dataclass
class _Batches:
    """Rows collected per table, handed out block by block in foreign-key order."""

    tables: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.tables.setdefault(table, []).append(row)

    def drain(self) -> Iterator[Batch]:
        tables, self.tables = self.tables, {}
        yield from ((name, tables[name]) for name in TABLE_ORDER if tables.get(name))


class _DistrictWriter:
    """Everything of one district: its accounts, network, cases and consultations."""

    def __init__(
        self, district: District, plan: Plan, password_hash: str, now: datetime, rng: random.Random
    ) -> None:
        self.district = district
        self.plan = plan
        self.password_hash = password_hash
        self.now = now
        self.rng = rng
        self.id = self.uuid()
        self.out = _Batches()
        self.managers: list[Row] = []
        self.contact_ids: list[uuid.UUID] = []
        self.counters: dict[int, int] = {}

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def rows(self) -> Iterator[Batch]:
        yield from self._municipality_and_staff()
        yield from self._contacts()
        yield from self._casework()

    # --- accounts and network -----------------------------------------------------

    def _municipality_and_staff(self) -> Iterator[Batch]:
        start = self.now - timedelta(days=HISTORY_DAYS + 30)
        d = self.district
        self.out.add(
            "municipalities",
            {
                "id": self.id,
                "name": d.name,
                "slug": d.slug,
                "official_key": d.official_key,
                "state": "Thüringen",
                "is_active": True,
                "created_at": start,
                "updated_at": start,
                "version": 1,
            },
        )
        for role, count in _staff_roles(d):
            for index in range(1, count + 1):
                user = {
                    "id": self.uuid(),
                    "municipality_id": self.id,
                    "email": staff_email(d, role, index),
                    "full_name": self._person_name(),
                    "role": role.value,
                    "password_hash": self.password_hash,
                    "is_active": True,
                    "created_at": start,
                    "updated_at": start,
                    "version": 1,
                }
                self.out.add("users", user)
                if role in (Role.CONFLICT_MANAGER, Role.COORDINATOR):
                    self.managers.append(user)
        yield from self.out.drain()

    def _person_name(self) -> str:
        return f"{self.rng.choice(GIVEN_NAMES)} {self.rng.choice(FAMILY_NAMES)}"

    def _moment(self) -> datetime:
        return self.now - timedelta(seconds=self.rng.uniform(0, HISTORY_DAYS * 86400))

    def _contact(self, kind: ContactKind, name: str, group: ActorGroup, **extra: Any) -> Row:
        rng = self.rng
        basis = rng.choice(list(LegalBasis))
        created = self._moment()
        row = {
            "id": self.uuid(),
            "municipality_id": self.id,
            "kind": kind.value,
            "name": name,
            "given_name": None,
            "family_name": None,
            "actor_group": group.value,
            "position": None,
            "organisation_id": None,
            "email": None,
            "phone": f"0{rng.randint(3600, 3699)} {rng.randint(10000, 999999)}",
            "address": f"{rng.choice(('Hauptstraße', 'Marktplatz', 'Bahnhofstraße', 'Schulweg'))} "
            f"{rng.randint(1, 80)}, {rng.choice(self.district.places)}",
            "legal_basis": basis.value,
            "consent_date": created.date() if basis is LegalBasis.CONSENT else None,
            "steering_group_member": rng.random() < 0.01,
            "notes": None,
            "created_at": created,
            "updated_at": created,
            "version": 1,
        }
        row.update(extra)
        row["sort_name"] = sort_key(
            SimpleNamespace(
                kind=ContactKind(row["kind"]),
                name=name,
                given_name=row["given_name"],
                family_name=row["family_name"],
            )
        )
        return row

    def _contacts(self) -> Iterator[Batch]:
        rng = self.rng
        total = self.plan.size(self.district, "contacts")
        organisations = []
        for _ in range(max(1, total * 3 // 10)):
            prefix, group = rng.choice(ORGANISATION_KINDS)
            org = self._contact(
                ContactKind.ORGANISATION, f"{prefix} {rng.choice(self.district.places)}", group
            )
            organisations.append(org["id"])
            self._contact_extras(org)
        yield from self.out.drain()
        for _ in range(total - len(organisations)):
            given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
            person = self._contact(
                ContactKind.PERSON,
                f"{given} {family}",
                rng.choice(list(ActorGroup)),
                given_name=given,
                family_name=family,
                position=rng.choice(POSITIONS),
                organisation_id=rng.choice(organisations) if rng.random() < 0.4 else None,
                email=f"{given}.{family}@example.org".lower() if rng.random() < 0.5 else None,
            )
            self._contact_extras(person)
        yield from self.out.drain()
        yield from self._relations()

    def _contact_extras(self, contact: Row) -> None:
        self.out.add("contacts", contact)
        self.contact_ids.append(contact["id"])
        topics = self.rng.sample(CONTACT_TOPICS, self.rng.choice((0, 1, 1, 2)))
        for position, topic in enumerate(topics):
            self.out.add(
                "contact_topics",
                {"contact_id": contact["id"], "topic": topic, "position": position},
            )

    def _relations(self) -> Iterator[Batch]:
        rng, seen = self.rng, set()
        for _ in range(len(self.contact_ids) * 3 // 2):
            source, target = rng.sample(self.contact_ids, 2)
            kind = rng.choice(list(RelationType))
            if (source, target, kind) in seen:
                continue
            seen.add((source, target, kind))
            created = self._moment()
            self.out.add(
                "contact_relations",
                {
                    "id": self.uuid(),
                    "municipality_id": self.id,
                    "source_id": source,
                    "target_id": target,
                    "relation_type": kind.value,
                    "directed": kind is RelationType.MEMBERSHIP,
                    "note": None,
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                },
            )
        yield from self.out.drain()

    # --- cases and consultations --------------------------------------------------

    def _casework(self) -> Iterator[Batch]:
        cases = self.plan.size(self.district, "cases")
        consultations = self.plan.size(self.district, "consultations")
        per_case = max(1, round(consultations / cases * 0.8))
        openings = sorted(self._moment() for _ in range(cases))
        linked = 0
        for start in range(0, cases, CASES_PER_BLOCK):
            for created in openings[start : start + CASES_PER_BLOCK]:
                linked += self._case(created, per_case)
            yield from self.out.drain()
        for index in range(max(0, consultations - linked)):
            self._consultation(None, self._moment(), [], self.rng.choice(self.managers))
            if index % 20_000 == 19_999:
                yield from self.out.drain()
        for year, value in sorted(self.counters.items()):
            self.out.add(
                "case_reference_counters",
                {"municipality_id": self.id, "year": year, "value": value},
            )
        yield from self.out.drain()

    def _reference(self, created: datetime) -> tuple[int, int, str]:
        year = created.astimezone(LOCAL_TIME).year
        number = self.counters[year] = self.counters.get(year, 0) + 1
        return year, number, f"{self.district.slug.upper()}-{year}-{number:04d}"

    def _case(self, created: datetime, per_case: int) -> int:
        """One case with its topics, assignees, parties, timeline and consultations;
        returns how many consultations it got."""
        rng = self.rng
        template = rng.choice(TEMPLATES)
        place = rng.choice(self.district.places)
        age_days = (self.now - created).total_seconds() / 86400
        # The demo data's rule: older cases are mostly finished, recent ones still open.
        status = final_status(rng, int(age_days))
        level = rng.choices(range(1, 10), weights=ESCALATION_WEIGHTS)[0]
        endangers = bool(template.indicators) and rng.random() < 0.8
        assignees = rng.sample(self.managers, rng.choice((1, 1, 2)))
        year, number, reference = self._reference(created)
        case_id = self.uuid()
        steps = self._timeline(case_id, created, status, level, assignees[0])
        last = steps[-1]["occurred_at"]
        ended = status in ENDED
        archived = ended and age_days > 730 and rng.random() < 0.7
        title = template.title.format(place=place)
        self.out.add(
            "cases",
            {
                "id": case_id,
                "municipality_id": self.id,
                "reference": reference,
                "year": year,
                "number": number,
                "title": title,
                "search_text": fold(
                    "\n".join(
                        (reference, title, template.summary, place, template.requesting_body or "")
                    )
                ),
                "summary": template.summary,
                "status": status.value,
                "escalation_level": level,
                "endangers_democracy": endangers,
                "democracy_indicators": [i.value for i in template.indicators]
                if endangers
                else [],
                "place": place,
                "requesting_body": template.requesting_body,
                "visibility": "restricted" if rng.random() < 0.05 else "team",
                "follow_up_date": None
                if ended or rng.random() < 0.4
                else (self.now + timedelta(days=rng.randint(-30, 90))).date(),
                "outcome": self._outcome(status),
                "outcome_note": None,
                "closed_at": last if ended else None,
                "archived": archived,
                "archived_at": last + timedelta(days=30) if archived else None,
                "created_by_id": assignees[0]["id"],
                "created_at": created,
                "updated_at": last,
                "version": len(steps) - 1,
            },
        )
        if status is S.REFERRED:
            self._referral(case_id, last, assignees[0])
        for topic in dict.fromkeys(template.topics):
            self.out.add("case_topics", {"case_id": case_id, "topic": topic.value})
        for user in assignees:
            self.out.add(
                "case_assignees",
                {"case_id": case_id, "user_id": user["id"], "assigned_at": created},
            )
        parties = rng.sample(
            self.contact_ids, min(len(self.contact_ids), rng.choice((0, 1, 2, 3)))
        )
        for contact_id in parties:
            self.out.add(
                "case_parties",
                {
                    "case_id": case_id,
                    "contact_id": contact_id,
                    "role_in_conflict": rng.choice(list(PartyRole)).value,
                    "note": None,
                },
            )
        self._audit(
            "case.create", "case", case_id, assignees[0], created, {"reference": reference}
        )
        count = rng.randint(0, 2 * per_case)
        for _ in range(count):
            window = min(age_days, 200) * 86400
            started = created + timedelta(seconds=rng.uniform(0, window))
            self._consultation(case_id, started, parties, rng.choice(assignees))
        return count

    def _referral(self, case_id: uuid.UUID, made: datetime, author: Row) -> None:
        self.out.add(
            "referrals",
            {
                "id": self.uuid(),
                "municipality_id": self.id,
                "case_id": case_id,
                "contact_id": None,
                "target_name": self.rng.choice(OUTSIDE),
                "referred_on": made.astimezone(LOCAL_TIME).date(),
                "reason": self.rng.choice(REASONS),
                "handed_over": None,
                "personal_data": False,
                "consent_on": None,
                "status": "completed",
                "follow_up_date": None,
                "response": None,
                "created_by_id": author["id"],
                "created_at": made,
                "updated_at": made,
                "version": 1,
            },
        )

    def _outcome(self, status: CaseStatus) -> str | None:
        if status is S.REFERRED:
            return CaseOutcome.HANDED_OVER.value
        if status is S.CLOSED:
            return self.rng.choice(CLOSING_OUTCOMES).value
        return None

    def _timeline(
        self, case_id: uuid.UUID, created: datetime, status: CaseStatus, level: int, actor: Row
    ) -> list[Row]:
        rng = self.rng
        path = PATHS[status]
        span = min(max((self.now - created).total_seconds(), 3600.0), 150 * 86400.0)
        moments = sorted(created + timedelta(seconds=rng.uniform(0, span)) for _ in path[1:])
        first_level = max(1, level - rng.choice((0, 1, 1, 2)))
        steps = [
            ("status", None, S.NEW.value, created, None),
            ("escalation_level", None, str(first_level), created, None),
        ]
        steps += [
            ("status", before.value, after.value, when, NOTES[after])
            for before, after, when in zip(path, path[1:], moments, strict=False)
        ]
        if first_level != level:
            when = created + timedelta(seconds=span / 3)
            steps.append(("escalation_level", str(first_level), str(level), when, None))
        rows = []
        for change, before, after, when, note in sorted(steps, key=lambda s: s[3]):
            row = {
                "id": self.uuid(),
                "case_id": case_id,
                "occurred_at": when,
                "change": change,
                "from_value": before,
                "to_value": after,
                "note": note,
                "actor_id": actor["id"],
                "actor_name": actor["full_name"],
            }
            self.out.add("case_timeline", row)
            rows.append(row)
        return rows

    def _consultation(
        self, case_id: uuid.UUID | None, started: datetime, parties: list[uuid.UUID], author: Row
    ) -> None:
        rng = self.rng
        started = min(started, self.now - timedelta(hours=2))
        kind = _weighted(rng, KIND_WEIGHTS)
        consultation_id = self.uuid()
        pool = parties or self.contact_ids
        participants = rng.sample(pool, min(len(pool), rng.choice((0, 1, 1, 2, 3))))
        documented = min(started + timedelta(hours=rng.uniform(1, 48)), self.now)
        self.out.add(
            "consultations",
            {
                "id": consultation_id,
                "municipality_id": self.id,
                "case_id": case_id,
                "started_at": started,
                "duration_minutes": rng.choice((30, 45, 60, 60, 90, 120, 180)),
                "format": rng.choice(
                    (ConsultationFormat.IN_PERSON,) * 3
                    + (ConsultationFormat.ONLINE, ConsultationFormat.PHONE)
                ).value,
                "kind": kind.value,
                "counselling_role": ROLE_OF_KIND[kind].value,
                "head_count": max(len(participants), rng.randint(1, 12))
                if rng.random() < 0.6
                else None,
                "summary": rng.choice(CONSULTATION_SUMMARIES).format(
                    place=rng.choice(self.district.places)
                ),
                "confidential_notes": "Persönliche Einschätzung zur Lage der Beteiligten."
                if rng.random() < 0.25
                else None,
                "agreements": "Nächstes Treffen vereinbart." if rng.random() < 0.4 else None,
                "next_steps": "Rückmeldung an die Verwaltung." if rng.random() < 0.5 else None,
                "created_at": documented,
                "updated_at": documented,
                "version": 1,
            },
        )
        for contact_id in participants:
            self.out.add(
                "consultation_participants",
                {"consultation_id": consultation_id, "contact_id": contact_id},
            )
        self._audit(
            "consultation.create",
            "consultation",
            consultation_id,
            author,
            documented,
            {"case_id": str(case_id) if case_id else None},
        )

    def _audit(
        self,
        action: str,
        resource_type: str,
        resource_id: uuid.UUID,
        actor: Row,
        when: datetime,
        details: dict[str, Any],
    ) -> None:
        self.out.add(
            "audit_log",
            {
                "occurred_at": when,
                "action": action,
                "outcome": "success",
                "actor_kind": "user",
                "actor_id": actor["id"],
                "actor_label": actor["email"],
                "municipality_id": self.id,
                "resource_type": resource_type,
                "resource_id": str(resource_id),
                "ip_address": "127.0.0.1",
                "request_id": None,
                "details": details,
            },
        )


def generate(plan: Plan, password_hash: str, now: datetime, seed: int = 2026) -> Iterator[Batch]:
    """All rows of the data set, in batches that respect foreign keys."""
    rng = random.Random(seed)
    for district in DISTRICTS:
        yield from _DistrictWriter(district, plan, password_hash, now, rng).rows()
