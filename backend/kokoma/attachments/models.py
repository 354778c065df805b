"""An attachment's record; its bytes live in the attachment storage, not in the database."""

from __future__ import annotations

import uuid

from sqlalchemy import Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin, TenantMixin, TimestampMixin, VersionedMixin
from kokoma.db import Base


class Attachment(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A file kept with one record of any domain (``owner_type`` names the kind of record).

    No foreign key to the owner: the owning domain removes its attachments with the
    record (``service.remove_all``), which also removes the stored files.
    """

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_owner", "owner_type", "owner_id", "created_at"),)

    owner_type: Mapped[str] = mapped_column(String(30))
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    filename: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(500))
    # Found from the content at upload, never taken from the client.
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(100), unique=True)
    uploaded_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    uploaded_by_name: Mapped[str] = mapped_column(String(200))
