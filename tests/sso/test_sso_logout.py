"""Ending sessions: the provider's back-channel logout and the RP-initiated logout."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.auth.models import AuthSession
from tests.sso.flow import Browser, configure, signed_in
from tests.sso.idp import BROWSER, SSO, Idp


async def _signed_in_twice(app, client, tenants, idp: Idp):
    tenant = await tenants.make()
    provider = await configure(client, tenant.headers(Role.ADMIN), tenant, idp)
    person = idp.add_user(["kokoma-koordination"])
    first, second = Browser(app), Browser(app)
    assert signed_in(await first.sign_in(idp, provider["id"], person))
    assert signed_in(await second.sign_in(idp, provider["id"], person))
    return provider, person, first, second


async def _sid(db, provider_id: str) -> str:
    async with db() as session:
        sids = await session.scalars(
            select(AuthSession.provider_sid).where(
                AuthSession.identity_provider_id == uuid.UUID(provider_id)
            )
        )
        found = {sid for sid in sids if sid}
    assert len(found) == 1  # both sign-ins belong to one session at the provider
    return found.pop()


async def test_back_channel_logout_ends_every_session_of_the_provider_session(
    app, client, tenants, idp: Idp, db
):
    provider, person, first, second = await _signed_in_twice(app, client, tenants, idp)
    token = idp.post(
        "/test/logout-token",
        {
            "aud": provider["client_id"],
            "sub": person.sub,
            "sid": await _sid(db, provider["id"]),
            "events": {"http://schemas.openid.net/event/backchannel-logout": {}},
        },
    )["logout_token"]
    url = f"{SSO}/{provider['id']}/backchannel-logout"

    answer = await client.post(url, data={"logout_token": token})
    assert answer.status_code == 200
    assert (await first.me()).status_code == 401
    assert (await second.me()).status_code == 401
    # The same token again is a replay (jti) and is refused.
    assert (await client.post(url, data={"logout_token": token})).status_code == 400


async def test_logout_tokens_that_do_not_hold_up_are_refused(app, client, tenants, idp, db):
    provider, person, first, _ = await _signed_in_twice(app, client, tenants, idp)
    event = {"http://schemas.openid.net/event/backchannel-logout": {}}
    valid = {"aud": provider["client_id"], "sub": person.sub, "events": event}
    url = f"{SSO}/{provider['id']}/backchannel-logout"
    for bad in [
        {**valid, "iss": "https://evil.example"},
        {**valid, "aud": "another-client"},
        {**valid, "events": {"http://example.org/other": {}}},
        {**valid, "nonce": "not-allowed-here"},
        {**valid, "foreign_key": True},
        {"aud": provider["client_id"], "events": event},  # neither sub nor sid
    ]:
        token = idp.post("/test/logout-token", bad)["logout_token"]
        assert (await client.post(url, data={"logout_token": token})).status_code == 400, bad
    assert (await first.me()).status_code == 200


async def test_logout_ends_the_session_and_names_the_providers_logout(
    app, client, tenants, idp: Idp
):
    tenant = await tenants.make()
    provider = await configure(client, tenant.headers(Role.ADMIN), tenant, idp)
    person = idp.add_user(["kokoma-koordination"])
    browser = Browser(app)
    assert signed_in(await browser.sign_in(idp, provider["id"], person))

    ended = await browser.http.post("/api/v1/auth/session/logout", headers=BROWSER)
    assert ended.status_code == 200
    logout_url = ended.json()["provider_logout_url"]
    assert logout_url.startswith(f"{idp.issuer}/session/end")
    assert f"client_id={provider['client_id']}" in logout_url
    assert (await browser.me()).status_code == 401
