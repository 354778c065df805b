"""Demo crisis-prevention plan of the Wartburgkreis: a rally announced against a planned
shelter in a small town; and the exercise plan the participants of the demo training
series wrote in its final module. Idempotent: each plan is recognised by its title."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.cases.models import Case, CaseTimelineEntry
from kokoma.core.calendar import local_today
from kokoma.crisis_plans.models import (
    ActivationStatus,
    Classification,
    CrisisPlan,
    CrisisPlanActivation,
    CrisisPlanExercise,
    PlanStatus,
)
from kokoma.crisis_plans.rules import check_adoptable, check_content
from kokoma.crisis_plans.schemas import PlanContent
from kokoma.crisis_plans.service import add_months
from kokoma.db import utcnow
from kokoma.demo.trainings import TITLE as SERIES_TITLE
from kokoma.demo.trainings import TRAINER_EMAIL
from kokoma.municipalities.models import Municipality
from kokoma.trainings.models import TrainingSeries
from kokoma.users.models import User

TITLE = "Krisenpräventionsplan Gemeinschaftsunterkunft Vacha"
EXERCISE_TITLE = "Übungsplan Abschlussmodul: Einwohnerversammlung in Dorndorf"
COORDINATOR = "koordination@wartburgkreis.example"


def _person(name: str, phone: str) -> dict[str, str]:
    return {"name": name, "phone": phone}


CONTENT: dict[str, Any] = {
    "scenarios": [
        {
            "key": "kundgebung",
            "hazard": "Angekündigte Kundgebung gegen die geplante Gemeinschaftsunterkunft",
            "triggers": "Aufruf einer rechtsextremen Kleinpartei in Messengergruppen; "
            "Einwohnerversammlung zur Unterkunft",
            "affected": "Künftige Bewohnende, Ehrenamtliche der Willkommensinitiative, "
            "Bürgermeister, Mitarbeitende der Verwaltung",
            "likelihood": 4,
            "impact": 4,
            "escalation_stage": 5,
            "actors": "Bürgerinitiative gegen die Unterkunft, überregionale rechtsextreme "
            "Akteure, Willkommensinitiative, Kirchgemeinde",
        },
        {
            "key": "bedrohung",
            "hazard": "Bedrohung von Mandatsträger:innen",
            "triggers": "Beschluss des Stadtrats zur Unterkunft",
            "affected": "Bürgermeister, Stadträt:innen",
            "likelihood": 3,
            "impact": 5,
            "escalation_stage": 6,
            "actors": "Einzelpersonen aus dem Umfeld der Bürgerinitiative",
        },
        {
            "key": "versammlung",
            "hazard": "Eskalierende Einwohnerversammlung",
            "triggers": "Informationsabend zur Unterkunft",
            "affected": "Anwohnende, Verwaltung, Landratsamt",
            "likelihood": 3,
            "impact": 3,
            "escalation_stage": 4,
            "actors": "Anwohnende, Bürgerinitiative",
        },
    ],
    "indicators": [
        {
            "key": "mobilisierung",
            "scenario_key": "kundgebung",
            "watch": "Mobilisierung in Messengergruppen und sozialen Medien",
            "source": "social_media",
            "threshold": "Gelb: Aufrufe ohne Termin; Rot: Termin und Ort genannt",
            "watcher_role": "konfliktmanagement",
            "frequency": "täglich",
            "state": "green",
        },
        {
            "key": "anmeldung",
            "scenario_key": "kundgebung",
            "watch": "Versammlungsanmeldungen bei der Versammlungsbehörde",
            "source": "administration",
            "threshold": "Rot: Anmeldung im Umkreis von 500 m der Unterkunft",
            "watcher_role": "ordnungsamt",
            "frequency": "werktäglich",
            "state": "green",
        },
        {
            "key": "drohungen",
            "scenario_key": "bedrohung",
            "watch": "Drohschreiben, Hassnachrichten an Verwaltung und Stadtrat",
            "source": "police",
            "threshold": "Gelb: Beleidigungen; Rot: Drohung gegen Leib und Leben",
            "watcher_role": "koordination",
            "frequency": "wöchentlich und bei Eingang",
            "state": "yellow",
        },
    ],
    "levels": [
        {
            "level": 0,
            "entry_criteria": "Alle Indikatoren grün; Beobachtung im Regelbetrieb",
            "decided_by_role": "koordination",
        },
        {
            "level": 1,
            "entry_criteria": "Ein Indikator gelb",
            "decided_by_role": "koordination",
        },
        {
            "level": 2,
            "entry_criteria": "Ein Indikator rot oder angemeldete Versammlung; "
            "Koordinierungsrunde tritt zusammen",
            "decided_by_role": "buergermeister",
        },
        {
            "level": 3,
            "entry_criteria": "Gefahr für Leib und Leben oder Angriff auf die Unterkunft; "
            "Krisenstab",
            "decided_by_role": "buergermeister",
        },
    ],
    "roles": [
        {
            "key": "buergermeister",
            "title": "Bürgermeister (Leitung Krisenstab)",
            "holder": _person("Martin Rösner", "036962 2 61 10"),
            "deputy": _person("Ingrid Voigt (1. Beigeordnete)", "036962 2 61 12"),
            "availability": "rund um die Uhr über Bereitschaftshandy",
        },
        {
            "key": "koordination",
            "title": "Koordination Konfliktmanagement",
            "holder": _person("Thomas Berger", "03695 61 71 00"),
            "deputy": _person("Anna Schulze", "03695 61 71 01"),
            "availability": "werktags 8–18 Uhr, sonst Bereitschaft",
        },
        {
            "key": "konfliktmanagement",
            "title": "Konfliktmanagement vor Ort",
            "holder": _person("Markus Keller", "03695 61 71 02"),
            "deputy": _person("Anna Schulze", "03695 61 71 01"),
            "availability": "werktags",
        },
        {
            "key": "ordnungsamt",
            "title": "Ordnungsamt / Versammlungsbehörde",
            "holder": _person("Jens Fiedler", "03695 61 52 30"),
            "deputy": _person("Sandra Kühn", "03695 61 52 31"),
            "availability": "werktags 7–16 Uhr",
        },
        {
            "key": "pressestelle",
            "title": "Pressestelle Landratsamt",
            "holder": _person("Katja Wendt", "03695 61 10 20"),
            "deputy": _person("Oliver Sauer", "03695 61 10 21"),
            "availability": "werktags, am Wochenende Rufbereitschaft",
        },
    ],
    "alert_chain": [
        {
            "level": 2,
            "from_role": "konfliktmanagement",
            "to_role": "koordination",
            "channel": "phone",
            "answer_within_minutes": 15,
        },
        {
            "level": 2,
            "from_role": "koordination",
            "to_role": "buergermeister",
            "channel": "phone",
            "answer_within_minutes": 30,
        },
        {
            "level": 2,
            "from_role": "koordination",
            "to_role": "ordnungsamt",
            "channel": "phone",
            "answer_within_minutes": 30,
        },
        {
            "level": 3,
            "from_role": "koordination",
            "to_role": "buergermeister",
            "channel": "phone",
            "answer_within_minutes": 10,
            "fallback_role": "ordnungsamt",
        },
        {
            "level": 3,
            "from_role": "buergermeister",
            "to_role": "pressestelle",
            "channel": "phone",
            "answer_within_minutes": 15,
        },
    ],
    "communication": {
        "spokesperson_role": "buergermeister",
        "approval_path": "Pressestelle entwirft, Bürgermeister gibt frei; bei Stufe 3 "
        "Abstimmung mit der Polizei",
        "online_hate_procedure": "Kommentare sichern (Screenshots mit Datum), strafbare "
        "Inhalte über HateAid bzw. die Onlinewache der Polizei anzeigen, nicht auf "
        "Provokationen antworten",
        "messages": [
            {
                "audience": "residents",
                "level": 2,
                "channel": "email",
                "text": "Die Stadt Vacha steht für ein friedliches Miteinander. Zur "
                "angemeldeten Versammlung informieren wir auf der Internetseite der Stadt.",
                "easy_language_text": "In Vacha soll es friedlich bleiben. Es gibt eine "
                "Versammlung. Wir sagen Ihnen auf unserer Internet-Seite, was passiert.",
            },
            {
                "audience": "affected",
                "level": 2,
                "channel": "in_person",
                "text": "Ihre Sicherheit hat Vorrang. Ansprechpartner vor Ort ist das "
                "Konfliktmanagement; die Polizei ist informiert.",
                "easy_language_text": "Sie sind sicher. Die Polizei weiß Bescheid. "
                "Sie können mit uns sprechen.",
            },
            {
                "audience": "media",
                "level": 3,
                "channel": "email",
                "text": "Der Krisenstab ist zusammengetreten. Gewalt und Einschüchterung "
                "haben in Vacha keinen Platz.",
                "easy_language_text": "Die Stadt arbeitet mit der Polizei zusammen. "
                "Gewalt ist verboten.",
            },
        ],
    },
    "measures": [
        {
            "scenario_key": "kundgebung",
            "level": 0,
            "phase": "preventive",
            "action": "Informationsabend zur Unterkunft mit Moderation vorbereiten",
            "owner_role": "konfliktmanagement",
        },
        {
            "scenario_key": "kundgebung",
            "level": 2,
            "phase": "acute",
            "action": "Koordinierungsrunde mit Polizei, Ordnungsamt und Unterkunftsträger",
            "owner_role": "koordination",
        },
        {
            "scenario_key": "kundgebung",
            "level": 2,
            "phase": "acute",
            "action": "Gegenveranstaltung der Zivilgesellschaft abstimmen (Ort, Abstand)",
            "owner_role": "konfliktmanagement",
        },
        {
            "scenario_key": "kundgebung",
            "level": 3,
            "phase": "acute",
            "action": "Krisenstab einberufen, Schutz der Unterkunft mit der Polizei klären",
            "owner_role": "buergermeister",
        },
        {
            "scenario_key": "kundgebung",
            "level": 2,
            "phase": "aftercare",
            "action": "Nachgespräch mit Bewohnenden und Ehrenamtlichen",
            "owner_role": "konfliktmanagement",
        },
        {
            "scenario_key": "bedrohung",
            "level": 2,
            "phase": "acute",
            "action": "Anzeige erstatten, Opferberatung hinzuziehen",
            "owner_role": "koordination",
        },
    ],
    "support_bodies": [
        {
            "name": "MOBIT – Mobile Beratung in Thüringen",
            "kind": "mobile_counselling",
            "phone": "0361 219 26 94",
            "when_to_call": "Ab Stufe 1 zur Lageeinschätzung",
        },
        {
            "name": "Landespolizeiinspektion Gotha, Polizeiinspektion Bad Salzungen",
            "kind": "police",
            "phone": "03695 55 10",
            "when_to_call": "Ab Stufe 2; bei Gefahr sofort 110",
        },
        {
            "name": "ezra – Beratung für Betroffene rechter Gewalt",
            "kind": "victim_support",
            "phone": "0361 218 65 133",
            "when_to_call": "Bei Bedrohungen und Angriffen",
        },
    ],
}


async def load_crisis_plans(session: AsyncSession) -> None:
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == "wak"))
    coordinator = await session.scalar(select(User).where(User.email == COORDINATOR))
    if municipality is None or coordinator is None:
        return
    await _exercise_plan(session, municipality)
    exists = await session.scalar(
        select(CrisisPlan.id).where(
            CrisisPlan.municipality_id == municipality.id, CrisisPlan.title == TITLE
        )
    )
    if exists is not None:
        return
    content = PlanContent.model_validate(CONTENT)
    check_content(content)
    check_adoptable(content)
    adopted_on = local_today() - timedelta(days=60)
    plan_id = uuid.uuid4()
    plan = CrisisPlan(
        id=plan_id,
        lineage_id=plan_id,
        municipality_id=municipality.id,
        title=TITLE,
        area="Stadt Vacha, Wartburgkreis",
        classification=Classification.INTERNAL,
        status=PlanStatus.ADOPTED,
        owner_id=coordinator.id,
        review_interval_months=12,
        next_review_on=add_months(adopted_on, 12),
        adopted_at=utcnow() - timedelta(days=60),
        adopted_by_id=coordinator.id,
        adoption_note="Beschluss der Steuerungsgruppe Wartburgkreis",
        content=content.model_dump(mode="json"),
    )
    session.add(plan)
    await session.flush()
    _exercise(session, plan, adopted_on)
    await _activation(session, plan, coordinator, content)


def _exercise(session: AsyncSession, plan: CrisisPlan, adopted_on: date) -> None:
    session.add(
        CrisisPlanExercise(
            municipality_id=plan.municipality_id,
            plan_id=plan.id,
            held_on=adopted_on + timedelta(days=14),
            scenario_key="kundgebung",
            participants="Koordination, Konfliktmanagement, Ordnungsamt, Pressestelle, "
            "Polizeiinspektion Bad Salzungen, MOBIT",
            went_well="Alarmkette der Stufe 2 in 25 Minuten vollständig durchlaufen.",
            lessons_learned="Die Vertretung der Pressestelle war am Wochenende nicht erreichbar.",
            changes="Rufbereitschaft der Pressestelle für Wochenenden in den Plan aufgenommen.",
        )
    )


async def _activation(
    session: AsyncSession, plan: CrisisPlan, coordinator: User, content: PlanContent
) -> None:
    """A closed activation at level 2, linked to the demo case about the shelter."""
    case = await session.scalar(
        select(Case)
        .where(
            Case.municipality_id == plan.municipality_id,
            Case.title.startswith("Spannungen um Gemeinschaftsunterkunft"),
        )
        .limit(1)
    )
    started = utcnow() - timedelta(days=21)
    steps = [s for s in content.alert_chain if s.level == 2]
    measures = [m for m in content.measures if m.level == 2]
    session.add(
        CrisisPlanActivation(
            municipality_id=plan.municipality_id,
            plan_id=plan.id,
            level=2,
            case_id=case.id if case else None,
            indicator_key="anmeldung",
            reason="Kundgebung 'Nein zum Heim' für Samstag vor der Unterkunft angemeldet.",
            status=ActivationStatus.CLOSED,
            started_at=started,
            started_by_id=coordinator.id,
            started_by_name=coordinator.full_name,
            ended_at=started + timedelta(days=3),
            review="Alarmkette hat gegriffen; Gegenveranstaltung der Kirchgemeinde blieb "
            "friedlich. Künftig Anwohnende früher informieren.",
            checklist=[
                {
                    **s.model_dump(mode="json"),
                    "reached_at": (started + timedelta(minutes=10 * (i + 1))).isoformat(),
                    "note": "",
                }
                for i, s in enumerate(steps)
            ],
            tasks=[
                {
                    "action": m.action,
                    "phase": m.phase.value,
                    "owner_role": m.owner_role,
                    "due_on": None,
                    "done_at": (started + timedelta(days=1)).isoformat(),
                }
                for m in measures
            ],
            log=[
                {
                    "at": (started + timedelta(hours=2)).isoformat(),
                    "by": coordinator.full_name,
                    "text": "Koordinierungsrunde mit Polizei und Ordnungsamt hat getagt.",
                }
            ],
        )
    )
    if case is not None:
        session.add(
            CaseTimelineEntry(
                case_id=case.id,
                occurred_at=started,
                change="crisis_plan",
                from_value=None,
                to_value="level_2",
                note=f"{plan.title}: Kundgebung angemeldet",
                actor_id=coordinator.id,
                actor_name=coordinator.full_name,
            )
        )


def _exercise_content() -> dict[str, Any]:
    """The final module's scenario: the real plan's outline, worked for another town."""
    content = PlanContent.model_validate(CONTENT).model_dump(mode="json")
    content["scenarios"] = [
        {
            **content["scenarios"][0],
            "hazard": "Einwohnerversammlung zur geplanten Unterkunft in Dorndorf eskaliert",
            "triggers": "Aufruf zur 'Bürgerwehr' in einer lokalen Messengergruppe",
        }
    ]
    keys = {"kundgebung"}
    content["indicators"] = [i for i in content["indicators"] if i["scenario_key"] in keys]
    content["measures"] = [m for m in content["measures"] if m["scenario_key"] in keys]
    return content


async def _exercise_plan(session: AsyncSession, municipality: Municipality) -> None:
    """The exercise plan of the demo series' final module, a draft of its trainer."""
    series = await session.scalar(
        select(TrainingSeries).where(
            TrainingSeries.municipality_id == municipality.id,
            TrainingSeries.title == SERIES_TITLE,
        )
    )
    trainer = await session.scalar(select(User).where(User.email == TRAINER_EMAIL))
    if series is None or trainer is None:
        return
    exists = await session.scalar(
        select(CrisisPlan.id).where(
            CrisisPlan.training_series_id == series.id, CrisisPlan.title == EXERCISE_TITLE
        )
    )
    if exists is not None:
        return
    content = PlanContent.model_validate(_exercise_content())
    check_content(content)
    plan_id = uuid.uuid4()
    session.add(
        CrisisPlan(
            id=plan_id,
            lineage_id=plan_id,
            municipality_id=municipality.id,
            title=EXERCISE_TITLE,
            area="Gemeinde Krayenberggemeinde, Ortsteil Dorndorf (Übungsszenario)",
            classification=Classification.INTERNAL,
            status=PlanStatus.DRAFT,
            owner_id=trainer.id,
            review_interval_months=12,
            training_series_id=series.id,
            content=content.model_dump(mode="json"),
        )
    )
