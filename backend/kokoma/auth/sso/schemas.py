from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from kokoma.auth.sso.models import Provisioning
from kokoma.core.schemas import InputModel, Name, OutputModel, PageQuery, Text, with_examples


class MappedRole(StrEnum):
    """The roles a provider may grant. Not `admin`: administrators act for every
    municipality, which one municipality's directory must not decide."""

    COORDINATOR = "coordinator"
    CONFLICT_MANAGER = "conflict_manager"
    TRAINER = "trainer"
    STEERING_GROUP = "steering_group"


SECRET_REF_PATTERN = r"^(env:[A-Za-z_][A-Za-z0-9_]{0,99}|file:/[^\x00-\x1f]{1,400})$"
SecretRef = Annotated[
    str,
    StringConstraints(max_length=420, pattern=SECRET_REF_PATTERN),
    Field(
        description=(
            "Where the client secret is read from: `env:NAME` (an environment variable) "
            "or `file:/path` (a secret file). The secret itself is never stored."
        ),
        examples=["env:KOKOMA_SSO_WAK_SECRET"],
    ),
]
Issuer = Annotated[
    str,
    StringConstraints(max_length=500, pattern=r"^https?://[^\s]{1,490}$"),
    Field(
        description="The provider's issuer URL exactly as in its discovery document.",
        examples=["https://login.microsoftonline.com/<tenant-id>/v2.0"],
    ),
]
ClaimValue = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Domain = Annotated[
    str, StringConstraints(max_length=253, pattern=r"^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$")
]
Scope = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[\x21-\x7e]+$")]
MAPPING_DESCRIPTION = (
    "Group or app-role values of the roles claim and the KoKoMa role each grants; "
    "of several, the one that grants most wins. No mapped value means no access."
)

_EXAMPLE = {
    "id": "0d5a3c7e-1f2b-4c8d-9e6f-7a8b9c0d1e2f",
    "municipality_id": "6fa459ea-ee8a-3ca4-894e-db77e160355e",
    "name": "Landratsamt Wartburgkreis (Entra ID)",
    "issuer": "https://login.microsoftonline.com/<tenant-id>/v2.0",
    "client_id": "5b1c…",
    "client_secret_ref": "env:KOKOMA_SSO_WAK_SECRET",
    "scopes": ["openid", "email", "profile"],
    "roles_claim": "roles",
    "role_mapping": {"KoKoMa.Koordination": "coordinator"},
    "provisioning": "create",
    "allowed_domains": ["wartburgkreis.de"],
    "sso_only": False,
    "is_enabled": True,
    "redirect_uri": "https://kokoma.example/api/v1/auth/sso/0d5a…/callback",
    "backchannel_logout_uri": "https://kokoma.example/api/v1/auth/sso/0d5a…/backchannel-logout",
    "version": 1,
    "created_at": "2026-03-01T10:00:00Z",
}


class IdentityProviderCreate(InputModel):
    municipality_id: uuid.UUID = Field(description="The municipality whose staff sign in here.")
    name: Name
    issuer: Issuer
    client_id: Text(200, 1)
    client_secret_ref: SecretRef
    scopes: list[Scope] = Field(
        default=["openid", "email", "profile"], min_length=1, max_length=20
    )
    roles_claim: Text(100, 1) = Field(
        default="roles", description="The ID-token claim with the groups or app roles."
    )
    role_mapping: dict[ClaimValue, MappedRole] = Field(
        max_length=100, description=MAPPING_DESCRIPTION
    )
    provisioning: Provisioning = Field(
        default=Provisioning.CREATE,
        description="`create`: accounts are made at the first sign-in; "
        "`pre_created`: only accounts made beforehand may sign in.",
    )
    allowed_domains: list[Domain] = Field(
        default=[], max_length=20, description="E-mail domains allowed; empty allows any."
    )
    sso_only: bool = Field(
        default=False,
        description="Passwords of the municipality's users stop working (administrators keep "
        "theirs as the way in when the provider fails).",
    )
    is_enabled: bool = True


class IdentityProviderUpdate(InputModel):
    name: Name | None = None
    issuer: Issuer | None = None
    client_id: Text(200, 1) | None = None
    client_secret_ref: SecretRef | None = None
    scopes: list[Scope] | None = Field(default=None, min_length=1, max_length=20)
    roles_claim: Text(100, 1) | None = None
    role_mapping: dict[ClaimValue, MappedRole] | None = Field(
        default=None, max_length=100, description=MAPPING_DESCRIPTION
    )
    provisioning: Provisioning | None = None
    allowed_domains: list[Domain] | None = Field(default=None, max_length=20)
    sso_only: bool | None = None
    is_enabled: bool | None = None


class IdentityProviderOut(OutputModel):
    id: uuid.UUID = Field(description="The configuration's id; part of its callback URL.")
    municipality_id: uuid.UUID = Field(description="The municipality whose staff sign in here.")
    name: str = Field(description="Shown on the sign-in button.")
    issuer: str = Field(description="The provider's issuer URL.")
    client_id: str = Field(description="KoKoMa's client id at the provider.")
    client_secret_ref: str = Field(description="Where the secret is read from (not the secret).")
    scopes: list[str] = Field(description="Scopes requested at sign-in.")
    roles_claim: str = Field(description="The ID-token claim with the groups or app roles.")
    role_mapping: dict[str, str] = Field(description=MAPPING_DESCRIPTION)
    provisioning: Provisioning = Field(description="`create` or `pre_created`.")
    allowed_domains: list[str] = Field(description="E-mail domains allowed; empty allows any.")
    sso_only: bool = Field(description="Passwords of the municipality's users are switched off.")
    is_enabled: bool = Field(description="Offered on the sign-in page and usable.")
    redirect_uri: str = Field(description="Register this exact redirect URI at the provider.")
    backchannel_logout_uri: str = Field(
        description="Register this as the provider's back-channel logout URI."
    )
    version: int = Field(description="Current version; the ETag is this number in quotes.")
    created_at: datetime = Field(description="When it was configured (UTC).")

    model_config = with_examples(_EXAMPLE)


class IdentityProviderListQuery(PageQuery):
    municipality_id: uuid.UUID | None = Field(
        default=None, description="Only this municipality's provider."
    )


class ConnectionTest(OutputModel):
    ok: bool = Field(default=False, description="Discovery, keys and secret are all usable.")
    issuer: str | None = None
    authorization_endpoint: str | None = None
    end_session_endpoint: str | None = None
    backchannel_logout_supported: bool = False
    signing_keys: int = Field(default=0, description="Keys in the JWKS for allowed algorithms.")
    secret_found: bool = False
    problems: list[str] = Field(
        default=[],
        description="What is wrong, as codes: `secret-missing`, `discovery-failed`, "
        "`discovery-issuer-mismatch`, `jwks-failed`, `no-signing-key`.",
    )


class SignInOption(OutputModel):
    """A provider offered on the sign-in page."""

    id: uuid.UUID
    name: str
    municipality_name: str
    login_url: str
