"""Demo conflict analyses: three Wartburgkreis cases and one Unstrut-Hainich case carry a
full analysis with several saved versions, so the course of each conflict can be read.

Idempotent: a case that has an analysis already is left alone.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Role
from kokoma.cases.analysis.models import CaseAnalysis, CaseAnalysisVersion
from kokoma.cases.analysis.schemas import AnalysisContent
from kokoma.cases.models import Case, CaseTimelineEntry
from kokoma.core.calendar import local_day
from kokoma.db import utcnow
from kokoma.municipalities.models import Municipality
from kokoma.users.models import User


@dataclass(frozen=True)
class Scenario:
    title_prefix: str
    content: dict[str, Any]
    # Per saved version: days ago, note, and the stage of each assessed pair in order.
    history: tuple[tuple[int, str, tuple[int, ...]], ...]


def _actor(key: str, label: str, kind: str, sector: str, influence: int, **more: Any) -> dict:
    return {
        "key": key,
        "label": label,
        "kind": kind,
        "sector": sector,
        "influence": influence,
        **more,
    }


WIND = Scenario(
    "Streit um Windvorranggebiet",
    {
        "actors": [
            _actor(
                "bi",
                "Bürgerinitiative Gegenwind",
                "group",
                "civil_society",
                3,
                cohesion="high",
                spokesperson="Sprecherin der Initiative",
                stance="Keine Windräder näher als 1.000 m an Wohnhäusern.",
                interests="Ruhe, Landschaftsbild, Wert der Grundstücke.",
                needs="Gehört und ernst genommen werden.",
                attitudes={
                    "expects_to_gain": "Einen Planungsstopp.",
                    "fears_to_lose": "Heimat und Lebensqualität.",
                    "alternatives": "Klage gegen den Regionalplan.",
                    "third_parties": "Misstrauisch gegenüber der Verwaltung, offen für Moderation.",
                },
                position={"x": 0.2, "y": 0.3},
            ),
            _actor(
                "rat",
                "Gemeinderat (Mehrheit)",
                "authority",
                "politics",
                5,
                cohesion="medium",
                stance="Das Vorranggebiet bringt Pachteinnahmen und Klimaschutz.",
                interests="Haushalt, Energiewende, Handlungsfähigkeit.",
                needs="Respekt vor demokratischen Entscheidungen.",
                position={"x": 0.75, "y": 0.3},
            ),
            _actor(
                "projekt",
                "Projektierer",
                "organisation",
                "business",
                4,
                stance="Genehmigung nach Recht und Gesetz.",
                position={"x": 0.85, "y": 0.75},
            ),
            _actor(
                "gruppe",
                "Externe Protestgruppe",
                "group",
                "other",
                2,
                cohesion="high",
                stance="Nutzt den Streit für Stimmung gegen „die da oben“.",
                position={"x": 0.15, "y": 0.8},
            ),
            _actor(
                "presse",
                "Lokalzeitung",
                "organisation",
                "media",
                3,
                position={"x": 0.5, "y": 0.9},
            ),
        ],
        "issues": [
            {
                "text": "Abstand der Anlagen zu den Wohnhäusern",
                "raised_by": ["bi"],
                "known_to_other_side": True,
                "weight": "core",
                "nature": "factual",
                "charge": "high",
            },
            {
                "text": "Beteiligung: Beschluss ohne Bürgerversammlung",
                "raised_by": ["bi", "gruppe"],
                "known_to_other_side": False,
                "weight": "core",
                "nature": "personal",
                "charge": "high",
            },
            {
                "text": "Verteilung der Pachteinnahmen",
                "raised_by": ["rat"],
                "known_to_other_side": True,
                "weight": "peripheral",
                "nature": "factual",
                "charge": "low",
            },
        ],
        "relationships": [
            {"source": "bi", "target": "rat", "kind": "conflict", "intensity": 3},
            {"source": "rat", "target": "projekt", "kind": "alliance", "intensity": 2},
            {
                "source": "gruppe",
                "target": "bi",
                "kind": "influence",
                "directed": True,
                "intensity": 2,
                "note": "Tritt bei Versammlungen der Initiative auf.",
            },
            {"source": "bi", "target": "projekt", "kind": "strained", "intensity": 2},
            {"source": "presse", "target": "rat", "kind": "loose", "intensity": 1},
        ],
        "assessments": [
            {
                "actor_a": "bi",
                "actor_b": "rat",
                "stage": 4,
                "signs": "Lager bilden sich, Flugblätter benennen einzelne Ratsmitglieder.",
                "stability": "fluctuating",
                "confidence": "medium",
            },
            {"actor_a": "bi", "actor_b": "projekt", "stage": 3, "confidence": "high"},
            {"actor_a": "gruppe", "actor_b": "rat", "stage": 5, "confidence": "low"},
        ],
        "frame": {"arena": "meso", "reach": "positions", "form": "hot"},
        "causes": {
            "situational": "Der Regionalplan wurde kurz vor der Sommerpause ausgelegt.",
            "institutional": "Keine frühe Bürgerbeteiligung vorgesehen.",
            "individual": "Persönliche Angriffe auf den Bürgermeister.",
            "cultural": "Misstrauen gegenüber Entscheidungen „von außen“.",
        },
        "resources": "Kirchgemeinde bietet Räume an; Landesenergieagentur berät.",
        "hypotheses": "Hinter der Abstandsfrage steht das Gefühl, übergangen worden zu sein.",
        "options": "Runder Tisch; Faktencheck mit unabhängigen Gutachtern.",
        "recommendations": "Moderierte Bürgerversammlung mit externer Prozessbegleitung; "
        "Bürgerbeteiligung an den Erträgen prüfen.",
    },
    (
        (120, "Erstanalyse nach dem Auftragsgespräch", (2, 2, 3)),
        (60, "Nach der Ratssitzung mit Störungen", (3, 3, 5)),
        (14, "Vor der Bürgerversammlung", (4, 3, 5)),
    ),
)

SHELTER = Scenario(
    "Spannungen um Gemeinschaftsunterkunft",
    {
        "actors": [
            _actor("anw", "Anwohnende Südviertel", "group", "civil_society", 2, cohesion="low"),
            _actor("lra", "Landratsamt", "authority", "administration", 5),
            _actor("bew", "Bewohnerinnen und Bewohner der Unterkunft", "group", "other", 1),
            _actor("netz", "Willkommensnetzwerk", "organisation", "civil_society", 3),
            _actor("kam", "Kameradschaft (Umfeld)", "group", "other", 2, cohesion="high"),
        ],
        "issues": [
            {
                "text": "Sicherheit auf dem Schulweg",
                "raised_by": ["anw"],
                "weight": "core",
                "nature": "factual",
                "charge": "high",
            },
            {
                "text": "Information der Nachbarschaft vor der Belegung",
                "raised_by": ["anw", "netz"],
                "weight": "core",
                "nature": "factual",
                "charge": "medium",
            },
        ],
        "relationships": [
            {"source": "anw", "target": "lra", "kind": "strained", "intensity": 2},
            {"source": "netz", "target": "bew", "kind": "close", "intensity": 3},
            {"source": "kam", "target": "bew", "kind": "violence", "intensity": 3},
            {"source": "kam", "target": "anw", "kind": "influence", "directed": True},
        ],
        "assessments": [
            {"actor_a": "anw", "actor_b": "lra", "stage": 3, "stability": "stable"},
            {"actor_a": "kam", "actor_b": "bew", "stage": 7, "stability": "volatile"},
            {"actor_a": "kam", "actor_b": "netz", "stage": 6},
        ],
        "frame": {"arena": "meso", "reach": "system", "form": "hot"},
        "recommendations": "Polizei und mobile Beratung einbeziehen; Nachbarschaftsdialog "
        "getrennt vom Umgang mit der Kameradschaft.",
    },
    (
        (90, "Lagebild nach der ersten Kundgebung", (3, 5, 4)),
        (30, "Nach dem Angriff auf die Unterkunft", (3, 7, 6)),
    ),
)

FESTIVAL = Scenario(
    "Rechtsextreme Vereinnahmung des Heimatfests",
    {
        "actors": [
            _actor("verein", "Heimatverein", "organisation", "associations", 3),
            _actor("gruppe", "Rechtsextreme Gruppierung", "group", "other", 2),
            _actor("buergermeister", "Ortsteilbürgermeister", "person", "politics", 4),
        ],
        "issues": [
            {
                "text": "Wer darf beim Fest einen Stand haben?",
                "raised_by": ["verein", "gruppe"],
                "weight": "core",
            }
        ],
        "relationships": [
            {"source": "gruppe", "target": "verein", "kind": "influence", "directed": True},
            {"source": "verein", "target": "buergermeister", "kind": "close"},
        ],
        "assessments": [
            {"actor_a": "verein", "actor_b": "gruppe", "stage": 3},
            {"actor_a": "gruppe", "actor_b": "buergermeister", "stage": 4},
        ],
        "frame": {"arena": "micro", "reach": "positions", "form": "cold"},
        "recommendations": "Satzung des Festes mit dem Verein schärfen; mobile Beratung.",
    },
    ((45, "Erstanalyse", (2, 3)), (10, "Nach dem Vorstandsgespräch", (3, 4))),
)

SCENARIOS = {"wak": (WIND, SHELTER, FESTIVAL), "uh": (WIND,)}


def _at_stages(content: dict[str, Any], stages: tuple[int, ...], day: str) -> dict[str, Any]:
    version = copy.deepcopy(content)
    for assessment, stage in zip(version["assessments"], stages, strict=True):
        assessment["stage"] = stage
        assessment["assessed_on"] = day
        # A version knows only the turning points up to its day.
        points = assessment.get("turning_points", [])
        assessment["turning_points"] = [p for p in points if p["on"] <= day]
    return version


def _document(content: dict[str, Any], author: str) -> dict[str, Any]:
    parsed = AnalysisContent.model_validate(content)
    for item in parsed.assessments:
        item.assessed_by = item.assessed_by or author
    return parsed.model_dump(mode="json", exclude_computed_fields=True)


def _with_turning_points(content: dict[str, Any], history: Scenario, now: datetime) -> None:
    first = content["assessments"][0]
    first["turning_points"] = [
        {"on": local_day(now - timedelta(days=days)).isoformat(), "what": note}
        for days, note, _stages in history.history[1:]
    ]


def _fitted(scenario: Scenario, case: Case, now: datetime) -> Scenario:
    """The scenario's history squeezed into the case's lifetime (the case may be young)."""
    created = case.created_at if case.created_at.tzinfo else case.created_at.replace(tzinfo=UTC)
    age = max((now - created).days - 1, len(scenario.history))
    first = scenario.history[0][0]
    if age >= first:
        return scenario
    history = tuple(
        (max(1, days * age // first), note, stages) for days, note, stages in scenario.history
    )
    return Scenario(scenario.title_prefix, scenario.content, history)


async def _analyse(
    session: AsyncSession, case: Case, scenario: Scenario, author: User, now: datetime
) -> None:
    scenario = _fitted(scenario, case, now)
    content = copy.deepcopy(scenario.content)
    _with_turning_points(content, scenario, now)
    for number, (days, note, stages) in enumerate(scenario.history, start=1):
        saved_at = now - timedelta(days=days)
        session.add(
            CaseAnalysisVersion(
                municipality_id=case.municipality_id,
                case_id=case.id,
                number=number,
                content=_document(
                    _at_stages(content, stages, local_day(saved_at).isoformat()), author.full_name
                ),
                note=note,
                saved_at=saved_at,
                author_id=author.id,
                author_name=author.full_name,
            )
        )
    last_days, _note, last_stages = scenario.history[-1]
    working = _document(
        _at_stages(content, last_stages, local_day(now - timedelta(days=last_days)).isoformat()),
        author.full_name,
    )
    session.add(
        CaseAnalysis(
            municipality_id=case.municipality_id,
            case_id=case.id,
            content=working,
            updated_by_id=author.id,
            updated_by_name=author.full_name,
            created_at=now - timedelta(days=scenario.history[0][0]),
            updated_at=now - timedelta(days=last_days),
        )
    )
    top = max(last_stages)
    if case.escalation_level != top:
        session.add(
            CaseTimelineEntry(
                case_id=case.id,
                occurred_at=now - timedelta(days=last_days),
                change="escalation_level",
                from_value=str(case.escalation_level),
                to_value=str(top),
                note="Aus der Konfliktanalyse übernommen",
                actor_id=author.id,
                actor_name=author.full_name,
            )
        )
        case.escalation_level = top


async def load_analyses(session: AsyncSession) -> None:
    """Add the demo analyses that are missing; the caller commits."""
    now = utcnow()
    municipalities = await session.scalars(
        select(Municipality).where(Municipality.slug.in_(SCENARIOS)).order_by(Municipality.slug)
    )
    for municipality in municipalities:
        author = await session.scalar(
            select(User)
            .where(User.municipality_id == municipality.id, User.role == Role.CONFLICT_MANAGER)
            .order_by(User.email)
        )
        if author is None:
            continue
        for scenario in SCENARIOS[municipality.slug]:
            case = await session.scalar(
                select(Case)
                .where(
                    Case.municipality_id == municipality.id,
                    Case.title.startswith(scenario.title_prefix),
                    ~Case.archived,
                )
                .order_by(Case.created_at)
                .limit(1)
            )
            if case is None:
                continue
            existing = await session.scalar(
                select(CaseAnalysis.id).where(CaseAnalysis.case_id == case.id)
            )
            if existing is None:
                await _analyse(session, case, scenario, author, now)
    await session.flush()
