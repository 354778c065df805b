"""The one place that confines queries to the caller's municipality.

Every service reaches tenant-owned rows through these helpers, so another
municipality's record is simply not found (404), never forbidden (403).
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.errors import NotFound

M = TypeVar("M")


# ``M`` is any tenant-owned model (``TenantMixin``, and ``IdMixin`` for the record
# helpers); mypy cannot bound a type variable by two mixins, hence the ignores below.


def scoped(model: type[M], principal: Principal, *columns: Any) -> Select[Any]:
    """``SELECT model`` (or the given columns) of the caller's municipality only."""
    stmt = select(*columns) if columns else select(model)
    return stmt.where(model.municipality_id == principal.municipality_id)  # type: ignore[attr-defined]


def scoped_template(model: type[M], *columns: Any) -> Select[Any]:
    """``scoped`` with the municipality left as the parameter ``tenant_id``: a statement
    built once for every caller, run with ``tenant_params``. Building a statement and
    deriving its cache key cost more than running it on the hot read paths
    (bench/RESULTS.md), so these build theirs once."""
    stmt = select(*columns) if columns else select(model)
    return stmt.where(model.municipality_id == bindparam("tenant_id"))  # type: ignore[attr-defined]


def tenant_params(principal: Principal) -> dict[str, Any]:
    """The parameters of a ``scoped_template`` statement for ``principal``."""
    return {"tenant_id": principal.municipality_id}


async def load_one(session: AsyncSession, stmt: Select[Any], *, what: str) -> Any:
    """The single row ``stmt`` finds, freshly loaded (not a stale copy from the session), or 404."""
    found = await session.scalar(stmt.execution_options(populate_existing=True))
    if found is None:
        raise NotFound(what)
    return found


async def get_scoped(
    session: AsyncSession,
    model: type[M],
    record_id: uuid.UUID,
    principal: Principal,
    *,
    what: str,
    for_update: bool = False,
) -> M:
    """The record with ``record_id`` if it belongs to the caller's municipality, else 404."""
    stmt = scoped(model, principal).where(model.id == record_id)  # type: ignore[attr-defined]
    if for_update:
        stmt = stmt.with_for_update()
    record = await session.scalar(stmt)
    if record is None:
        raise NotFound(what)
    return record
