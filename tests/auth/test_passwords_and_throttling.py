"""Password policy, argon2id rehashing, and login throttling per account and address."""

from __future__ import annotations

from httpx import ASGITransport, AsyncClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import select

from kokoma.access.passwords import password_problem
from kokoma.access.permissions import Role
from kokoma.users.models import User
from tests.support import PASSWORD

TOKEN_URL = "/api/v1/auth/token"


def test_password_policy() -> None:
    assert password_problem("kurz") is not None
    assert password_problem("x" * 129) is not None
    assert password_problem("Passwort2026") is not None  # common, case-insensitive
    assert password_problem("aaaaaaaaaaaaaa") is not None
    assert password_problem("Werra-Ufer-bei-Nacht-7") is None


async def test_user_creation_refuses_common_password(client, tenants):
    tenant = await tenants.make((Role.COORDINATOR,))
    response = await client.post(
        "/api/v1/users",
        json={
            "email": "neu@example.org",
            "full_name": "Neue Person",
            "role": "conflict_manager",
            "password": "password1234",
        },
        headers=tenant.headers("coordinator"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.password"


async def test_login_rehashes_when_parameters_change(client, tenants, db):
    tenant = await tenants.make((Role.TRAINER,))
    user = tenant.user("trainer")
    weaker = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=512),)).hash(PASSWORD)
    async with db() as session:
        stored = await session.get(User, user.id)
        stored.password_hash = weaker
        await session.commit()

    response = await client.post(TOKEN_URL, data={"username": user.email, "password": PASSWORD})
    assert response.status_code == 200
    async with db() as session:
        new_hash = await session.scalar(select(User.password_hash).where(User.id == user.id))
    assert new_hash != weaker
    assert new_hash.startswith("$argon2id$")
    assert "m=1024" in new_hash


async def test_five_failures_lock_the_account_from_that_address_only(app, client, tenants):
    tenant = await tenants.make((Role.CONFLICT_MANAGER, Role.COORDINATOR))
    victim = tenant.user("conflict_manager").email
    other = tenant.user("coordinator").email
    for _ in range(5):
        failed = await client.post(
            TOKEN_URL, data={"username": victim, "password": "Falsch-Falsch-1"}
        )
        assert failed.status_code == 401

    blocked = await client.post(TOKEN_URL, data={"username": victim, "password": PASSWORD})
    assert blocked.status_code == 429
    assert 1 <= int(blocked.headers["retry-after"]) <= 300
    assert blocked.headers["content-type"].startswith("application/problem+json")

    # Another account from the same address is unaffected.
    assert (
        await client.post(TOKEN_URL, data={"username": other, "password": PASSWORD})
    ).status_code == 200
    # The same account from another address is unaffected.
    transport = ASGITransport(app=app, client=("198.51.100.7", 4711))
    async with AsyncClient(transport=transport, base_url="http://testserver") as elsewhere:
        response = await elsewhere.post(TOKEN_URL, data={"username": victim, "password": PASSWORD})
    assert response.status_code == 200


async def test_unknown_accounts_are_throttled_too(client):
    email = "niemand@nirgendwo.example"
    for _ in range(5):
        assert (
            await client.post(TOKEN_URL, data={"username": email, "password": "Irgendwas-123"})
        ).status_code == 401
    assert (
        await client.post(TOKEN_URL, data={"username": email, "password": "Irgendwas-123"})
    ).status_code == 429
