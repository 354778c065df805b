"""The case status workflow: one transition table, checked in one place.

Forward path: new → clarifying → analysing → in_progress → follow_up → closed.
``referred`` ends a case handed over to another service. Backward steps exist
where casework really goes back (the mandate needs clarifying again, the
analysis was wrong, follow-up shows the conflict flaring up). Reopening an
ended case needs a reason; the conflict managers assigned to the case take that
step themselves, coordinators for every case.
"""

from __future__ import annotations

from dataclasses import dataclass

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal
from kokoma.cases.models import CaseStatus as S
from kokoma.errors import Forbidden, Problem


@dataclass(frozen=True)
class Transition:
    source: S
    target: S
    reopens: bool = False
    why: str = ""


TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.NEW, S.CLARIFYING, why="start the mandate clarification (Auftragsklärung)"),
    Transition(S.NEW, S.CLOSED, why="no case for us: withdrawn, duplicate, out of scope"),
    Transition(S.CLARIFYING, S.ANALYSING, why="mandate agreed, analyse the conflict"),
    Transition(S.CLARIFYING, S.REFERRED, why="another service is the right one"),
    Transition(S.CLARIFYING, S.CLOSED, why="no mandate came about"),
    Transition(S.ANALYSING, S.IN_PROGRESS, why="analysis done, work on the conflict"),
    Transition(S.ANALYSING, S.CLARIFYING, why="the analysis calls the mandate into question"),
    Transition(S.ANALYSING, S.REFERRED, why="another service is the right one"),
    Transition(S.IN_PROGRESS, S.FOLLOW_UP, why="agreements reached, follow-up (Nachsorge)"),
    Transition(S.IN_PROGRESS, S.ANALYSING, why="new parties or facts need a new analysis"),
    Transition(S.IN_PROGRESS, S.REFERRED, why="another service takes over"),
    Transition(S.IN_PROGRESS, S.CLOSED, why="ended without a follow-up phase"),
    Transition(S.FOLLOW_UP, S.CLOSED, why="follow-up done"),
    Transition(S.FOLLOW_UP, S.IN_PROGRESS, why="the conflict flared up again"),
    Transition(S.CLOSED, S.IN_PROGRESS, reopens=True, why="reopen a closed case"),
    Transition(S.REFERRED, S.CLARIFYING, reopens=True, why="the case came back"),
)

ENDED = frozenset({S.CLOSED, S.REFERRED})


def reopens(source: S, target: S) -> bool:
    """Whether the step reopens an ended case (and so needs a reason)."""
    return any(t.reopens for t in TRANSITIONS if t.source is source and t.target is target)


def allowed_targets(source: S, principal: Principal, *, assigned: bool) -> list[S]:
    """The statuses the caller may move a case in ``source`` to, in table order;
    ``assigned``: the caller works on the case."""
    may_reopen = assigned or principal.can(Permission.CASES_COORDINATE)
    return [t.target for t in TRANSITIONS if t.source is source and (may_reopen or not t.reopens)]


def next_statuses(source: S, archived: bool, principal: Principal, *, assigned: bool) -> list[S]:
    """What a client may offer the caller for a case now: nothing for an archived case or a
    caller who cannot write cases, else the allowed targets."""
    if archived or not principal.can(Permission.CASES_WRITE):
        return []
    return allowed_targets(source, principal, assigned=assigned)


def check_transition(source: S, target: S, principal: Principal, *, assigned: bool) -> None:
    """409 (naming the allowed targets) for a step not in the table; 403 for a reopening
    the caller may not do."""
    allowed = allowed_targets(source, principal, assigned=assigned)
    if target in allowed:
        return
    if reopens(source, target):
        raise Forbidden("Only the case's assignees and coordinators reopen an ended case.")
    raise Problem(
        409,
        f"A case cannot go from '{source.value}' to '{target.value}'.",
        code="illegal-transition",
        allowed=[s.value for s in allowed],
    )
