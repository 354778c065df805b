"""Bodies and queries of attachments (uploads are multipart forms, see the router)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from kokoma.core.schemas import OutputModel, PageQuery, with_examples


class AttachmentListQuery(PageQuery):
    """A record's attachments, newest first."""


class AttachmentOut(OutputModel):
    id: uuid.UUID = Field(description="Attachment id.")
    filename: str = Field(description="File name as uploaded (cleaned of paths and controls).")
    description: str | None = Field(description="What the file is, as the uploader said.")
    media_type: str = Field(description="Type found from the file's content.")
    size_bytes: int = Field(description="Size in bytes.")
    sha256: str = Field(description="SHA-256 of the content, hex.")
    uploaded_by_name: str = Field(description="Who uploaded it.")
    created_at: datetime = Field(description="When it was uploaded.")
    version: int = Field(description="ETag of the attachment; send it in If-Match to delete.")

    model_config = with_examples(
        {
            "id": "8c7b6a59-4837-4261-9504-f3e2d1c0b9a8",
            "filename": "Protokoll Ortsteilrat 2026-03-12.pdf",
            "description": "Protokoll der Sitzung",
            "media_type": "application/pdf",
            "size_bytes": 182734,
            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "uploaded_by_name": "Anna Schulze",
            "created_at": "2026-03-12T16:10:00Z",
            "version": 1,
        }
    )
