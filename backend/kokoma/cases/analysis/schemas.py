"""Request and response bodies of a case's systemic conflict analysis.

The analysis is one document with Glasl's five dimensions (issues, course, parties,
relationships, basic attitudes) and the frame, causes and conclusions around them.
Actors are named by a key of the analysis; relationships and assessments refer to
actors by that key. Rules across fields (known keys, pairs, dates) are the service's.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, computed_field

from kokoma.contacts.models import ActorGroup
from kokoma.contacts.schemas import ContactRef
from kokoma.core.pagination import MAX_LIMIT
from kokoma.core.schemas import (
    InputModel,
    Name,
    OutputModel,
    PageQuery,
    SaneDate,
    Text,
    example_of,
    with_examples,
)

MAX_ACTORS = 40
MAX_ISSUES = 60
MAX_RELATIONSHIPS = 200
MAX_ASSESSMENTS = 200
MAX_TURNING_POINTS = 20

ActorKey = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,40}$", min_length=1, max_length=40),
]
Note = Text(2000)
# Glasl's three levels of the nine stages, as EscalationLevel.phase names them.
LEVELS: tuple[Literal["win_win"], Literal["win_lose"], Literal["lose_lose"]] = (
    "win_win",
    "win_lose",
    "lose_lose",
)
Stage = Annotated[int, Field(ge=1, le=9, description="Glasl stage 1–9.")]


class ActorKind(StrEnum):
    PERSON = "person"
    GROUP = "group"
    ORGANISATION = "organisation"
    AUTHORITY = "authority"


class Degree(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class IssueWeight(StrEnum):
    CORE = "core"
    PERIPHERAL = "peripheral"


class IssueNature(StrEnum):
    FACTUAL = "factual"  # Sachthema
    PERSONAL = "personal"  # Beziehungs- oder Personenthema


class RelationshipKind(StrEnum):
    ALLIANCE = "alliance"
    CLOSE = "close"
    LOOSE = "loose"
    STRAINED = "strained"
    CONFLICT = "conflict"
    VIOLENCE = "violence"
    INFLUENCE = "influence"
    DEPENDENCY = "dependency"


class Stability(StrEnum):
    STABLE = "stable"
    FLUCTUATING = "fluctuating"
    VOLATILE = "volatile"


class Arena(StrEnum):
    MICRO = "micro"
    MESO = "meso"
    MACRO = "macro"


class Reach(StrEnum):
    FRICTION = "friction"  # Friktion
    POSITIONS = "positions"  # Positionskampf
    SYSTEM = "system"  # Systemveränderung


class Form(StrEnum):
    HOT = "hot"
    COLD = "cold"


class MapPosition(InputModel):
    x: float = Field(ge=0, le=1, description="Horizontal place on the map, 0 (left) to 1.")
    y: float = Field(ge=0, le=1, description="Vertical place on the map, 0 (top) to 1.")


class BasicAttitudes(InputModel):
    """Grundeinstellungen: what a side expects from the conflict and from others."""

    expects_to_gain: Note = Field(default="", description="What it expects to gain.")
    fears_to_lose: Note = Field(default="", description="What it fears to lose.")
    alternatives: Note = Field(default="", description="Its alternatives to an agreement.")
    third_parties: Note = Field(default="", description="Its attitude to third parties.")


class Actor(InputModel):
    """A party of this conflict, linked to a network contact or named by a label only."""

    key: ActorKey = Field(description="Short key, unique in the analysis (e.g. `a1`).")
    label: Name = Field(
        description="How the analysis names the actor; a pseudonymous label such as "
        "„Anwohnerinitiative“ where no contact should be stored."
    )
    contact_id: uuid.UUID | None = Field(
        default=None, description="The network contact of your municipality, if any."
    )
    kind: ActorKind = Field(default=ActorKind.GROUP, description="Person, group, organisation.")
    sector: ActorGroup | None = Field(default=None, description="Actor group (sector).")
    cohesion: Degree | None = Field(default=None, description="How united the actor is.")
    spokesperson: Text(200) | None = Field(default=None, description="Who speaks for it.")
    influence: int | None = Field(default=None, ge=1, le=5, description="Power, 1–5.")
    stance: Note = Field(default="", description="Its position in the conflict.")
    interests: Note = Field(default="", description="Interests behind the position.")
    needs: Note = Field(default="", description="Needs behind the interests.")
    attitudes: BasicAttitudes = Field(
        default_factory=BasicAttitudes, description="Basic attitudes."
    )
    position: MapPosition | None = Field(default=None, description="Place on the map.")


class Issue(InputModel):
    """A Streitpunkt."""

    text: Text(2000, 1) = Field(description="What is disputed.")
    raised_by: Annotated[list[ActorKey], Field(max_length=MAX_ACTORS)] = Field(
        default_factory=list, description="Keys of the actors who raise it."
    )
    known_to_other_side: bool | None = Field(
        default=None, description="Whether the other side knows it is an issue."
    )
    weight: IssueWeight = Field(default=IssueWeight.CORE, description="Core or peripheral.")
    nature: IssueNature = Field(default=IssueNature.FACTUAL, description="Factual or personal.")
    charge: Degree = Field(default=Degree.MEDIUM, description="How emotionally charged.")


class Relationship(InputModel):
    """An edge of the conflict map."""

    source: ActorKey = Field(description="Key of the first actor.")
    target: ActorKey = Field(description="Key of the second actor.")
    kind: RelationshipKind = Field(description="Kind of relationship.")
    directed: bool = Field(
        default=False, description="From source to target only (influence, dependency)."
    )
    intensity: int = Field(default=2, ge=1, le=3, description="1 weak, 2 medium, 3 strong.")
    note: Note = Field(default="", description="What characterises it.")


class TurningPoint(InputModel):
    on: SaneDate = Field(description="The day it happened; not in the future.")
    what: Text(500, 1) = Field(description="What happened.")


class Assessment(InputModel):
    """The escalation between one pair of actors."""

    actor_a: ActorKey = Field(description="Key of one actor of the pair.")
    actor_b: ActorKey = Field(description="Key of the other actor of the pair.")
    stage: Stage
    signs: Note = Field(default="", description="Observed signs of the stage.")
    turning_points: Annotated[list[TurningPoint], Field(max_length=MAX_TURNING_POINTS)] = Field(
        default_factory=list, description="Turning points with their dates."
    )
    stability: Stability | None = Field(default=None, description="How stable the stage is.")
    confidence: Degree | None = Field(default=None, description="How sure the assessment is.")
    assessed_by: Text(200) | None = Field(
        default=None, description="Who assessed; the writer's name when left out."
    )
    assessed_on: SaneDate | None = Field(
        default=None, description="When it was assessed; today when left out."
    )

    @computed_field(description="Glasl's level, derived: win_win (1–3), win_lose, lose_lose.")  # type: ignore[prop-decorator]
    @property
    def level(self) -> Literal["win_win", "win_lose", "lose_lose"]:
        return LEVELS[(self.stage - 1) // 3]


class Frame(InputModel):
    arena: Arena | None = Field(default=None, description="Micro, meso or macro.")
    reach: Reach | None = Field(default=None, description="Friction, positions or system.")
    form: Form | None = Field(default=None, description="Hot or cold.")


class Causes(InputModel):
    situational: Text(5000) = Field(default="", description="Situational causes.")
    institutional: Text(5000) = Field(default="", description="Institutional causes.")
    individual: Text(5000) = Field(default="", description="Individual causes.")
    cultural: Text(5000) = Field(default="", description="Cultural causes.")


class AnalysisContent(InputModel):
    """The whole analysis of one conflict."""

    actors: Annotated[list[Actor], Field(max_length=MAX_ACTORS)] = Field(
        default_factory=list, description="The parties of the conflict."
    )
    issues: Annotated[list[Issue], Field(max_length=MAX_ISSUES)] = Field(
        default_factory=list, description="The issues (Streitpunkte)."
    )
    relationships: Annotated[list[Relationship], Field(max_length=MAX_RELATIONSHIPS)] = Field(
        default_factory=list, description="Relationships between actors."
    )
    assessments: Annotated[list[Assessment], Field(max_length=MAX_ASSESSMENTS)] = Field(
        default_factory=list, description="Escalation per pair of actors."
    )
    frame: Frame = Field(default_factory=Frame, description="Arena, reach and form.")
    causes: Causes = Field(default_factory=Causes, description="Causes of the conflict.")
    resources: Text(10_000) = Field(default="", description="Existing resources and offers.")
    hypotheses: Text(10_000) = Field(default="", description="Hypotheses.")
    options: Text(10_000) = Field(default="", description="Options for action.")
    recommendations: Text(10_000) = Field(default="", description="Recommendations.")
    headline_follows_assessments: bool = Field(
        default=True,
        description="The case's escalation level follows the highest pair assessment; "
        "false keeps the level set by hand.",
    )


EXAMPLE_CONTENT = {
    "actors": [
        {"key": "a1", "label": "Anwohnerinitiative", "kind": "group", "influence": 3},
        {"key": "a2", "label": "Gemeinderat", "kind": "authority", "influence": 4},
    ],
    "issues": [{"text": "Standort der Unterkunft", "raised_by": ["a1"], "weight": "core"}],
    "relationships": [{"source": "a1", "target": "a2", "kind": "conflict", "intensity": 3}],
    "assessments": [
        {
            "actor_a": "a1",
            "actor_b": "a2",
            "stage": 4,
            "turning_points": [{"on": "2026-03-02", "what": "Flugblätter gegen den Rat"}],
        }
    ],
    "recommendations": "Moderierte Bürgerversammlung mit externer Prozessbegleitung.",
}


class AnalysisUpdate(AnalysisContent):
    model_config = with_examples(EXAMPLE_CONTENT)


class AnalysisOut(OutputModel):
    case_id: uuid.UUID = Field(description="The case analysed.")
    version: int = Field(description="Rises with every change; 0 before the first save.")
    updated_at: datetime | None = Field(description="Last change; null before the first save.")
    updated_by_name: str = Field(description="Who changed it last.")
    content: AnalysisContent = Field(description="The analysis.")

    model_config = with_examples(
        {
            "case_id": "3f2b8c1e-7d4a-4e0b-9c55-1a2b3c4d5e6f",
            "version": 3,
            "updated_at": "2026-03-12T15:00:00Z",
            "updated_by_name": "Anna Schulze",
            "content": EXAMPLE_CONTENT,
        }
    )


class VersionListQuery(PageQuery):
    limit: int = Field(default=100, ge=1, le=MAX_LIMIT, description="Page size, at most 100.")


class VersionCreate(InputModel):
    note: Text(2000) = Field(default="", description="What this version records.")

    model_config = with_examples({"note": "Nach dem Auftaktgespräch mit der Initiative"})


_VERSION_EXAMPLE = {
    "number": 2,
    "saved_at": "2026-03-12T15:00:00Z",
    "author_name": "Anna Schulze",
    "note": "Nach dem Auftaktgespräch",
    "highest_stage": 4,
}


class AnalysisVersionSummaryOut(OutputModel):
    number: int = Field(description="1 for the first saved version of the case, and so on.")
    saved_at: datetime = Field(description="When it was saved.")
    author_name: str = Field(description="Who saved it.")
    note: str = Field(description="The note given when saving.")
    highest_stage: int | None = Field(description="The highest pair stage in it, if any.")

    model_config = with_examples(_VERSION_EXAMPLE)


class AnalysisVersionOut(AnalysisVersionSummaryOut):
    content: AnalysisContent = Field(description="The analysis as it was saved.")

    model_config = with_examples({**_VERSION_EXAMPLE, "content": EXAMPLE_CONTENT})


class ActorPlace(InputModel):
    key: ActorKey = Field(description="The actor's key in the analysis.")
    position: MapPosition = Field(description="Its new place on the map.")


class PositionsUpdate(InputModel):
    """New places of some actors on the conflict map; the other actors stay where they are."""

    places: Annotated[list[ActorPlace], Field(min_length=1, max_length=MAX_ACTORS)] = Field(
        description="The actors moved, by key."
    )

    model_config = with_examples({"places": [{"key": "a1", "position": {"x": 0.2, "y": 0.35}}]})


class HelpKind(StrEnum):
    """Kinds of third-party help after Glasl, in the order of the stages they fit."""

    MODERATION = "moderation"
    PROCESS_SUPPORT = "process_support"
    MEDIATION = "mediation"
    ARBITRATION = "arbitration"
    AUTHORITY = "authority"


_SUGGESTION_EXAMPLE = {
    "contact": {
        "id": "5c0e7e0f-3b7b-4a7e-8f59-2a1d3c4b5e6f",
        "name": "Mobile Beratung in Thüringen (MOBIT)",
        "kind": "organisation",
        "actor_group": "counselling_services",
    },
    "topics": ["Rechtsextremismus"],
    "help_kinds": ["process_support", "mediation"],
    "actor_group_fits": True,
}


class SuggestionOut(OutputModel):
    contact: ContactRef = Field(description="The network contact suggested.")
    topics: list[str] = Field(description="Its topics that fit the case's topics or the help.")
    help_kinds: list[HelpKind] = Field(
        description="The fitting kinds of help it offers, by its topics or actor group."
    )
    actor_group_fits: bool = Field(
        description="Its actor group is one that offers the help that fits the stage."
    )

    model_config = with_examples(_SUGGESTION_EXAMPLE)


class GuidanceOut(OutputModel):
    stage: int | None = Field(
        description="The stage guided for: the highest pair assessment, else the case's level."
    )
    help_kinds: list[HelpKind] = Field(
        description="The kinds of third-party help that fit the stage; guidance, not a rule."
    )
    suggestions: list[SuggestionOut] = Field(
        description="Network contacts of the municipality that fit, best first; the parties "
        "of the conflict are left out."
    )

    model_config = with_examples(
        {
            "stage": 5,
            "help_kinds": ["process_support", "mediation"],
            "suggestions": [_SUGGESTION_EXAMPLE],
        }
    )


_POINT_EXAMPLE = {
    "on": "2026-03-09",
    "stage": 4,
    "source": "turning_point",
    "version": None,
    "note": "Flugblätter gegen den Rat",
}
_PAIR_EXAMPLE = {
    "actor_a": "a1",
    "actor_b": "a2",
    "label": "Anwohnerinitiative – Gemeinderat",
    "points": [
        {
            "on": "2026-03-02",
            "stage": 3,
            "source": "version",
            "version": 1,
            "note": "Nach dem Auftaktgespräch",
        },
        _POINT_EXAMPLE,
    ],
}


class CoursePointOut(OutputModel):
    on: date = Field(description="The day.")
    stage: int = Field(description="The pair's Glasl stage on that day.")
    source: Literal["version", "turning_point", "current"] = Field(
        description="A saved version, a turning point, or the working analysis."
    )
    version: int | None = Field(description="The saved version's number, for versions.")
    note: str = Field(description="The version's note or what happened at the turning point.")

    model_config = with_examples(_POINT_EXAMPLE)


class CoursePairOut(OutputModel):
    actor_a: str = Field(description="Key of one actor of the pair.")
    actor_b: str = Field(description="Key of the other actor.")
    label: str = Field(description="The pair by the actors' labels.")
    points: list[CoursePointOut] = Field(description="Stage over time, oldest first.")

    model_config = with_examples(_PAIR_EXAMPLE)


class CourseOut(OutputModel):
    pairs: list[CoursePairOut] = Field(description="One series per assessed pair.")

    model_config = with_examples({"pairs": [_PAIR_EXAMPLE]})


class AnalysisChangeOut(OutputModel):
    section: str = Field(description="actors, issues, relationships, assessments or a field.")
    item: str | None = Field(description="Which entry: an actor's label, a pair, an issue.")
    field: str | None = Field(description="Which field of the entry changed, if one did.")
    kind: Literal["added", "removed", "changed"] = Field(description="What happened.")
    before: str | None = Field(description="The value before, as text.")
    after: str | None = Field(description="The value after, as text.")

    model_config = with_examples(
        {
            "section": "assessments",
            "item": "Anwohnerinitiative – Gemeinderat",
            "field": "stage",
            "kind": "changed",
            "before": "3",
            "after": "4",
        }
    )


class AnalysisComparisonOut(OutputModel):
    from_number: int = Field(description="The older version.")
    to_number: int = Field(description="The newer version.")
    changes: list[AnalysisChangeOut] = Field(
        description="Every change, in the order of the analysis."
    )

    model_config = with_examples(
        {"from_number": 1, "to_number": 2, "changes": [example_of(AnalysisChangeOut)]}
    )
