"""Signing in, refreshing, signing out, and every way a token must be refused."""

from __future__ import annotations

import uuid
from datetime import timedelta

from jose import jwt
from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.audit.models import AuditEvent
from kokoma.db import utcnow
from tests.support import PASSWORD

TOKEN_URL = "/api/v1/auth/token"


async def _login(client, email: str, password: str = PASSWORD):
    return await client.post(TOKEN_URL, data={"username": email, "password": password})


async def test_password_login_returns_short_lived_token_pair(client, tenants, settings):
    tenant = await tenants.make((Role.CONFLICT_MANAGER,))
    response = await _login(client, tenant.user("conflict_manager").email)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert 0 < body["expires_in"] <= 15 * 60
    claims = jwt.get_unverified_claims(body["access_token"])
    assert {"sub", "tid", "role", "exp", "iat", "aud", "iss", "jti"} <= set(claims)
    assert claims["tid"] == str(tenant.id)
    assert claims["exp"] - claims["iat"] <= 15 * 60
    me = await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["role"] == "conflict_manager"
    assert me.json()["municipality"]["slug"] == tenant.slug
    assert "cases:read" in me.json()["permissions"]


async def test_wrong_password_is_401_problem_and_audited_without_password(client, tenants, db):
    tenant = await tenants.make((Role.TRAINER,))
    email = tenant.user("trainer").email
    response = await _login(client, email, "Falsches-Passwort-123")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    async with db() as session:
        events = (
            await session.scalars(select(AuditEvent).where(AuditEvent.actor_label == email))
        ).all()
    assert [e.action for e in events] == ["auth.login_failed"]
    assert "Falsches-Passwort-123" not in repr([e.details for e in events])


async def test_successful_login_is_audited(client, tenants, db):
    tenant = await tenants.make((Role.TRAINER,))
    user = tenant.user("trainer")
    assert (await _login(client, user.email)).status_code == 200
    async with db() as session:
        actions = (
            await session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == user.id))
        ).all()
    assert "auth.login" in actions


async def test_refresh_rotates_and_reuse_revokes_the_family(client, tenants):
    tenant = await tenants.make((Role.COORDINATOR,))
    first = (await _login(client, tenant.user("coordinator").email)).json()

    second = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert second.status_code == 200
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]

    reused = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert reused.status_code == 401
    # The reuse ended the whole session: the newer tokens stop working too.
    after = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": rotated["refresh_token"]}
    )
    assert after.status_code == 401
    me = await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {rotated['access_token']}"}
    )
    assert me.status_code == 401


async def test_logout_revokes_session_and_its_access_tokens(client, tenants):
    tenant = await tenants.make((Role.STEERING_GROUP,))
    pair = (await _login(client, tenant.user("steering_group").email)).json()
    headers = {"Authorization": f"Bearer {pair['access_token']}"}
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 200

    out = await client.post("/api/v1/auth/logout", json={"refresh_token": pair["refresh_token"]})
    assert out.status_code == 204
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 401
    again = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]}
    )
    assert again.status_code == 401


def _forge(settings, **overrides):
    now = utcnow()
    claims = {
        "sub": str(uuid.uuid4()),
        "tid": str(uuid.uuid4()),
        "typ": "user",
        "sid": str(uuid.uuid4()),
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=5)).timestamp()),
        "aud": settings.jwt_audience,
        "iss": settings.jwt_issuer,
        "jti": uuid.uuid4().hex,
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


async def _me_status(client, token: str) -> int:
    response = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    if response.status_code != 200:
        assert response.headers["content-type"].startswith("application/problem+json")
    return response.status_code


async def test_token_refusals_are_401(client, tenants, settings):
    tenant = await tenants.make((Role.CONFLICT_MANAGER,))
    good = tenant.accounts[Role.CONFLICT_MANAGER].token
    good_claims = jwt.get_unverified_claims(good)
    key = settings.resolved_secret_key()

    def signed(**overrides):
        return jwt.encode({**good_claims, **overrides}, key, algorithm="HS256")

    header, payload, signature = good.split(".")
    tampered = f"{header}.{payload}.{signature[:-4]}AAAA"
    unsigned_header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"  # {"alg":"none","typ":"JWT"}
    alg_none = f"{unsigned_header}.{payload}."
    expired_at = int((utcnow() - timedelta(minutes=1)).timestamp())
    without_tenant = {k: v for k, v in good_claims.items() if k != "tid"}

    cases = {
        "tampered signature": tampered,
        "alg none": alg_none,
        "expired": signed(exp=expired_at, iat=expired_at - 600),
        "wrong audience": signed(aud="someone-else"),
        "wrong issuer": signed(iss="someone-else"),
        "missing tenant": jwt.encode(without_tenant, key, algorithm="HS256"),
        "other tenant": signed(tid=str(uuid.uuid4())),
        "other key": jwt.encode(good_claims, "another-key-" * 4, algorithm="HS256"),
        "unknown session": jwt.encode(_forge(settings), key, algorithm="HS256"),
        "garbage": "not-a-token",
    }
    assert await _me_status(client, good) == 200
    for name, token in cases.items():
        assert await _me_status(client, token) == 401, name
    no_token = await client.get("/api/v1/auth/me")
    assert no_token.status_code == 401
    assert no_token.headers["www-authenticate"] == "Bearer"


async def test_deactivated_user_is_locked_out_immediately(client, tenants):
    tenant = await tenants.make((Role.COORDINATOR, Role.CONFLICT_MANAGER))
    manager = tenant.accounts[Role.CONFLICT_MANAGER]
    current = await client.get(
        f"/api/v1/users/{manager.user.id}", headers=tenant.headers("coordinator")
    )
    response = await client.patch(
        f"/api/v1/users/{manager.user.id}",
        json={"is_active": False},
        headers={**tenant.headers("coordinator"), "If-Match": current.headers["etag"]},
    )
    assert response.status_code == 200
    assert (await client.get("/api/v1/auth/me", headers=manager.headers)).status_code == 401
    assert (await _login(client, manager.user.email)).status_code == 401


async def test_unsupported_grant_is_400(client):
    response = await client.post(TOKEN_URL, data={"grant_type": "implicit"})
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"
