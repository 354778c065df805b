"""The course of a conflict (Verlaufsdiagramm): the Glasl stage over time per pair of
actors, read from the saved versions, the turning points and the working analysis.

One computation for the web UI's chart and the PDF, so both tell the same story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from kokoma.cases.analysis.schemas import AnalysisContent

Source = Literal["version", "turning_point", "current"]


@dataclass(frozen=True)
class CourseVersion:
    """One saved version: its day, number, note and content."""

    saved_on: date
    number: int
    note: str
    content: AnalysisContent


@dataclass(frozen=True)
class CoursePoint:
    on: date
    stage: int
    source: Source
    version: int | None = None
    note: str = ""


@dataclass
class CoursePair:
    actor_a: str
    actor_b: str
    label: str = ""
    points: list[CoursePoint] = field(default_factory=list)

    @property
    def key(self) -> frozenset[str]:
        return frozenset((self.actor_a, self.actor_b))


def course(content: AnalysisContent, versions: Sequence[CourseVersion]) -> list[CoursePair]:
    """Stage over time per assessed pair, oldest point first.

    Each saved version gives a point on the day it was saved. A turning point gives a
    point on its day, at the stage of the first analysis (version or working) that
    recorded it. The working analysis adds its assessment on the day it was assessed,
    unless the last point already says the same.
    """
    pairs: dict[frozenset[str], CoursePair] = {}
    seen_turns: set[tuple[frozenset[str], date, str]] = set()
    labels: dict[str, str] = {}

    def pair_of(actor_a: str, actor_b: str) -> CoursePair:
        key = frozenset((actor_a, actor_b))
        if key not in pairs:
            pairs[key] = CoursePair(actor_a, actor_b)
        return pairs[key]

    def add_turning_points(source: AnalysisContent) -> None:
        for item in source.assessments:
            pair = pair_of(item.actor_a, item.actor_b)
            for point in item.turning_points:
                seen = (pair.key, point.on, point.what)
                if seen not in seen_turns:
                    seen_turns.add(seen)
                    pair.points.append(
                        CoursePoint(point.on, item.stage, "turning_point", note=point.what)
                    )

    for version in versions:
        labels.update({a.key: a.label for a in version.content.actors})
        for item in version.content.assessments:
            pair_of(item.actor_a, item.actor_b).points.append(
                CoursePoint(version.saved_on, item.stage, "version", version.number, version.note)
            )
        add_turning_points(version.content)
    labels.update({a.key: a.label for a in content.actors})
    add_turning_points(content)
    for pair in pairs.values():
        pair.points.sort(key=lambda p: p.on)
    for item in content.assessments:
        pair = pair_of(item.actor_a, item.actor_b)
        last = pair.points[-1] if pair.points else None
        if item.assessed_on is not None and (
            last is None or (last.on, last.stage) != (item.assessed_on, item.stage)
        ):
            pair.points.append(CoursePoint(item.assessed_on, item.stage, "current"))
            pair.points.sort(key=lambda p: p.on)
    for pair in pairs.values():
        pair.label = " – ".join(labels.get(k, k) for k in (pair.actor_a, pair.actor_b))
    return [pair for pair in pairs.values() if pair.points]
