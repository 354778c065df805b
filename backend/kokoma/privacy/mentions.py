"""Where a person is named in the free text of a municipality, and how that is redacted.

The search walks every text column of every table that belongs to a municipality
(directly, or through the record it belongs to), so a new domain's notes are searched
without being listed here. Identity columns (a contact's or participant's name, e-mail,
phone) and derived search keys are not free text: the records they belong to are found
as candidates and erased as a whole.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Column, Enum, String, Table, Text, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.core.folding import fold
from kokoma.db import Base

# The system's own records: their retention is their own (see retention.py), and
# they hold ids, not free text about people.
SYSTEM_TABLES = frozenset(
    {
        "audit_log",
        "domain_events",
        "webhook_subscriptions",
        "webhook_deliveries",
        "webhook_attempts",
        "api_clients",
        "auth_sessions",
        "refresh_tokens",
        "idempotency_keys",
        "users",
        "municipalities",
        "statistics_daily_figures",
        "case_reference_counters",
        "certificate_counters",
        "accessibility_feedback",
        # Its reason is redacted with the erasure it asks for.
        "erasure_requests",
    }
)
# Who a record is about, not what is said in it.
IDENTITY_COLUMNS = frozenset(
    {
        ("contacts", "name"),
        ("contacts", "given_name"),
        ("contacts", "family_name"),
        ("contacts", "email"),
        ("contacts", "phone"),
        ("training_participants", "full_name"),
        ("certificates", "participant_name"),
        ("case_timeline", "actor_name"),
        ("erasure_requests", "label"),
    }
)
DERIVED_COLUMNS = frozenset({"sort_name", "search_text"})
EXCERPT = 60
MIN_TERM = 3


@dataclass(frozen=True)
class Mention:
    table: str
    record_id: str
    field: str
    excerpt: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.table, self.record_id, self.field)


@dataclass(frozen=True)
class _Source:
    table: Table
    columns: list[Column[Any]]
    key: Column[Any]
    # The column holding the municipality, here or in the parent joined to.
    tenant: Column[Any]
    join: tuple[Table, Any] | None


def terms_for(name: str, *extra: str | None) -> list[str]:
    """The folded strings that name a person: full name, 'family, given', e-mail, phone."""
    found = [fold(name).strip()]
    parts = name.split()
    if len(parts) >= 2:
        found.append(fold(f"{parts[-1]}, {' '.join(parts[:-1])}"))
    found.extend(fold(x).strip() for x in extra if x)
    return [t for t in dict.fromkeys(found) if len(t) >= MIN_TERM]


def _is_text(column: Column[Any]) -> bool:
    if isinstance(column.type, Enum):
        return False
    return isinstance(column.type, String | Text | JSON)


def _key(table: Table) -> Column[Any]:
    """The column a record is named by (the first key column where there is no id)."""
    return table.c["id"] if "id" in table.c else next(iter(table.primary_key.columns))


def _sources() -> Iterator[_Source]:
    for table in Base.metadata.sorted_tables:
        if table.name in SYSTEM_TABLES:
            continue
        columns = [
            c
            for c in table.columns
            if _is_text(c)
            and c.name not in DERIVED_COLUMNS
            and (table.name, c.name) not in IDENTITY_COLUMNS
        ]
        if not columns:
            continue
        key = _key(table)
        if "municipality_id" in table.c:
            yield _Source(table, columns, key, table.c.municipality_id, None)
            continue
        for fk in table.foreign_keys:
            parent = fk.column.table
            if "municipality_id" in parent.c and parent.name not in SYSTEM_TABLES:
                yield _Source(
                    table, columns, key, parent.c.municipality_id, (parent, fk.parent == fk.column)
                )
                break


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _excerpt(text: str, term: str) -> str:
    folded = fold(text)
    at = folded.find(term)
    # Folding keeps most texts the same length; the excerpt is a pointer, not a quote.
    start = max(0, at - EXCERPT)
    end = min(len(text), at + len(term) + EXCERPT)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


async def find(
    session: AsyncSession,
    municipality_id: uuid.UUID,
    terms: list[str],
    *,
    skip: frozenset[tuple[str, str]] = frozenset(),
) -> list[Mention]:
    """Every free-text field of the municipality naming one of ``terms``.

    ``skip`` leaves out whole records as (table, id): the person's own records.
    """
    if not terms:
        return []
    found: list[Mention] = []
    for source in _sources():
        stmt = select(source.key, *source.columns)
        if source.join is not None:
            stmt = stmt.join(source.join[0], source.join[1])
        stmt = stmt.where(source.tenant == municipality_id)
        for row in await session.execute(stmt):
            record_id = str(row[0])
            if (source.table.name, record_id) in skip:
                continue
            for column, value in zip(source.columns, row[1:], strict=True):
                text = _as_text(value)
                if not text:
                    continue
                folded = fold(text)
                hit = next((t for t in terms if t in folded), None)
                if hit is not None:
                    found.append(
                        Mention(source.table.name, record_id, column.name, _excerpt(text, hit))
                    )
    return found


def _pattern(terms: list[str]) -> re.Pattern[str]:
    # Each letter also matches what it is folded from (a/ä, ss/ß), case-insensitively.
    def letter(char: str) -> str:
        alike = {"a": "aäáà", "o": "oöóò", "u": "uüúù", "e": "eéèë", "i": "iíìï"}
        if char in alike:
            return f"[{alike[char]}]"
        if char == " ":
            return r"\s+"
        return re.escape(char)

    def word(term: str) -> str:
        return "".join(letter(c) for c in term).replace("ss", "(?:ss|ß)")

    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(word(t) for t in ordered), re.IGNORECASE)


def redact_text(value: Any, terms: list[str], label: str) -> Any:
    """``value`` with every naming of the person replaced by ``label`` (JSON walked through)."""
    pattern = _pattern(terms)
    if isinstance(value, str):
        return pattern.sub(label, value)
    if isinstance(value, list):
        return [redact_text(v, terms, label) for v in value]
    if isinstance(value, dict):
        return {k: redact_text(v, terms, label) for k, v in value.items()}
    return value


async def redact(
    session: AsyncSession, mentions: list[Mention], terms: list[str], label: str
) -> None:
    """Replace the person's naming in each mentioned field with ``label``."""
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    for mention in mentions:
        table = tables[mention.table]
        key = _key(table)
        record_id: Any = mention.record_id
        if key.type.python_type is uuid.UUID:
            record_id = uuid.UUID(mention.record_id)
        column = table.c[mention.field]
        current = await session.scalar(select(column).where(key == record_id))
        values: dict[str, Any] = {mention.field: redact_text(current, terms, label)}
        if "version" in table.c:
            values["version"] = table.c.version + 1
        await session.execute(update(table).where(key == record_id).values(**values))
