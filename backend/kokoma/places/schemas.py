from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import Field, StringConstraints

from kokoma.core.schemas import (
    InputModel,
    Name,
    OutputModel,
    PageQuery,
    keep_if_absent,
    with_examples,
)
from kokoma.places.models import PlaceKind

OfficialKey = Annotated[str, StringConstraints(pattern=r"^\d{8}$")]


class PlaceListQuery(PageQuery):
    include_archived: bool = Field(
        default=False, description="Also places no longer offered for new entries."
    )


class PlaceCreate(InputModel):
    name: Name = Field(description="The place's name, unique in the municipality.")
    kind: PlaceKind = Field(
        description="`municipality` (Stadt or Gemeinde) or `district_part` (Ortsteil)."
    )
    official_key: OfficialKey | None = Field(
        default=None,
        description="Amtlicher Gemeindeschlüssel (8 digits); municipalities only.",
    )
    parent_id: uuid.UUID | None = Field(
        default=None, description="The municipality an Ortsteil belongs to; Ortsteile only."
    )

    model_config = with_examples(
        {
            "name": "Marksuhl",
            "kind": "district_part",
            "parent_id": "0c8a7c55-4a5e-4d0c-9d1e-6a0f3c1b2d44",
        },
    )


class PlaceUpdate(InputModel):
    name: Name = keep_if_absent("The place's name.")
    official_key: OfficialKey | None = Field(
        default=None, description="Amtlicher Gemeindeschlüssel; null removes it."
    )
    archived: bool = keep_if_absent("Archived places are no longer offered for new entries.")

    model_config = with_examples({"official_key": "16063003"})


class PlaceOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    name: str = Field(description="The place's name.")
    kind: PlaceKind = Field(description="`municipality` or `district_part` (Ortsteil).")
    official_key: str | None = Field(description="Amtlicher Gemeindeschlüssel (AGS).")
    parent_id: uuid.UUID | None = Field(description="The municipality of an Ortsteil.")
    archived: bool = Field(description="No longer offered for new entries.")
    version: int = Field(description="Current version; the ETag is this number in quotes.")

    model_config = with_examples(
        {
            "id": "0c8a7c55-4a5e-4d0c-9d1e-6a0f3c1b2d44",
            "name": "Bad Salzungen",
            "kind": "municipality",
            "official_key": "16063003",
            "parent_id": None,
            "archived": False,
            "version": 1,
        }
    )
