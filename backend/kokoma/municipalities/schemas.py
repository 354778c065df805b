from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from kokoma.core.schemas import InputModel, Name, OutputModel, Text, keep_if_absent, with_examples

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{1,39}$")]
State = Text(100)  # as long as the column
OfficialKey = Annotated[str, StringConstraints(pattern=r"^\d{5}(\d{3})?$")]


class MunicipalityCreate(InputModel):
    name: Name = Field(description="Official name.", examples=["Wartburgkreis"])
    slug: Slug = Field(
        description="Short lowercase code; prefixes case references.", examples=["wak"]
    )
    official_key: OfficialKey | None = Field(
        default=None,
        description="Amtlicher Gemeindeschlüssel (5 or 8 digits).",
        examples=["16063"],
    )
    state: State | None = Field(default=None, examples=["Thüringen"])


class MunicipalityUpdate(InputModel):
    name: Name = keep_if_absent("Official name.")
    official_key: OfficialKey | None = None
    state: State | None = None
    is_active: bool = keep_if_absent("Inactive municipalities cannot sign in.")


class MunicipalityOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    name: str = Field(description="Official name.")
    slug: str = Field(description="Short code; prefixes case references.")
    official_key: str | None = Field(description="Amtlicher Gemeindeschlüssel (AGS).")
    state: str | None = Field(description="Federal state.")
    is_active: bool = Field(description="Inactive municipalities cannot sign in.")
    version: int = Field(description="Current version; the ETag is this number in quotes.")
    created_at: datetime = Field(description="When it was created (UTC).")

    model_config = with_examples(
        {
            "id": "6fa459ea-ee8a-3ca4-894e-db77e160355e",
            "name": "Wartburgkreis",
            "slug": "wak",
            "official_key": "16063",
            "state": "Thüringen",
            "is_active": True,
            "version": 1,
            "created_at": "2026-01-05T09:00:00Z",
        }
    )
