from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin, TimestampMixin, VersionedMixin
from kokoma.db import Base


class Municipality(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A tenant: every user, client and record belongs to exactly one."""

    __tablename__ = "municipalities"

    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    # Amtlicher Gemeindeschlüssel (AGS); districts have 5 digits, municipalities 8.
    official_key: Mapped[str | None] = mapped_column(String(8))
    state: Mapped[str | None] = mapped_column(String(100))
    is_active: Mapped[bool] = mapped_column(default=True)
