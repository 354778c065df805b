from __future__ import annotations

import uuid

from pydantic import Field

from kokoma.core.schemas import InputModel, OutputModel, with_examples


class TokenResponse(OutputModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="Lifetime of the access token in seconds.")
    refresh_token: str | None = Field(
        default=None,
        description=(
            "Single-use refresh token; absent for API clients and for the web app, "
            "whose refresh token is in an HttpOnly cookie."
        ),
    )
    refresh_expires_in: int | None = None
    scope: str | None = Field(default=None, description="Granted scopes, for API clients.")

    model_config = with_examples(
        {
            "access_token": "eyJhbGciOiJIUzI1NiIs…",
            "token_type": "bearer",
            "expires_in": 600,
            "refresh_token": "q3v…",
            "refresh_expires_in": 1209600,
        }
    )


class RefreshRequest(InputModel):
    refresh_token: str = Field(min_length=10, max_length=200)


class SessionLogin(InputModel):
    email: str = Field(min_length=1, max_length=254)
    password: str = Field(min_length=1, max_length=256)


class SessionEnded(OutputModel):
    provider_logout_url: str | None = Field(
        default=None,
        description="Where to send the browser to end the identity provider's session too.",
    )


class MunicipalityRef(OutputModel):
    id: uuid.UUID
    name: str
    slug: str


class MeResponse(OutputModel):
    id: uuid.UUID
    kind: str = Field(description="'user' or 'client'.")
    email: str | None = None
    full_name: str
    role: str | None = None
    municipality: MunicipalityRef
    permissions: list[str]

    model_config = with_examples(
        {
            "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "kind": "user",
            "email": "konfliktmanagement@wartburgkreis.example",
            "full_name": "Anna Schulze",
            "role": "conflict_manager",
            "municipality": {
                "id": "6fa459ea-ee8a-3ca4-894e-db77e160355e",
                "name": "Wartburgkreis",
                "slug": "wak",
            },
            "permissions": ["cases:read", "cases:write"],
        }
    )
