"""Configuring a municipality's provider and signing in through it, as a browser would."""

from __future__ import annotations

import asyncio
import os
import uuid
from typing import Any

from httpx import ASGITransport, AsyncClient, Response

from tests.sso.idp import BROWSER, PROVIDERS, SSO, Idp, IdpUser, path_of
from tests.support import Tenant

ME = "/api/v1/auth/me"
REFRESH = "/api/v1/auth/session/refresh"
MAPPING = {"kokoma-koordination": "coordinator", "kokoma-fallbearbeitung": "conflict_manager"}


async def configure(
    client: AsyncClient, admin: dict[str, str], tenant: Tenant, idp: Idp, **changes: Any
) -> dict[str, Any]:
    """A provider for the tenant, registered at the test provider with its own callback."""
    secret_name = f"KOKOMA_TEST_SSO_{uuid.uuid4().hex}"
    body = {
        "municipality_id": str(tenant.id),
        "name": "Verzeichnis der Verwaltung",
        "issuer": idp.issuer,
        "client_id": "noch-nicht-registriert",
        "client_secret_ref": f"env:{secret_name}",
        "scopes": ["openid", "email", "profile", "groups"],
        "roles_claim": "groups",
        "role_mapping": MAPPING,
        **changes,
    }
    created = await client.post(PROVIDERS, json=body, headers=admin)
    assert created.status_code == 201, created.text
    provider = created.json()
    client_id, secret = await asyncio.to_thread(
        idp.register_client,
        provider["redirect_uri"],
        provider["backchannel_logout_uri"],
        "https://kokoma.test/login",
    )
    os.environ[secret_name] = secret
    updated = await client.patch(
        f"{PROVIDERS}/{provider['id']}",
        json={"client_id": client_id},
        headers={**admin, "If-Match": created.headers["etag"]},
    )
    assert updated.status_code == 200, updated.text
    return dict(updated.json())


class Browser:
    """A browser's cookie jar against KoKoMa (https, as in production)."""

    def __init__(self, app: object) -> None:
        self.http = AsyncClient(transport=ASGITransport(app=app), base_url="https://kokoma.test")

    async def sign_in(self, idp: Idp, provider_id: str, user: IdpUser) -> Response:
        """Start at KoKoMa, sign in at the provider, come back; the last redirect."""
        start = await self.http.get(f"{SSO}/{provider_id}/login")
        assert start.status_code == 302, start.text
        assert start.headers["location"].startswith(idp.issuer)
        back = await asyncio.to_thread(idp.sign_in_at_provider, start.headers["location"], user)
        return await self.http.get(path_of(back))

    async def me(self) -> Response:
        """Continue the session from the cookie and ask who is signed in."""
        refreshed = await self.http.post(REFRESH, headers=BROWSER)
        if refreshed.status_code != 200:
            return refreshed
        token = refreshed.json()["access_token"]
        return await self.http.get(ME, headers={"Authorization": f"Bearer {token}"})


def refused_with(response: Response, reason: str) -> bool:
    return response.status_code == 302 and response.headers["location"].endswith(
        f"/login?sso_error={reason}"
    )


def signed_in(response: Response) -> bool:
    return response.status_code == 302 and response.headers["location"] == "https://kokoma.test/"
