"""Which cases a caller may see: the one place for the tenancy and `restricted` rule.

Other domains (consultations, statistics) use these helpers to hide whatever hangs
off a case the caller cannot see.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, case, exists, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.interfaces import ORMOption

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal
from kokoma.cases.models import Case, CaseAssignment, CaseVisibility
from kokoma.core.reads import read
from kokoma.core.tenancy import scoped, scoped_template, tenant_params
from kokoma.errors import NotFound


def sees_all_cases(principal: Principal) -> bool:
    """Coordinators see every case of their municipality, restricted ones included."""
    return principal.can(Permission.CASES_COORDINATE)


def visibility_filter(principal: Principal) -> Any:
    """The WHERE clause beyond tenancy: team cases, or restricted ones the caller is assigned to.

    Combine it with ``scoped(Case, principal)``; alone it does not confine the municipality.
    """
    return _visibility(sees_all_cases(principal), principal.id)


def _visibility(sees_all: bool, caller_id: Any, case_row: Any = Case) -> Any:
    if sees_all:
        return true()
    assigned = exists(
        select(CaseAssignment.case_id).where(
            CaseAssignment.case_id == case_row.id, CaseAssignment.user_id == caller_id
        )
    )
    # CASE rather than OR: PostgreSQL then consults the assignments only for restricted
    # cases, instead of hashing every case the caller was ever assigned to on each query
    # (three times the cost of a list page for a long-serving conflict manager, measured
    # in bench/RESULTS.md).
    return case((case_row.visibility == CaseVisibility.TEAM, true()), else_=assigned)


def joined_case_visible(case_row: Any) -> Any:
    """For a statement that has joined a record's case as ``case_row`` (an alias of
    ``Case``): the caller may see that case. Its municipality is bound as ``tenant_id``
    and the caller as ``caller_id`` (``visibility_params``), for callers who do not see
    all cases.

    Cheaper than an EXISTS over the visible cases once the case row is at hand: under an
    OR, PostgreSQL ran that EXISTS as a hashed subplan that read every visible case of
    the municipality on each request (440 ms for a list page at bench scale,
    bench/RESULTS.md)."""
    tenant = case_row.municipality_id == bindparam("tenant_id")
    return and_(tenant, _visibility(False, bindparam("caller_id"), case_row))


def visible_cases(principal: Principal, *columns: Any) -> Select[Any]:
    """``SELECT Case`` (or ``columns``) of the caller's municipality that the caller may see."""
    return scoped(Case, principal, *columns).where(visibility_filter(principal))


def visible_cases_template(sees_all: bool, *columns: Any) -> Select[Any]:
    """``visible_cases`` built once for every caller of a kind (``sees_all_cases``): the
    municipality and the caller are the parameters of ``visibility_params``."""
    stmt = scoped_template(Case, *columns)
    return stmt.where(_visibility(sees_all, bindparam("caller_id")))


def visibility_params(principal: Principal) -> dict[str, Any]:
    """The parameters of a ``visible_cases_template`` statement for ``principal``."""
    return {**tenant_params(principal), "caller_id": principal.id}


@cache
def _visible_case_id(sees_all: bool) -> Select[Any]:
    return visible_cases_template(sees_all, Case.id).where(Case.id == bindparam("case_id"))


async def check_visible_case(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID
) -> None:
    """404 unless the caller may see the case, as ``get_visible_case``, for reads that need
    no more than that: a statement built once, read through Core (``kokoma.core.reads``)."""
    stmt = _visible_case_id(sees_all_cases(principal))
    params = {**visibility_params(principal), "case_id": case_id}
    if (await read(session, stmt, params)).first() is None:
        raise NotFound("Case")


async def get_visible_case(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    *,
    for_update: bool = False,
    options: Sequence[ORMOption] = (),
) -> Case:
    """The case if the caller may see it; 404 for foreign, restricted-unassigned or unknown ids.

    ``for_update`` locks the row (PostgreSQL) for a change; ``options`` are loader options.
    """
    stmt = visible_cases(principal).where(Case.id == case_id).options(*options)
    if for_update:
        stmt = stmt.with_for_update(of=Case)
    case = await session.scalar(stmt)
    if case is None:
        raise NotFound("Case")
    return case
