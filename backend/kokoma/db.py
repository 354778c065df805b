"""The one place that makes database engines and sessions; knows no domain."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from kokoma.settings import Settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every backend (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime}


def utcnow() -> datetime:
    return datetime.now(UTC)


def make_engine(settings: Settings) -> AsyncEngine:
    """Create the engine for the configured database, tuned per backend.

    Bound values stay out of error messages and logs (``hide_parameters``): they are
    names, notes and search terms. JSON values are decoded with orjson: a page of the
    case list decodes about a hundred small ones, its child rows among them, and the
    standard library's decoder took an eighth of the list's database work for it
    (bench/RESULTS.md).
    """
    common: dict[str, Any] = {"hide_parameters": True, "json_deserializer": orjson.loads}
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            settings.database_url,
            **common,
            connect_args={"timeout": settings.sqlite_busy_timeout_ms / 1000},
            # Every transaction holds the write lock (see below), so only one of them
            # runs at a time anyway. With one connection the others queue in the pool,
            # first come first served, instead of polling the lock in SQLite's busy
            # handler, whose growing sleeps of up to 100 ms made p95 latencies ten
            # times the median under concurrent requests (bench/RESULTS.md).
            pool_size=1,
            max_overflow=0,
            pool_timeout=settings.sqlite_busy_timeout_ms / 1000,
        )
        _tune_sqlite(engine, settings.sqlite_busy_timeout_ms)
        return engine
    engine = create_async_engine(
        settings.database_url,
        **common,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_pool_size,
    )
    _ping_when_idle(engine)
    return engine


# A pooled connection idle longer than this is pinged before use.
PING_AFTER_IDLE_SECONDS = 1.0


def _ping_when_idle(engine: AsyncEngine) -> None:
    """Check a pooled connection before use only when it has been idle a while.

    SQLAlchemy's ``pool_pre_ping`` costs a round trip on every checkout, which was a
    tenth of a cheap request (bench/RESULTS.md). A connection that served a request
    within the last second is taken as alive. The trade-off: should the database drop
    connections (restart, failover) within that second, the one request on such a
    connection fails with 503 (the pool is then recycled, ``kokoma.errors``), where
    a ping on every checkout would have replaced it silently; a connection idle for
    longer is pinged and replaced as before.
    """

    @event.listens_for(engine.sync_engine, "checkin")
    def _note_idle(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _ping(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since <= PING_AFTER_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # any failure: the pool connects anew
            raise DisconnectionError() from exc


def _tune_sqlite(engine: AsyncEngine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling defers BEGIN; take control so that
        # every transaction starts with BEGIN IMMEDIATE. A deferred transaction that
        # reads and then writes fails with "database is locked" when another writer
        # got in between, whatever the busy timeout; an immediate one just waits.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """Engine plus session factory; one per application."""

    def __init__(self, settings: Settings) -> None:
        # The entry points (app, command line, Alembic, tests) import ``kokoma.tables``,
        # which registers every table and flush hook; this module knows no domain.
        self.engine = make_engine(settings)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)

    async def dispose(self) -> None:
        await self.engine.dispose()
