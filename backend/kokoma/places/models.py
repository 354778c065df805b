"""The places of a municipality: its towns and municipalities (with their official key)
and their Ortsteile, which cases name so that statistics can count by place."""

from __future__ import annotations

import uuid
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin, TenantMixin, TimestampMixin, VersionedMixin, code_column
from kokoma.db import Base


class PlaceKind(StrEnum):
    MUNICIPALITY = "municipality"  # Stadt oder Gemeinde, with an official key
    DISTRICT_PART = "district_part"  # Ortsteil, part of a municipality


class Place(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "places"
    __table_args__ = (
        UniqueConstraint("municipality_id", "name", name="name_unique"),
        UniqueConstraint("municipality_id", "official_key", name="official_key_unique"),
        # An Ortsteil belongs to a municipality; a municipality to nothing but the tenant.
        CheckConstraint(
            "(kind = 'district_part') = (parent_id IS NOT NULL)", name="part_has_parent"
        ),
        CheckConstraint(
            "kind = 'municipality' OR official_key IS NULL", name="key_for_municipalities"
        ),
    )

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[PlaceKind] = mapped_column(code_column(PlaceKind, 20))
    # Amtlicher Gemeindeschlüssel (8 digits) of a town or municipality.
    official_key: Mapped[str | None] = mapped_column(String(8))
    # RESTRICT: a municipality with Ortsteile is archived, not deleted.
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("places.id", ondelete="RESTRICT"), index=True
    )
    # Archived places stay on the cases that name them but are no longer offered.
    archived: Mapped[bool] = mapped_column(default=False)
