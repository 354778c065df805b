"""Sign-in through a municipality's identity provider, against a real OpenID provider."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.audit.models import AuditEvent
from kokoma.users.models import User
from tests.sso.flow import Browser, configure, refused_with, signed_in
from tests.sso.idp import PROVIDERS, SSO, Idp, path_of
from tests.support import PASSWORD, TOKEN, app_client


async def _reasons(db, provider_id: str) -> list[str]:
    async with db() as session:
        rows = await session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "auth.sso_refused", AuditEvent.resource_id == provider_id
            )
        )
        return [event.details["reason"] for event in rows]


async def test_first_sign_in_creates_the_account_in_the_configurations_municipality(
    app, client, tenants, idp: Idp, db
):
    tenant = await tenants.make()
    provider = await configure(client, tenant.headers(Role.ADMIN), tenant, idp)
    person = idp.add_user(["kokoma-fallbearbeitung", "unrelated"])
    browser = Browser(app)

    assert signed_in(await browser.sign_in(idp, provider["id"], person))
    me = (await browser.me()).json()
    assert me["email"] == person.email
    assert me["role"] == "conflict_manager"
    assert me["municipality"]["id"] == str(tenant.id)
    # No token in the redirect: the refresh token is only in the HttpOnly cookie.
    cookie = browser.http.cookies.jar
    assert any(c.name.endswith("kokoma_refresh") for c in cookie)


async def test_roles_are_evaluated_again_at_every_sign_in(app, client, tenants, idp, db):
    tenant = await tenants.make()
    admin = tenant.headers(Role.ADMIN)
    provider = await configure(client, admin, tenant, idp)
    person = idp.add_user(["kokoma-fallbearbeitung"])
    assert signed_in(await Browser(app).sign_in(idp, provider["id"], person))

    current = await client.get(f"{PROVIDERS}/{provider['id']}", headers=admin)
    await client.patch(
        f"{PROVIDERS}/{provider['id']}",
        json={"role_mapping": {"kokoma-fallbearbeitung": "coordinator"}},
        headers={**admin, "If-Match": current.headers["etag"]},
    )
    browser = Browser(app)
    assert signed_in(await browser.sign_in(idp, provider["id"], person))
    assert (await browser.me()).json()["role"] == "coordinator"
    async with db() as session:
        users = (await session.scalars(select(User).where(User.email == person.email))).all()
    assert len(users) == 1  # the second sign-in found the account by its subject

    current = await client.get(f"{PROVIDERS}/{provider['id']}", headers=admin)
    await client.patch(
        f"{PROVIDERS}/{provider['id']}",
        json={"role_mapping": {"something-else": "coordinator"}},
        headers={**admin, "If-Match": current.headers["etag"]},
    )
    assert refused_with(await Browser(app).sign_in(idp, provider["id"], person), "no-role")


async def test_a_person_without_a_mapped_role_is_refused(app, client, tenants, idp, db):
    tenant = await tenants.make()
    provider = await configure(client, tenant.headers(Role.ADMIN), tenant, idp)
    person = idp.add_user(["kantine"])

    browser = Browser(app)
    assert refused_with(await browser.sign_in(idp, provider["id"], person), "no-role")
    assert (await browser.me()).status_code == 401
    assert "no-mapped-role" in await _reasons(db, provider["id"])
    async with db() as session:
        assert await session.scalar(select(User).where(User.email == person.email)) is None


async def test_id_tokens_with_wrong_issuer_audience_nonce_or_expiry_are_refused(
    app, client, tenants, idp: Idp, db
):
    tenant = await tenants.make()
    provider = await configure(client, tenant.headers(Role.ADMIN), tenant, idp)
    person = idp.add_user(["kokoma-koordination"])
    for tampered, reason in [
        ({"iss": "https://evil.example"}, "token-iss"),
        ({"aud": "another-client"}, "token-aud"),
        ({"nonce": "replayed-nonce"}, "token-nonce"),
        ({"exp": 1_000_000_000}, "token-expired"),
    ]:
        idp.post("/test/tamper", tampered)
        browser = Browser(app)
        assert refused_with(await browser.sign_in(idp, provider["id"], person), "failed")
        assert (await browser.me()).status_code == 401
        assert reason in await _reasons(db, provider["id"])


async def test_signing_key_rotation_between_two_sign_ins(app, client, tenants, idp: Idp):
    tenant = await tenants.make()
    provider = await configure(client, tenant.headers(Role.ADMIN), tenant, idp)
    person = idp.add_user(["kokoma-koordination"])
    assert signed_in(await Browser(app).sign_in(idp, provider["id"], person))

    idp.post("/test/rotate")
    browser = Browser(app)
    assert signed_in(await browser.sign_in(idp, provider["id"], person))
    assert (await browser.me()).status_code == 200


async def test_a_callback_without_the_browsers_state_is_refused(app, client, tenants, idp, db):
    tenant = await tenants.make()
    provider = await configure(client, tenant.headers(Role.ADMIN), tenant, idp)
    person = idp.add_user(["kokoma-koordination"])
    victim, attacker = Browser(app), Browser(app)
    start = await attacker.http.get(f"{SSO}/{provider['id']}/login")
    back = await asyncio.to_thread(idp.sign_in_at_provider, start.headers["location"], person)
    # The attacker's code and state, delivered into another browser (login CSRF).
    assert refused_with(await victim.http.get(path_of(back)), "failed")
    assert "state-mismatch" in await _reasons(db, provider["id"])


async def test_pre_created_only_refuses_unknown_people_and_links_known_ones(
    app, client, tenants, idp, db
):
    tenant = await tenants.make()
    provider = await configure(
        client, tenant.headers(Role.ADMIN), tenant, idp, provisioning="pre_created"
    )
    stranger = idp.add_user(["kokoma-koordination"])
    assert refused_with(await Browser(app).sign_in(idp, provider["id"], stranger), "no-account")

    known = tenant.user(Role.CONFLICT_MANAGER)
    person = idp.add_user(["kokoma-fallbearbeitung"], email=known.email)
    browser = Browser(app)
    assert signed_in(await browser.sign_in(idp, provider["id"], person))
    assert (await browser.me()).json()["id"] == str(known.id)


async def test_a_provider_of_another_municipality_cannot_sign_in_to_this_one(
    app, client, tenants, idp, db
):
    home, other = await tenants.make(), await tenants.make()
    await configure(client, home.headers(Role.ADMIN), home, idp)
    foreign = await configure(client, other.headers(Role.ADMIN), other, idp)
    # The directory of the other municipality vouches for this municipality's address.
    person = idp.add_user(["kokoma-koordination"], email=home.user(Role.COORDINATOR).email)

    browser = Browser(app)
    assert refused_with(await browser.sign_in(idp, foreign["id"], person), "no-account")
    assert (await browser.me()).status_code == 401


async def test_an_sso_only_municipality_refuses_passwords_but_the_administrators(
    client, tenants, idp
):
    tenant = await tenants.make()
    admin = tenant.headers(Role.ADMIN)
    await configure(client, admin, tenant, idp, sso_only=True)

    def password_grant(role: Role):
        return client.post(
            TOKEN,
            data={
                "grant_type": "password",
                "username": tenant.user(role).email,
                "password": PASSWORD,
            },
        )

    refused = await password_grant(Role.COORDINATOR)
    assert refused.status_code == 403
    assert refused.json()["type"] == "urn:kokoma:problem:sso-only"
    assert "Verzeichnis" in refused.json()["detail"]
    assert (await password_grant(Role.ADMIN)).status_code == 200


async def test_sign_ins_from_one_address_spend_the_public_page_budget(
    client, tenants, idp: Idp, settings
):
    tenant = await tenants.make()
    provider = await configure(client, tenant.headers(Role.ADMIN), tenant, idp)
    async with app_client(
        settings, peer="198.51.100.21", public_page_rate_limit="2/minute"
    ) as http:
        for _ in range(2):
            assert (await http.get(f"{SSO}/{provider['id']}/login")).status_code == 302
        spent = await http.get(f"{SSO}/{provider['id']}/login")
        assert spent.status_code == 429 and int(spent.headers["retry-after"]) > 0
        # The callback draws on the same budget: no endless guessing of codes and states.
        callback = await http.get(f"{SSO}/{provider['id']}/callback?code=x&state=y")
        assert callback.status_code == 429
        assert (
            "Anfragen"
            in (
                await http.get(f"{SSO}/{provider['id']}/login", headers={"Accept-Language": "de"})
            ).json()["detail"]
        )
