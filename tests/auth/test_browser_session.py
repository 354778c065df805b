"""The web app's session: refresh token in an HttpOnly cookie, access token in the body."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from httpx import ASGITransport, AsyncClient

from kokoma.access.permissions import Role
from kokoma.core.http import get_app_settings
from tests.support import PASSWORD

SESSION_URL = "/api/v1/auth/session"
BROWSER = {"X-KoKoMa-Session": "browser"}


# The test settings' public URL is https, as in production: the cookie is Secure.
COOKIE = "__Secure-kokoma_refresh"


@pytest.fixture
async def client(app):
    """A browser-like client of its own, with an empty cookie jar, over https."""
    async with AsyncClient(
        transport=ASGITransport(app=app), base_url="https://testserver"
    ) as http:
        yield http


def _set_cookie(response) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        jar.load(header)
    return jar


async def _sign_in(client, email: str, password: str = PASSWORD):
    return await client.post(
        SESSION_URL, json={"email": email, "password": password}, headers=BROWSER
    )


async def test_sign_in_sets_an_httponly_strict_cookie_scoped_to_the_session_paths(client, tenants):
    tenant = await tenants.make((Role.CONFLICT_MANAGER,))
    response = await _sign_in(client, tenant.user("conflict_manager").email)
    assert response.status_code == 200
    body = response.json()
    assert body["refresh_token"] is None
    assert body["access_token"]
    cookie = _set_cookie(response)[COOKIE]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "strict"
    assert cookie["path"] == "/api/v1/auth/session"
    assert cookie["secure"] is True
    assert int(cookie["max-age"]) > 0
    me = await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200


async def test_refresh_through_the_cookie_rotates_and_reuse_ends_the_session(client, tenants):
    tenant = await tenants.make((Role.COORDINATOR,))
    await _sign_in(client, tenant.user("coordinator").email)
    first_cookie = client.cookies.get(COOKIE)

    refreshed = await client.post(f"{SESSION_URL}/refresh", headers=BROWSER)
    assert refreshed.status_code == 200
    assert refreshed.json()["refresh_token"] is None
    second_cookie = client.cookies.get(COOKIE)
    assert second_cookie and second_cookie != first_cookie
    access = refreshed.json()["access_token"]
    assert (
        await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"})
    ).status_code == 200

    # Replaying the old cookie ends the whole family and clears the cookie.
    client.cookies.clear()
    client.cookies.set(COOKIE, first_cookie, path="/api/v1/auth/session")
    reused = await client.post(f"{SESSION_URL}/refresh", headers=BROWSER)
    assert reused.status_code == 401
    assert _set_cookie(reused)[COOKIE]["max-age"] == "0"
    client.cookies.set(COOKIE, second_cookie, path="/api/v1/auth/session")
    assert (await client.post(f"{SESSION_URL}/refresh", headers=BROWSER)).status_code == 401
    assert (
        await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"})
    ).status_code == 401


async def test_cookie_routes_refuse_requests_without_the_app_header(client, tenants):
    tenant = await tenants.make((Role.TRAINER,))
    email = tenant.user("trainer").email
    no_header = await client.post(SESSION_URL, json={"email": email, "password": PASSWORD})
    assert no_header.status_code == 403
    assert no_header.json()["type"] == "urn:kokoma:problem:csrf-header-missing"
    assert "set-cookie" not in no_header.headers

    signed_in = await _sign_in(client, email)
    access = signed_in.json()["access_token"]
    # A cross-site form post carries the cookie (in browsers without SameSite) but no header.
    for path in ("/refresh", "/logout"):
        refused = await client.post(f"{SESSION_URL}{path}")
        assert refused.status_code == 403, path
    me = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"})
    assert me.status_code == 200


async def test_refresh_without_a_cookie_says_there_is_no_session(client):
    response = await client.post(f"{SESSION_URL}/refresh", headers=BROWSER)
    assert response.status_code == 401
    assert response.json()["type"] == "urn:kokoma:problem:no-session"
    assert response.json()["detail"].startswith("Es gibt keine Sitzung")


async def test_logout_ends_the_session_on_the_server_and_clears_the_cookie(client, tenants):
    tenant = await tenants.make((Role.STEERING_GROUP,))
    signed_in = await _sign_in(client, tenant.user("steering_group").email)
    access = signed_in.json()["access_token"]
    cookie = client.cookies.get(COOKIE)

    out = await client.post(f"{SESSION_URL}/logout", headers=BROWSER)
    assert out.status_code == 200
    assert out.json() == {"provider_logout_url": None}
    cleared = _set_cookie(out)[COOKIE]
    assert cleared["max-age"] == "0"
    assert cleared["path"] == "/api/v1/auth/session"
    assert client.cookies.get(COOKIE) is None
    assert (
        await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"})
    ).status_code == 401
    client.cookies.set(COOKIE, cookie, path="/api/v1/auth/session")
    assert (await client.post(f"{SESSION_URL}/refresh", headers=BROWSER)).status_code == 401


async def test_wrong_password_sets_no_cookie(client, tenants):
    tenant = await tenants.make((Role.TRAINER,))
    response = await _sign_in(client, tenant.user("trainer").email, "Falsches-Passwort-123")
    assert response.status_code == 401
    assert "set-cookie" not in response.headers


async def test_plain_http_installation_drops_secure_and_the_prefix(app, tenants, settings):
    local = settings.model_copy(update={"public_url": "http://127.0.0.1:8000"})
    tenant = await tenants.make((Role.TRAINER,))
    app.dependency_overrides[get_app_settings] = lambda: local
    try:
        async with AsyncClient(
            transport=ASGITransport(app=app), base_url="http://127.0.0.1:8000"
        ) as http:
            response = await _sign_in(http, tenant.user("trainer").email)
            assert response.status_code == 200
            cookie = _set_cookie(response)["kokoma_refresh"]
            assert not cookie["secure"]
            assert cookie["httponly"] is True
            assert cookie["samesite"] == "strict"
            refreshed = await http.post(f"{SESSION_URL}/refresh", headers=BROWSER)
            assert refreshed.status_code == 200
    finally:
        app.dependency_overrides.pop(get_app_settings, None)


async def test_json_token_responses_for_scripts_are_unchanged(client, tenants):
    tenant = await tenants.make((Role.TRAINER,))
    pair = (
        await client.post(
            "/api/v1/auth/token",
            data={"username": tenant.user("trainer").email, "password": PASSWORD},
        )
    ).json()
    assert pair["refresh_token"]
    rotated = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]}
    )
    assert rotated.status_code == 200
    assert rotated.json()["refresh_token"]
    assert client.cookies.get(COOKIE) is None
