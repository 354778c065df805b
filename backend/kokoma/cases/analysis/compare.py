"""What changed between two versions of an analysis, entry by entry and field by field.

Actors are matched by key, relationships by their two actors and kind, assessments by
their pair, issues by their text; everything else field by field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kokoma.cases.analysis.schemas import AnalysisChangeOut, AnalysisContent

Entry = dict[str, Any]


def _text(value: Any) -> str | None:
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, "", []))
    return str(value)


def _fields(section: str, item: str | None, old: Entry, new: Entry) -> list[AnalysisChangeOut]:
    changes = []
    for name in new:
        if old.get(name) != new.get(name):
            changes.append(
                AnalysisChangeOut(
                    section=section,
                    item=item,
                    field=name,
                    kind="changed",
                    before=_text(old.get(name)),
                    after=_text(new.get(name)),
                )
            )
    return changes


def _entries(
    section: str,
    old: list[Entry],
    new: list[Entry],
    key: Callable[[Entry], Any],
    name: Callable[[Entry], str],
) -> list[AnalysisChangeOut]:
    before = {key(e): e for e in old}
    after = {key(e): e for e in new}
    changes: list[AnalysisChangeOut] = []
    for k, entry in after.items():
        if k not in before:
            changes.append(
                AnalysisChangeOut(
                    section=section,
                    item=name(entry),
                    field=None,
                    kind="added",
                    before=None,
                    after=name(entry),
                )
            )
        else:
            changes += _fields(section, name(entry), before[k], entry)
    for k, entry in before.items():
        if k not in after:
            changes.append(
                AnalysisChangeOut(
                    section=section,
                    item=name(entry),
                    field=None,
                    kind="removed",
                    before=name(entry),
                    after=None,
                )
            )
    return changes


def compare_contents(old: AnalysisContent, new: AnalysisContent) -> list[AnalysisChangeOut]:
    a = old.model_dump(mode="json", exclude_computed_fields=True)
    b = new.model_dump(mode="json", exclude_computed_fields=True)
    labels: dict[str, str] = {x["key"]: x["label"] for x in a["actors"]} | {
        x["key"]: x["label"] for x in b["actors"]
    }

    def label(key: str) -> str:
        return labels.get(key, key)

    def pair(e: Entry) -> str:
        first, second = sorted((label(e["actor_a"]), label(e["actor_b"])))
        return f"{first} – {second}"

    def edge(e: Entry) -> str:
        return f"{label(e['source'])} – {label(e['target'])} ({e['kind']})"

    changes = _entries(
        "actors", a["actors"], b["actors"], lambda e: e["key"], lambda e: e["label"]
    )
    changes += _entries(
        "issues", a["issues"], b["issues"], lambda e: e["text"], lambda e: e["text"]
    )
    changes += _entries(
        "relationships",
        a["relationships"],
        b["relationships"],
        lambda e: (frozenset((e["source"], e["target"])), e["kind"]),
        edge,
    )
    changes += _entries(
        "assessments",
        a["assessments"],
        b["assessments"],
        lambda e: frozenset((e["actor_a"], e["actor_b"])),
        pair,
    )
    for section in ("actors", "issues", "relationships", "assessments"):
        a.pop(section)
        b.pop(section)
    for name in b:
        if isinstance(b[name], dict):
            changes += _fields(name, None, a[name], b[name])
        elif a[name] != b[name]:
            changes.append(
                AnalysisChangeOut(
                    section=name,
                    item=None,
                    field=None,
                    kind="changed",
                    before=_text(a[name]),
                    after=_text(b[name]),
                )
            )
    return changes
