"""Reads on the hot request paths: plain column statements run through SQLAlchemy Core.

``AsyncSession.execute`` sends every statement through the ORM's execution path
(autoflush, ORM compile state, result adaptation), even one that selects plain
columns: that costs about as much CPU again as the statement's own execution
(measured in bench/RESULTS.md, "Third round"). A read that selects columns runs here
on the session's own connection instead: the same transaction, the same types and
result rows, none of the ORM's work.

Only for reads that need no pending ORM change flushed first, such as read-only
requests and the caller check at the start of a request: Core does not autoflush.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, ColumnElement, Dialect, Executable, Result, Select, literal_column
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


async def read(
    session: AsyncSession, stmt: Executable, params: Mapping[str, Any] | None = None
) -> Result[Any]:
    """The result of the column statement ``stmt``, run on ``session``'s connection."""
    connection = await session.connection()
    return await connection.execute(stmt, params)


Processor = Callable[[Any], Any]


@dataclass(frozen=True)
class _DriverStatement:
    """A select compiled once for asyncpg, with SQLAlchemy's own type conversions."""

    sql: str
    params: tuple[tuple[str, Processor | None], ...]  # name and bind conversion, in order
    columns: tuple[tuple[str, Processor | None], ...]  # key and result conversion


@lru_cache(maxsize=32)
def _for_driver(stmt: Select[Any], dialect: Dialect) -> _DriverStatement:
    compiled = stmt.compile(dialect=dialect)
    params = tuple(
        (name, compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect))
        for name in compiled.positiontup or ()
    )
    columns = tuple(
        (str(column.key), column.type.dialect_impl(dialect).result_processor(dialect, None))
        for column in stmt.selected_columns
    )
    return _DriverStatement(str(compiled), params, columns)


async def first_row(
    session: AsyncSession, stmt: Select[Any], params: Mapping[str, Any]
) -> Mapping[Any, Any] | None:
    """The first row of the column statement ``stmt`` by column key, or None.

    For the one read every request makes (the caller's state): ``stmt`` built once, each
    of its parameters a plain ``bindparam`` given in ``params``. On PostgreSQL it runs on
    the session connection's asyncpg connection directly, compiled once, its parameters
    and values converted by SQLAlchemy's own type processors: about a third of the CPU
    of SQLAlchemy's execution path, where the driver adapter's per-statement work
    dominates (bench/RESULTS.md, "Fifth round"). As the first statement of a request it
    runs before the driver adapter's deferred ``BEGIN``, on its own: at READ COMMITTED
    one statement sees the same committed state either way. Elsewhere it is ``read``.
    """
    connection = await session.connection()
    if connection.dialect.driver != "asyncpg":
        return (await connection.execute(stmt, params)).mappings().first()
    compiled = _for_driver(stmt, connection.dialect)
    args = [
        convert(params[name]) if convert else params[name] for name, convert in compiled.params
    ]
    driver = (await connection.get_raw_connection()).driver_connection
    try:
        record = await driver.fetchrow(compiled.sql, *args)  # type: ignore[union-attr]
    except Exception:  # noqa: BLE001 - any failure of the driver: see below
        # Run it again on SQLAlchemy's path, which raises its own error for what the
        # driver said (a lost database is a 503) and takes a broken connection out of
        # the pool; a read can safely run twice.
        return (await connection.execute(stmt, params)).mappings().first()
    if record is None:
        return None
    return {
        key: convert(value) if convert else value
        for (key, convert), value in zip(compiled.columns, record, strict=True)
    }


class _JsonArray(FunctionElement[Any]):
    """The aggregate of its argument's values over the rows as a JSON array, ``[]`` for none."""

    type = JSON()
    inherit_cache = True


class _JsonObject(FunctionElement[Any]):
    """A JSON object of key, value, key, value … arguments."""

    type = JSON()
    inherit_cache = True


# The SQL of each construct per database, around its compiled arguments. json_agg over
# no rows is NULL, where SQLite's json_group_array is '[]'.
_SQL: dict[tuple[type[FunctionElement[Any]], str], str] = {
    (_JsonArray, "postgresql"): "coalesce(json_agg({}), '[]'::json)",
    (_JsonArray, "sqlite"): "json_group_array({})",
    (_JsonObject, "postgresql"): "json_build_object({})",
    (_JsonObject, "sqlite"): "json_object({})",
}


def _compile_as(construct: type[FunctionElement[Any]], dialect: str, template: str) -> None:
    @compiles(construct, dialect)
    def _compiled(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
        return template.format(compiler.process(element.clauses, **kw))


for (_construct, _dialect), _template in _SQL.items():
    _compile_as(_construct, _dialect, _template)


def json_list(value: Any) -> ColumnElement[Any]:
    """The rows of the enclosing select as one JSON list, ``[]`` for none: of ``value``'s
    values, or of objects when ``value`` maps keys to columns.

    For a scalar subquery per parent row, so that a page's child rows of several kinds
    come back in the page's own statement, decoded into lists of plain values and dicts.
    """
    if isinstance(value, Mapping):
        # The keys are names in code, never input: safe to write into the statement.
        pairs: list[Any] = []
        for key, column in value.items():
            pairs += (literal_column(f"'{key}'"), column)
        value = _JsonObject(*pairs)
    return _JsonArray(value)
