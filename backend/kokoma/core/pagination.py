"""Keyset pagination with opaque cursors: no OFFSET scans, no exact counts.

A cursor carries the sort values of the last row (a name, a title), so it is
encrypted and authenticated (AES-GCM) with a key derived from the secret key, and
bound to its list: it reveals nothing, and a tampered, truncated or foreign cursor is
a 400 instead of reaching the database.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Select, and_, bindparam, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from kokoma.core.reads import read
from kokoma.core.sealing import Unsealable, derive_key, seal, unseal
from kokoma.errors import Problem

MAX_LIMIT = 100
CURSOR_KEY = "cursor_key"  # where the session's ``info`` holds the cursor key


def cursor_key(secret: str) -> bytes:
    """The cursor key, derived from the secret key so that no second secret is needed."""
    return derive_key(secret, "cursor")


@dataclass(frozen=True)
class SortKey:
    """An orderable column, tie-broken by the primary key in the same direction."""

    column: InstrumentedAttribute[Any]
    descending: bool = False


def _bad_cursor() -> Problem:
    return Problem(400, "The cursor is not valid for this list.", code="bad-cursor")


def encode_cursor(
    key: bytes, keys: Sequence[SortKey], id_column: Any, values: Sequence[Any]
) -> str:
    """The cursor that continues ``keys``' list after the row with ``values``."""
    return _encode(key, _context(keys, id_column), values)


def _encode(key: bytes, context: bytes, values: Sequence[Any]) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, (datetime, date)):
            return {"t": value.isoformat()}
        if isinstance(value, uuid.UUID):
            return {"u": str(value)}
        return value

    raw = json.dumps([plain(v) for v in values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(seal(key, raw, context)).decode().rstrip("=")


def _decode(key: bytes, context: bytes, cursor: str, size: int) -> list[Any]:
    def typed(value: Any) -> Any:
        if isinstance(value, dict) and "t" in value:
            text = value["t"]
            return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
        if isinstance(value, dict) and "u" in value:
            return uuid.UUID(value["u"])
        return value

    try:
        sealed = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(unseal(key, sealed, context))
    except (ValueError, binascii.Error, Unsealable) as exc:
        raise _bad_cursor() from exc
    if not isinstance(values, list) or len(values) != size:
        raise _bad_cursor()  # sealed by this server, so only an older layout gets here
    return [typed(v) for v in values]


def _context(keys: Sequence[SortKey], id_column: Any) -> bytes:
    # The list a cursor belongs to: its sort columns and directions. A cursor of
    # another list (or of another sort order) fails authentication.
    parts = [f"{k.column.class_.__name__}.{k.column.key}:{int(k.descending)}" for k in keys]
    parts.append(f"{id_column.class_.__name__}.{id_column.key}")
    return "|".join(parts).encode()


def _after(keys: Sequence[SortKey], id_column: Any, values: list[Any]) -> Any:
    # (a, b, id) > (x, y, z) spelled out, so each column may have its own direction.
    columns = [(k.column, k.descending) for k in keys] + [(id_column, keys[-1].descending)]
    clauses = []
    for index, (column, descending) in enumerate(columns):
        equal_before = [c == v for (c, _), v in zip(columns[:index], values[:index], strict=True)]
        beyond = column < values[index] if descending else column > values[index]
        clauses.append(and_(*equal_before, beyond))
    # Implied by the OR, but only spelled out does the leading column bound the index
    # scan: without it the database walks the index from the top and filters its way
    # down to the cursor, so a page deep in a list cost its depth (bench/RESULTS.md).
    first, descending = columns[0]
    bound = first <= values[0] if descending else first >= values[0]
    return and_(bound, or_(*clauses))


# Whether a statement selects one ORM entity, remembered per statement object: asking
# ``column_descriptions`` costs 60-75 µs, which a page statement built once (and kept)
# would otherwise pay again on every request.
_SELECTS_ENTITY: WeakKeyDictionary[Select[Any], bool] = WeakKeyDictionary()


def _selects_entity(stmt: Select[Any]) -> bool:
    known = _SELECTS_ENTITY.get(stmt)
    if known is None:
        described = stmt.column_descriptions
        known = len(described) == 1 and described[0]["expr"] is described[0]["entity"]
        _SELECTS_ENTITY[stmt] = known
    return known


def continues(cursor: str | None) -> bool:
    """Whether a page continues its list (a ``page_statement`` with ``continued``): an
    empty cursor (``?cursor=``) starts the list, as no cursor does, and as ``read_page``
    binds no cursor values for it."""
    return bool(cursor)


def page_statement(
    stmt: Select[Any], keys: Sequence[SortKey], id_column: Any, *, continued: bool
) -> Select[Any]:
    """``stmt`` as one page of its list: ordered by ``keys`` (tie-broken by
    ``id_column``), at most ``page_limit`` rows and, if ``continued``, only the rows
    after the cursor's values ``after_0``, ``after_1``, … — all bound parameters, so a
    list can build its page statement once per shape and run it with ``read_page``."""
    if continued:
        after: list[Any] = [bindparam(f"after_{index}") for index in range(len(keys) + 1)]
        stmt = stmt.where(_after(keys, id_column, after))
    order = [k.column.desc() if k.descending else k.column.asc() for k in keys]
    order.append(id_column.desc() if keys[-1].descending else id_column.asc())
    return stmt.order_by(*order).limit(bindparam("page_limit"))


async def paginate(
    session: AsyncSession,
    stmt: Select[Any],
    *,
    keys: Sequence[SortKey],
    id_column: Any,
    limit: int,
    cursor: str | None,
) -> tuple[list[Any], str | None]:
    """Run ``stmt`` for one page ordered by ``keys`` and return rows plus next cursor.

    ``stmt`` selects a single ORM entity (the rows are its instances) or columns (the
    rows are ``Row`` tuples, read through Core: cheaper for read-only lists, see
    ``kokoma.core.reads``) that include the sort keys by their attribute names; sort
    columns must be NOT NULL, or rows with NULL would fall out of the order.
    """
    page = page_statement(stmt, keys, id_column, continued=continues(cursor))
    return await read_page(
        session, page, {}, keys=keys, id_column=id_column, limit=limit, cursor=cursor
    )


async def read_page(
    session: AsyncSession,
    page: Select[Any],
    params: dict[str, Any],
    *,
    keys: Sequence[SortKey],
    id_column: Any,
    limit: int,
    cursor: str | None,
) -> tuple[list[Any], str | None]:
    """Run the ``page_statement`` ``page`` with ``params`` for one page; like ``paginate``."""
    key: bytes = session.info[CURSOR_KEY]
    context = _context(keys, id_column)
    bound = {**params, "page_limit": limit + 1}
    if cursor:  # as ``continues`` tells
        values = _decode(key, context, cursor, len(keys) + 1)
        bound.update((f"after_{index}", value) for index, value in enumerate(values))
    if _selects_entity(page):
        rows = list((await session.execute(page, bound)).scalars())
    else:
        rows = list(await read(session, page, bound))
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    values = [getattr(last, k.column.key) for k in keys] + [getattr(last, id_column.key)]
    return rows, _encode(key, context, values)
