"""Demo single sign-on: the Unstrut-Hainich-Kreis signs in through the test provider
of tests/idp (`make run-sso` starts it with the users of tests/idp/demo.json).

The configuration is loaded switched off, so that `make run` offers no button that
leads nowhere; `kokoma demo-data --sso` switches it on. Its id is fixed: the demo
provider's client is registered with this configuration's callback address.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.auth.sso.models import IdentityProvider, Provisioning
from kokoma.municipalities.models import Municipality

DEMO_PROVIDER_ID = uuid.UUID("5d0c5a6e-2b7f-4c41-9d3e-8a1f0b6c7d21")
DEMO_ISSUER = "http://127.0.0.1:8001"
DEMO_SECRET_VARIABLE = "KOKOMA_DEMO_SSO_SECRET"


async def load_sso(session: AsyncSession, enabled: bool) -> None:
    """The demo provider of the Unstrut-Hainich-Kreis, switched on or off."""
    provider = await session.get(IdentityProvider, DEMO_PROVIDER_ID)
    if provider is None:
        municipality = await session.scalar(select(Municipality).where(Municipality.slug == "uh"))
        if municipality is None:
            return
        provider = IdentityProvider(
            id=DEMO_PROVIDER_ID,
            municipality_id=municipality.id,
            name="Verzeichnis Unstrut-Hainich-Kreis (Demo)",
            issuer=DEMO_ISSUER,
            client_id="kokoma-demo",
            client_secret_ref=f"env:{DEMO_SECRET_VARIABLE}",
            scopes=["openid", "email", "profile", "groups"],
            roles_claim="groups",
            role_mapping={
                "kokoma-koordination": "coordinator",
                "kokoma-konfliktmanagement": "conflict_manager",
                "kokoma-steuerungsgruppe": "steering_group",
            },
            provisioning=Provisioning.CREATE,
            allowed_domains=["unstrut-hainich.example"],
        )
        session.add(provider)
    if provider.is_enabled != enabled:
        provider.is_enabled = enabled
    await session.flush()
