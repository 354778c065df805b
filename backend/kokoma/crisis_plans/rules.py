"""The rules a plan's sections must keep: references between sections, the alert
chain without dead ends, and what adoption needs."""

from __future__ import annotations

from collections import defaultdict

from kokoma.crisis_plans.schemas import PlanContent
from kokoma.errors import invalid

_BASE = "body.content"


def _unique(keys: list[str], section: str) -> set[str]:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            raise invalid(f"{_BASE}.{section}.{index}.key", f"The key '{key}' is used twice.")
        seen.add(key)
    return seen


def _known(value: str | None, known: set[str], where: str, what: str) -> None:
    if value is not None and value not in known:
        raise invalid(f"{_BASE}.{where}", f"The {what} '{value}' is not in the plan.")


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the directed graph, as its nodes in order, or ``None``."""
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return None


def check_content(content: PlanContent) -> None:
    """422 for a reference to something the plan does not hold, or a closed alert loop."""
    roles = _unique([r.key for r in content.roles], "roles")
    scenarios = _unique([s.key for s in content.scenarios], "scenarios")
    _unique([i.key for i in content.indicators], "indicators")
    levels = [lv.level for lv in content.levels]
    if len(levels) != len(set(levels)):
        raise invalid(f"{_BASE}.levels", "Each plan level appears at most once.")
    for i, ind in enumerate(content.indicators):
        _known(ind.scenario_key, scenarios, f"indicators.{i}.scenario_key", "scenario")
        _known(ind.watcher_role, roles, f"indicators.{i}.watcher_role", "role")
    for i, lv in enumerate(content.levels):
        _known(lv.decided_by_role, roles, f"levels.{i}.decided_by_role", "role")
    for i, step in enumerate(content.alert_chain):
        _known(step.from_role, roles, f"alert_chain.{i}.from_role", "role")
        _known(step.to_role, roles, f"alert_chain.{i}.to_role", "role")
        _known(step.fallback_role, roles, f"alert_chain.{i}.fallback_role", "role")
        if step.from_role == step.to_role:
            raise invalid(f"{_BASE}.alert_chain.{i}.to_role", "A role cannot alert itself.")
        if step.fallback_role in (step.from_role, step.to_role):
            raise invalid(
                f"{_BASE}.alert_chain.{i}.fallback_role",
                "The fallback is another role than the caller and the one called.",
            )
    for i, measure in enumerate(content.measures):
        _known(measure.scenario_key, scenarios, f"measures.{i}.scenario_key", "scenario")
        _known(measure.owner_role, roles, f"measures.{i}.owner_role", "role")
    _known(
        content.communication.spokesperson_role,
        roles,
        "communication.spokesperson_role",
        "role",
    )
    _check_loops(content)


def _check_loops(content: PlanContent) -> None:
    # A loop in the chain (A calls B, B calls A) goes round for ever unless one of its
    # steps has a fallback that leads out of it.
    by_level: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    fallback: dict[tuple[int, str, str], str | None] = {}
    for step in content.alert_chain:
        by_level[step.level][step.from_role].add(step.to_role)
        fallback[(step.level, step.from_role, step.to_role)] = step.fallback_role
    for level, edges in sorted(by_level.items()):
        loop = _cycle(edges)
        if loop is None:
            continue
        pairs = zip(loop, loop[1:] + loop[:1], strict=True)
        if not any(fallback.get((level, a, b)) for a, b in pairs):
            raise invalid(
                f"{_BASE}.alert_chain",
                f"The alert chain of level {level} goes round in a loop "
                f"({' → '.join([*loop, loop[0]])}) without a fallback.",
                "alert_chain_loop",
            )


def check_adoptable(content: PlanContent) -> None:
    """What a plan needs before the steering group's decision can adopt it."""
    if not content.scenarios:
        raise invalid(f"{_BASE}.scenarios", "Adopt a plan with at least one scenario.", "missing")
    if not content.alert_chain:
        raise invalid(f"{_BASE}.alert_chain", "Adopt a plan with an alert chain.", "missing")
    criteria = {level.level: level.entry_criteria for level in content.levels}
    for number in range(4):
        if not criteria.get(number):
            raise invalid(
                f"{_BASE}.levels",
                f"Level {number} has no entry criteria.",
                "missing",
            )
