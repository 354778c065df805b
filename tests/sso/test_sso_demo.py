"""Demo single sign-on: `make run-sso` lets the Unstrut-Hainich-Kreis sign in through
the test provider with the users of tests/idp/demo.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import select

from kokoma.auth.sso.models import IdentityProvider
from kokoma.demo.loader import load_demo_data
from kokoma.demo.sso import DEMO_ISSUER, DEMO_PROVIDER_ID
from kokoma.municipalities.models import Municipality
from kokoma.users.models import User
from tests.sso.idp import IDP_DIR

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"


async def test_the_demo_provider_is_switched_on_only_when_asked(db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        provider = await session.get(IdentityProvider, DEMO_PROVIDER_ID)
        assert provider is not None and provider.is_enabled is False
        await load_demo_data(session, settings, sso=True)
        await session.refresh(provider)
        assert provider.is_enabled is True
        await load_demo_data(session, settings)
        await session.refresh(provider)
        assert provider.is_enabled is False
        uh = await session.scalar(select(Municipality).where(Municipality.slug == "uh"))
        assert provider.municipality_id == uh.id
        demo = json.loads((IDP_DIR / "demo.json").read_text())
        (client,) = demo["clients"]
        # The demo provider knows this configuration's own callback and logout addresses.
        base = f"http://127.0.0.1:8000/api/v1/auth/sso/{DEMO_PROVIDER_ID}"
        assert client["redirect_uris"] == [f"{base}/callback"]
        assert client["backchannel_logout_uri"] == f"{base}/backchannel-logout"
        assert client["client_id"] == provider.client_id
        assert f"http://{demo['host']}:{demo['port']}" == DEMO_ISSUER == provider.issuer
        secret = re.search(r"^DEMO_SSO_SECRET := (\S+)$", MAKEFILE.read_text(), re.M)
        assert secret is not None and secret.group(1) == client["client_secret"]
        # Petra Vogt's account is linked at her first sign-in; the guest has no mapped group.
        users = {u["login"]: u for u in demo["users"]}
        petra = await session.scalar(select(User).where(User.email == users["petra"]["email"]))
        assert petra is not None and petra.municipality_id == uh.id
        assert not set(users["gast"]["groups"]) & set(provider.role_mapping)
        assert provider.role_mapping[users["lena"]["groups"][0]] == "conflict_manager"
