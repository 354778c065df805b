from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kokoma.access.permissions import Role
from kokoma.core.models import (
    IdMixin,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    code_column,
)
from kokoma.db import Base
from kokoma.municipalities.models import Municipality


class User(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(code_column(Role))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)

    municipality: Mapped[Municipality] = relationship(lazy="joined", innerjoin=True)
