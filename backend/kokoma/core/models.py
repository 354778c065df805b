"""Column sets that most tables share."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Enum, ForeignKey, Uuid
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from kokoma.db import utcnow


def code_column(enum: type[StrEnum], length: int = 30) -> Enum:
    """A column type for a code enum, stored as plain strings.

    No native enum types: adding a code needs no DDL on PostgreSQL.
    """
    return Enum(
        enum, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


class IdMixin:
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class VersionedMixin:
    """Optimistic concurrency: ``version`` is the ETag and rises with every update."""

    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        # A mixin has no table of its own; the mapped class it is mixed into has.
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class TenantMixin:
    """Rows that belong to one municipality; reached only through ``kokoma.core.tenancy``."""

    @declared_attr
    def municipality_id(cls) -> Mapped[uuid.UUID]:
        return mapped_column(
            Uuid, ForeignKey("municipalities.id", ondelete="RESTRICT"), index=True
        )
