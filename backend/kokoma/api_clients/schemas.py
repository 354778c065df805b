from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import Field

from kokoma.access.permissions import CLIENT_SCOPES
from kokoma.core.schemas import InputModel, Name, OutputModel, PageQuery, with_examples

# The grantable scopes as an enumeration, so that the API document lists them. Built from
# the permission list by the functional API, which mypy accepts only with literal members.
ClientScope = StrEnum(  # type: ignore[misc]
    "ClientScope", {scope.name: scope.value for scope in sorted(CLIENT_SCOPES)}
)
SCOPES_DESCRIPTION = "What the client may do; each scope is the permission of the same name."

_EXAMPLE = {
    "id": "3f1c2a9e-7b4d-4e21-9a55-0c8e5d7b1f20",
    "name": "Fachverfahren Ordnungsamt Eisenach",
    "municipality_id": "6fa459ea-ee8a-3ca4-894e-db77e160355e",
    "scopes": ["cases:read", "statistics:read"],
    "is_active": True,
    "revoked_at": None,
    "last_used_at": "2026-03-02T07:45:12Z",
    "version": 1,
    "created_at": "2026-03-01T10:00:00Z",
}


class ApiClientCreate(InputModel):
    name: Name = Field(examples=["Fachverfahren Ordnungsamt Eisenach"])
    municipality_id: uuid.UUID = Field(description="The municipality the client acts for.")
    scopes: list[ClientScope] = Field(
        max_length=len(CLIENT_SCOPES),
        description=SCOPES_DESCRIPTION,
        examples=[["cases:read", "statistics:read"]],
    )


class ApiClientUpdate(InputModel):
    name: Name | None = None
    scopes: list[ClientScope] | None = Field(
        default=None, max_length=len(CLIENT_SCOPES), description=SCOPES_DESCRIPTION
    )


class ApiClientOut(OutputModel):
    id: uuid.UUID = Field(description="The `client_id` for the token endpoint.")
    name: str = Field(description="Name of the partner system.")
    municipality_id: uuid.UUID = Field(description="The municipality the client acts for.")
    scopes: list[str] = Field(
        description="Granted scopes; each is the permission of the same name."
    )
    is_active: bool = Field(description="False once the client is revoked.")
    revoked_at: datetime | None = Field(description="When it was revoked, if it was.")
    last_used_at: datetime | None = Field(description="When the client last obtained a token.")
    version: int = Field(description="Current version; the ETag is this number in quotes.")
    created_at: datetime = Field(description="When it was created (UTC).")

    model_config = with_examples(_EXAMPLE)


class ApiClientWithSecret(ApiClientOut):
    client_secret: str = Field(
        description="Shown only in this response; KoKoMa keeps only a hash of it."
    )

    model_config = with_examples({**_EXAMPLE, "client_secret": "kks_Xq3v…"})


class ApiClientListQuery(PageQuery):
    municipality_id: uuid.UUID | None = Field(
        default=None, description="Only this municipality's clients."
    )
    include_revoked: bool = Field(default=False, description="Revoked clients too.")
